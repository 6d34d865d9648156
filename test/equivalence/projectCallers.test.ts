// Callers in other modules that a step cannot adapt (issue 15), on small
// packages run with python3 before and after the built CLI converts them: an
// override in another module, a lookup by name there, a function or method
// passed there as a value, a method called there on a receiver whose class
// the project does not show or on an instance imported from another module, a call spelled with other characters Python
// reads as the same name (NFKC), and calls in modules of one batch whose own
// step does not know the callee converted. Each named function is refused
// with the code the same use gets inside one module, naming the other file
// and line; whatever converts, the program prints the same.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { dedent } from '../helpers/parser';
import { runCli } from '../helpers/cli';
import { runPackage, writePackage } from '../helpers/pythonPackage';

const work = mkdtempSync(join(tmpdir(), 'project-callers-'));
after(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Case {
  /** The package's modules (besides an empty `__init__.py`); `main.py` runs. */
  readonly files: Record<string, string>;
  /** What to refactor, relative to the folder holding `pkg`. */
  readonly args: readonly string[];
  /** Function → [code, what the message must name]. */
  readonly refused: Record<string, readonly [string, RegExp]>;
  /** Functions that must convert (others may, as long as the program prints the same). */
  readonly converted?: readonly string[];
}

const SHAPES = dedent(`
  class Shape:
      def area(self, x):
          return x + 1

      def report(self):
          return self.area(1)
`);

const SQUARE = dedent(`
  from .shapes import Shape


  class Square(Shape):
      def area(self, x):
          return x * 10
`);

const CASES: Record<string, Case> = {
  'an override in another module': {
    files: {
      'shapes.py': SHAPES,
      'main.py': `${SQUARE}\n\nprint(Shape().report(), Square().report())\n`,
    },
    args: ['pkg/shapes.py', '--to', 'cps', '--with-callers'],
    refused: { 'Shape.area': ['overridden', /pkg\/main\.py at line 5/], 'Shape.report': ['caller-in-other-module', /pkg\/main\.py at line 9/] },
  },
  'an override in another module of the same batch, which the base class calls through self': {
    files: {
      'shapes.py': SHAPES,
      'main.py': `${SQUARE}\n\ndef main():\n    return Square().area(2)\n\n\nprint(main())\n`,
    },
    // Shape.report's `self.area(1)` reaches Square.area: a step of one module cannot adapt it for the other.
    args: ['pkg', '--to', 'cps', '--with-callers'],
    refused: { 'Shape.area': ['overridden', /pkg\/main\.py at line 5/], 'Square.area': ['overridden', /pkg\/shapes\.py at line 2/] },
    converted: ['main'],
  },
  'a lookup by name in another module': {
    files: {
      'registry.py': dedent(`
        def scale(x):
            return x * 3


        def on_tick(x):
            return x - 1


        def unused(x):
            return x
      `),
      'main.py': dedent(`
        from . import registry


        def fire(event, x):
            return getattr(registry, "on_" + event)(x)


        print(getattr(registry, "scale")(2), fire("tick", 5))
      `),
    },
    args: ['pkg/registry.py', '--to', 'cps'],
    refused: { scale: ['used-as-value', /looked up by name in pkg\/main\.py at line 8/], on_tick: ['used-as-value', /looked up by name in pkg\/main\.py at line 5/] },
    converted: ['unused'],
  },
  'a function and a method passed as values in another module': {
    files: {
      'jobs.py': dedent(`
        class Job:
            def step(self, x):
                return x + 100


        def finish(x):
            print("finished", x)
      `),
      'main.py': dedent(`
        import asyncio

        from . import jobs


        def collect(job, callbacks):
            callbacks.append(job.step)


        async def main():
            asyncio.get_running_loop().call_soon(jobs.finish, 1)
            callbacks = []
            collect(jobs.Job(), callbacks)
            await asyncio.sleep(0)
            print(callbacks[0](2))


        asyncio.run(main())
      `),
    },
    args: ['pkg/jobs.py', '--to', 'cps'],
    refused: { finish: ['used-as-value', /pkg\/main\.py at line 11/], 'Job.step': ['used-as-value', /pkg\/main\.py at line 7/] },
  },
  'a method called in another module on a receiver whose class the project does not show': {
    files: {
      'ledger.py': dedent(`
        class Ledger:
            def __init__(self):
                self.total = 0

            def update(self, n):
                self.total += n
                return self.total
      `),
      'main.py': dedent(`
        from .ledger import Ledger


        def apply(book):
            return book.update({"k": 1})


        print(apply({}))
        print(Ledger().update(3))
      `),
    },
    args: ['pkg/ledger.py', '--to', 'cps'],
    refused: { 'Ledger.update': ['receiver-unknown', /pkg\/main\.py at line 5/] },
  },
  'a method called in another module on an instance that module imports by name': {
    files: {
      'registry.py': dedent(`
        class Registry:
            def __init__(self):
                self.items = {"a": "alpha"}

            def lookup(self, key):
                return self.items.get(key, key.upper())


        registry = Registry()
      `),
      'main.py': dedent(`
        from .registry import registry


        print(registry.lookup("a"), registry.lookup("b"))
      `),
    },
    args: ['pkg/registry.py', '--to', 'cps'],
    refused: { 'Registry.lookup': ['caller-in-other-module', /pkg\/main\.py at line 4/] },
  },
  'a call in another module spelled with other characters that are the same name (NFKC)': {
    files: {
      'shapes.py': 'def square(x):\n    return x * x\n',
      'main.py': 'from .shapes import square\n\nprint(ｓｑｕａｒｅ(3))\n',
    },
    args: ['pkg/shapes.py', '--to', 'cps'],
    refused: { square: ['caller-in-other-module', /pkg\/main\.py at line 3/] },
  },
  'a batch to CPS: a caller in another module that its own step does not adapt': {
    files: {
      'calc.py': 'def bump(x):\n    return x + 1\n',
      'main.py': 'from .calc import bump\n\n\ndef double_bump(x):\n    return bump(x) * 2\n\n\nprint(double_bump(1))\n',
    },
    args: ['pkg', '--to', 'cps', '--public-api', 'convert'],
    refused: { bump: ['caller-in-other-module', /pkg\/main\.py at line 5/] },
    converted: ['double_bump'],
  },
  'a batch to generators: a CPS caller in another module that its own step does not adapt': {
    files: {
      'calc.py': 'def bump(x, cont):\n    return cont(x + 1)\n',
      'main.py': 'from .calc import bump\n\n\ndef double_bump(x, cont):\n    return bump(x, lambda r: cont(r * 2))\n\n\ndouble_bump(1, print)\n',
    },
    args: ['pkg', '--to', 'generator', '--public-api', 'convert'],
    refused: { bump: ['caller-in-other-module', /pkg\/main\.py at line 5/] },
  },
};


interface Report {
  readonly files: { path: string; converted: string[]; refused: { function: string; code: string; message: string; line: number }[] }[];
}

for (const [name, c] of Object.entries(CASES)) {
  test(name, () => {
    const root = writePackage(join(work, name.replace(/\W+/g, '-')), c.files);
    const before = runPackage(root);
    assert.notEqual(before, '', 'the program prints something to compare');
    const cli = runCli(['refactor', ...c.args, '--write', '--json'], root);
    assert.ok(cli.status === 0 || cli.status === 1, `exit ${String(cli.status)}: ${cli.stderr}`);
    const report = JSON.parse(cli.stdout) as Report;
    const refused = new Map(report.files.flatMap((f) => f.refused.map((r) => [r.function, r] as const)));
    for (const [fn, [code, names]] of Object.entries(c.refused)) {
      const refusal = refused.get(fn);
      assert.equal(refusal?.code, code, `${fn}: ${JSON.stringify(report)}`);
      assert.match(refusal.message, names, fn);
      assert.ok(refusal.line > 0, `${fn}'s refusal names a line`);
    }
    const converted = report.files.flatMap((f) => f.converted);
    for (const fn of c.converted ?? []) assert.ok(converted.includes(fn), `${fn} converts: ${JSON.stringify(report)}`);
    for (const fn of Object.keys(c.refused)) assert.ok(!converted.includes(fn), `${fn} is not converted`);
    assert.equal(runPackage(root), before, 'the program prints the same');
  });
}
