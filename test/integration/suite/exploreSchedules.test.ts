// Explore Schedules in the real extension host: the lens above `async def main`
// in a trusted workspace, the command's manifest gating, the refusal to run a
// file that is not saved on disk (nothing runs, no panel opens), and a real
// exploration of examples/bank.py with python3 whose outcomes the panel shows.
import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { api, discard, openExample, openUntitledPython, waitFor } from '../helpers';

const EXPLORE = 'conceptLenses.exploreSchedules';

function schedulesTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('conceptLenses.schedules'));
}

async function exploreLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  await api();
  const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 1000);
  return found.filter((l) => l.command?.command === EXPLORE);
}

suite('explore schedules', () => {
  let editor: vscode.TextEditor | undefined;
  teardown(async () => {
    await vscode.window.tabGroups.close(schedulesTabs());
    await vscode.workspace.getConfiguration('conceptLenses.explore').update('confirmed', undefined, vscode.ConfigurationTarget.Global);
    if (editor) await discard(editor);
    editor = undefined;
  });

  test('a lens above async def main, and only there, in a trusted workspace', async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'the test workspace is trusted');
    editor = await openExample('bank.py');
    const { document } = editor;
    const lenses = await exploreLenses(document);
    const main = document.getText().split('\n').findIndex((t) => /^async def main\(/.test(t));
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [[main, '▶ Explore schedules']],
    );
    const args: unknown[] = lenses[0]?.command?.arguments ?? [];
    const [uri] = args;
    assert.ok(uri instanceof vscode.Uri && uri.toString() === document.uri.toString());
  });

  test('the command is contributed only for trusted workspaces', async () => {
    await api();
    const manifest = vscode.extensions.getExtension('concept-lenses.concept-lenses')?.packageJSON as {
      contributes: { commands: { command: string; enablement?: string }[] };
      capabilities: { untrustedWorkspaces: { supported: unknown } };
    };
    const command = manifest.contributes.commands.find((c) => c.command === EXPLORE);
    assert.equal(command?.enablement, 'isWorkspaceTrusted');
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok((await vscode.commands.getCommands(true)).includes(EXPLORE));
  });

  test('an unsaved file is refused before anything runs', async () => {
    editor = await openUntitledPython('import asyncio\n\nasync def main():\n    print(1)\n\nasyncio.run(main())\n');
    await vscode.commands.executeCommand(EXPLORE, editor.document.uri);
    assert.deepEqual(schedulesTabs(), [], 'no panel: nothing was run');
  });

  test('once confirmed, the command runs the saved file and the panel shows its outcomes and the hazard verdict', async function () {
    this.timeout(120_000);
    const { schedules } = await api();
    await vscode.workspace.getConfiguration('conceptLenses.explore').update('confirmed', true, vscode.ConfigurationTarget.Global);
    const editor = await openExample('bank.py');
    try {
      await vscode.commands.executeCommand(EXPLORE, editor.document.uri);
      const shown = schedules.shown();
      assert.ok(shown?.kind === 'explore', `the panel shows outcomes: ${JSON.stringify(shown)}`);
      const { view } = shown;
      assert.ok(view.exhausted && view.outcomes.length >= 2, `${String(view.outcomes.length)} outcomes`);
      assert.ok(view.outcomes.every((o) => o.stdout.startsWith('expected balance: 100\n')));
      assert.ok(new Set(view.outcomes.map((o) => o.stdout)).size === view.outcomes.length);
      const lanes = new Set(view.outcomes.flatMap((o) => o.tasks));
      assert.ok(lanes.has('Account.withdraw') && lanes.has('Account.withdraw#2') && lanes.has('main'), [...lanes].join(', '));
      assert.ok(view.outcomes.some((o) => o.steps.some((s) => s.writes.some((w) => w.name === 'self.balance'))), 'the values written are captured');
      assert.ok(view.hazards.length >= 1, 'the static hazard of withdraw is checked');
      assert.ok(view.hazards.some((h) => h.status === 'confirmed' && h.text.startsWith('confirmed: prints ')), JSON.stringify(view.hazards));
      // The workbench's tab model catches up with a new panel asynchronously.
      await waitFor(() => schedulesTabs().length === 1, 'the Schedules tab');
      assert.equal(schedulesTabs()[0]?.label, 'Schedules: bank.py');
    } finally {
      await vscode.window.tabGroups.close(schedulesTabs());
      await vscode.workspace.getConfiguration('conceptLenses.explore').update('confirmed', undefined, vscode.ConfigurationTarget.Global);
      await discard(editor);
    }
  });
});
