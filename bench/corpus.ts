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

/**
 * A direct-style module of about `lines` lines, in the shapes the lower ladder
 * converts (leaves, early returns, a loop over a call, a chain of callers),
 * each group under its own names, with a `main` that prints a few results.
 */
export function directStyleModule(lines: number): CorpusFile {
  const groups: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const group = `def scale_${String(i)}(x):
    return x * ${String((i % 7) + 1)}


def clamp_${String(i)}(value, low, high):
    if value < low:
        return low
    if value > high:
        return high
    return value


def score_${String(i)}(items):
    total = 0
    for item in items:
        total += clamp_${String(i)}(scale_${String(i)}(item), 0, 50)
    return total


def report_${String(i)}(items):
    best = score_${String(i)}(items)
    label = "high" if best > 40 else "low"
    return label + ":" + str(best)


`;
    groups.push(group);
    count += group.split('\n').length - 1;
  }
  const text = `${groups.join('')}def main():
    print(report_0([1, 2, 3]))
    print(report_${String(groups.length - 1)}([4, 5, 6]))


main()
`;
  return { name: `direct-style module (${String(text.split('\n').length - 1)} lines)`, text };
}
