// Which imports a conversion's tidy-up drops: those it left unused, counted by
// the name Python reads (NFKC), never one still used under another spelling,
// as an attribute's name or a keyword's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importEdits } from '../../../extension/engine/ladder/moduleImports';
import { parse } from '../../helpers/parser';

async function tidied(before: string, after: string): Promise<string> {
  const edits = importEdits(await parse(before), await parse(after), new Set());
  return [...edits].sort((a, b) => b.start - a.start).reduce((text, e) => text.slice(0, e.start) + e.newText + text.slice(e.end), after);
}

test('an import the conversion left unused goes; one still used stays', async () => {
  const before = 'from m import a, b\nx = a(b)\ny = b(2)\n';
  assert.equal(await tidied(before, 'from m import a, b\nx = 1\ny = b(2)\n'), 'from m import b\nx = 1\ny = b(2)\n');
});

test('a use spelled another way (ｂ is b to Python) keeps its import', async () => {
  const before = 'from m import a, b\nx = a(b)\ny = ｂ(2)\n';
  const after = 'from m import a, b\nx = a(1)\ny = ｂ(2)\n';
  assert.equal(await tidied(before, after), after);
});

test('an attribute or keyword spelled like the import is not a use of it', async () => {
  const before = 'from m import a\nx = a(1)\ny = obj.a\nz = f(a=2)\n';
  const after = 'from m import a\nx = 1\ny = obj.a\nz = f(a=2)\n';
  assert.equal(await tidied(before, after), 'x = 1\ny = obj.a\nz = f(a=2)\n');
});
