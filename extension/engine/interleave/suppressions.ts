// What the linter reports of a file's hazards: the configuration's severity
// per kind and ignored state, then suppression comments —
//
//   x = CACHE[k]  # concept-lenses: ignore[lost-update] -- only the loader task writes it
//
// on the hazard's read or write line, or alone on the line above one of them.
// `ignore` without kinds ignores every kind there. A suppression gives its
// reason after `--`; one without a reason, one naming an unknown kind, and one
// that suppresses nothing are reported, so suppressions cannot go stale.
import type { SourceFile } from '../syntax/sourceFile';
import type { LintConfig, Severity } from './lintConfig';
import type { Hazard, HazardKind } from './model';

export interface Suppression {
  /** 1-based line of the comment. */
  readonly line: number;
  readonly column: number;
  /** The kinds it names; empty for all. */
  readonly kinds: readonly string[];
  readonly reason: string | undefined;
  /** The lines it covers: its own, or the next one when the comment stands alone. */
  readonly covers: number;
}

export type SuppressionProblemCode = 'unused-suppression' | 'suppression-without-reason' | 'unknown-hazard-kind';

export interface SuppressionProblem {
  readonly code: SuppressionProblemCode;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface LintedHazard {
  readonly hazard: Hazard;
  readonly severity: Exclude<Severity, 'off'>;
}

export interface LintResult {
  /** What to report, in the hazards' order. */
  readonly findings: readonly LintedHazard[];
  readonly suppressed: readonly { readonly hazard: Hazard; readonly by: Suppression }[];
  readonly problems: readonly SuppressionProblem[];
}

const KINDS: ReadonlySet<string> = new Set<HazardKind>(['lost-update', 'check-then-act', 'stale-read']);
const MARKER = /#\s*concept-lenses:\s*ignore(?:\[([^\]]*)\])?(?:\s*--\s*(.*\S))?\s*$/;

export function suppressionsOf(file: SourceFile): Suppression[] {
  const found: Suppression[] = [];
  if (!file.text.includes('concept-lenses:')) return found;
  for (const comment of file.root.descendantsOfType('comment')) {
    const match = comment && MARKER.exec(file.textOf(comment));
    if (!comment || !match) continue;
    const at = file.positionAt(comment.startIndex);
    const lineStart = comment.startIndex - at.character;
    const alone = file.text.slice(lineStart, comment.startIndex).trim() === '';
    const kinds = (match[1] ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
    found.push({ line: at.line + 1, column: at.character, kinds, reason: match[2], covers: at.line + 1 + (alone ? 1 : 0) });
  }
  return found;
}

/** Applies `config` and the file's suppression comments; `fallback` is the severity of a kind the config leaves out. */
export function lintHazards(file: SourceFile, hazards: readonly Hazard[], config: LintConfig, fallback: Exclude<Severity, 'off'> = 'warning'): LintResult {
  const suppressions = suppressionsOf(file);
  const used = new Set<Suppression>();
  const findings: LintedHazard[] = [];
  const suppressed: { hazard: Hazard; by: Suppression }[] = [];
  for (const hazard of hazards) {
    const by = suppressions.find(
      (s) => (s.covers === hazard.write.line || s.covers === hazard.read.line) && (s.kinds.length === 0 || s.kinds.includes(hazard.kind)),
    );
    // A suppression of a hazard the configuration hides anyway is still in use: it is not stale.
    if (by) used.add(by);
    const severity = config.severity[hazard.kind] ?? fallback;
    if (severity === 'off' || config.ignoreState.includes(hazard.variable) || config.ignoreState.includes(hazard.writtenVariable)) continue;
    if (by) suppressed.push({ hazard, by });
    else findings.push({ hazard, severity });
  }
  const problems: SuppressionProblem[] = [];
  for (const s of suppressions) {
    const at = { line: s.line, column: s.column };
    const unknown = s.kinds.filter((k) => !KINDS.has(k));
    if (unknown.length > 0) problems.push({ code: 'unknown-hazard-kind', ...at, message: `unknown hazard kind ${unknown.join(', ')} in a suppression (one of ${[...KINDS].join(', ')})` });
    if (s.reason === undefined) problems.push({ code: 'suppression-without-reason', ...at, message: 'suppression without a reason: add `-- why it is safe`' });
    if (!used.has(s) && unknown.length === 0) problems.push({ code: 'unused-suppression', ...at, message: 'unused suppression: no hazard is reported here' });
  }
  return { findings, suppressed, problems };
}
