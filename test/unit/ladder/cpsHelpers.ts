// Helpers for the CPS rungs' golden tests: a golden comparison that also runs
// the program before and after with python3 and compares what it prints.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { Rung } from '../../../extension/engine/ladder/conversion';
import type { ConvertFileOptions } from '../../../extension/engine/ladder/convertFile';
import { dedent } from '../../helpers/parser';
import { convert, golden } from './ladderHelpers';

/** Runs `source` with python3 and returns what it printed; fails the test if it does not run. */
export function python(source: string): string {
  const run = spawnSync('python3', ['-'], { input: source, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, `python3 failed:\n${run.stderr}\n${source}`);
  return run.stdout;
}

/**
 * The conversion of `source` is exactly `expected`, and `driver` (module-level
 * code calling the functions in the new form) prints the same after as
 * `original` (the same calls in the old form) printed before.
 */
export async function goldenRuns(source: string, expected: string, to: Rung, runs: { before: string; after: string }, options: ConvertFileOptions = {}): Promise<void> {
  await golden(source, expected, to, options);
  const printed = python(dedent(source) + dedent(runs.before));
  assert.notEqual(printed, '', 'the check must print something');
  assert.equal(python(dedent(expected) + dedent(runs.after)), printed);
}

/** The new text of `source` converted to `to`, which must convert everything it is asked to. */
export async function converted(source: string, to: Rung, options: ConvertFileOptions = {}): Promise<string> {
  const result = await convert(source, to, options);
  assert.deepEqual(result.refused, [], 'nothing should be refused');
  assert.ok(result.text !== undefined, 'the text must change');
  return result.text;
}

/**
 * `name` refuses with `code` at `line` on the way to `to`. Were it converted,
 * the program would print something else: checked too, so the test shows
 * what refusing prevents.
 */
export async function refusesLeaf(source: string, name: string, code: string, line: number, to: Rung = 'generator'): Promise<void> {
  const before = python(dedent(source));
  const result = await convert(source, to, { functions: [name] });
  if (result.text !== undefined) assert.equal(python(result.text), before, 'converted, the program prints something else');
  assert.deepEqual(
    result.refused.map((r) => [r.function, r.code, r.line]),
    [[name, code, line]],
    JSON.stringify(result.refused),
  );
}

/** Callback code with type hints, as modern code writes it (the continuation annotated with the values it is handed), importing `names` from typing. */
export function typedCallbacks(names: string): string {
  return `
    from typing import ${names}


    def fetch(key: int, on_done: Callable[[int], None]) -> None:
        on_done(key * 2)


    def lookup(key: int, on_done: Callable[[int], None]) -> None:
        def got(v: int) -> None:
            on_done(v + 1)

        fetch(key, got)


    lookup(3, print)
`;
}
