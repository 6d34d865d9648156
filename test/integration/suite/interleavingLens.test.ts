// The lens above hazardous coroutines, and the panel it opens.
import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { api, discard, hostParses, openExample, waitFor } from '../helpers';

const SHOW_INTERLEAVINGS = 'conceptLenses.showInterleavings';
const VIEW_TYPE = 'conceptLenses.interleavings';

/** This feature's lenses: those whose command opens the interleavings panel. */
async function hazardLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  await api();
  const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 1000);
  return found.filter((l) => l.command?.command === SHOW_INTERLEAVINGS).sort((a, b) => a.range.start.line - b.range.start.line);
}

/** 0-based line of `async def <name>` in the document. */
function definitionLine(document: vscode.TextDocument, name: string): number {
  const line = document.getText().split('\n').findIndex((text) => new RegExp(`^\\s*async def ${name}\\(`).test(text));
  assert.ok(line >= 0, `no async def ${name}`);
  return line;
}

function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

suite('interleaving lens', () => {
  let editor: vscode.TextEditor | undefined;
  teardown(async () => {
    await vscode.window.tabGroups.close(panelTabs());
    if (editor) await discard(editor);
    editor = undefined;
  });

  test('a lens above Account.withdraw counts its hazard; safe coroutines get none', async () => {
    editor = await openExample('bank.py');
    const { document } = editor;
    const withdraw = definitionLine(document, 'withdraw');
    const lenses = await hazardLenses(document);
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [[withdraw, '⚠ 1 interleaving hazard · show']],
    );
    for (const safe of ['deposit', 'fraud_check', 'main']) {
      const line = definitionLine(document, safe);
      assert.ok(!lenses.some((l) => l.range.start.line === line), `a hazard lens above the safe coroutine ${safe}`);
    }
    // The argument is a line of the hazard itself (1-based), inside withdraw's body.
    const args: unknown[] = lenses[0]?.command?.arguments ?? [];
    const [uri, line] = args;
    assert.ok(uri instanceof vscode.Uri && uri.toString() === document.uri.toString());
    assert.ok(typeof line === 'number' && line > withdraw + 1 && line <= withdraw + 5, `hazard line ${String(line)}`);
    assert.match(document.lineAt(line - 1).text, /self\.balance/);
  });

  test('while the file does not parse, the lens stays and follows its coroutine', async () => {
    editor = await openExample('bank.py');
    const { document } = editor;
    const withdraw = definitionLine(document, 'withdraw');
    await hazardLenses(document);
    await editor.edit((b) => {
      b.insert(new vscode.Position(0, 0), 'def broken(:\n');
    });
    assert.ok((await hostParses()).get(document).syntaxErrors.length > 0, 'the edit should break the parse');
    const lenses = await hazardLenses(document);
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [[withdraw + 1, '⚠ 1 interleaving hazard · show']],
    );
  });

  test('the lens command opens the interleavings panel', async () => {
    editor = await openExample('bank.py');
    const [lens] = await hazardLenses(editor.document);
    assert.ok(lens?.command);
    assert.equal(panelTabs().length, 0);
    const args: unknown[] = lens.command.arguments ?? [];
    await vscode.commands.executeCommand(lens.command.command, ...args);
    await waitFor(() => panelTabs().length === 1, 'the interleaving panel tab', 10_000);
    const [tab] = panelTabs();
    assert.equal(tab?.label, 'Interleavings: bank.py');
  });
});
