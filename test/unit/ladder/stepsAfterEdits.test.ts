// Lens steps on a re-parse that took statements over from the version before
// (what each statement held: its names, whether a step's output of it would
// compile) answer exactly as on a fresh parse of the same text: random edits of
// real modules, every step of every function after each, compared whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SourceFile, type PythonParser, type TextChange } from '../../../extension/engine';
import { candidatesOf } from '../../../extension/engine/ladder/candidates';
import { conversions } from '../../../extension/engine/ladder/registry';
import { stepFunction } from '../../../extension/engine/ladder/takeStep';
import { random as seededRandom } from '../../equivalence/generatedPrograms';
import { pythonParser } from '../../helpers/parser';
import { applyEdit, randomEdit, realModules } from '../../helpers/randomEdits';

const EDITS = 10;

/**
 * The modules, each also with a line outside ASCII (a text then read by name
 * from its tree, not searched as words); shapes.py has nothing a step takes.
 */
const MODULES = realModules()
  .filter((m) => !m.name.endsWith('/shapes.py'))
  .flatMap((m) => [m, { name: `${m.name} with a non-ASCII comment`, text: `${m.text}\n# naïve — on purpose\n` }]);

/** Every step a lens, a hover or a code action can ask of the parse: each function to each rung a conversion takes it to. */
function everyStep(file: SourceFile): Map<string, string> {
  const steps = new Map<string, string>();
  for (const conversion of conversions) {
    for (const fn of candidatesOf(file, conversion)) {
      const key = `${fn.name} → ${conversion.to}`;
      if (steps.has(key)) continue;
      // A step that throws (some broken texts) must throw the same on both parses.
      try {
        steps.set(key, JSON.stringify(stepFunction(file, fn.name, conversion.to)));
      } catch (error) {
        steps.set(key, `threw ${String(error)}`);
      }
    }
  }
  return steps;
}

/**
 * A random edit after which the module still parses, when one of a few tries
 * gives one: a module with an error is read more cautiously (names searched at
 * once), and most of what is carried over is read only when it parses.
 */
function parseableEdit(parser: PythonParser, text: string, random: () => number): TextChange {
  let edit = randomEdit(text, random);
  for (let tries = 0; tries < 20; tries++, edit = randomEdit(text, random)) {
    const tree = parser.parse(applyEdit(text, edit));
    const broken = tree.rootNode.hasError;
    tree.delete();
    if (!broken) return edit;
  }
  return edit;
}

/** Statements taken over by a re-parse, over all the modules. */
let taken = 0;

for (const [seed, module] of MODULES.entries()) {
  test(`after random edits of ${module.name}, every step on the re-parse that took statements over is the step on a fresh parse`, async () => {
    const parser = await pythonParser();
    const random = seededRandom(seed + 17);
    let file = SourceFile.parse(parser, module.text);
    let compared = 0;
    try {
      // The first version's steps: what the next re-parse can take over.
      everyStep(file);
      for (let i = 0; i < EDITS; i++) {
        const edit = parseableEdit(parser, file.text, random);
        const edited = file.withChanges([edit]);
        taken += edited.root.children.filter((s) => s && s.id < 0).length;
        file.dispose();
        file = edited;
        const fresh = SourceFile.parse(parser, file.text);
        try {
          const carried = everyStep(file);
          const expected = everyStep(fresh);
          assert.deepEqual([...carried.keys()], [...expected.keys()], `edit ${String(i)} ${JSON.stringify(edit)}: the same candidates`);
          for (const [key, step] of expected) assert.equal(carried.get(key), step, `edit ${String(i)} ${JSON.stringify(edit)}: ${key}`);
          compared += expected.size;
        } finally {
          fresh.dispose();
        }
      }
    } finally {
      file.dispose();
    }
    assert.ok(compared > 0, 'no step was compared');
  });
}

test('the edits above left statements to take over (an edit can break a module enough that none is)', () => {
  assert.ok(taken > 100, `only ${String(taken)} statements were taken over`);
});

test('a statement an edit makes invalid for CPython refuses the steps that parse before it, and valid again lets them through', async () => {
  const parser = await pythonParser();
  const text = 'import asyncio\n\n\n@asyncio.coroutine\ndef nap():\n    yield from asyncio.sleep(0)\n\n\nif __debug__:\n    pass\n';
  const at = text.lastIndexOf('pass');
  let file = SourceFile.parse(parser, text);
  try {
    assert.equal(stepFunction(file, 'nap', 'async').refusal, undefined);
    const verdicts: (string | undefined)[] = [];
    // `return` at module level parses, but CPython refuses it: every step's output would hold it.
    for (const [start, end, newText] of [[at, at + 4, 'return'], [at, at + 6, 'pass']] as const) {
      const edited = file.withChanges([{ start, end, newText }]);
      file.dispose();
      file = edited;
      const fresh = SourceFile.parse(parser, file.text);
      try {
        assert.equal(JSON.stringify(stepFunction(file, 'nap', 'async')), JSON.stringify(stepFunction(fresh, 'nap', 'async')));
      } finally {
        fresh.dispose();
      }
      verdicts.push(stepFunction(file, 'nap', 'async').refusal?.code);
    }
    assert.deepEqual(verdicts, ['output-invalid', undefined]);
  } finally {
    file.dispose();
  }
});
