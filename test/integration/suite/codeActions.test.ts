// Generic checks of the ladder code actions (kind refactor.rewrite.conceptLenses.*):
// each is either disabled with a reason or carries an edit that leaves the
// file parsing cleanly and undoes in one step. Rung-specific cases belong in
// the ladder's own suite files.
import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { applyAndUndo, hostParses, codeActionsAt, discard, exampleUri, openUntitledPython } from '../helpers';

const LADDER = vscode.CodeActionKind.RefactorRewrite.append('conceptLenses');
const TO_ASYNC = LADDER.append('toAsync');

/** A generator-based coroutine in the pre-3.11 style, written for this test. */
const LEGACY_COROUTINE = [
  'import asyncio',
  '',
  '',
  '@asyncio.coroutine',
  'def pause_then_double(x):',
  '    yield from asyncio.sleep(0)',
  '    return x * 2',
  '',
].join('\n');

async function ladderActionsAt(document: vscode.TextDocument, line: number): Promise<vscode.CodeAction[]> {
  return codeActionsAt(document, new vscode.Range(line, 0, line, 0), LADDER);
}

/** 0-based lines of every `def` in the document. */
function defLines(document: vscode.TextDocument): number[] {
  const lines: number[] = [];
  for (let i = 0; i < document.lineCount; i++) if (/^\s*(async\s+)?def\s/.test(document.lineAt(i).text)) lines.push(i);
  return lines;
}

suite('ladder code actions', () => {
  let editor: vscode.TextEditor | undefined;
  teardown(async () => {
    if (editor) await discard(editor);
    editor = undefined;
  });

  test('a generator-based coroutine is offered async/await, which converts it and undoes in one step', async () => {
    editor = await openUntitledPython(LEGACY_COROUTINE);
    const line = LEGACY_COROUTINE.split('\n').findIndex((l) => l.startsWith('def pause_then_double'));
    const offered = (await ladderActionsAt(editor.document, line)).filter((a) => a.kind && TO_ASYNC.contains(a.kind));
    const enabled = offered.filter((a) => !a.disabled);
    assert.ok(enabled.length > 0, `no enabled toAsync action; offered: ${offered.map((a) => a.title).join(' | ')}`);
    for (const action of enabled) {
      const converted = await applyAndUndo(editor, action);
      const file = (await hostParses()).get(editor.document).reparse(converted);
      try {
        const fn = file.functions.all.find((f) => f.name === 'pause_then_double');
        assert.ok(fn?.isAsync, `"${action.title}" did not make pause_then_double async:\n${converted}`);
      } finally {
        file.dispose();
      }
    }
  });

  // An action is enabled only when it applies: then it carries its edit.
  test('on every def of the examples, each action is disabled with a reason or applies cleanly', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '*.py'));
    assert.ok(files.length > 0);
    for (const uri of files) {
      const document = await vscode.workspace.openTextDocument(exampleUri(uri.path.split('/').pop() ?? ''));
      editor = await vscode.window.showTextDocument(document);
      for (const line of defLines(document)) {
        for (const action of await ladderActionsAt(document, line)) {
          if (action.disabled) assert.ok(action.disabled.reason.trim(), `"${action.title}" is disabled without a reason`);
          else {
            assert.ok(action.edit ?? action.command, `"${action.title}" is enabled with nothing to apply`);
            await applyAndUndo(editor, action);
          }
        }
      }
      await discard(editor);
      editor = undefined;
    }
  });
});
