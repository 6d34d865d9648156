// Reading the three spellings of a coroutine's result type, and writing them
// only with names the module binds where the def runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callableSpelling, deliveredType, generatorResultType, generatorTypeSpelling } from '../../../extension/engine/python/annotations';
import { moduleNamesOf } from '../../../extension/engine/python/imports';
import { parse } from '../../helpers/parser';

async function names(source: string) {
  const file = await parse(source);
  return moduleNamesOf(file);
}

test('`Generator[Y, S, R]` gives R, by what the module binds, nested and quoted alike', async () => {
  const m = await names('import typing\nimport typing as t\nfrom collections.abc import Generator as Gen\nfrom typing import Generator\n');
  assert.equal(generatorResultType(m, 'Generator[Any, Any, int]'), 'int');
  assert.equal(generatorResultType(m, 'typing.Generator[Any, Any, Dict[str, List[int]]]'), 'Dict[str, List[int]]');
  assert.equal(generatorResultType(m, 't.Generator[Any, Any, None]'), 'None');
  assert.equal(generatorResultType(m, 'Gen[Deferred[object], object, Tuple[int, str]]'), 'Tuple[int, str]');
  assert.equal(generatorResultType(m, '"Generator[Any, Any, List[Tuple[int, Any]]]"'), '"List[Tuple[int, Any]]"');
  // Not a generator type, or not one with a result.
  assert.equal(generatorResultType(m, 'Iterator[int]'), undefined);
  assert.equal(generatorResultType(m, 'Generator[int]'), undefined);
  assert.equal(generatorResultType(m, 'Generator[Any, Any, int] | None'), undefined);
  assert.equal(generatorResultType(await names('from mylib import Generator\n'), 'Generator[Any, Any, int]'), undefined);
});

test('`Generator[Any, Any, R]` and `Callable` are written only with names bound where the def runs', async () => {
  assert.equal(generatorTypeSpelling(await names('from typing import Any, Generator\n'), 'int'), 'Generator[Any, Any, int]');
  assert.equal(generatorTypeSpelling(await names('import typing\n'), 'int'), 'typing.Generator[typing.Any, typing.Any, int]');
  assert.equal(generatorTypeSpelling(await names('from typing import Any\nfrom collections.abc import Generator\n'), 'str'), 'Generator[Any, Any, str]');
  assert.equal(generatorTypeSpelling(await names('from typing import Generator\n'), 'int'), undefined, 'Any is not bound');
  // Imported only for the type checker: the annotation would raise NameError when the def runs.
  const guarded = await names('import typing\nfrom typing import Any\nif typing.TYPE_CHECKING:\n    from typing import Callable, Generator\n');
  assert.equal(generatorTypeSpelling(guarded, 'int'), 'typing.Generator[Any, Any, int]');
  assert.equal(callableSpelling(guarded), 'typing.Callable');
  assert.equal(callableSpelling(await names('if False:\n    from typing import Callable\n')), undefined);
});

test('a continuation typed `Callable[[A], R]` is handed A, nested types included', () => {
  assert.equal(deliveredType('Callable[[int], None]'), 'int');
  assert.equal(deliveredType('typing.Callable[[Dict[str, List[int]]], None]'), 'Dict[str, List[int]]');
  assert.equal(deliveredType('Callable[[], None]'), 'None');
  assert.equal(deliveredType('Callable[[int, str], None]'), undefined, 'several values');
  assert.equal(deliveredType('Callable[..., None]'), undefined);
  assert.equal(deliveredType('Optional[Callable[[int], None]]'), undefined);
});
