// The workspace index in the real extension host: files nobody opened are read
// through workspace.fs, so a caller in another file is seen — and the
// async/await rung refuses to break it, naming that file and line.
import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { api, codeActionsAt, exampleUri, hostParses } from '../helpers';

const TO_ASYNC = vscode.CodeActionKind.RefactorRewrite.append('conceptLenses').append('toAsync');

suite('workspace index', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a caller in an unopened workspace file is found, and converting its callee alone is refused naming it', async () => {
    const orders = exampleUri('shop/orders.py');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === orders.toString()), 'orders.py is not open');
    const document = await vscode.workspace.openTextDocument(exampleUri('shop/stock.py'));
    await vscode.window.showTextDocument(document);
    const { workspace } = await api();
    await workspace.ready;
    await hostParses(); // the host's model parses only once the API has loaded the grammar

    const stock = workspace.moduleOf(document);
    assert.ok(stock, 'stock.py is a module of the workspace');
    assert.equal(stock.name, 'shop.stock');
    const reserve = workspace.model.fileOf(stock)?.functions.named('reserve')[0];
    assert.ok(reserve);
    const uses = workspace.model.usesOf(stock, reserve).map((u) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(u.path))}:${String(u.line)}:${u.kind}`);
    assert.deepEqual(uses, ['shop/orders.py:4:import', 'shop/orders.py:11:call']);

    // Enabled actions only come back from the command: converting reserve alone must not be among them.
    const line = reserve.line - 1;
    const actions = await codeActionsAt(document, new vscode.Range(line, 4, line, 4), TO_ASYNC);
    assert.ok(!actions.some((a) => a.title === 'Convert reserve to async/await'), `offered: ${actions.map((a) => a.title).join(' | ')}`);
    // The lens says why, naming the caller's file and line.
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
    const lens = lenses.find((l) => l.command?.title.includes('not → async/await: reserve '));
    assert.ok(lens?.command, `lenses: ${lenses.map((l) => l.command?.title ?? '?').join(' | ')}`);
    assert.equal(lens.command.command, '', 'a refused rung is not clickable');
    // The API hands back no tooltip for a lens without a command; the title carries the start of the reason.
    assert.match(lens.command.title, /not → async\/await: reserve is called in shop\/orders\.py/);
  });

  test('the project model answers about an edited open document from the editor\'s parse, not a second one', async () => {
    const document = await vscode.workspace.openTextDocument(exampleUri('shapes.py'));
    const editor = await vscode.window.showTextDocument(document);
    const { workspace } = await api();
    const cache = await hostParses();
    const edited = await editor.edit((b) => {
      b.insert(new vscode.Position(0, 0), '# edited\n');
    });
    assert.ok(edited);
    const editorParse = cache.get(document);
    const module = workspace.moduleOf(document);
    assert.ok(module, 'shapes.py is a module of the workspace');
    assert.equal(module.text, document.getText(), 'the model has the unsaved text');
    // A child's id is its subtree's address: equal only when the model shares the editor's tree.
    assert.equal(workspace.model.fileOf(module)?.root.child(0)?.id, editorParse.root.child(0)?.id, 'the model parsed the document again');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
