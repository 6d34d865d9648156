// Text that is valid but unusual: lone-CR line breaks, characters that hide
// or drive a terminal, nesting deeper than the engine walks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_NESTING_DEPTH } from '../../../extension/engine';
import { visible } from '../../../extension/engine/syntax/visibleText';
import { parse } from '../../helpers/parser';

test('lone-CR line breaks parse like LF, in a fresh parse and an incremental one', async () => {
  const lf = 'x = 1\nif x:\n    y = 1\nz = 1\n\nclass A:\n    def m(self):\n        pass\n\n    async def n(self):\n        await g()\n        return 1\n';
  const cr = lf.replaceAll('\n', '\r');
  const file = await parse(cr);
  assert.deepEqual(file.syntaxErrors, []);
  const lfFile = await parse(lf);
  assert.equal(file.root.toString(), lfFile.root.toString());
  assert.deepEqual(
    file.functions.all.map((f) => [f.name, f.line, f.endLine]),
    lfFile.functions.all.map((f) => [f.name, f.line, f.endLine]),
  );
  const at = cr.indexOf('y = 1');
  const edited = file.withChanges([{ start: at, end: at + 1, newText: 'why' }]);
  assert.equal(edited.root.toString(), (await parse(edited.text)).root.toString());
  assert.deepEqual(edited.syntaxErrors, []);
});

test('a syntax error quotes the source with escapes, NULs, bidi controls and invisible letters made visible', async () => {
  const file = await parse('x = 1\ny = "\u001b[31m\u0000\u202e\u3164"(\n');
  const [problem] = file.syntaxErrors;
  assert.ok(problem);
  assert.equal(problem.code, 'syntax');
  // eslint-disable-next-line no-control-regex -- the point is that none are left
  assert.doesNotMatch(problem.message, /[\u0000-\u001f\u202e\u3164]/);
  assert.match(problem.message, /⟨U\+001B⟩\[31m⟨U\+0000⟩⟨U\+202E⟩⟨U\+3164⟩/);
});

test('tag characters, Hangul fillers and the soft hyphen are shown as code points', () => {
  assert.equal(visible('a\u{e0041}b\u3164c\u00add\u115fe\u034ff'), 'a⟨U+E0041⟩b⟨U+3164⟩c⟨U+00AD⟩d⟨U+115F⟩e⟨U+034F⟩f');
  assert.equal(visible('größe\tنص 😀 → 漢字'), 'größe\tنص 😀 → 漢字');
});

test('a file nested deeper than the bound is one typed too-deep problem; just under it parses clean', async () => {
  const chain = (terms: number): string => `x = ${Array.from({ length: terms }, () => 'a').join(' and ')}\n`;
  const deep = await parse(chain(MAX_NESTING_DEPTH + 10));
  assert.deepEqual(
    deep.syntaxErrors.map((p) => [p.code, p.line]),
    [['too-deep', 1]],
  );
  assert.match(deep.syntaxErrors[0]?.message ?? '', new RegExp(`nesting deeper than ${String(MAX_NESTING_DEPTH)} levels`));
  const shallow = await parse(chain(MAX_NESTING_DEPTH - 10));
  assert.deepEqual(shallow.syntaxErrors, []);
});
