// The interleaving panel from the command palette, read inside its webview.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from './workbench';

const FILE = 'bank.py';

export const scenarios: readonly Scenario[] = [
  {
    name: 'Show Interleavings opens a panel that names the coroutines of the file',
    async run(wb) {
      const coroutines = [...readFileSync(join(wb.workspace, FILE), 'utf8').matchAll(/async def (\w+)/g)].map((m) => m[1]);
      assert.ok(coroutines.length > 0, `${FILE} has no coroutine`);
      await wb.openFile(FILE);
      await wb.runCommand('Concept Lenses: Show Interleavings');
      // VS Code's webview host page, then the extension's own document inside it.
      const body = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('body');
      await body.waitFor();
      let text = '';
      for (let i = 0; i < 100 && !coroutines.some((name) => text.includes(name ?? '')); i++) {
        text = (await body.textContent()) ?? '';
        await wb.page.waitForTimeout(100);
      }
      assert.ok(coroutines.some((name) => text.includes(name ?? '')), `the panel names none of ${coroutines.join(', ')}:\n${text}`);
      await wb.screenshot('interleavings-panel');
      await wb.runCommand('View: Close All Editors');
    },
  },
];
