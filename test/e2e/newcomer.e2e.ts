// A newcomer's first hour with the panels in a real workbench: the
// interleaving panel in a narrow side column, stepping it with the keyboard
// alone without typing into the code, and both panels while the file briefly
// does not parse.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import type { Scenario, Workbench } from './workbench';

const FILE = 'inventory.py';

/** The webview (of the visible ones) whose document has `selector`. */
async function panelWith(wb: Workbench, selector: string): Promise<FrameLocator> {
  const frames = wb.page.locator('iframe.webview.ready');
  for (let attempt = 0; attempt < 100; attempt++) {
    for (let i = 0; i < (await frames.count()); i++) {
      const inner = frames.nth(i).contentFrame().frameLocator('#active-frame');
      if ((await inner.locator(selector).count()) > 0) return inner;
    }
    await wb.page.waitForTimeout(100);
  }
  throw new Error(`no panel shows ${selector}`);
}

const editorTab = (wb: Workbench): ReturnType<Workbench['page']['locator']> =>
  wb.page.locator(`.editor-group-container .tab[data-resource-name="${FILE}"]`).first();

export const scenarios: readonly Scenario[] = [
  {
    name: 'in a 365 px side column the interleaving panel still says what every step does',
    async run(wb) {
      const size = wb.page.viewportSize();
      await wb.openFile(FILE);
      await wb.runCommand('Concept Lenses: Show Interleavings');
      const panel = await panelWith(wb, '.step-row');
      try {
        // Narrow the window until the panel's column is about 365 px wide.
        const frame = wb.page.locator('iframe.webview.ready').first();
        for (let i = 0; i < 5; i++) {
          const box = await frame.boundingBox();
          const viewport = wb.page.viewportSize();
          if (!box || !viewport || Math.abs(box.width - 365) < 12) break;
          await wb.page.setViewportSize({ width: Math.round(viewport.width - 2 * (box.width - 365)), height: viewport.height });
          await wb.page.waitForTimeout(300);
        }
        const width = (await frame.boundingBox())?.width ?? 0;
        assert.ok(Math.abs(width - 365) < 30, `the panel is ${String(width)} px wide`);
        const rows = panel.locator('.step-row');
        await rows.first().waitFor();
        for (let i = 0; i < (await rows.count()); i++) {
          const says = rows.nth(i).locator('.step-says');
          const box = await says.boundingBox();
          assert.ok(box && box.width > 150, `row ${String(i)}'s words are squeezed to ${String(box?.width ?? 0)} px`);
          assert.match(await says.innerText(), /\b(reads|checks|suspends|resumes|writes)\b/);
          const cut = await says.evaluate((e: { readonly scrollWidth: number; readonly clientWidth: number }) => e.scrollWidth > e.clientWidth + 1);
          assert.equal(cut, false, `row ${String(i)}'s words are cut off`);
        }
        await wb.screenshot('interleavings-narrow-365');
      } finally {
        if (size) await wb.page.setViewportSize(size);
      }
      await wb.runCommand('View: Close All Editors');
    },
  },
  {
    name: 'the interleaving panel steps with the keyboard alone, and never types into the code',
    async run(wb) {
      await wb.openFile(FILE);
      await wb.runCommand('Concept Lenses: Show Interleavings');
      const panel = await panelWith(wb, '.hazard-item');
      const total = await panel.locator('.step-row').count();
      assert.ok(total > 2);
      // Into the panel's group by keyboard, then Tab to the selected hazard.
      await wb.runCommand('View: Focus Next Editor Group');
      const focused = panel.locator('.hazard-item.is-selected:focus');
      for (let i = 0; i < 30 && (await focused.count()) === 0; i++) await wb.page.keyboard.press('Tab');
      assert.equal(await focused.count(), 1, 'Tab reaches the selected hazard');
      // Enter shows the hazard in the editor and leaves the keys with the panel.
      await wb.page.keyboard.press('Enter');
      await wb.page.waitForTimeout(500);
      // The whole interleaving shows first: ← walks back to its first step, → forward again.
      const stepNow = panel.locator('.step-now');
      const at = (step: number): Promise<void> => stepNow.filter({ hasText: new RegExp(`^${String(step)}$`) }).waitFor({ timeout: 5_000 });
      for (let step = total - 1; step >= 1; step--) {
        await wb.page.keyboard.press('ArrowLeft');
        await at(step);
      }
      for (let step = 2; step <= total; step++) {
        await wb.page.keyboard.press('ArrowRight');
        await at(step);
      }
      await wb.page.keyboard.press('ArrowLeft');
      await at(total - 1);
      await wb.page.keyboard.press(' ');
      await panel.locator('[data-action="play"][aria-pressed="true"]').waitFor({ timeout: 5_000 });
      await wb.page.keyboard.press(' ');
      // Not a keystroke reached the file.
      assert.equal(((await editorTab(wb).getAttribute('class')) ?? '').split(' ').includes('dirty'), false, `${FILE} was edited by the panel's keys`);
      await wb.screenshot('interleavings-keyboard');
      await wb.runCommand('View: Close All Editors');
    },
  },
  {
    name: 'while the file does not parse, both panels keep their last drawing, marked, and apply or select nothing',
    async run(wb) {
      const editor = await wb.openFile(FILE);
      await wb.focusStart(editor);
      await wb.page.keyboard.press('Control+G');
      await wb.page.keyboard.type('14');
      await wb.page.keyboard.press('Enter');
      await wb.runCommand('Concept Lenses: Show Concept Ladder');
      const ladder = await panelWith(wb, '.rung');
      assert.equal(await ladder.locator('.rung').count(), 4);
      await editorTab(wb).click();
      await wb.runCommand('Concept Lenses: Show Interleavings');
      await panelWith(wb, '.hazard-item');
      // Back to the code: break line 17's def, as a half-typed edit does.
      await editorTab(wb).click();
      await wb.page.keyboard.press('Control+G');
      await wb.page.keyboard.type('17');
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.press('End');
      await wb.page.keyboard.type(' = =');
      const selection = wb.page.locator('[id="status.editor.selection"]');
      const defLine = readFileSync(join(wb.workspace, FILE), 'utf8').split('\n')[16] ?? '';
      const before = `Ln 17, Col ${String(defLine.length + ' = ='.length + 1)}`;
      await selection.filter({ hasText: before }).waitFor({ timeout: 5_000 });

      const panel = await panelWith(wb, '.hazard-item');
      await panel.locator('.stale-note').waitFor({ timeout: 10_000 });
      assert.match((await panel.locator('.stale-note').textContent()) ?? '', /^Line 17/);
      await panel.locator('[data-action="first"]').click();
      await panel.locator('[data-action="next"]').click();
      await panel.locator('.step-now').filter({ hasText: /^2$/ }).waitFor();
      await wb.screenshot('interleavings-syntax-error');
      await editorTab(wb).click();
      await wb.page.waitForTimeout(500);
      assert.equal(await selection.textContent(), before, 'stepping a stale drawing moved the editor selection');

      // The ladder, shown again (its webview reloads), keeps its columns too.
      await wb.page.locator('.tab', { hasText: 'Ladder: ask_warehouse' }).first().click();
      const staleLadder = await panelWith(wb, '.rung');
      await staleLadder.locator('.stale-note').waitFor({ timeout: 10_000 });
      assert.equal(await staleLadder.locator('.rung').count(), 4, 'the ladder stays drawn');
      assert.equal(await staleLadder.locator('[data-apply]:not([disabled])').count(), 0, 'nothing can be applied');
      await wb.screenshot('ladder-syntax-error');

      // Fixed: the notes go.
      await editorTab(wb).click();
      for (let i = 0; i < ' = ='.length; i++) await wb.page.keyboard.press('Backspace');
      await staleLadder.locator('.stale-note').waitFor({ state: 'detached', timeout: 10_000 });
      await wb.runCommand('View: Close All Editors');
      const dontSave = wb.page.getByRole('button', { name: "Don't Save" });
      if (await dontSave.waitFor({ timeout: 1500 }).then(() => true, () => false)) await dontSave.click();
    },
  },
];
