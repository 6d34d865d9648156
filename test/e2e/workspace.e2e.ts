// The workspace-wide conversion and a refused rung, as a user meets them: the
// command asks, then converts (what it saves is what the CLI writes), and a
// lens whose next rung refuses shows the reason instead of an action.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { waitForFile } from './disk';
import type { Scenario } from './workbench';

/**
 * A Tornado coroutine called without yield: converting it would move its first
 * steps, so the rung refuses. A script (it runs start() when imported), so no
 * code outside it uses log and the caller is the reason given.
 */
const CALLED_WITHOUT_YIELD = ['from tornado import gen', '', '', '@gen.coroutine', 'def log(text):', '    yield gen.moment', '', '', 'def start():', '    log("x")', '', '', 'start()', ''].join('\n');

export const scenarios: readonly Scenario[] = [
  {
    name: 'a lens whose next rung refuses shows the reason instead of the action',
    async run(wb) {
      writeFileSync(join(wb.workspace, 'refused_rung.py'), CALLED_WITHOUT_YIELD);
      const editor = await wb.openInExplorer('refused_rung.py');
      // A lens with a command is a link; one without is plain text carrying its tooltip.
      const reason = editor.locator('.codelens-decoration span', { hasText: 'not → async/await: log is called at line 10 without yield' });
      await reason.waitFor({ timeout: 30_000 });
      assert.match((await reason.getAttribute('title')) ?? '', /^log is called at line 10 without yield .*keep this function as it is$/);
      assert.equal(await editor.locator('.codelens-decoration a', { hasText: 'async/await' }).count(), 0, 'a refused rung must not be clickable');
      await wb.screenshot('lens-refusal-reason');
      await wb.runCommand('View: Close All Editors');
    },
  },
  {
    name: 'Convert Workspace to async/await asks, converts every file, and saves what the CLI writes',
    async run(wb) {
      const python = readdirSync(wb.workspace).filter((f) => f.endsWith('.py') && f !== 'refused_rung.py');
      const expected = new Map<string, string>();
      for (const name of python) {
        const path = join(wb.workspace, name);
        const cli = runCli(['refactor', path, '--to', 'async']);
        assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
        if (cli.stdout !== readFileSync(path, 'utf8')) expected.set(path, cli.stdout);
      }
      assert.ok(expected.size > 0, 'the examples must hold something to convert');
      await wb.runCommand('Concept Lenses: Convert Workspace to async/await…');
      const dialog = wb.page.locator('.monaco-dialog-box');
      await dialog.getByText(/^Convert \d+ functions? in \d+ files? to async\/await\?$/).waitFor({ timeout: 30_000 });
      await wb.screenshot('workspace-conversion-dialog');
      await dialog.getByRole('button', { name: 'Convert', exact: true }).click();
      await wb.page.locator('.notifications-toasts .notification-toast', { hasText: /Concept Lenses: converted \d+ functions? in \d+ files?/ }).waitFor();
      // "Save All" (workbench.action.files.saveAll) has no category in the palette.
      await wb.page.keyboard.press('F1');
      await wb.pick('Save All', '>Save All');
      for (const [path, text] of expected) await waitForFile(path, (saved) => saved === text);
    },
  },
];
