// The concept ladder from the command palette, on the function at the cursor,
// read inside its webview.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import type { Scenario, Workbench } from './workbench';

/** Opens the ladder on the function around `line` of `file` (Go to Line, then the palette); the panel's body. */
async function ladderAt(wb: Workbench, file: string, line: number): Promise<ReturnType<FrameLocator['locator']>> {
  const editor = await wb.openFile(file);
  await wb.focusStart(editor);
  await wb.page.keyboard.press('Control+G');
  await wb.page.keyboard.type(String(line));
  await wb.page.keyboard.press('Enter');
  await wb.runCommand('Concept Lenses: Show Concept Ladder');
  return wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('body');
}

export const scenarios: readonly Scenario[] = [
  {
    name: 'Show Concept Ladder draws the function at the cursor at every rung',
    async run(wb) {
      // Line 14 is inside ask_warehouse's body.
      const body = await ladderAt(wb, 'inventory.py', 14);
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
      // Line 13 is inside hypotenuse_squared's body.
      const body = await ladderAt(wb, 'ladder.py', 13);
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
