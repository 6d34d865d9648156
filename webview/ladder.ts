// The concept ladder panel in the browser: draws what the host sends with the
// pure renderer, asks the host to apply a rung's conversion or to show the
// function, and keeps the file and function for the serializer.
import { connectChannel } from './browser/host';
import { showNotice } from './browser/notice';
import {
  isLadderHostMessage,
  isLadderPanelState,
  LADDER_RUNGS,
  type LadderHostMessage,
  type LadderPanelMessage,
  type LadderPanelState,
} from './protocol';
import { renderLadder } from './render/ladderView';

const host = connectChannel<LadderHostMessage, LadderPanelMessage, LadderPanelState>(isLadderHostMessage, isLadderPanelState);
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('ladder panel: #root is missing');
const root: HTMLElement = rootElement;

let lastDrawn = '';
let nextRequest = 1;
/** While the file does not parse the ladder shown is the last good one: nothing may be applied or revealed from it. */
let stale = false;

function onHostMessage(message: LadderHostMessage): void {
  switch (message.type) {
    case 'update': {
      // An edit that changes no column (a comment elsewhere) leaves the DOM, and open helpers, alone.
      stale = message.content.kind === 'ladder' && message.content.stale !== undefined;
      const drawn = JSON.stringify(message.content);
      if (drawn !== lastDrawn) {
        lastDrawn = drawn;
        root.innerHTML = renderLadder(message.content);
      }
      const fn = message.content.kind === 'ladder' ? message.content.ladder.function : null;
      host.saveState({ documentUri: message.documentUri, function: fn });
      return;
    }
    case 'applyResult':
      for (const button of root.querySelectorAll<HTMLButtonElement>('[data-apply]')) button.disabled = stale;
      if (!message.ok) showNotice(message.message);
  }
}

root.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : undefined;
  const apply = target?.closest<HTMLButtonElement>('[data-apply]');
  const rung = LADDER_RUNGS.find((r) => r === apply?.dataset['apply']);
  if (apply && rung) {
    if (!host.connected || stale) return;
    // One request at a time: the host's edit re-draws the ladder.
    for (const button of root.querySelectorAll<HTMLButtonElement>('[data-apply]')) button.disabled = true;
    host.post({ type: 'apply', id: nextRequest++, rung });
    return;
  }
  const line = Number(target?.closest('[data-line]')?.getAttribute('data-line'));
  if (Number.isSafeInteger(line) && line >= 1 && host.connected && !stale) host.post({ type: 'reveal', line });
});

host.listen(onHostMessage);
host.post({ type: 'ready' });
