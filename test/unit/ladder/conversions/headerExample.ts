// Every conversion opens with a before/after example in its header comment.
// These tests read the example out of the source, run the conversion on
// "before" and check it gives "after" exactly, and that python3 prints the
// same for both: the documentation cannot drift from what the code does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { convertFile } from '../../../../extension/engine/ladder/convertFile';
import { ERROR_GUARD_SOURCE } from '../../../../extension/engine/ladder/errorGuardSource';
import { INLINE_CALLBACKS_RUNNER } from '../../../../extension/engine/ladder/inlineCallbacksRunner';
import { conversions } from '../../../../extension/engine/ladder/registry';
import { ROOT } from '../../../helpers/cli';
import { parse } from '../../../helpers/parser';
import { python } from '../cpsHelpers';

/** Inserted helpers are long; an example names them on one line, and they stand for the helper's source. */
const HELPERS: Readonly<Record<string, string>> = {
  '# <the inline_callbacks runner, from inlineCallbacksRunner.ts>': INLINE_CALLBACKS_RUNNER.trimEnd(),
  '# <the guard_errors helper, from errorGuardSource.ts>': ERROR_GUARD_SOURCE.trimEnd(),
};

export interface HeaderExample {
  readonly before: string;
  readonly after: string;
}

/** The ```python blocks after `// Before:` and `// After:` in the file's opening comment. */
export function headerExample(source: string): HeaderExample {
  const header = /^(?:\/\/.*\n)+/.exec(source)?.[0] ?? '';
  const text = header.split('\n').map((l) => l.replace(/^\/\/ ?/, '')).join('\n');
  const found = /\nBefore:\n```python\n([\s\S]*?)```\nAfter:\n```python\n([\s\S]*?)```\n/.exec(text);
  assert.ok(found?.[1] && found[2], 'the header has a Before: and an After: python block');
  const expand = (program: string): string => program.split('\n').map((l) => HELPERS[l] ?? l).join('\n');
  return { before: expand(found[1]), after: expand(found[2]) };
}

/** Registers the test of the conversion `id`, whose source is conversions/`fileName`.ts. */
export function testHeaderExample(id: string, fileName: string): void {
  test(`the ${id} example in ${fileName}.ts converts exactly as written, and both programs print the same`, async () => {
    const conversion = conversions.find((c) => c.id === id);
    assert.ok(conversion, `${id} is registered`);
    const { before, after } = headerExample(readFileSync(join(ROOT, 'extension', 'engine', 'ladder', 'conversions', `${fileName}.ts`), 'utf8'));
    const file = await parse(before);
    try {
      // Every candidate of this conversion alone, as the CLI converts a file.
      const result = convertFile(file, conversion.to, {}, [conversion]);
      assert.ok(result.converted.length > 0, `the example converts something; refused: ${JSON.stringify(result.refused)}`);
      assert.equal(result.text, after);
    } finally {
      file.dispose();
    }
    const printed = python(before);
    assert.notEqual(printed, '', 'the example prints something');
    assert.equal(python(after), printed);
  });
}
