// The interleaving panel opens as a webview beside the Python file.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { api, discard, openExample, waitFor } from '../helpers';

const VIEW_TYPE = 'conceptLenses.interleavings';

function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

suite('interleaving panel', () => {
  test('Show Interleavings opens the panel for the active Python file', async () => {
    await api();
    const editor = await openExample('bank.py');
    assert.equal(panelTabs().length, 0);
    await vscode.commands.executeCommand('conceptLenses.showInterleavings');
    await waitFor(() => panelTabs().length === 1, 'the interleaving panel tab', 10_000);
    await vscode.window.tabGroups.close(panelTabs());
    await discard(editor);
  });

  test('there is never a second interleaving panel: racing commands share one, and a stray copy is closed', async () => {
    await api();
    const editor = await openExample('bank.py');
    await Promise.all([
      vscode.commands.executeCommand('conceptLenses.showInterleavings', editor.document.uri),
      vscode.commands.executeCommand('conceptLenses.showInterleavings', editor.document.uri),
      vscode.commands.executeCommand('conceptLenses.showInterleavings'),
    ]);
    await waitFor(() => panelTabs().length === 1, 'one interleaving panel', 10_000);
    // A panel of the same type that the extension does not own (as a restore without its owner leaves).
    const stray = vscode.window.createWebviewPanel(VIEW_TYPE, 'Interleavings', { viewColumn: vscode.ViewColumn.Three, preserveFocus: true });
    await waitFor(() => panelTabs().length === 2, 'the stray panel', 10_000);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('conceptLenses.showInterleavings');
    await waitFor(() => panelTabs().length === 1, `one interleaving panel, not ${String(panelTabs().length)}`, 10_000);
    stray.dispose();
    await vscode.window.tabGroups.close(panelTabs());
    await discard(editor);
  });
});
