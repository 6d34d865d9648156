// The concept ladder opens as a webview beside the Python file, on the function
// at the cursor or on the one a lens names.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { api, discard, exampleUri, openExample, openUntitledPython, waitFor } from '../helpers';

const VIEW_TYPE = 'conceptLenses.ladder';

function ladderTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

suite('concept ladder panel', () => {
  test('Show Concept Ladder opens on the function at the cursor, and a lens-style call moves it to another', async () => {
    await api();
    const editor = await openExample('inventory.py');
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('def ask_warehouse('));
    assert.ok(line >= 0, 'inventory.py defines ask_warehouse');
    editor.selection = new vscode.Selection(line + 1, 4, line + 1, 4);
    assert.equal(ladderTabs().length, 0);
    await vscode.commands.executeCommand('conceptLenses.showLadder');
    await waitFor(() => ladderTabs()[0]?.label === 'Ladder: ask_warehouse', 'the ladder tab on ask_warehouse', 10_000);
    await vscode.commands.executeCommand('conceptLenses.showLadder', exampleUri('inventory.py'), 'price');
    await waitFor(() => ladderTabs()[0]?.label === 'Ladder: price', 'the same tab on price', 10_000);
    assert.equal(ladderTabs().length, 1, 'one ladder panel, reused');
    await vscode.window.tabGroups.close(ladderTabs());
    await discard(editor);
  });

  test('at column 1 of an indented def the ladder shows that def, not the one before it', async () => {
    await api();
    const source = ['class Shop:', '    def first(self, k):', '        return k(1)', '', '    def second(self, k):', '        return k(2)', ''].join('\n');
    const editor = await openUntitledPython(source);
    editor.selection = new vscode.Selection(4, 0, 4, 0);
    await vscode.commands.executeCommand('conceptLenses.showLadder');
    await waitFor(() => ladderTabs()[0]?.label === 'Ladder: Shop.second', `the ladder on Shop.second, not ${ladderTabs()[0]?.label ?? 'nothing'}`, 10_000);
    await vscode.window.tabGroups.close(ladderTabs());
    await discard(editor);
  });
});
