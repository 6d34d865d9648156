// The extension host stays responsive because the heavy engine work runs in
// the engine's worker thread: resolving a lens (a real ladder step) and
// refreshing the interleaving diagnostics are answered by a thread other than
// the host's, which only exchanges messages with it. Speed itself is measured
// in bench/latency.ts; this proves the mechanism.
import * as assert from 'node:assert/strict';
import { threadId } from 'node:worker_threads';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { DiagnosticsPublished } from '../../../extension/vscode/interleavingDiagnostics';
import { INTERLEAVINGS_SOURCE } from '../../../extension/vscode/interleavingDiagnostics';
import { api, discard, exampleUri, openExample, openUntitledPython } from '../helpers';

async function answered(): Promise<{ threadId: number; answered: number }> {
  const where = await (await api()).engine.ask({ kind: 'where' });
  assert.ok(where, 'the worker answered');
  return where;
}

suite('engine worker', () => {
  let editor: vscode.TextEditor | undefined;
  teardown(async () => {
    if (editor) await discard(editor);
    editor = undefined;
  });

  test('lens steps and the interleavings analysis are answered on another thread than the host’s', async () => {
    const extension = await api();
    // The ladder's first rungs: plain functions whose lenses offer CPS. A fresh document: an example opened by an
    // earlier test may still hold its resolved lenses (VS Code keeps a closed document a while).
    const ladder = await openUntitledPython(new TextDecoder().decode(await vscode.workspace.fs.readFile(exampleUri('ladder.py'))));
    const before = await answered();
    assert.notEqual(before.threadId, threadId, 'the worker is a thread of its own');

    // Every concept lens that offers a rung resolved: each is one ladder step in the worker (the others come with their title).
    const listed = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', ladder.document.uri);
    const steps = listed.filter((l) => !l.command).length;
    assert.ok(steps > 0, 'some lenses of ladder.py offer a rung');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', ladder.document.uri, 1000);
    assert.ok(lenses.length === listed.length && lenses.every((l) => l.command?.title.trim()), `every concept lens is resolved: ${lenses.map((l) => l.command?.title ?? '').join(' | ')}`);
    const afterLenses = await answered();
    assert.ok(afterLenses.answered - before.answered >= steps, `${String(steps)} lens steps, ${String(afterLenses.answered - before.answered)} answers from the worker`);
    await discard(ladder);

    // Racy on purpose: Account.withdraw reads the balance, awaits, and writes it back.
    editor = await openExample('bank.py');
    const { document } = editor;

    // An edit: the diagnostics for its version come from the worker too.
    const version = document.version + 1;
    const published = new Promise<void>((resolve) => {
      const waiting = extension.onDidPublishDiagnostics((e: DiagnosticsPublished) => {
        if (e.uri.toString() === document.uri.toString() && e.version >= version) {
          waiting.dispose();
          resolve();
        }
      });
    });
    await editor.edit((b) => {
      b.insert(new vscode.Position(document.lineCount - 1, 0), '\n');
    });
    await published;
    const diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === INTERLEAVINGS_SOURCE);
    assert.ok(diagnostics.some((d) => d.message.includes('balance')), 'the hazard on the balance is diagnosed');
    assert.ok((await answered()).answered > afterLenses.answered, 'the diagnostics were the worker’s answer');
  });
});
