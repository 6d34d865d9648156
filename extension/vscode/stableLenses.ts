// What keeps per-function CodeLenses steady while the user types: a lens whose
// key is unchanged is handed back as the same object (no flicker, no
// re-resolve), and while the tree has errors the last good lenses stay,
// following their functions as lines come and go.
import type * as vscode from 'vscode';
import type { SourceFile } from '../engine';

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

  /** The lenses to show for `file`; `fresh` computes them from a tree without errors. */
  lenses(uri: vscode.Uri, file: SourceFile, fresh: () => readonly L[]): L[] {
    const key = uri.toString();
    const before = this.previous.get(key);
    const now = new Map<string, L>();
    if (file.root.hasError && before) {
      // Labels read from a broken tree would come and go with every key.
      for (const lens of before.values()) {
        const moved = movedToDefinition(file, lens);
        now.set(moved.key, moved);
      }
    } else {
      for (const lens of fresh()) now.set(lens.key, before?.get(lens.key) ?? lens);
    }
    this.previous.set(key, now);
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
function movedToDefinition<L extends StableLens<L>>(file: SourceFile, lens: L): L {
  const starts = file.functions.named(lens.functionName).map((f) => file.lineOf(f.decorated ?? f.node) - 1);
  const line = starts.sort((a, b) => Math.abs(a - lens.line) - Math.abs(b - lens.line))[0] ?? lens.line;
  return line === lens.line ? lens : lens.movedTo(line);
}
