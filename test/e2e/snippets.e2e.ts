// Expanding a contributed snippet by typing its prefix, as a user does, in a
// new file; the saved file must hold the snippet with its placeholders at
// their defaults, and run.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPython, waitForFile } from './disk';
import type { Scenario } from './workbench';

interface SnippetFile {
  [name: string]: { prefix: string | string[]; body: string | string[] };
}

/** The first Python snippet package.json contributes. */
function firstPythonSnippet(): { prefix: string; body: string } {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
    contributes?: { snippets?: { language: string; path: string }[] };
  };
  const contribution = manifest.contributes?.snippets?.find((s) => s.language === 'python');
  assert.ok(contribution, 'package.json contributes no Python snippets');
  const [entry] = Object.values(JSON.parse(readFileSync(contribution.path, 'utf8')) as SnippetFile);
  assert.ok(entry, `${contribution.path} is empty`);
  const prefix = typeof entry.prefix === 'string' ? entry.prefix : entry.prefix[0];
  assert.ok(prefix);
  return { prefix, body: typeof entry.body === 'string' ? entry.body : entry.body.join('\n') };
}

/** What the editor inserts: defaults for placeholders, first choices, no tab stops, tabs as 4 spaces. */
function expand(body: string): string {
  return body
    .replace(/\$\{\d+:([^{}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .replace(/^\t+/gm, (tabs) => '    '.repeat(tabs.length));
}

export const scenarios: readonly Scenario[] = [
  {
    name: 'a snippet expands from its prefix and the saved file runs',
    async run(wb) {
      const { prefix, body } = firstPythonSnippet();
      const path = join(wb.workspace, 'snippet_expanded.py');
      writeFileSync(path, '');
      const editor = await wb.openInExplorer('snippet_expanded.py');
      await editor.locator('.view-lines').click();
      await wb.page.keyboard.type(prefix);
      await wb.page.keyboard.press('Control+Space');
      await wb.page.locator('.suggest-widget .monaco-list-row.focused', { hasText: prefix }).waitFor();
      await wb.page.keyboard.press('Enter');
      await wb.dismiss(); // leaves snippet mode
      await wb.page.keyboard.press('Control+S');
      const expected = expand(body);
      const saved = await waitForFile(path, (text) => text.length > 0);
      assert.equal(saved, expected);
      runPython(path);
    },
  },
];
