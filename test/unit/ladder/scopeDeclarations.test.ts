// The `nonlocal` and `global` lines a split function needs, written from the
// refactor's own lines and blocks (and, for a body with `:=`, from a parse of
// its text): which names, in which order, and where in the continuation.
// Each conversion is run before and after with python3.
import { test } from 'node:test';
import { dedent } from '../../helpers/parser';
import { goldenRuns } from './cpsHelpers';

/** `fetch`, the leaf every function below calls, before and after. */
const FETCH = { direct: 'def fetch(x):\n    return x + 1\n\n\n', cps: 'def fetch(x, cont):\n    return cont(x + 1)\n\n\n' };

/** `source` (after `prelude` and `fetch`) converts to CPS as `expected`, and both print the same. */
async function declares(source: string, expected: string, runs: { before: string; after: string }, prelude = ''): Promise<void> {
  await goldenRuns(prelude + FETCH.direct + dedent(source), prelude + FETCH.cps + dedent(expected), 'cps', runs);
}

test('a continuation that updates a global and an enclosing variable declares both, global first, in each branch and in the join', async () => {
  await declares(
    `
    def tally(a, b):
        global calls
        total = 0
        if a:
            total = fetch(a)
            calls += 1
        else:
            total = 1
        total += fetch(b)

        # counted
        calls += 1
        return total
    `,
    `
    def tally(a, b, cont):
        global calls
        total = 0
        def join():
            def after_fetch(fetch_result):
                global calls
                nonlocal total
                total += fetch_result

                # counted
                calls += 1
                return cont(total)
            return fetch(b, after_fetch)
        if a:
            def after_fetch2(fetch_result2):
                global calls
                nonlocal total
                total = fetch_result2
                calls += 1
                return join()
            return fetch(a, after_fetch2)
        else:
            total = 1
            return join()
    `,
    { before: 'print(tally(1, 2), tally(0, 5), calls)\n', after: 'tally(1, 2, lambda x: tally(0, 5, lambda y: print(x, y, calls)))\n' },
    'calls = 0\n\n\n',
  );
});

test('the declarations go under the comments that open a continuation, after the blank line before them', async () => {
  await declares(
    `
    def spaced(x):
        total = 0
        total += 1
        value = fetch(x)

        # first comment

        # second comment
        total += value
        return total
    `,
    `
    def spaced(x, cont):
        total = 0
        total += 1
        def after_fetch(value):
            # first comment

            # second comment
            nonlocal total
            total += value
            return cont(total)
        return fetch(x, after_fetch)
    `,
    { before: 'print(spaced(4))\n', after: 'spaced(4, print)\n' },
  );
});

test('a name bound by := is declared too, in the order the continuation binds its names', async () => {
  await declares(
    `
    def walrus(n):
        total = (seen := 0)
        total += fetch(n)
        seen = total
        return total, seen
    `,
    `
    def walrus(n, cont):
        total = (seen := 0)
        def after_fetch(fetch_result):
            nonlocal total, seen
            total += fetch_result
            seen = total
            return cont((total, seen))
        return fetch(n, after_fetch)
    `,
    { before: 'print(walrus(3))\n', after: 'walrus(3, print)\n' },
  );
});
