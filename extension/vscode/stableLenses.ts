// What keeps per-function CodeLenses steady while the user types: a lens whose
// key is unchanged is handed back as the same object (no flicker, and no
// re-resolve unless its owner renews it), and while the tree has errors the
// last good lenses stay, following their functions as lines come and go.
import type * as vscode from 'vscode';
import type { FunctionStart } from './worker/protocol';

export interface StableLens<L> extends vscode.CodeLens {
  /** Equal keys mean the same lens: same line, same function, same content. */
  readonly key: string;
  readonly functionName: string;
  /** 0-based line of the definition (its first decorator, if any). */
  readonly line: number;
  /** The same lens on another line. */
  movedTo(line: number): L;
}

export class LensMemory<L extends StableLens<L>> {
  /** Per document: the lenses last returned, by key. */
  private readonly previous = new Map<string, Map<string, L>>();

  /** The lenses to show from a tree without errors: `fresh`, each as the same object as before if its key is unchanged. */
  lenses(uri: vscode.Uri, fresh: readonly L[]): L[] {
    const before = this.previous.get(uri.toString());
    return this.remember(uri, fresh.map((lens) => before?.get(lens.key) ?? lens));
  }

  /** Mid-edit (the tree has errors): the last good lenses, each moved to where its function starts now (`starts`). */
  follow(uri: vscode.Uri, starts: readonly FunctionStart[]): L[] {
    return this.remember(uri, this.last(uri).map((lens) => movedToDefinition(starts, lens)));
  }

  /** The last lenses, each as `renewed` gives it (itself, or a lens to resolve again). */
  renew(uri: vscode.Uri, renewed: (lens: L) => L): L[] {
    return this.remember(uri, this.last(uri).map(renewed));
  }

  private remember(uri: vscode.Uri, lenses: readonly L[]): L[] {
    const now = new Map(lenses.map((lens) => [lens.key, lens]));
    this.previous.set(uri.toString(), now);
    return [...now.values()];
  }

  /** The lenses last returned for the document (while a newer answer is on its way). */
  last(uri: vscode.Uri): L[] {
    return [...(this.previous.get(uri.toString())?.values() ?? [])];
  }

  forget(uri: vscode.Uri): void {
    this.previous.delete(uri.toString());
  }

  clear(): void {
    this.previous.clear();
  }
}

/** The lens moved to where its function starts now (or left where it was if it cannot be found). */
function movedToDefinition<L extends StableLens<L>>(starts: readonly FunctionStart[], lens: L): L {
  const lines = starts.filter((s) => s.name === lens.functionName).map((s) => s.line);
  const line = lines.sort((a, b) => Math.abs(a - lens.line) - Math.abs(b - lens.line))[0] ?? lens.line;
  return line === lens.line ? lens : lens.movedTo(line);
}
