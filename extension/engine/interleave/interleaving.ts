// The concrete schedule that breaks a hazard, as steps of two tasks, and the
// one-line summary diagnostics show.
import type { HazardKind, InterleavingStep, Interferer, SourceSpot, SuspensionKind, SuspensionPoint } from './model';

export interface HazardParts {
  readonly kind: HazardKind;
  readonly variable: string;
  readonly writtenVariable: string;
  readonly function: string;
  readonly read: SourceSpot;
  readonly suspend: SuspensionPoint;
  readonly write: SourceSpot;
  readonly interferers: readonly Interferer[];
  readonly unlistedInterferers?: number;
}

const SUSPENSION_WORDS: Record<SuspensionKind, string> = {
  await: 'await',
  'async-for-next': 'async for, next item',
  'async-for-end': 'async for, end of loop',
  'async-with-enter': 'entering async with',
  'async-with-exit': 'leaving async with',
  'yield-from': 'yield from',
  yield: 'yield',
};

function suspensionWords(kind: SuspensionKind): string {
  return SUSPENSION_WORDS[kind];
}

export function interleavingSteps(h: HazardParts): InterleavingStep[] {
  const a = `task A (${h.function})`;
  // Another function's write shows the race most plainly; else a second instance of this one.
  const first = h.interferers.find((w) => !w.sameFunction) ?? h.interferers[0];
  const steps: InterleavingStep[] = [
    step('A', h.function, h.kind === 'check-then-act' ? 'check' : 'read', h.read,
      `${a} ${h.kind === 'check-then-act' ? 'checks' : 'reads'} ${h.variable} at line ${String(h.read.line)}`),
    step('A', h.function, 'suspend', h.suspend,
      `${a} suspends at line ${String(h.suspend.line)} (${suspensionWords(h.suspend.kind)})`),
  ];
  if (first) {
    const b = first.sameFunction ? `task B (another ${first.function})` : `task B (${first.function})`;
    const where = first.file === undefined ? '' : ` of ${first.file}`;
    const write = step('B', first.function, 'write', first, `${b} writes ${h.variable} at line ${String(first.line)}${where}`);
    steps.push(first.file === undefined ? write : { ...write, file: first.file });
  }
  steps.push(step('A', h.function, 'resume', h.write, `${a} resumes and ${resumeWords(h)}`));
  return steps;
}

function resumeWords(h: HazardParts): string {
  const at = `line ${String(h.write.line)}`;
  switch (h.kind) {
    case 'lost-update':
      return `writes ${h.variable} at ${at} from the value read at line ${String(h.read.line)}, overwriting task B's write`;
    case 'check-then-act':
      return `writes ${h.variable} at ${at} although the check at line ${String(h.read.line)} may no longer hold`;
    case 'stale-read':
      return `writes ${h.writtenVariable} at ${at} from the stale ${h.variable} read at line ${String(h.read.line)}`;
  }
}

export function hazardMessage(h: HazardParts): string {
  const writers = h.interferers.map(
    (w) => `${w.sameFunction ? `another ${w.function}` : w.function} (${w.file === undefined ? '' : `${w.file} `}line ${String(w.line)})`,
  );
  const more = writers.length - 3 + (h.unlistedInterferers ?? 0);
  const others = more > 0 ? [...writers.slice(0, 3), `${String(more)} more`] : writers;
  const suspend = `${suspensionWords(h.suspend.kind)} at line ${String(h.suspend.line)}`;
  const lead = {
    'lost-update': `Lost update: ${h.variable} is read at line ${String(h.read.line)} and written back at line ${String(h.write.line)} after the ${suspend}`,
    'check-then-act': `Check-then-act: ${h.variable} is checked at line ${String(h.read.line)} and acted on at line ${String(h.write.line)} after the ${suspend}`,
    'stale-read': `Stale read: ${h.variable} is read at line ${String(h.read.line)} and used for ${h.writtenVariable} at line ${String(h.write.line)} after the ${suspend}`,
  }[h.kind];
  return `${lead}; ${others.join(', ')} can write it in between.`;
}

function step(task: 'A' | 'B', fn: string, action: InterleavingStep['action'], at: SourceSpot, text: string): InterleavingStep {
  return { task, function: fn, action, line: at.line, column: at.column, start: at.start, end: at.end, text };
}
