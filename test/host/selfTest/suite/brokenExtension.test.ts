// Written as if the fixture worked: one case holds, two must come back red.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { exampleUri } from '../../../integration/helpers';

const FIXTURE = 'concept-lenses-test.broken-fixture';

suite('broken fixture', () => {
  test('activates on a Python file', async () => {
    await vscode.workspace.openTextDocument(exampleUri('shapes.py'));
    const fixture = vscode.extensions.getExtension(FIXTURE);
    assert.ok(fixture);
    await fixture.activate();
    assert.ok(fixture.isActive);
  });

  test('offers a code action', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      exampleUri('shapes.py'),
      new vscode.Range(0, 0, 0, 0),
    );
    assert.ok(actions.length > 0, 'no code action offered');
  });

  test('runs its command', async () => {
    await vscode.commands.executeCommand('brokenFixture.explode');
  });
});
