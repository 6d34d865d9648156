// Who the panel talks to: VS Code (messages and webview state through
// acquireVsCodeApi) or nobody, in the standalone file, where the data is
// embedded in the page and "reveal" just shows the line in place.
import type { Guard } from '../guards';
import { isHostMessage, isPanelState, type HostMessage, type PanelMessage, type PanelState } from '../protocol';
import { DATA_ELEMENT_ID } from '../render/document';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

/** One panel's channel: `In` from the host, `Out` to it, `State` kept across reloads. */
export interface Channel<In, Out, State> {
  /** True inside VS Code: reveal and highlight reach an editor. */
  readonly connected: boolean;
  post(message: Out): void;
  restoreState(): State | undefined;
  saveState(state: State): void;
  /** Calls `listener` with every valid message; invalid ones are dropped, logged and reported to `onInvalid`. */
  listen(listener: (message: In) => void, onInvalid?: () => void): void;
}

export type Host = Channel<HostMessage, PanelMessage, PanelState>;

export function connectHost(): Host {
  return connectChannel<HostMessage, PanelMessage, PanelState>(isHostMessage, isPanelState);
}

/** The channel of a panel whose host messages pass `isMessage` and whose saved state passes `isState`. */
export function connectChannel<In, Out, State>(isMessage: Guard<In>, isState: Guard<State>): Channel<In, Out, State> {
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  const listen = (listener: (message: In) => void, onInvalid?: () => void): void => {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isMessage(event.data)) {
        listener(event.data);
        return;
      }
      console.warn('Concept Lenses: ignored a malformed message from the host');
      onInvalid?.();
    });
  };
  if (api) {
    return {
      connected: true,
      post: (message) => {
        api.postMessage(message);
      },
      restoreState: () => {
        const state = api.getState();
        return isState(state) ? state : undefined;
      },
      saveState: (state) => {
        api.setState(state);
      },
      listen,
    };
  }
  return {
    connected: false,
    post: () => undefined,
    restoreState: () => undefined,
    saveState: () => undefined,
    listen: (listener, onInvalid) => {
      listen(listener, onInvalid);
      const embedded = readEmbedded(isMessage);
      if (embedded) listener(embedded);
      else if (document.getElementById(DATA_ELEMENT_ID)) onInvalid?.();
    },
  };
}

function readEmbedded<In>(isMessage: Guard<In>): In | undefined {
  const text = document.getElementById(DATA_ELEMENT_ID)?.textContent;
  if (!text) return undefined;
  try {
    const data: unknown = JSON.parse(text);
    return isMessage(data) ? data : undefined;
  } catch {
    return undefined;
  }
}
