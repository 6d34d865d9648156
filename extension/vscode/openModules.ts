// Which open Python documents count as the modules an analysed document
// imports state from, by module name: the path relative to the workspace
// folder (`pkg/state.py` is `pkg.state`) and, for the analysed document's
// directory, the bare file name (a script's own directory is on sys.path).
// Unopened files are not read; the engine's worker pairs the names with its
// parses of those documents (interleavingCache.ts's modulesFrom).
import * as vscode from 'vscode';

/** Open documents under the module names they may have, in the order they claim them (parses are not needed to name them). */
export function openModuleNames(document: vscode.TextDocument): { readonly name: string; readonly uri: string }[] {
  const named: { name: string; uri: string }[] = [];
  const directory = vscode.Uri.joinPath(document.uri, '..').toString();
  const add = (name: string, uri: string): void => {
    if (/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(name)) named.push({ name, uri });
  };
  for (const open of vscode.workspace.textDocuments) {
    if (open.languageId !== 'python' || open.isClosed) continue;
    const uri = open.uri.toString();
    if (vscode.Uri.joinPath(open.uri, '..').toString() === directory) add(stem(open.uri.path.slice(open.uri.path.lastIndexOf('/') + 1)), uri);
    add(stem(vscode.workspace.asRelativePath(open.uri, false)).split('/').join('.'), uri);
  }
  return named;
}

/** `pkg/state.py` → `pkg/state`, `pkg/__init__.py` → `pkg`. */
function stem(path: string): string {
  return path.replace(/\.py$/, '').replace(/(^|\/)__init__$/, '');
}
