// pyproject.toml's [tool.concept-lenses] and suppression comments in the real
// editor: written into the test's copy of the workspace, then removed.
import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { LintSettings } from '../../../extension/vscode/lintSettings';
import { api, discard, waitFor } from '../helpers';

const RACY = `import asyncio

counter = 0
hits = 0


async def bump():
    global counter
    seen = counter
    await asyncio.sleep(0)
    counter = seen + 1


async def hit():
    global hits
    seen = hits
    await asyncio.sleep(0)
    hits = seen + 1  # concept-lenses: ignore[lost-update] -- approximate by design


async def idle():
    await asyncio.sleep(0)  # concept-lenses: ignore -- nothing to ignore here
`;

/** 1-based lines of the hazard lenses (`⚠ N interleaving hazards`) of a document. */
async function hazardLensLines(uri: vscode.Uri): Promise<number[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
  return lenses.filter((l) => l.command?.title.startsWith('⚠')).map((l) => l.range.start.line + 1);
}

suite('interleavings settings from pyproject.toml', () => {
  const created: vscode.Uri[] = [];
  let editor: vscode.TextEditor | undefined;
  teardown(async () => {
    if (editor) await discard(editor);
    editor = undefined;
    for (const uri of created.reverse()) await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
    created.length = 0;
  });

  async function write(folder: vscode.WorkspaceFolder, path: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(folder.uri, path);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    created.push(uri);
    return uri;
  }

  test('reading settings that change nothing announces no change; a changed pyproject.toml does', async () => {
    await api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const settings = new LintSettings();
    let changes = 0;
    const listening = settings.onDidChange(() => {
      changes++;
    });
    try {
      await settings.loaded;
      // The workspace has no pyproject.toml: its defaults are what applied before the read.
      assert.equal(changes, 0, 'the first read of a folder without settings re-lints nothing');
      await write(folder, 'pyproject.toml', '[tool.concept-lenses]\nexclude = ["excluded"]\n');
      await waitFor(() => changes === 1, 'a changed pyproject.toml is announced', 10_000);
    } finally {
      listening.dispose();
      settings.dispose();
    }
  });

  test('severity per kind, suppressions (a stale one shown as a hint) and exclude apply to the diagnostics', async () => {
    await api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const probe = await write(folder, 'lint_probe.py', RACY);
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(probe));
    const ours = () => vscode.languages.getDiagnostics(probe).filter((d) => d.source === 'Concept Lenses interleavings');
    await waitFor(() => ours().length === 2, 'the hazard and the stale suppression, the suppressed hazard left out', 10_000);
    // The hazard lens counts what the Problems panel shows: bump's hazard, not hit's suppressed one.
    assert.deepEqual(await hazardLensLines(probe), [7]);
    await write(folder, 'pyproject.toml', '[tool.concept-lenses]\nexclude = ["excluded"]\n\n[tool.concept-lenses.severity]\nlost-update = "error"\n');
    await waitFor(
      () => ours().some((d) => d.code === 'lost-update' && d.severity === vscode.DiagnosticSeverity.Error),
      'lost-update shown as an error once pyproject.toml says so',
      10_000,
    );
    const diagnostics = ours();
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line + 1, d.severity]).sort(),
      [
        ['lost-update', 11, vscode.DiagnosticSeverity.Error],
        ['unused-suppression', 22, vscode.DiagnosticSeverity.Hint],
      ].sort(),
    );
    assert.deepEqual(diagnostics.find((d) => d.code === 'unused-suppression')?.tags, [vscode.DiagnosticTag.Unnecessary]);
    await discard(editor);
    editor = undefined;

    const excluded = await write(folder, 'excluded/probe.py', RACY);
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(excluded));
    // The same text outside the exclusion is diagnosed within this time.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.deepEqual(vscode.languages.getDiagnostics(excluded), []);
    assert.deepEqual(await hazardLensLines(excluded), []);
  });
});
