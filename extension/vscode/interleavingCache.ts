// The interleavings analysis of one parse, shared by the diagnostics and the
// lenses so a document version is analysed once. The diagnostics also resolve
// imports among the Python documents open in the editor; unopened files are
// not read.
import * as vscode from 'vscode';
import type { SourceFile } from '../engine';
import { analyzeInterleavings, type InterleavingModel, type WorkspaceModule } from '../engine/interleave/model';
import { analysable, analysisSkipped } from './analysisBudget';
import type { DocumentCache } from './documentCache';

const byFile = new WeakMap<SourceFile, InterleavingModel>();
const NOT_ANALYSED: InterleavingModel = { coroutines: [], hazards: [] };
const acrossOpen = new WeakMap<SourceFile, { readonly others: readonly SourceFile[]; readonly model: InterleavingModel }>();

export function interleavingsOf(file: SourceFile): InterleavingModel {
  let found = byFile.get(file);
  if (!found) byFile.set(file, (found = analysisSkipped(file) ? NOT_ANALYSED : analyzeInterleavings(file)));
  return found;
}

/** The analysis of `document` with writes from the other open Python documents it imports state from. */
export function interleavingsAcrossOpenDocuments(document: vscode.TextDocument, cache: DocumentCache): InterleavingModel {
  const file = analysable(cache, document);
  if (!file) return NOT_ANALYSED;
  const modules = openModules(document, cache);
  const others = [...modules.values()].map((m) => m.file).filter((f) => f !== file);
  if (others.length === 0) return interleavingsOf(file);
  const known = acrossOpen.get(file);
  if (known?.others.length === others.length && known.others.every((f, i) => f === others[i])) return known.model;
  const model = analyzeInterleavings(file, { path: document.uri.toString(), modules });
  acrossOpen.set(file, { others, model });
  return model;
}

/**
 * Open Python documents by module name: the path relative to the workspace
 * folder (`pkg/state.py` is `pkg.state`) and, for the analysed document's
 * directory, the bare file name (a script's own directory is on sys.path).
 */
function openModules(document: vscode.TextDocument, cache: DocumentCache): Map<string, WorkspaceModule> {
  const modules = new Map<string, WorkspaceModule>();
  const directory = vscode.Uri.joinPath(document.uri, '..').toString();
  const add = (name: string, module: WorkspaceModule): void => {
    if (/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(name) && !modules.has(name)) modules.set(name, module);
  };
  for (const open of vscode.workspace.textDocuments) {
    if (open.languageId !== 'python' || open.isClosed) continue;
    const file = analysable(cache, open);
    if (!file || (file.syntaxErrors.length > 0 && open !== document)) continue;
    const module = { path: open.uri.toString(), file };
    if (vscode.Uri.joinPath(open.uri, '..').toString() === directory) add(stem(open.uri.path.slice(open.uri.path.lastIndexOf('/') + 1)), module);
    add(stem(vscode.workspace.asRelativePath(open.uri, false)).split('/').join('.'), module);
  }
  return modules;
}

/** `pkg/state.py` → `pkg/state`, `pkg/__init__.py` → `pkg`. */
function stem(path: string): string {
  return path.replace(/\.py$/, '').replace(/(^|\/)__init__$/, '');
}
