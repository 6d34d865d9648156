// The two HTML documents around the panel: the webview's shell (scripts by
// nonce, styles from the extension's files) and the standalone offline file
// of `concept-lenses interleavings --html` (style, script and data inlined).
// Both carry a strict Content-Security-Policy with `default-src 'none'`.
import type { HostMessage, PanelContent } from '../protocol';
import { html, Markup } from './markup';
import { renderPanel } from './panelView';

/** Where the panel's data sits in a standalone file, as JSON. */
export const DATA_ELEMENT_ID = 'cl-data';

export interface ShellOptions {
  /** The webview's `cspSource`. */
  readonly cspSource: string;
  readonly styleUri: string;
  readonly scriptUri: string;
  readonly nonce: string;
  /** The page's title (default: the interleaving panel's). */
  readonly title?: string;
}

export function webviewShell(options: ShellOptions): string {
  const csp = `default-src 'none'; style-src ${options.cspSource}; font-src ${options.cspSource}; script-src 'nonce-${options.nonce}';`;
  return page(
    csp,
    options.title ?? 'Interleavings',
    html`<link rel="stylesheet" href="${options.styleUri}">`,
    html`<div id="root" class="root"><p class="loading muted">Reading the file…</p></div>
<script nonce="${options.nonce}" src="${options.scriptUri}"></script>`,
  );
}

export interface StandaloneAssets {
  readonly css: string;
  readonly script: string;
  readonly nonce: string;
}

export function standaloneDocument(content: PanelContent, assets: StandaloneAssets): string {
  const csp = `default-src 'none'; style-src 'nonce-${assets.nonce}'; script-src 'nonce-${assets.nonce}';`;
  const message: HostMessage = { type: 'update', content, documentUri: null };
  const title = content.kind === 'model' ? `Interleavings: ${content.model.file}` : 'Interleavings';
  // Everything is visible without the script; the script adds the stepper and hover cards.
  const initial = renderPanel(content, { hazard: 0, step: Number.MAX_SAFE_INTEGER });
  return page(
    csp,
    title,
    html`<style nonce="${assets.nonce}">
${new Markup(assets.css.replace(/<\/style/gi, '<\\/style'))}
</style>`,
    html`<div id="root" class="root standalone">${new Markup(initial)}</div>
<script type="application/json" id="${DATA_ELEMENT_ID}">${new Markup(jsonForScript(message))}</script>
<script nonce="${assets.nonce}">${new Markup(assets.script.replace(/<\/script/gi, '<\\/script'))}</script>`,
  );
}

function page(csp: string, title: string, head: Markup, body: Markup): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
</head>
<body>
${body}
</body>
</html>
`.html;
}

/** JSON that cannot end its <script> element or open a comment: `<`, `>`, `&` and line separators escaped. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
