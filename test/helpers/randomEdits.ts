// Random one-character edits of real Python text, for property tests of the
// incremental analyses: seeded, so a failure names an edit that reproduces.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SourceFile, type TextChange } from '../../extension/engine';
import { random as seededRandom } from '../equivalence/generatedPrograms';
import { pythonParser } from './parser';

/** Words whose edit changes what an analysis sees (a decorator, an import, a suspension, a binding). */
const TELLING = /\b(yield|await|async|import|from|def|class|return|self|send|global|nonlocal|lambda|with|for|while)\b|@|=|\(/g;
const CHARACTERS = ['a', 'x', '_', '1', ' ', '\n', ':', '(', ')', '.', '=', '#', '@', 'y'];

/** One insertion, deletion or replacement of a character: half of them at or next to a telling word. */
export function randomEdit(text: string, random: () => number): TextChange {
  const pick = (n: number): number => Math.floor(random() * n);
  const telling = [...text.matchAll(TELLING)].map((m) => m.index + pick(m[0].length + 1));
  const start = telling.length > 0 && random() < 0.5 ? (telling[pick(telling.length)] ?? 0) : pick(text.length + 1);
  const character = CHARACTERS[pick(CHARACTERS.length)] ?? 'x';
  switch (pick(3)) {
    case 0:
      return { start, end: start, newText: character };
    case 1:
      return { start, end: Math.min(start + 1, text.length), newText: '' };
    default:
      return { start, end: Math.min(start + 1, text.length), newText: character };
  }
}

export function applyEdit(text: string, edit: TextChange): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

/** Real modules to edit: the examples, and a few library modules of asyncio and Tornado (Debian's python3 has Tornado). */
export function realModules(): { readonly name: string; readonly text: string }[] {
  const examples = join(__dirname, '..', '..', 'examples');
  const run = spawnSync('/usr/bin/python3', ['-c', 'import asyncio, tornado, os; print(os.path.dirname(asyncio.__file__)); print(os.path.dirname(tornado.__file__))'], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`python3 could not find asyncio and tornado: ${run.stderr}`);
  const [asyncio = '', tornado = ''] = run.stdout.trim().split('\n');
  const paths = [
    ...['bank.py', 'inventory.py', 'ladder.py', 'legacy_coroutines.py', 'shapes.py', 'shop/orders.py', 'shop/stock.py'].map((n) => join(examples, n)),
    join(asyncio, 'locks.py'),
    join(asyncio, 'queues.py'),
    join(tornado, 'locks.py'),
  ];
  return paths.map((path) => ({ name: basename(dirname(path)) + '/' + basename(path), text: readFileSync(path, 'utf8') }));
}

/**
 * Applies `count` seeded random edits to `text`, each re-parsed incrementally
 * from the previous version as the editor does, and calls `check` after each
 * with that parse, a fresh parse of the same text, and the edit's name.
 */
export async function checkAfterRandomEdits(
  text: string,
  seed: number,
  count: number,
  check: (edited: SourceFile, fresh: SourceFile, edit: string) => void,
): Promise<void> {
  const parser = await pythonParser();
  const random = seededRandom(seed);
  let current = text;
  let file = SourceFile.parse(parser, current);
  try {
    for (let i = 0; i < count; i++) {
      const edit = randomEdit(current, random);
      current = applyEdit(current, edit);
      const edited = file.withChanges([edit]);
      file.dispose();
      file = edited;
      const fresh = SourceFile.parse(parser, current);
      try {
        check(file, fresh, `edit ${String(i)}: ${JSON.stringify(edit)}`);
      } finally {
        fresh.dispose();
      }
    }
  } finally {
    file.dispose();
  }
}
