// Golden-test helpers for the ladder: convert real parses through convertFile.
import assert from 'node:assert/strict';
import type { ConversionResult, Rung } from '../../../extension/engine/ladder/conversion';
import { convertFile, type ConvertFileOptions } from '../../../extension/engine/ladder/convertFile';
import { appliedEdits } from '../../helpers/edits';
import { dedent, parse } from '../../helpers/parser';

export async function convert(source: string, to: Rung, options: ConvertFileOptions = {}): Promise<ConversionResult> {
  const file = await parse(dedent(source));
  try {
    const result = convertFile(file, to, options);
    if (result.text !== undefined) {
      // The edits describe the same change as the text.
      assert.equal(appliedEdits(file.text, result.edits), result.text, 'edits and text disagree');
      const reparsed = file.reparse(result.text);
      assert.deepEqual(reparsed.syntaxErrors, [], 'the result must parse');
      reparsed.dispose();
    }
    return result;
  } finally {
    file.dispose();
  }
}

/** Converts and checks the whole new text and that nothing was refused. */
export async function golden(source: string, expected: string, to: Rung = 'async', options: ConvertFileOptions = {}): Promise<void> {
  const result = await convert(source, to, options);
  assert.deepEqual(result.refused, [], 'nothing should be refused');
  assert.equal(result.text, dedent(expected));
}

/** Converts and checks the refusal of one function: the text keeps it as it was. */
export async function refuses(source: string, name: string, reason: RegExp, to: Rung = 'async', options: ConvertFileOptions = {}): Promise<ConversionResult> {
  const result = await convert(source, to, options);
  const refusal = result.refused.find((r) => r.function === name);
  assert.ok(refusal, `${name} should be refused; refused: ${JSON.stringify(result.refused)}`);
  assert.match(refusal.message, reason);
  assert.ok(!result.converted.includes(name));
  return result;
}
