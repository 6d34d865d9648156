// With a project around the file, a step that would break a use in another
// module is refused, naming that use: a call with code caller-in-other-module,
// other uses with the code they get inside one module; a bare import does not
// block. The project here is a hand-made table of uses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FunctionInfo } from '../../../extension/engine';
import { convertFile } from '../../../extension/engine/ladder/convertFile';
import type { ProjectUses, UseElsewhere } from '../../../extension/engine/ladder/projectUses';
import { stepFunction } from '../../../extension/engine/ladder/takeStep';
import { dedent, parse } from '../../helpers/parser';

const SOURCE = dedent(`
  def square(x):
      return x * x


  def report(x):
      print(square(x))


  def shout(text):
      return text.upper()
`);

function project(uses: Readonly<Record<string, readonly UseElsewhere[]>>): ProjectUses {
  return { usesElsewhere: (fn: FunctionInfo) => uses[fn.name] ?? [], callsCoroutineElsewhere: () => false, definesMethodElsewhere: () => false };
}

test('a function called from another module is refused, naming the use; without the project it converts', async () => {
  const file = await parse(SOURCE);
  try {
    const uses = project({ shout: [{ path: 'app/main.py', line: 12, kind: 'call' }] });
    const refused = convertFile(file, 'cps', { functions: ['shout'], project: uses });
    assert.deepEqual(refused.converted, []);
    const [refusal] = refused.refused;
    assert.equal(refusal?.code, 'caller-in-other-module');
    assert.match(refusal.message, /is called in app\/main\.py at line 12/);
    assert.equal(refusal.defLine, 9);
    assert.deepEqual(convertFile(file, 'cps', { functions: ['shout'] }).converted, ['shout']);
  } finally {
    file.dispose();
  }
});

test('only an import elsewhere does not block the step', async () => {
  const file = await parse(SOURCE);
  try {
    const uses = project({ shout: [{ path: 'app/main.py', line: 1, kind: 'import' }] });
    assert.deepEqual(convertFile(file, 'cps', { functions: ['shout'], project: uses }).converted, ['shout']);
  } finally {
    file.dispose();
  }
});

test('a caller the step would bring along that another module uses blocks the step with its callers', async () => {
  const file = await parse(SOURCE);
  try {
    const uses = project({ report: [{ path: 'app/cli.py', line: 30, kind: 'value' }] });
    const step = stepFunction(file, 'square', 'cps', { project: uses });
    assert.equal(step.alone?.code, 'needs-callers', 'alone, its caller in this module blocks it');
    assert.equal(step.refusal?.code, 'used-as-value', 'with its callers, the caller used as a value elsewhere blocks it, with the code that use gets inside one module');
    assert.match(step.refusal.message, /its caller report would convert with it, but report is also used as a value in app\/cli\.py at line 30/);
    assert.equal(step.result.text, undefined, 'nothing changes');
    assert.deepEqual([...stepFunction(file, 'square', 'cps').result.converted].sort(), ['report', 'square'], 'without the project both convert');
  } finally {
    file.dispose();
  }
});
