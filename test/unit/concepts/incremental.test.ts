// The incremental classifier against the classifier run from scratch: after
// each of many random one-character edits of real modules (each re-parsed
// incrementally, as the editor does), both give the same labels and lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SourceFile } from '../../../extension/engine';
import { classifyFile, type ClassifiedFunction } from '../../../extension/engine/concepts';
import { IncrementalClassifier } from '../../../extension/engine/concepts/incremental';
import { dedent, parse, pythonParser } from '../../helpers/parser';
import { checkAfterRandomEdits, realModules } from '../../helpers/randomEdits';

const EDITS_PER_MODULE = 40;

/** What a lens or hover shows of a classification: everything but the tree nodes. */
function shown(classified: readonly ClassifiedFunction[]): unknown[] {
  return classified.map(({ name, line, endLine, concepts }) => ({ name, line, endLine, concepts }));
}

for (const [index, module] of realModules().entries()) {
  test(`incremental classification equals classification from scratch after random edits of ${module.name}`, async () => {
    const classifier = new IncrementalClassifier();
    const first = await parse(module.text);
    try {
      assert.deepEqual(shown(classifier.classify(first)), shown(classifyFile(first)));
    } finally {
      first.dispose();
    }
    let reused = 0;
    await checkAfterRandomEdits(module.text, 1000 + index, EDITS_PER_MODULE, (edited, fresh, edit) => {
      const before = classifier.stats.reused;
      assert.deepEqual(shown(classifier.classify(edited)), shown(classifyFile(fresh)), edit);
      reused += classifier.stats.reused - before;
    });
    // The property is only worth something if the cache was used.
    assert.ok(reused > 0, 'no labels were reused');
  });
}

const DEPENDENT = dedent(`
  import asyncio as aio

  @aio.coroutine
  def fetch():
      yield

  def relay():
      return (yield from fetch())

  def counter(start):
      def step():
          return start + 1
      return step
`);

/** The labels of the function named `name`, with lines relative to its `def`. */
function labelsOf(classified: readonly ClassifiedFunction[], name: string): unknown {
  const f = classified.find((c) => c.name === name);
  return f?.concepts.map((c) => [c.id, c.evidence.map((line) => line - f.line)]);
}

/** Edits outside a function that change its labels: the classifier must not reuse them. */
const CHANGES_ELSEWHERE: readonly { readonly what: string; readonly find: string; readonly replace: string; readonly changed: string }[] = [
  { what: 'the coroutine a generator delegates to loses its decorator', find: '@aio.coroutine\n', replace: '', changed: 'relay' },
  { what: 'the import a decorator resolves through changes', find: 'import asyncio as aio', replace: 'import asyncio as aia', changed: 'fetch' },
  { what: 'the enclosing function no longer binds the name a closure uses', find: 'counter(start)', replace: 'counter(begin)', changed: 'counter.step' },
];

for (const change of CHANGES_ELSEWHERE) {
  test(`incremental classification re-labels a function whose text did not change when ${change.what}`, async () => {
    const parser = await pythonParser();
    const classifier = new IncrementalClassifier();
    const file = SourceFile.parse(parser, DEPENDENT);
    const start = DEPENDENT.indexOf(change.find);
    const edited = file.withChanges([{ start, end: start + change.find.length, newText: change.replace }]);
    try {
      // The case tests something only if the function's labels did change.
      assert.notDeepEqual(labelsOf(classifier.classify(file), change.changed), labelsOf(classifyFile(edited), change.changed));
      assert.deepEqual(shown(classifier.classify(edited)), shown(classifyFile(edited)));
    } finally {
      file.dispose();
      edited.dispose();
    }
  });
}

test('a classifier with room for one definition drops the rest and still classifies every version right', async () => {
  const parser = await pythonParser();
  const classifier = new IncrementalClassifier(1);
  const [module] = realModules();
  assert.ok(module);
  const file = SourceFile.parse(parser, module.text);
  const edited = file.withChanges([{ start: 0, end: 0, newText: '\n' }]);
  try {
    for (const version of [file, edited, file]) assert.deepEqual(shown(classifier.classify(version)), shown(classifyFile(version)));
    assert.ok(classifier.stats.computed > file.functions.all.filter((f) => f.kind === 'function').length, 'nothing was dropped');
  } finally {
    file.dispose();
    edited.dispose();
  }
});
