// Turns a conversion's rewritten regions into the contract's result: minimal
// edits, the re-parsed text, or — if anything would not parse — nothing
// changed and every function refused with that reason.
import type { FunctionInfo } from '../syntax/functionIndex';
import type { SourceFile } from '../syntax/sourceFile';
import { EditBuilder } from '../syntax/editBuilder';
import type { ConversionResult, Refusal } from './conversion';
import { lineEdits } from './lineEdits';
import { refusalAt } from './refusal';

export interface Rewrite {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** `inserts` go in before the rewrites that start at the same offset. */
export function conversionResult(file: SourceFile, rewrites: readonly Rewrite[], inserts: readonly { offset: number; text: string }[], converted: readonly FunctionInfo[], refused: readonly Refusal[]): ConversionResult {
  const builder = new EditBuilder(file);
  const edits = rewrites.flatMap((r) => lineEdits(file.text.slice(r.start, r.end), r.text, r.start));
  for (const i of inserts) {
    // An insertion where an edit starts becomes part of that edit, so the edits stay unambiguous.
    const at = edits.findIndex((e) => e.start === i.offset);
    const joined = edits[at];
    if (joined) edits[at] = { ...joined, newText: i.text + joined.newText };
    else builder.insert(i.offset, i.text);
  }
  for (const e of edits) builder.replace(e.start, e.end, e.newText);
  const names = converted.map((f) => f.name);
  if (builder.isEmpty) return { text: undefined, edits: [], converted: names, refused };
  const result = builder.apply();
  if (!result.ok) {
    return { text: undefined, edits: [], converted: [], refused: [...refused, ...converted.map((f) => refusalAt(file, f, { code: 'output-invalid', message: result.reason }))] };
  }
  const text = result.file.text;
  // convertFile checks the same text next: it takes this parse rather than making another.
  file.keep(result.file);
  return { text, edits: result.edits, converted: names, refused };
}
