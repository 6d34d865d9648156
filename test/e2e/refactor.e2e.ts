// A ladder refactor picked from the Ctrl+. menu: the saved file must be what
// the CLI writes for the same conversion, and print what it printed before.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { runPython, waitForFile } from './disk';
import type { Scenario } from './workbench';

/** A generator-based coroutine (`types.coroutine` still runs on Python 3.11+), written for this test. */
const LEGACY = `import asyncio
import types


@types.coroutine
def double_later(x):
    yield from asyncio.sleep(0)
    return x * 2


async def main():
    print(await double_later(21))


asyncio.run(main())
`;

export const scenarios: readonly Scenario[] = [
  {
    name: 'Ctrl+. converts a generator coroutine to async/await; the saved file prints the same',
    async run(wb) {
      const path = join(wb.workspace, 'legacy_coroutine.py');
      writeFileSync(path, LEGACY);
      const printedBefore = runPython(path);
      const cli = runCli(['refactor', path, '--to', 'async']);
      assert.equal(cli.status, 0, cli.stderr);
      const editor = await wb.openInExplorer('legacy_coroutine.py');
      await editor.locator('.view-line', { hasText: 'def double_later' }).click();
      const action = wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Convert double_later to async/await' });
      // The first Ctrl+. can race the editor's focus or the provider's first answer.
      for (let attempt = 1; ; attempt++) {
        await wb.page.keyboard.press('Control+.');
        try {
          await action.waitFor({ timeout: 3_000 });
          break;
        } catch (error) {
          if (attempt === 5) throw error;
          await wb.dismiss();
          await editor.locator('.view-line', { hasText: 'def double_later' }).click();
        }
      }
      await wb.screenshot('refactor-menu');
      await action.click();
      await editor.locator('.view-line', { hasText: 'async def double_later' }).waitFor();
      await wb.page.keyboard.press('Control+S');
      const saved = await waitForFile(path, (text) => text !== LEGACY);
      assert.equal(saved, cli.stdout);
      assert.equal(runPython(path), printedBefore);
    },
  },
];
