// The incremental interleavings analysis against the analysis from scratch:
// after every edit of a scripted sequence (a global changed, an await removed
// and put back, a lock added, a function renamed, the syntax broken and
// fixed…), and after random one-character edits of real modules, each
// re-parsed incrementally as the editor does, both give the same model; and
// the lock fix works from a model composed from summaries as from one walked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SourceFile, type TextChange } from '../../../extension/engine';
import { IncrementalInterleavings } from '../../../extension/engine/interleave/incremental';
import { guardWithLock } from '../../../extension/engine/interleave/lockFix';
import { analyzeInterleavings, type InterleavingModel, type Workspace } from '../../../extension/engine/interleave/model';
import { applyEdit, checkAfterRandomEdits, realModules } from '../../helpers/randomEdits';
import { dedent, parse, pythonParser } from '../../helpers/parser';

const MODULE = dedent(`
  import asyncio

  counter = 0
  CACHE = {}

  async def fetch(key):
      await asyncio.sleep(0)
      return key

  async def bump():
      global counter
      seen = counter
      await asyncio.sleep(0)
      counter = seen + 1

  async def load(key):
      if key not in CACHE:
          CACHE[key] = await fetch(key)
      return CACHE[key]

  class Account:
      def __init__(self):
          self.balance = 0

      async def withdraw(self, amount):
          current = self.balance
          await asyncio.sleep(0)
          self.balance = current - amount

  def make_counter():
      total = 0
      async def add():
          nonlocal total
          seen = total
          await asyncio.sleep(0)
          total = seen + 1
      return add

  async def main():
      account = Account()
      await asyncio.gather(bump(), bump(), load(1), load(1), account.withdraw(1), account.withdraw(2))

  asyncio.run(main())
`);

/** Each step replaces the first `find` (after `after`, when given) of the current text with `replace`. */
const STEPS: readonly { readonly what: string; readonly find: string; readonly replace: string; readonly after?: string }[] = [
  { what: 'a global gets another initial value', find: 'counter = 0', replace: 'counter = 10' },
  { what: 'the global a coroutine checks is renamed at module level', find: 'CACHE = {}', replace: 'CACHES = {}' },
  { what: 'the global comes back', find: 'CACHES = {}', replace: 'CACHE = {}' },
  { what: 'an await is removed', find: 'await asyncio.sleep(0)\n    counter', replace: 'asyncio.sleep(0)\n    counter' },
  { what: 'the await is put back', find: 'asyncio.sleep(0)\n    counter', replace: 'await asyncio.sleep(0)\n    counter' },
  { what: 'a `global` declaration is removed', find: '    global counter\n', replace: '' },
  { what: 'the `global` declaration comes back', find: 'async def bump():\n', replace: 'async def bump():\n    global counter\n' },
  {
    what: 'a method takes an attribute under `async with` that is not known as a lock yet',
    find: '        current = self.balance\n        await asyncio.sleep(0)\n        self.balance = current - amount',
    replace: '        async with self._guard:\n            current = self.balance\n            await asyncio.sleep(0)\n            self.balance = current - amount',
  },
  { what: 'another method makes that attribute a lock', find: '        self.balance = 0', replace: '        self.balance = 0\n        self._guard = asyncio.Lock()' },
  { what: 'a function is renamed and its callers left calling the old name', find: 'async def fetch(', replace: 'async def fetch_item(' },
  { what: 'the caller is renamed too', find: 'await fetch(key)', replace: 'await fetch_item(key)' },
  { what: 'the syntax is broken', find: 'counter = seen + 1', replace: 'counter = seen +' },
  { what: 'the syntax is fixed', find: 'counter = seen +', replace: 'counter = seen + 1' },
  { what: 'a closure variable stops being bound by its enclosing function', find: '    total = 0\n', replace: '' },
  { what: 'it is bound again', find: 'def make_counter():\n', replace: 'def make_counter():\n    total = 0\n' },
  { what: 'code is inserted above everything, moving every function', find: 'import asyncio\n', replace: 'import asyncio\nimport os\n\n' },
  { what: 'the entry point is no longer run by asyncio.run', find: 'asyncio.run(main())', replace: 'main()' },
  { what: 'a module-level name shadows a local of a coroutine', find: 'CACHE = {}\n', replace: 'CACHE = {}\nseen = 0\n' },
  { what: 'a class of the same name as a global appears', find: 'class Account:', replace: 'class CACHE:\n    pass\n\nclass Account:' },
];

/** The model without its object identities, as a diagnostic or the panel shows it. */
function plain(model: InterleavingModel): unknown {
  return JSON.parse(JSON.stringify(model));
}

function changeOf(text: string, find: string, replace: string): TextChange {
  const start = text.indexOf(find);
  assert.ok(start >= 0, `the text has no ${JSON.stringify(find)}`);
  return { start, end: start + find.length, newText: replace };
}

test('incremental interleavings equal the analysis from scratch after each edit of a scripted sequence', async () => {
  const parser = await pythonParser();
  const analysis = new IncrementalInterleavings();
  let text = MODULE;
  let file = SourceFile.parse(parser, text);
  let changed = 0;
  let previous = plain(analysis.analyze(file));
  assert.deepEqual(previous, plain(analyzeInterleavings(file)));
  assert.ok((previous as InterleavingModel).hazards.length >= 3, 'the module starts with hazards');
  for (const step of STEPS) {
    const edit = changeOf(text, step.find, step.replace);
    text = applyEdit(text, edit);
    const edited = file.withChanges([edit]);
    file.dispose();
    file = edited;
    const scratch = SourceFile.parse(parser, text);
    try {
      const model = plain(analysis.analyze(file));
      assert.deepEqual(model, plain(analyzeInterleavings(scratch)), step.what);
      if (JSON.stringify((model as InterleavingModel).hazards) !== JSON.stringify((previous as InterleavingModel).hazards)) changed++;
      previous = model;
    } finally {
      scratch.dispose();
    }
  }
  file.dispose();
  // The sequence tests something only if the hazards did move with the edits, and summaries were reused.
  assert.ok(changed >= 8, `the hazards changed after only ${String(changed)} edits`);
  assert.ok(analysis.stats.reused > analysis.stats.computed, `reused ${String(analysis.stats.reused)}, walked ${String(analysis.stats.computed)}`);
});

test('the lock fix applies to a hazard of a model composed from summaries as to one from scratch', async () => {
  const parser = await pythonParser();
  const analysis = new IncrementalInterleavings();
  const file = SourceFile.parse(parser, MODULE);
  // First sight walks every function; an edit elsewhere then leaves the hazard's function summarised.
  analysis.analyze(file);
  const edited = file.withChanges([changeOf(MODULE, 'import asyncio\n', 'import asyncio\n\n')]);
  const scratch = SourceFile.parse(parser, edited.text);
  try {
    const model = analysis.analyze(edited);
    const fromScratch = analyzeInterleavings(scratch);
    const index = model.hazards.findIndex((h) => h.function === 'bump');
    const [hazard, same] = [model.hazards[index], fromScratch.hazards[index]];
    assert.ok(hazard && same, 'bump has a hazard');
    const fix = guardWithLock(edited, model, hazard);
    const expected = guardWithLock(scratch, fromScratch, same);
    assert.ok(fix.ok && expected.ok, 'the fix applies');
    assert.deepEqual(fix.edits, expected.edits);
    fix.file.dispose();
    expected.file.dispose();
  } finally {
    file.dispose();
    edited.dispose();
    scratch.dispose();
  }
});

test('incremental interleavings across modules equal the analysis from scratch when the other module changes', async () => {
  const parser = await pythonParser();
  const analysis = new IncrementalInterleavings();
  const app = dedent(`
    import asyncio
    import state

    async def add():
        seen = state.counter
        await asyncio.sleep(0)
        state.counter = seen + 1
  `);
  const states = [
    'import asyncio\ncounter = 0\n',
    'import asyncio\ncounter = 0\n\nasync def reset():\n    state_value = 1\n',
    'import asyncio\ncounter = 0\n\nclass counter:\n    pass\n',
    'import asyncio\ncounter = 0\nLOCK = asyncio.Lock()\n',
  ];
  const appFile = SourceFile.parse(parser, app);
  try {
    for (const stateText of states) {
      const parsed = [SourceFile.parse(parser, stateText), SourceFile.parse(parser, app), SourceFile.parse(parser, stateText)] as const;
      const workspace = (own: SourceFile, other: SourceFile): Workspace => ({
        path: 'app.py',
        modules: new Map([
          ['app', { path: 'app.py', file: own }],
          ['state', { path: 'state.py', file: other }],
        ]),
      });
      try {
        const model = analysis.analyze(appFile, workspace(appFile, parsed[0]));
        assert.deepEqual(plain(model), plain(analyzeInterleavings(parsed[1], workspace(parsed[1], parsed[2]))), stateText);
      } finally {
        for (const f of parsed) f.dispose();
      }
    }
  } finally {
    appFile.dispose();
  }
});

const EDITS_PER_MODULE = 30;

for (const [index, module] of realModules().entries()) {
  test(`incremental interleavings equal the analysis from scratch after random edits of ${module.name}`, async () => {
    const analysis = new IncrementalInterleavings();
    const first = await parse(module.text);
    try {
      assert.deepEqual(plain(analysis.analyze(first)), plain(analyzeInterleavings(first)));
    } finally {
      first.dispose();
    }
    const walkedFirst = analysis.stats.computed;
    await checkAfterRandomEdits(module.text, 2000 + index, EDITS_PER_MODULE, (edited, fresh, edit) => {
      assert.deepEqual(plain(analysis.analyze(edited)), plain(analyzeInterleavings(fresh)), edit);
    });
    if (walkedFirst > 0) assert.ok(analysis.stats.reused > 0, 'no summary was reused');
  });
}

test('an analysis with room for one summary drops the rest and still equals the analysis from scratch on every version', async () => {
  const parser = await pythonParser();
  const [small, roomy] = [new IncrementalInterleavings(1), new IncrementalInterleavings()];
  const file = SourceFile.parse(parser, MODULE);
  const edited = file.withChanges([changeOf(MODULE, 'counter = 0', 'counter = 1')]);
  try {
    for (const version of [file, edited, file]) {
      assert.deepEqual(plain(small.analyze(version)), plain(analyzeInterleavings(version)));
      roomy.analyze(version);
    }
    assert.ok(small.stats.computed > roomy.stats.computed, 'nothing was dropped');
  } finally {
    file.dispose();
    edited.dispose();
  }
});
