// The lock quick fix over two functions, as a user meets it: Ctrl+. offers it
// saying how many functions it changes, it opens the Refactor Preview instead
// of rewriting them unseen, and ticked and applied there it guards both.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from './workbench';

const COUNTER = ['import asyncio', '', 'hits = 0', '', '', 'async def bump():', '    global hits', '    seen = hits', '    await asyncio.sleep(0)', '    hits = seen + 1', '', '', 'async def reset():', '    global hits', '    hits = 0', ''].join('\n');

export const scenarios: readonly Scenario[] = [
  {
    name: 'a lock fix over two functions goes through the Refactor Preview, and applies once ticked there',
    async run(wb) {
      writeFileSync(join(wb.workspace, 'counter_race.py'), COUNTER);
      const editor = await wb.openInExplorer('counter_race.py');
      const write = editor.locator('.view-line', { hasText: 'hits = seen + 1' });
      const action = wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Guard with asyncio.Lock… (changes 2 functions)' });
      // The diagnostic comes with the first analysis: ask again until the fix is offered.
      for (let attempt = 1; ; attempt++) {
        await write.click();
        await wb.page.keyboard.press('Control+.');
        try {
          await action.waitFor({ timeout: 3_000 });
          break;
        } catch (error) {
          if (attempt === 8) throw error;
          await wb.dismiss();
        }
      }
      await action.click();
      const preview = wb.page.locator('.bulk-edit-panel');
      await preview.waitFor({ timeout: 10_000 });
      await wb.page.locator('.notifications-toasts .notification-toast', { hasText: /changes 2 functions \(bump, reset\); tick them in the Refactor Preview/ }).waitFor();
      await wb.screenshot('lock-fix-preview');
      assert.equal(await editor.locator('.view-line', { hasText: 'async with hits_lock' }).count(), 0, 'nothing is changed before Apply');
      // Tick the file (every change in it), then Apply.
      await preview.locator('.edit-checkbox').first().click();
      await preview.getByRole('button', { name: 'Apply', exact: true }).click();
      await editor.locator('.view-line', { hasText: 'async with hits_lock' }).nth(1).waitFor({ timeout: 10_000 });
      assert.equal(await editor.locator('.view-line', { hasText: 'async with hits_lock' }).count(), 2, 'both functions are guarded');
      await wb.reset();
    },
  },
];
