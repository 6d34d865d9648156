// Explore Schedules as a user meets it: the command from the palette, the
// one-time confirmation dialog, then the Schedules panel with the real runs'
// outcomes side by side, stepped with its ▶ button.
import * as assert from 'node:assert/strict';
import type { Scenario } from './workbench';

export const scenarios: readonly Scenario[] = [
  {
    name: 'Explore Schedules asks once, runs bank.py and shows its outcomes side by side, steppable',
    async run(wb) {
      await wb.openFile('bank.py');
      await wb.runCommand('Concept Lenses: Explore Schedules');
      // The one-time confirmation: nothing runs before the user says so.
      const runIt = wb.page.getByRole('button', { name: 'Run it' });
      await runIt.waitFor();
      await runIt.click();
      const body = wb.page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame').locator('body');
      const outcomes = body.locator('.outcome');
      await outcomes.nth(1).waitFor({ timeout: 60_000 });
      const count = await outcomes.count();
      assert.ok(count >= 2, `${String(count)} outcomes`);
      const printed = await body.locator('.outcome .stdout').allTextContents();
      assert.equal(new Set(printed).size, count, `each outcome prints something else: ${printed.join(' | ')}`);
      assert.match((await body.locator('.verdict').first().textContent()) ?? '', /confirmed: prints/);
      const first = outcomes.first();
      await first.locator('[data-step="1"]').click();
      await first.locator('[data-step="1"]').click();
      assert.equal(await first.locator('tr.current').getAttribute('data-index'), '1');
      await wb.screenshot('schedules-panel');
      await wb.runCommand('View: Close All Editors');
    },
  },
];
