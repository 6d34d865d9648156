// Generic checks of the concept CodeLenses and hovers on the examples; each
// feature's own behaviour belongs in its own suite file.
import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { api, definitionStartLines, discard, openExample } from '../helpers';

async function resolvedLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  await api();
  // The second argument asks VS Code to resolve that many lenses, as the editor does.
  return vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 1000);
}

function hoverText(hover: vscode.Hover): string {
  return hover.contents.map((c) => (c instanceof vscode.MarkdownString ? c.value : JSON.stringify(c))).join('\n');
}

suite('CodeLens and hover', () => {
  let editor: vscode.TextEditor | undefined;
  teardown(async () => {
    if (editor) await discard(editor);
    editor = undefined;
  });

  test('lenses sit on definitions and each has a title', async () => {
    editor = await openExample('shapes.py');
    const lenses = await resolvedLenses(editor.document.uri);
    assert.ok(lenses.length > 0, 'no CodeLens on a file with a generator, a closure and a decorator');
    const starts = definitionStartLines(editor.document);
    for (const lens of lenses) {
      assert.ok(starts.has(lens.range.start.line), `lens on line ${String(lens.range.start.line + 1)}, not a definition`);
      assert.ok(lens.command?.title.trim(), `lens on line ${String(lens.range.start.line + 1)} has no title`);
    }
  });

  test('the name of each function with a lens has a hover', async () => {
    editor = await openExample('shapes.py');
    const { document } = editor;
    const lenses = await resolvedLenses(document.uri);
    assert.ok(lenses.length > 0);
    for (const lens of lenses) {
      let line = lens.range.start.line;
      while (!/^\s*(async\s+)?(def|class)\s/.test(document.lineAt(line).text)) line++;
      const match = /(def|class)\s+(\w+)/.exec(document.lineAt(line).text);
      assert.ok(match?.[2]);
      const at = new vscode.Position(line, document.lineAt(line).text.indexOf(match[2], match.index + match[1]!.length) + 1);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
      assert.ok(
        hovers.some((h) => hoverText(h).trim().length > 0),
        `no hover on ${match[2]} (line ${String(line + 1)})`,
      );
    }
  });
});
