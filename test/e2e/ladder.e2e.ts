// The concept ladder from the command palette, on the function at the cursor,
// read inside its webview.
import * as assert from 'node:assert/strict';
import type { Scenario } from './workbench';

export const scenarios: readonly Scenario[] = [
  {
    name: 'Show Concept Ladder draws the function at the cursor at every rung',
    async run(wb) {
      const editor = await wb.openFile('inventory.py');
      await wb.focusStart(editor);
      // Go to Line (Ctrl+G) puts the cursor inside ask_warehouse's body.
      await wb.page.keyboard.press('Control+G');
      await wb.page.keyboard.type('14');
      await wb.page.keyboard.press('Enter');
      await wb.runCommand('Concept Lenses: Show Concept Ladder');
      const body = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('body');
      await body.locator('.rung').first().waitFor({ timeout: 20_000 });
      assert.equal(await body.locator('.rung').count(), 4);
      assert.equal(await body.locator('.rung.is-current').getAttribute('data-rung'), 'async');
      assert.match((await body.locator('.rung.is-current .rung-code').textContent()) ?? '', /async def ask_warehouse/);
      assert.match((await body.locator('.rung[data-rung="generator"] .rung-code').textContent()) ?? '', /yield from/);
      await wb.screenshot('ladder-panel');
      // Applying the rung below edits the file as the code action does, and the ladder follows.
      await body.locator('[data-apply="generator"]').click();
      // The click leaves the panel's group active, so find the file's editor wherever it is.
      const fileEditor = wb.page.locator('.monaco-editor[data-uri$="/inventory.py"] .view-lines');
      await fileEditor.filter({ hasText: '@types.coroutine' }).first().waitFor({ timeout: 10_000 });
      await body.locator('.rung.is-current[data-rung="generator"]').waitFor({ timeout: 10_000 });
      await fileEditor.first().click();
      await wb.page.keyboard.press('Control+Z');
      await body.locator('.rung.is-current[data-rung="async"]').waitFor({ timeout: 10_000 });
      await wb.runCommand('View: Close All Editors');
    },
  },
  {
    name: 'the ladder carries the call chain: each header names the callees, and applying CPS converts them with the function',
    async run(wb) {
      const editor = await wb.openFile('ladder.py');
      await wb.focusStart(editor);
      await wb.page.keyboard.press('Control+G');
      await wb.page.keyboard.type('13');
      await wb.page.keyboard.press('Enter');
      await wb.runCommand('Concept Lenses: Show Concept Ladder');
      const body = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('body');
      await body.locator('.rung-chain').first().waitFor({ timeout: 20_000 });
      assert.deepEqual(await body.locator('.rung-chain').allTextContents(), Array(4).fill('hypotenuse_squared with square, add'));
      await wb.screenshot('ladder-call-chain');
      await body.locator('[data-apply="cps"]').click();
      const fileEditor = wb.page.locator('.monaco-editor[data-uri$="/ladder.py"] .view-lines');
      await fileEditor.filter({ hasText: 'def square(x, cont):' }).first().waitFor({ timeout: 10_000 });
      assert.match((await fileEditor.first().textContent()) ?? '', /def\s+add\(a,\s*b,\s*cont\):/);
      await body.locator('.rung.is-current[data-rung="cps"]').waitFor({ timeout: 10_000 });
      await wb.reset();
    },
  },
];
