import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHostMessage } from '../../../webview/protocol';
import { DATA_ELEMENT_ID, jsonForScript, standaloneDocument, webviewShell } from '../../../webview/render/document';
import { bankView, mapStrings } from './fixtures';

const CSP = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/;

/** The policy as the browser reads it (the attribute's quotes are escaped). */
function policyOf(page: string): string {
  return (CSP.exec(page)?.[1] ?? '').replace(/&#39;/g, "'");
}

test("the webview shell allows only the extension's stylesheet and the nonce'd script", () => {
  const page = webviewShell({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/panel.css',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/panel.js',
    nonce: 'abc123',
  });
  const csp = policyOf(page);
  assert.match(csp, /^default-src 'none';/);
  assert.match(csp, /script-src 'nonce-abc123';/);
  assert.match(csp, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net;/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  const scripts = [...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(scripts, ['<script nonce="abc123" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/panel.js">']);
  assert.doesNotMatch(page, /\sstyle="/, 'no inline style attribute: the CSP would refuse it');
});

test('the standalone file inlines style and script under its nonce and embeds the data safely', () => {
  const hostile = '</script><script>alert(1)</script><!-- \u2028';
  const view = mapStrings(bankView(), (text) => text + hostile);
  const page = standaloneDocument(
    { kind: 'model', model: view },
    { css: 'body { color: red; }', script: 'console.log("</script>");', nonce: 'n0nce' },
  );
  const csp = policyOf(page);
  assert.equal(csp, "default-src 'none'; style-src 'nonce-n0nce'; script-src 'nonce-n0nce';");
  // Exactly three raw-text elements open and close: the style, the data and the script.
  assert.equal(page.match(/<script\b/g)?.length, 2);
  assert.equal(page.match(/<\/script>/g)?.length, 2);
  assert.match(page, /<style nonce="n0nce">\nbody \{ color: red; \}\n<\/style>/);
  assert.match(page, /<script nonce="n0nce">console\.log\("<\\\/script>"\);<\/script>/);
  const data = new RegExp(`<script type="application/json" id="${DATA_ELEMENT_ID}">([^<]*)</script>`).exec(page)?.[1];
  assert.ok(data !== undefined);
  const message: unknown = JSON.parse(data);
  assert.ok(isHostMessage(message));
  assert.deepEqual(message, { type: 'update', content: { kind: 'model', model: view }, documentUri: null });
  assert.doesNotMatch(page, /<!--|\u2028/);
  assert.doesNotMatch(page, /\sstyle="/);
});

test('jsonForScript output parses back to the same value and never contains < > & or line separators', () => {
  const value = { a: '</script>', b: '<!--', c: '&amp;', d: '\u2028\u2029', e: ['>', 1, null] };
  const json = jsonForScript(value);
  assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
  assert.deepEqual(JSON.parse(json), value);
});
