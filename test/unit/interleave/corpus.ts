// The labelled interleavings corpus: racy programs that print a wrong result
// under python3 and safe ones (hard negatives among them) that print the right one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceFile } from '../../../extension/engine';
import type { LockFix } from '../../../extension/engine/interleave/lockFix';
import { analyzeInterleavings, type Hazard, type InterleavingModel } from '../../../extension/engine/interleave/model';
import { parse } from '../../helpers/parser';

export const CORPUS = join(__dirname, '..', '..', 'corpus', 'interleavings');

export interface Program {
  readonly label: 'racy' | 'safe';
  readonly name: string;
  readonly path: string;
  readonly text: string;
  /** The correct output, from the `# expected: …` header. */
  readonly expected: string;
  /** A racy program the lock quick fix must refuse (`# fix: refused (why)`), e.g. a plain-function writer. */
  readonly fixRefused: boolean;
}

export function programs(): Program[] {
  return (['racy', 'safe'] as const).flatMap((label) =>
    readdirSync(join(CORPUS, label))
      .filter((n) => n.endsWith('.py'))
      .sort()
      .map((name) => {
        const path = join(CORPUS, label, name);
        const text = readFileSync(path, 'utf8');
        const expected = /^# expected: (.*)$/m.exec(text)?.[1];
        if (expected === undefined) throw new Error(`${path} has no '# expected:' header`);
        return { label, name, path, text, expected, fixRefused: /^# fix: refused\b/m.test(text) };
      }),
  );
}

/** Runs Python source with python3 (from stdin) and returns its trimmed stdout. */
export function runPython(source: string): string {
  const result = spawnSync('python3', ['-'], { input: source, encoding: 'utf8', timeout: 20_000 });
  if (result.status !== 0) throw new Error(`python3 failed (${String(result.status)}): ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * Applies lock fixes (`fixOne` picks one for a hazard) until no hazard is
 * left; the fixed text, with every fix asserted to apply.
 */
export async function fixUntilClean(program: Program, fixOne: (file: SourceFile, model: InterleavingModel, hazard: Hazard) => LockFix): Promise<string> {
  let file = await parse(program.text);
  try {
    for (let round = 0; ; round++) {
      const model = analyzeInterleavings(file);
      const [hazard] = model.hazards;
      if (!hazard) return file.text;
      assert.ok(round < 5, `${program.name}: hazards keep coming back`);
      const fix = fixOne(file, model, hazard);
      assert.ok(fix.ok, `${program.name}: ${fix.ok ? '' : fix.reason}`);
      file.dispose();
      file = fix.file;
    }
  } finally {
    file.dispose();
  }
}
