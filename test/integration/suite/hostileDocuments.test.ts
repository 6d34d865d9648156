// A hostile document open in the editor costs a skipped analysis, not a
// frozen extension host: a file too large to analyse and one nested too deep
// get no lenses, hover or diagnostics, while typing in another file still
// gets its lenses, and the host's thread is never held for long.
import * as assert from 'node:assert/strict';
import { suite, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { MAX_ANALYSED_CHARS } from '../../../extension/vscode/analysisLimits';
import { andChain, manyCoroutines } from '../../hostile/generators';
import { api, discard, openUntitledPython } from '../helpers';

/** The longest the host's event loop went without running a 10 ms timer, while `during` runs. */
async function longestStall(during: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  try {
    await during();
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    clearInterval(timer);
  }
  return longest;
}

function lensesOf(document: vscode.TextDocument): Thenable<vscode.CodeLens[]> {
  return vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
}

function ourDiagnostics(document: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(document.uri).filter((d) => d.source?.startsWith('Concept Lenses') === true);
}

suite('hostile documents', () => {
  const opened: vscode.TextEditor[] = [];
  suiteTeardown(async () => {
    for (const editor of opened.reverse()) await discard(editor);
  });

  test('a huge and a too-deep document are skipped, while typing elsewhere still gets lenses promptly', async () => {
    await api();
    // Each coroutine of 50 steps is about 3,000 characters.
    const huge = manyCoroutines(Math.ceil((MAX_ANALYSED_CHARS + 50_000) / 3000), 50);
    assert.ok(huge.length > MAX_ANALYSED_CHARS);
    const deep = `${andChain(5000)}\ndef gen():\n    yield 1\n`;
    const stall = await longestStall(async () => {
      opened.push(await openUntitledPython(huge));
      const hugeDocument = opened[opened.length - 1]?.document;
      opened.push(await openUntitledPython(deep));
      const deepDocument = opened[opened.length - 1]?.document;
      assert.ok(hugeDocument && deepDocument);
      assert.deepEqual(await lensesOf(hugeDocument), [], 'the huge document must not be analysed');
      assert.deepEqual(await lensesOf(deepDocument), [], 'the too-deep document must not be analysed');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', hugeDocument.uri, new vscode.Position(2, 12));
      assert.deepEqual(hovers, []);

      const editor = await openUntitledPython('');
      opened.push(editor);
      for (const piece of ['def countdown(n):\n', '    while n > 0:\n', '        yield n\n', '        n -= 1\n']) {
        await editor.edit((b) => {
          b.insert(editor.document.positionAt(editor.document.getText().length), piece);
        });
      }
      const lenses = await lensesOf(editor.document);
      assert.ok(lenses.length > 0, 'the file being typed gets its lenses');
    });
    // A coarse guard, loose enough for a loaded machine: analysing the huge document takes seconds.
    assert.ok(stall < 1500, `the extension host stalled for ${stall.toFixed(0)} ms`);
    // Past the diagnostics' debounce: a hazard at every write would be reported by now if it were analysed.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const editor of opened.slice(0, 2)) assert.deepEqual(ourDiagnostics(editor.document), []);
  });
});
