// Screenshots of a file with its lenses and the interleaving panel beside it,
// in a light and a dark theme (the panel takes its colours from the theme).
import { readFileSync } from 'node:fs';
import type { Scenario } from './workbench';

const PNG_SIGNATURE = '89504e470d0a1a0a';

function theme(label: string, name: string, workbenchClass: string): Scenario {
  return {
    name: `screenshot of bank.py and its interleaving panel in the ${label} theme (${name})`,
    async run(wb) {
      await wb.openFile('bank.py');
      await wb.runCommand('Concept Lenses: Show Interleavings');
      await wb.setColorTheme(name);
      await wb.page.locator(`.monaco-workbench.${workbenchClass}`).waitFor();
      const panel = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await panel.locator('body').waitFor();
      await wb.page.locator('.codelens-decoration').first().waitFor();
      const file = await wb.screenshot(`bank-${label}`);
      if (readFileSync(file).subarray(0, 8).toString('hex') !== PNG_SIGNATURE) throw new Error(`${file} is not a PNG`);
    },
  };
}

export const scenarios: readonly Scenario[] = [theme('light', 'Light 2026', 'vs'), theme('dark', 'Dark 2026', 'vs-dark')];
