// Where an inserted helper goes when a module has no docstring or imports, and
// that taking the helper out again gives back the module's text exactly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HELPER_REGION } from '../../../extension/engine/ladder/moduleInsert';
import { dedent } from '../../helpers/parser';
import { converted, python } from './cpsHelpers';

const CPS_BODY = `
    def square(x, cont):
        return cont(x * x)


    def add_squares(a, b, cont):
        return square(a, lambda sa: square(b, lambda sb: cont(sa + sb)))


    add_squares(3, 4, print)
`;

test('a shebang, an encoding line and a licence block stay above the helper, and going back down gives back the text', async () => {
  const source = `
    #!/usr/bin/env python3
    # -*- coding: utf-8 -*-
    # Squares, written by hand in continuation-passing style.
    # Licensed for teaching.
${CPS_BODY}`;
  const generator = await converted(source, 'generator');
  const lines = generator.split('\n');
  assert.deepEqual(lines.slice(0, 4), dedent(source).split('\n').slice(0, 4), 'the header keeps its lines');
  assert.ok(lines.indexOf(HELPER_REGION) > 4, 'the helper comes after the header');
  assert.equal(python(generator), python(dedent(source)));
  assert.equal(await converted(generator, 'cps'), dedent(source));
});

test('a comment attached to the first definition stays with it; only the shebang and the encoding line are kept on top', async () => {
  const source = `
    #!/usr/bin/env python3
    # vim: set fileencoding=utf-8 :
    # square: the leaf every other function calls.
${CPS_BODY.replace(/^\n/, '')}`;
  const generator = await converted(source, 'generator');
  const lines = generator.split('\n');
  assert.deepEqual(lines.slice(0, 2), dedent(source).split('\n').slice(0, 2));
  assert.equal(lines[2], HELPER_REGION, 'the helper follows the pinned lines');
  assert.ok(generator.includes('# endregion\n\n\n# square: the leaf every other function calls.\n@inline_callbacks\ndef square'), generator);
  assert.equal(python(generator), python(dedent(source)));
  assert.equal(await converted(generator, 'cps'), dedent(source));
});

test('after a docstring, inserting and removing the runner leaves the blank lines as they were', async () => {
  const source = `
    """Squares in continuation-passing style."""
${CPS_BODY}`;
  const generator = await converted(source, 'generator');
  assert.ok(generator.startsWith(`"""Squares in continuation-passing style."""\n\n\n${HELPER_REGION}\n`), generator.slice(0, 120));
  assert.equal(await converted(generator, 'cps'), dedent(source));
});

test('a module that opens with code gets the helper first, and loses it cleanly', async () => {
  const generator = await converted(CPS_BODY, 'generator');
  assert.ok(generator.startsWith(HELPER_REGION), generator.slice(0, 80));
  assert.equal(await converted(generator, 'cps'), dedent(CPS_BODY));
});
