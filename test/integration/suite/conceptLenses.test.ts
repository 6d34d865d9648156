// The concept lenses, hover and snippets in the real extension host.
import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { api, discard, openUntitledPython, waitFor } from '../helpers';

const SOURCE = [
  'import asyncio',
  '',
  '',
  '@asyncio.coroutine',
  'def pause_then_double(x):',
  '    yield from asyncio.sleep(0)',
  '    return x * 2',
  '',
  '',
  'def countdown(n):',
  '    while n > 0:',
  '        yield n',
  '        n -= 1',
  '',
].join('\n');

const SHOW_LADDER = 'conceptLenses.showLadder';

async function allLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  await api();
  const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 1000);
  return found.filter((l) => l.command !== undefined).sort((a, b) => a.range.start.line - b.range.start.line);
}

/** The concept lenses: this extension's lenses whose titles are concept names (not "Show ladder"). */
async function lenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  return (await allLenses(document)).filter((l) => l.command?.command !== SHOW_LADDER);
}

async function setting(key: 'enabled' | 'concepts', value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('conceptLenses.lenses').update(key, value, vscode.ConfigurationTarget.Global);
}

suite('concept lenses', () => {
  let editor: vscode.TextEditor | undefined;
  teardown(async () => {
    await setting('enabled', undefined);
    await setting('concepts', undefined);
    if (editor) await discard(editor);
    editor = undefined;
  });

  test('a lens above each labelled definition names its concepts and the next rung', async () => {
    editor = await openUntitledPython(SOURCE);
    const found = await lenses(editor.document);
    assert.deepEqual(
      found.map((l) => [l.range.start.line, l.command?.title]),
      [
        [3, 'generator coroutine · → async/await'],
        [9, 'generator'],
      ],
    );
  });

  test('a lens whose function climbs no rung has its title without being resolved; one that climbs waits for its step', async () => {
    editor = await openUntitledPython(SOURCE);
    await api();
    // Nothing resolved: VS Code hands back only the lenses that came with their command.
    const unresolved = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 0);
    const titles = unresolved.filter((l) => l.command?.command !== SHOW_LADDER).map((l) => [l.range.start.line, l.command?.title]);
    assert.deepEqual(titles, [[9, 'generator']]);
    // Resolved, the climbing one names its step.
    assert.deepEqual((await lenses(editor.document)).map((l) => l.command?.title), ['generator coroutine · → async/await', 'generator']);
  });

  test('a refused next rung is no action: the lens says why instead', async () => {
    // A script (it runs start() when imported), so its functions have no users outside it and the caller is the reason.
    editor = await openUntitledPython(['from tornado import gen', '', '@gen.coroutine', 'def log(text):', '    yield gen.moment', '', 'def start():', '    log("x")', '', 'start()', ''].join('\n'));
    const [lens] = await lenses(editor.document);
    assert.equal(lens?.range.start.line, 2);
    assert.match(lens.command?.title ?? '', /· not → async\/await: log is called at line 8 without yield/);
    assert.equal(lens.command?.command, '');
  });

  test('functions on a rung above direct style get a "Show ladder" lens that opens the ladder panel', async () => {
    editor = await openUntitledPython(SOURCE);
    const ladder = (await allLenses(editor.document)).filter((l) => l.command?.command === SHOW_LADDER);
    assert.deepEqual(
      ladder.map((l) => [l.range.start.line, l.command?.title, (l.command?.arguments as unknown[] | undefined)?.[1]]),
      [[3, 'Show ladder', 'pause_then_double']],
    );
    const [lens] = ladder;
    assert.ok(lens?.command);
    await vscode.commands.executeCommand(lens.command.command, ...((lens.command.arguments ?? []) as unknown[]));
    const tabs = (): string[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
    await waitFor(() => tabs().includes('Ladder: pause_then_double'), 'the ladder panel to open on the function');
    const opened = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'Ladder: pause_then_double');
    await vscode.window.tabGroups.close(opened);
  });

  test('clicking the rung action converts the function, as the code action would', async () => {
    editor = await openUntitledPython(SOURCE);
    const [lens] = await lenses(editor.document);
    assert.ok(lens?.command?.command, 'the coroutine lens has a command');
    await vscode.commands.executeCommand(lens.command.command, ...((lens.command.arguments ?? []) as unknown[]));
    const text = editor.document.getText();
    assert.match(text, /^async def pause_then_double\(x\):\n {4}await asyncio\.sleep\(0\)\n {4}return x \* 2$/m);
    assert.ok(text.includes('def countdown(n):\n    while n > 0:'), 'the rest of the file is untouched');
  });

  test('settings pick which concepts show, a concept turned off giving way to the nearest one it implies, or turn the lenses off', async () => {
    editor = await openUntitledPython(SOURCE);
    const titles = async (): Promise<unknown[]> => (await lenses(editor!.document)).map((l) => l.command?.title);
    await setting('concepts', ['native-coroutine', 'iterator']);
    // A generator coroutine is a generator, so an iterator; a generator is an iterator.
    assert.deepEqual(await titles(), ['iterator · → async/await', 'iterator']);
    await setting('concepts', ['generator-coroutine']);
    assert.deepEqual(await titles(), ['generator coroutine · → async/await']);
    await setting('enabled', false);
    assert.deepEqual(await lenses(editor.document), []);
  });

  test('typing elsewhere keeps the lenses as they were', async () => {
    editor = await openUntitledPython(SOURCE);
    const before = (await lenses(editor.document)).map((l) => [l.range.start.line, l.command?.title]);
    await editor.edit((b) => {
      b.insert(new vscode.Position(editor!.document.lineCount - 1, 0), '# a comment\n');
    });
    const after = (await lenses(editor.document)).map((l) => [l.range.start.line, l.command?.title]);
    assert.deepEqual(after, before);
  });

  test('an edit elsewhere that changes what a rung does changes the lens of a function whose lenses are otherwise the same', async () => {
    editor = await openUntitledPython(['def square(x):', '    return x * x', '', '', 'print(square(3))', ''].join('\n'));
    const titleOfSquare = async (): Promise<string | undefined> => (await lenses(editor!.document)).find((l) => l.range.start.line === 0)?.command?.title;
    assert.equal(await titleOfSquare(), 'direct style · → CPS');
    // Kept as a value, square can no longer take a continuation; the lens list is the same (same lines, names, concepts).
    await editor.edit((b) => {
      b.insert(new vscode.Position(editor!.document.lineCount - 1, 0), 'kept = square\n');
    });
    assert.match((await titleOfSquare()) ?? '', /^direct style(?! · → CPS)/);
  });

  test('a half-typed line that breaks the parse does not make lenses disappear', async () => {
    editor = await openUntitledPython(SOURCE);
    const titles = (await lenses(editor.document)).map((l) => l.command?.title);
    // Mid-edit: `asyncio.sleep(0)` becomes `asyncio.sleep(`; tree-sitter then loses `countdown`.
    const line = editor.document.lineAt(5).text;
    await editor.edit((b) => {
      b.delete(new vscode.Range(5, line.length - 2, 5, line.length));
    });
    assert.deepEqual((await lenses(editor.document)).map((l) => l.command?.title), titles);
  });

  test('hover on a function name explains the concept and previews the next rung', async () => {
    editor = await openUntitledPython(SOURCE);
    await api();
    const at = new vscode.Position(4, 'def pause'.length);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    const markdown = hovers.flatMap((h) => h.contents.map((c) => (c instanceof vscode.MarkdownString ? c.value : ''))).join('\n');
    // Read it as the user does: markdown escapes undone.
    const text = markdown.replace(/\\([\\`*_{}[\]()#+\-.!|<>~&])/g, '$1');
    assert.match(text, /\*\*generator coroutine\*\*/);
    assert.match(text, /Which makes it also: generator, iterator, iterable\./);
    assert.match(text, /removed in Python 3\.11/);
    assert.match(text, /One rung up: async\/await/);
    assert.match(text, /```python\nasync def pause_then_double\(x\):/);
  });

  test('a plain function gets a direct-style lens offering CPS, and a hover that explains and previews it', async () => {
    editor = await openUntitledPython(['def square(x):', '    return x * x', '', '', 'print(square(3))', ''].join('\n'));
    const [lens] = await lenses(editor.document);
    assert.equal(lens?.command?.title, 'direct style · → CPS');
    await api();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 'def sq'.length));
    const text = hovers.flatMap((h) => h.contents.map((c) => (c instanceof vscode.MarkdownString ? c.value : ''))).join('\n').replace(/\\([\\`*_{}[\]()#+\-.!|<>~&])/g, '$1');
    assert.match(text, /\*\*Direct style\*\*/);
    assert.match(text, /One rung up: CPS/);
    assert.match(text, /```python\ndef square\(x, cont\):\n {4}return cont\(x \* x\)/);
    assert.ok(lens.command.command, 'the lens applies the conversion');
    await vscode.commands.executeCommand(lens.command.command, ...((lens.command.arguments ?? []) as unknown[]));
    assert.match(editor.document.getText(), /^def square\(x, cont\):\n {4}return cont\(x \* x\)$/m);
  });

  test('the cl- snippets are offered as completions in Python', async () => {
    editor = await openUntitledPython('cl-gen');
    await api();
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      new vscode.Position(0, 'cl-gen'.length),
    );
    const labels = list.items
      .filter((i) => i.kind === vscode.CompletionItemKind.Snippet)
      .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('cl-generator'), `snippets offered: ${labels.join(', ')}`);
    assert.ok(labels.includes('cl-generator-coroutine'));
  });
});
