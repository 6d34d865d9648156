// The interleaving stepper in a real workbench: each step it moves to selects
// that step's line in the editor, as the status bar shows.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import type { Scenario, Workbench } from './workbench';

const FILE = 'bank.py';

interface CliHazard {
  readonly function: string;
  readonly variable: string;
  readonly steps: readonly { readonly line: number }[];
}

/** The hazards as the CLI reports them for the workspace copy of the file. */
function cliHazards(wb: Workbench): readonly CliHazard[] {
  const run = runCli(['interleavings', join(wb.workspace, FILE), '--json']);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const report = JSON.parse(run.stdout) as { files: readonly { hazards: readonly CliHazard[] }[] };
  return report.files[0]?.hazards ?? [];
}

export const scenarios: readonly Scenario[] = [
  {
    name: 'the stepper of the interleavings panel moves the editor selection to each step',
    async run(wb) {
      const hazards = cliHazards(wb);
      const [hazard] = hazards;
      assert.ok(hazard && hazard.steps.length > 1, `${FILE} should have a hazard with several steps`);
      const expected = hazard.steps.map((s) => s.line);

      await wb.openFile(FILE);
      await wb.runCommand('Concept Lenses: Show Interleavings');
      const panel = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

      // The hazard list: one item per hazard, the first naming its coroutine and state.
      const items = panel.locator('.hazard-list .hazard-item');
      await items.first().waitFor();
      assert.equal(await items.count(), hazards.length);
      const first = (await items.first().textContent()) ?? '';
      assert.ok(first.includes(hazard.variable), `the first hazard does not name ${hazard.variable}: ${first}`);

      // The panel's own step rows carry the same lines as the CLI's steps.
      const rows = panel.locator('.step-rows .step-row');
      await rows.first().waitFor();
      const shown: number[] = [];
      for (let i = 0; i < (await rows.count()); i++) shown.push(Number(await rows.nth(i).getAttribute('data-line')));
      assert.deepEqual(shown, expected);

      const stepNow = panel.locator('.stepper .step-now');
      const selection = wb.page.locator('[id="status.editor.selection"]');
      // With the panel focused the status bar shows no selection: activating the editor's tab shows it, unchanged.
      const editorTab = wb.page.locator(`.editor-group-container .tab[data-resource-name="${FILE}"]`).first();
      const press = async (action: 'first' | 'previous' | 'next', step: number): Promise<void> => {
        await panel.locator(`.stepper button[data-action="${action}"]`).click();
        await stepNow.filter({ hasText: new RegExp(`^${String(step + 1)}$`) }).waitFor();
        await editorTab.click();
        await selection.filter({ hasText: `Ln ${String(expected[step])},` }).waitFor({ timeout: 5_000 });
      };

      await press('first', 0);
      for (let step = 1; step < expected.length; step++) await press('next', step);
      await wb.screenshot('interleavings-stepper');
      for (let step = expected.length - 2; step >= 0; step--) await press('previous', step);
      await wb.runCommand('View: Close All Editors');
    },
  },
];
