// Runs first (see ../index.ts): nothing has opened a Python document yet.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { exampleUri, extension, waitFor } from '../helpers';
import { recordMetric } from '../results';

suite('activation', () => {
  test('stays inactive while only non-Python documents are open', async () => {
    assert.equal(extension().isActive, false, 'active before any document was opened');
    const text = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: 'notes.txt' }));
    assert.equal(text.languageId, 'plaintext');
    await vscode.window.showTextDocument(text);
    // Activation events are delivered asynchronously: give a wrong one time to fire.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(extension().isActive, false, 'activated by a plain-text document');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('activates by itself when a Python file is opened', async () => {
    const started = performance.now();
    const document = await vscode.workspace.openTextDocument(exampleUri('shapes.py'));
    assert.equal(document.languageId, 'python');
    await waitFor(() => extension().isActive, 'activation on a Python document');
    recordMetric('activationMs', performance.now() - started);
    // Of that: until the host runs the extension's entry point, until it calls activate(), and activate() itself.
    const { loadStartedAt, calledAt, activatedAt } = extension().exports.activation;
    assert.ok(started <= loadStartedAt && loadStartedAt <= calledAt && calledAt <= activatedAt, 'activation times are stamps of this process');
    recordMetric('activationBeforeLoadMs', loadStartedAt - started);
    recordMetric('activationBeforeCallMs', calledAt - loadStartedAt);
    recordMetric('activationOwnMs', activatedAt - calledAt);
    assert.ok(extension().exports.cache, 'activate() must return the shared document cache');
  });

  test('loads no grammar on the host\'s thread until the API asks for a parse', async () => {
    const document = await vscode.workspace.openTextDocument(exampleUri('shapes.py'));
    await vscode.window.showTextDocument(document);
    // The lenses come from the engine's worker: the features are up and have answered.
    let lenses: vscode.CodeLens[] = [];
    const deadline = performance.now() + 60_000;
    while (lenses.length === 0 && performance.now() < deadline) {
      lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      if (lenses.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(lenses.length > 0, 'no lenses on shapes.py');
    const { cache } = extension().exports;
    assert.equal(cache.loaded, false, 'the host loaded the grammar although only features ran');
    await cache.load();
    assert.ok(cache.get(document).functions.all.length > 0, 'the API parses once load() settles');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
