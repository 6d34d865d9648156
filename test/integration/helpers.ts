// Shared by the suite files (each bundle gets its own copy: keep it stateless).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../extension/vscode/extension';

export const EXTENSION_ID = 'concept-lenses.concept-lenses';

export function extension(): vscode.Extension<ExtensionApi> {
  const found = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!found) throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  return found;
}

/** The extension's API once it is active (activating it if no test did yet) and has read the workspace's files. */
export async function api(): Promise<ExtensionApi> {
  const active = await extension().activate();
  await active.workspace.ready;
  return active;
}

/** The host's parses of documents (the API's cache), once the grammar it loads on first need has loaded. */
export async function hostParses(): Promise<ExtensionApi['cache']> {
  const { cache } = await api();
  await cache.load();
  return cache;
}

/** A file of the workspace the harness opened (a fresh copy of `examples/`). */
export function exampleUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the harness opens examples/ as the workspace folder; none is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openExample(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(exampleUri(name));
  return vscode.window.showTextDocument(document);
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Drops unsaved changes (an untitled document disappears) and closes the editor. */
export async function discard(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

let scratchCount = 0;

/**
 * A throwaway Python document in an editor; close it with `discard`. Each gets
 * a name of its own: an `Untitled-N` name reused right after its document
 * closed can reach providers as the old document.
 */
export async function openUntitledPython(content = ''): Promise<vscode.TextEditor> {
  scratchCount++;
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `scratch-${String(Date.now())}-${String(scratchCount)}.py` });
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  if (content) {
    await editor.edit((b) => {
      b.insert(new vscode.Position(0, 0), content);
    });
  }
  return editor;
}

/** 0-based lines that start a definition: a decorator, `def`, `async def` or `class`. */
export function definitionStartLines(document: vscode.TextDocument): Set<number> {
  const lines = new Set<number>();
  for (let i = 0; i < document.lineCount; i++) {
    if (/^\s*(@|(async\s+)?def\s|class\s)/.test(document.lineAt(i).text)) lines.add(i);
  }
  return lines;
}

/**
 * The code actions of `kind` the editor would show at `range`, resolved as the
 * editor does before applying one. VS Code cancels a code action request when
 * the set of providers for the document changes meanwhile (the built-in Copilot
 * extension registers its own once startup has finished, at a moment of its
 * choosing); the editor then simply asks again, and so does this.
 */
export async function codeActionsAt(
  document: vscode.TextDocument,
  range: vscode.Range,
  kind: vscode.CodeActionKind,
): Promise<vscode.CodeAction[]> {
  await api();
  for (let attempt = 1; ; attempt++) {
    try {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, kind.value, 1000);
      return actions.filter((a) => a.kind !== undefined && kind.contains(a.kind));
    } catch (error) {
      if (attempt === 3 || !(error instanceof Error && error.name === 'Canceled')) throw error;
    }
  }
}

/** The first line of the document that starts with `prefix`. */
export function lineOf(document: vscode.TextDocument, prefix: string): number {
  for (let i = 0; i < document.lineCount; i++) if (document.lineAt(i).text.startsWith(prefix)) return i;
  throw new Error(`no line starts with ${prefix}`);
}

/**
 * Applies the action as the editor does (edit, then command), checks the
 * result parses (and `whileApplied`, if given), undoes once and checks the
 * text is back. Returns the text the action produced.
 */
export async function applyAndUndo(
  editor: vscode.TextEditor,
  action: vscode.CodeAction,
  whileApplied?: () => Promise<void>,
): Promise<string> {
  const { document } = editor;
  const before = document.getText();
  assert.ok(action.edit ?? action.command, `"${action.title}" is enabled but has neither an edit nor a command`);
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `"${action.title}" could not be applied`);
  if (action.command) {
    const args: unknown[] = action.command.arguments ?? [];
    await vscode.commands.executeCommand(action.command.command, ...args);
  }
  const after = document.getText();
  assert.notEqual(after, before, `"${action.title}" changed nothing`);
  const errors = (await hostParses()).get(document).syntaxErrors;
  assert.deepEqual(errors, [], `"${action.title}" left syntax errors:\n${after}`);
  await whileApplied?.();
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('undo');
  assert.equal(document.getText(), before, `one undo did not restore the text after "${action.title}"`);
  return after;
}
