import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { api, extension } from '../helpers';

interface ContributedCommand {
  readonly command: string;
}

suite('commands', () => {
  test('Go to Function is registered', async () => {
    await api();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('conceptLenses.goToFunction'));
  });

  test('every command in package.json is registered by activate()', async () => {
    await api();
    const manifest = extension().packageJSON as { contributes?: { commands?: ContributedCommand[] } };
    const contributed = (manifest.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no command');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), [], 'contributed but never registered');
  });
});
