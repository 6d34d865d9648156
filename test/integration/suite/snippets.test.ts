// Every Python snippet the extension contributes is offered by each of its
// prefixes and expands (placeholders at their defaults) to code that parses.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { discard, extension, hostParses, openUntitledPython } from '../helpers';

interface Snippet {
  readonly name: string;
  readonly prefixes: readonly string[];
  readonly body: string;
}

function contributedPythonSnippets(): Snippet[] {
  const { extensionPath } = extension();
  const manifest = extension().packageJSON as { contributes?: { snippets?: { language: string; path: string }[] } };
  return (manifest.contributes?.snippets ?? [])
    .filter((s) => s.language === 'python')
    .flatMap((s) => {
      const file = JSON.parse(readFileSync(join(extensionPath, s.path), 'utf8')) as Record<
        string,
        { prefix: string | string[]; body: string | string[] }
      >;
      return Object.entries(file).map(([name, { prefix, body }]) => ({
        name,
        prefixes: typeof prefix === 'string' ? [prefix] : prefix,
        body: typeof body === 'string' ? body : body.join('\n'),
      }));
    });
}

const label = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);

suite('snippets', () => {
  let editor: vscode.TextEditor | undefined;
  teardown(async () => {
    if (editor) await discard(editor);
    editor = undefined;
  });

  const snippets = contributedPythonSnippets();
  test('the extension contributes Python snippets', () => {
    assert.ok(snippets.length > 0);
  });

  for (const snippet of snippets) {
    test(`"${snippet.name}" is offered by its prefix and expands to code that parses`, async () => {
      editor = await openUntitledPython();
      const { document } = editor;
      for (const prefix of snippet.prefixes) {
        const whole = new vscode.Range(0, 0, document.lineCount, 0);
        await editor.edit((b) => {
          b.replace(whole, prefix);
        });
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          document.uri,
          document.lineAt(0).range.end,
        );
        const offered = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(label);
        assert.ok(offered.includes(prefix), `"${prefix}" not among the snippets offered: ${offered.join(', ')}`);
      }
      const whole = new vscode.Range(0, 0, document.lineCount, 0);
      assert.ok(await editor.insertSnippet(new vscode.SnippetString(snippet.body), whole));
      const file = (await hostParses()).get(document);
      assert.deepEqual(file.syntaxErrors, [], `expansion does not parse:\n${document.getText()}`);
    });
  }
});
