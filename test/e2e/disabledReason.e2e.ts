// A ladder action that would refuse is offered disabled, and its reason
// reaches the user: VS Code shows a disabled action's reason at the cursor
// when a keybinding asks for that kind of action (the run's keybindings.json
// binds Ctrl+Shift+Alt+A to "climb to async/await", as README suggests), and
// greys it out in the Refactor menu.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from './workbench';

/** A Tornado coroutine that delegates with `yield from`, which has no await form (written for this test). */
const RELAY = `from tornado import gen


@gen.coroutine
def relay(inner):
    result = yield from inner()
    return result
`;

export const scenarios: readonly Scenario[] = [
  {
    name: 'a refused conversion is disabled with its reason: the reason shows at the cursor, the Refactor menu greys it out',
    async run(wb) {
      writeFileSync(join(wb.workspace, 'relay.py'), RELAY);
      const editor = await wb.openInExplorer('relay.py');
      const line = editor.locator('.view-line', { hasText: 'def relay' });
      const message = wb.page.locator('.monaco-editor-overlaymessage', { hasText: 'relay is public in an importable module' });
      // The provider answers once the workspace has been read: retry a few times.
      for (let attempt = 1; ; attempt++) {
        await line.click();
        await wb.page.keyboard.press('Control+Shift+Alt+A');
        try {
          await message.waitFor({ timeout: 3_000 });
          break;
        } catch (error) {
          if (attempt === 6) throw error;
        }
      }
      assert.match(await message.innerText(), /no native form keeps a Future/);
      await wb.screenshot('disabled-reason');
      await wb.dismiss();
      // The Refactor menu (Ctrl+Shift+R) lists it greyed out (VS Code leaves disabled actions out of Ctrl+.'s quick fixes).
      await line.click();
      await wb.page.keyboard.press('Control+Shift+R');
      const row = wb.page.locator('.action-widget .monaco-list-row.option-disabled', { hasText: 'Convert relay to async/await' });
      await row.waitFor({ timeout: 10_000 });
      await wb.dismiss();
      assert.equal(await editor.locator('.view-line', { hasText: 'async def relay' }).count(), 0);
    },
  },
];
