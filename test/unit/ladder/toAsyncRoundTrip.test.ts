// A property over real code: CPython's asyncio package, moved down to
// @types.coroutine generators and back up, is the text it started as.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SourceFile } from '../../../extension/engine';
import { convertFile } from '../../../extension/engine/ladder/convertFile';
import { generatorToAsync } from '../../../extension/engine/ladder/conversions/generatorToAsync';
import { asyncToGenerator } from '../../../extension/engine/ladder/conversions/asyncToGenerator';
import { asyncioPackage } from '../../../bench/corpus';
import { pythonParser } from '../../helpers/parser';

test('asyncio package: native → generator → native gives back every file byte for byte', async () => {
  const parser = await pythonParser();
  let roundTripped = 0;
  for (const { name, text } of asyncioPackage()) {
    const original = SourceFile.parse(parser, text);
    const down = convertFile(original, 'generator', {}, [asyncToGenerator]);
    original.dispose();
    if (down.text === undefined) continue;
    assert.ok(down.converted.length > 0, name);
    const generators = SourceFile.parse(parser, down.text);
    assert.deepEqual(generators.syntaxErrors, [], name);
    const up = convertFile(generators, 'async', { functions: down.converted }, [generatorToAsync]);
    generators.dispose();
    assert.deepEqual(up.refused, [], `${name}: ${JSON.stringify(up.refused.slice(0, 3))}`);
    assert.deepEqual([...up.converted].sort(), [...down.converted].sort(), name);
    assert.equal(up.text, text, name);
    roundTripped += down.converted.length;
  }
  assert.ok(roundTripped > 50, `only ${String(roundTripped)} coroutines made the trip`);
});
