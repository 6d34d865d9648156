// The generator → async/await rung in the real editor: what is offered at a
// function, the "with its callers" variant, and the whole-file action.
// vscode.executeCodeActionProvider hands back only enabled actions, so a
// refused conversion shows here as the missing single-function action (its
// disabled reason is the engine's refusal, covered by the unit tests).
import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { codeActionsAt, discard, lineOf, openUntitledPython } from '../helpers';

const TO_ASYNC = vscode.CodeActionKind.RefactorRewrite.append('conceptLenses').append('toAsync');

function toAsyncActions(document: vscode.TextDocument, line: number): Promise<vscode.CodeAction[]> {
  return codeActionsAt(document, new vscode.Range(line, 4, line, 4), TO_ASYNC);
}

suite('generator → async/await actions', () => {
  let editor: vscode.TextEditor | undefined;
  teardown(async () => {
    if (editor) await discard(editor);
    editor = undefined;
  });

  test('a Tornado coroutine called without yield is offered neither alone nor in a whole-file action', async () => {
    editor = await openUntitledPython(
      ['from tornado import gen', '', '@gen.coroutine', 'def log(text):', '    yield gen.moment', '', 'def start():', '    log("x")', ''].join('\n'),
    );
    const actions = await toAsyncActions(editor.document, lineOf(editor.document, 'def log'));
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles, []);
  });

  test('a function its generator callers block is offered with them, and that converts both', async () => {
    editor = await openUntitledPython(
      ['import asyncio', '', '@asyncio.coroutine', 'def leaf():', '    yield from asyncio.sleep(0)', '', 'def caller():', '    yield from leaf()', ''].join('\n'),
    );
    const { document } = editor;
    const actions = await toAsyncActions(document, lineOf(document, 'def leaf'));
    assert.ok(!actions.some((a) => a.title === 'Convert leaf to async/await'), 'leaf alone is refused');
    const both = actions.find((a) => a.title === 'Convert leaf with its callers in the module to async/await');
    assert.ok(both?.edit && !both.disabled, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(both.edit));
    assert.equal(document.getText(), ['import asyncio', '', 'async def leaf():', '    await asyncio.sleep(0)', '', 'async def caller():', '    await leaf()', ''].join('\n'));
  });

  test('"in this file" counts the functions it converts and converts them', async () => {
    editor = await openUntitledPython(
      ['import asyncio', '', '@asyncio.coroutine', 'def a():', '    yield from asyncio.sleep(0)', '', '@asyncio.coroutine', 'def b():', '    yield from a()', ''].join('\n'),
    );
    const { document } = editor;
    const actions = await toAsyncActions(document, lineOf(document, 'def b'));
    const whole = actions.find((a) => a.title === 'Convert 2 functions in this file to async/await');
    assert.ok(whole?.edit, `offered: ${actions.map((a) => `${a.title} (${a.edit ? 'edit' : 'no edit'})`).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(whole.edit));
    assert.equal(document.getText(), ['import asyncio', '', 'async def a():', '    await asyncio.sleep(0)', '', 'async def b():', '    await a()', ''].join('\n'));
  });
});
