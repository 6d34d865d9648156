// Parameter lists as people write them, with a trailing comma after the last
// parameter or an annotated `**kwargs`: the continuation goes in where Python
// takes it (after the last parameter, keyword-only before `**kwargs`) and
// comes out again without leaving a bare `*` behind. Each golden runs with
// python3 before and after.
import { test } from 'node:test';
import { goldenRuns } from './cpsHelpers';

const DRIVER = `
print(scale(3, 4))
print(label("a"))
print(label("b", prefix="box"))
print(settings(width=10, a="1", b="2"))
print(tagged("t", shade="dark"))
`;

const CPS_DRIVER = `
scale(3, 4, print)
label("a", cont=print)
label("b", prefix="box", cont=print)
settings(width=10, a="1", b="2", cont=print)
tagged("t", shade="dark", cont=print)
`;

const DIRECT = `
def scale(
    value,
    factor,
):
    return value * factor


def label(
    name,
    prefix="item",
    sep=":",
):
    return prefix + sep + name


def settings(*, width: int = 80, **extra: str,) -> str:
    return str(width) + "".join(sorted(extra))


def tagged(name, default=None, **tags: str):
    return name + str(default) + "".join(sorted(tags))
`;

const CPS = `
def scale(
    value,
    factor, cont,
):
    return cont(value * factor)


def label(
    name,
    prefix="item",
    sep=":", *, cont,
):
    return cont(prefix + sep + name)


def settings(*, width: int = 80, cont, **extra: str,) -> str:
    return cont(str(width) + "".join(sorted(extra)))


def tagged(name, default=None, *, cont, **tags: str):
    return cont(name + str(default) + "".join(sorted(tags)))
`;

test('a trailing comma or an annotated **kwargs: the continuation goes after the last parameter, or keyword-only before **kwargs', async () => {
  await goldenRuns(DIRECT, CPS, 'cps', { before: DRIVER, after: CPS_DRIVER });
});

test('back down, the keyword-only continuation leaves with its bare *, and the rest of the list stays as written, trailing commas too', async () => {
  await goldenRuns(CPS, DIRECT, 'direct', { before: CPS_DRIVER, after: DRIVER });
});
