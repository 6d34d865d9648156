// The workbench as a user sees it, for the end-to-end scenarios: command
// palette, quick open, editor, status bar, themes and screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export class Workbench {
  constructor(
    readonly page: Page,
    /** The fresh copy of examples/ the workbench has open. */
    readonly workspace: string,
    readonly screenshots: string,
  ) {}

  private get quickInput(): Locator {
    return this.page.locator('.quick-input-widget input');
  }

  /** The row of the open quick pick (palette, quick open, any showQuickPick) labelled exactly `label`. */
  quickPickRow(label: string): Locator {
    const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    return this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exact }) })
      .first();
  }

  /** Types into the open quick pick and accepts the row labelled exactly `label`, moving to it with the arrow keys. */
  async pick(label: string, typed = label): Promise<void> {
    await this.quickInput.fill(typed);
    const row = this.quickPickRow(label);
    await row.waitFor();
    const focused = async (): Promise<boolean> => ((await row.getAttribute('class')) ?? '').split(' ').includes('focused');
    for (let moves = 0; !(await focused()); moves++) {
      if (moves > 20) throw new Error(`could not move to "${label}" in the quick pick`);
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Enter');
  }

  /** Runs a command by its title from the command palette (F1). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.quickInput.waitFor();
    await this.pick(title, `>${title}`);
  }

  /** Opens a workspace file with Quick Open (Ctrl+P) and returns its editor. */
  async openFile(name: string): Promise<Locator> {
    await this.page.keyboard.press('Control+P');
    await this.quickInput.waitFor();
    await this.pick(name);
    return this.activeEditor(name);
  }

  /** Opens a top-level file from the explorer, which shows a file created on disk as soon as its watcher sees it. */
  async openInExplorer(name: string): Promise<Locator> {
    await this.page.getByRole('treeitem', { name, exact: true }).dblclick();
    return this.activeEditor(name);
  }

  private async activeEditor(name: string): Promise<Locator> {
    await this.page.locator(`.editor-group-container.active .tab.active[data-resource-name="${name}"]`).waitFor();
    const editor = this.page.locator(`.editor-group-container.active .monaco-editor[data-uri$="/${name}"]`).first();
    await editor.locator('.view-lines').waitFor();
    return editor;
  }

  /** Gives the editor keyboard focus, with the cursor at the start of the file. */
  async focusStart(editor: Locator): Promise<void> {
    await editor.locator('.view-lines').click();
    await this.page.keyboard.press('Control+Home');
  }

  async setColorTheme(theme: string): Promise<void> {
    await this.runCommand('Preferences: Color Theme');
    await this.pick(theme);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Writes test-output/e2e/<name>.png. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(this.screenshots, { recursive: true });
    const path = join(this.screenshots, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** After a failed scenario: closes every editor, discarding unsaved changes, so the next one starts clean. */
  async reset(): Promise<void> {
    await this.dismiss();
    await this.runCommand('View: Close All Editors');
    const dontSave = this.page.getByRole('button', { name: "Don't Save" });
    for (let i = 0; i < 10; i++) {
      const asked = await dontSave.waitFor({ timeout: 1500 }).then(() => true, () => false);
      if (!asked) return;
      await dontSave.click();
    }
  }

  /** Closes whatever popup is open (quick pick, suggest widget, menu). */
  async dismiss(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Escape');
  }
}

export interface Scenario {
  readonly name: string;
  run(workbench: Workbench): Promise<void>;
}
