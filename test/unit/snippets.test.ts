// Every snippet, expanded with its defaults, parses cleanly, runs with python3,
// and its main definition (the one tab stop 1 names) carries the snippet's concept.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CONCEPT_IDS, classifyFile, type ConceptId } from '../../extension/engine/concepts';
import { ROOT } from '../helpers/cli';
import { parse } from '../helpers/parser';
import { expandSnippet } from '../helpers/snippets';

interface Snippet {
  readonly prefix: string | string[];
  readonly body: string | string[];
  readonly description: string;
}

const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets', 'python.code-snippets'), 'utf8')) as Record<string, Snippet>;
const prefixesOf = (s: Snippet): string[] => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]);
const bodyOf = (s: Snippet): string => (Array.isArray(s.body) ? s.body.join('\n') : s.body);

/** The concept a snippet teaches: the longest concept id one of its `cl-` prefixes starts with. */
function conceptOf(s: Snippet): ConceptId | undefined {
  const matches = prefixesOf(s).flatMap((p) => CONCEPT_IDS.filter((id) => p === `cl-${id}` || p.startsWith(`cl-${id}-`)));
  return matches.sort((a, b) => b.length - a.length)[0];
}

const work = mkdtempSync(join(tmpdir(), 'concept-snippets-'));
after(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('snippet expansion', () => {
  test('placeholders, mirrors, choices, escapes, variables and $0', () => {
    const { text, tabStops } = expandSnippet('def ${1:f}(${2|a,b|}):\n\treturn $1, \\$x, ${3:{\\}}, $TM_FILENAME, ${NOPE:dflt}$0', {
      TM_FILENAME: 'demo.py',
    });
    assert.equal(text, 'def f(a):\n\treturn f, $x, {}, demo.py, dflt');
    assert.equal(tabStops.get(1), 'f');
    assert.equal(tabStops.get(2), 'a');
  });

  test('a nested placeholder takes its own default inside the outer one', () => {
    assert.equal(expandSnippet('${1:outer ${2:inner}} $2', {}).text, 'outer inner inner');
  });

  test('an unknown variable without a default is an error, not silently empty', () => {
    assert.throws(() => expandSnippet('$UNKNOWN_VARIABLE', {}), /UNKNOWN_VARIABLE/);
  });
});

describe('python snippets', () => {
  test('there is a cl- snippet for every concept, plus an asyncio.Lock-guarded section and a small event loop', () => {
    const covered = new Set(Object.values(snippets).map(conceptOf));
    for (const id of CONCEPT_IDS) assert.ok(covered.has(id), `no snippet teaches ${id}`);
    const bodies = Object.values(snippets).map(bodyOf);
    assert.ok(bodies.some((b) => b.includes('asyncio.Lock()') && b.includes('async with')), 'no asyncio.Lock snippet');
    assert.ok(Object.values(snippets).filter((s) => conceptOf(s) === 'event-loop').length >= 2, 'no small event loop besides the concept snippet');
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    test(name, async () => {
      assert.ok(prefixesOf(snippet).every((p) => p.startsWith('cl-')), 'prefixes start with cl-');
      assert.ok(snippet.description.length > 20, 'has a description');
      const concept = conceptOf(snippet);
      assert.ok(concept, `a prefix names the concept (cl-<concept id>[-…])`);
      const { text, tabStops } = expandSnippet(bodyOf(snippet), { TM_FILENAME: 'example.py', TM_FILENAME_BASE: 'example' });
      const mainName = tabStops.get(1);
      assert.ok(mainName, 'tab stop 1 names the main definition');

      const file = await parse(text);
      try {
        assert.deepEqual(file.syntaxErrors, [], 'parses without error nodes');
        const main = classifyFile(file).filter((f) => f.name.split('.').at(-1) === mainName);
        assert.equal(main.length, 1, `one definition is named ${mainName}`);
        const ids = main[0]!.concepts.map((c) => c.id);
        assert.ok(ids.includes(concept), `${main[0]!.name} is labelled ${concept} (got ${ids.join(', ') || 'nothing'})`);
      } finally {
        file.dispose();
      }

      const path = join(work, `${concept}-${String(Object.keys(snippets).indexOf(name))}.py`);
      writeFileSync(path, text);
      const run = spawnSync('python3', [path], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(run.status, 0, `python3 exits 0\n${run.stderr}`);
      assert.notEqual(run.stdout.trim(), '', 'the example prints something');
    });
  }
});
