// The benchmark corpus: CPython's own asyncio package, found through python3,
// and a 5,000-line module made of whole asyncio files (valid Python, async-heavy).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusFile {
  readonly name: string;
  readonly text: string;
}

export function asyncioPackage(): CorpusFile[] {
  const dir = execFileSync('python3', ['-c', 'import asyncio, os; print(os.path.dirname(asyncio.__file__))'], {
    encoding: 'utf8',
  }).trim();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => ({ name: `asyncio/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

/** Whole asyncio files appended until the module reaches 5,000 lines. */
export function fiveThousandLines(files: readonly CorpusFile[]): CorpusFile {
  let text = '';
  for (const f of files) {
    if (text.split('\n').length >= 5000) break;
    text += f.text.endsWith('\n') ? f.text : f.text + '\n';
  }
  return { name: `asyncio-concat (${String(text.split('\n').length - 1)} lines)`, text };
}
