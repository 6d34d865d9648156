// A user's path through examples/: open a file, use the extension from the
// command palette, edit, save, and check the file on disk still runs the same.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPython, waitForFile } from './disk';
import type { Scenario } from './workbench';

const FILE = 'shapes.py';

/** 1-based line of `def name` in the text, found without the extension. */
function definitionLine(text: string, name: string): number {
  const index = text.split('\n').findIndex((line) => new RegExp(`^\\s*(async\\s+)?def ${name}\\b`).test(line));
  assert.ok(index >= 0, `no def ${name}`);
  return index + 1;
}

export const scenarios: readonly Scenario[] = [
  {
    name: 'the explorer shows every file of examples/',
    async run(wb) {
      for (const name of readdirSync(wb.workspace)) {
        await wb.page.getByRole('treeitem', { name, exact: true }).waitFor();
      }
    },
  },
  {
    name: 'Go to Function from the command palette moves the cursor to the chosen def',
    async run(wb) {
      const text = readFileSync(join(wb.workspace, FILE), 'utf8');
      await wb.focusStart(await wb.openFile(FILE));
      await wb.runCommand('Concept Lenses: Go to Function…');
      await wb.quickPickRow('Counter.bump').waitFor();
      await wb.pick('countdown');
      const expected = definitionLine(text, 'countdown');
      await wb.page.locator('[id="status.editor.selection"]', { hasText: `Ln ${String(expected)},` }).waitFor();
    },
  },
  {
    name: 'an edit saved in the editor is on disk and the program prints the same',
    async run(wb) {
      const path = join(wb.workspace, FILE);
      const original = readFileSync(path, 'utf8');
      const printedBefore = runPython(path);
      await wb.focusStart(await wb.openFile(FILE));
      await wb.page.keyboard.type('# saved from the workbench');
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.press('Control+S');
      const saved = await waitForFile(path, (t) => t !== original);
      assert.equal(saved, `# saved from the workbench\n${original}`);
      assert.equal(runPython(path), printedBefore);
    },
  },
];
