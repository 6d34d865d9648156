// A `try` around a call of a function that calls converted functions itself:
// direct → CPS hands the error continuation down the whole chain, so what is
// raised anywhere down it reaches the caller's handler, while what the
// continuations raise never does; CPS → direct brings the `try` back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INLINE_CALLBACKS_RUNNER } from '../../../extension/engine/ladder/inlineCallbacksRunner';
import { dedent } from '../../helpers/parser';
import { converted, python } from './cpsHelpers';
import { refuses } from './ladderHelpers';

const CHAIN = `
    SETTINGS = {"port": "80", "retries": "x", "depth": "-2"}
    LABELS = {80: "http", 443: "https", -1: "unset"}


    def lookup(key):
        return SETTINGS[key]


    def parse_int(text):
        return int(text)


    def setting_as_int(key):
        text = lookup(key)
        value = parse_int(text)
        if value < 0:
            raise ValueError("negative " + key)
        return value


    def label(key):
        try:
            value = setting_as_int(key)
        except KeyError:
            value = -1
        return LABELS[value]


    def show(key):
        try:
            name = label(key)
        except KeyError as error:
            name = "no label for " + str(error)
        except ValueError as error:
            name = "bad: " + str(error)
        print(key, "->", name)


    show("port")
    show("user")
    show("retries")
    show("depth")
    `;

test('the error continuation is threaded through a function that calls CPS functions, run by the inserted guard', async () => {
  const text = await converted(CHAIN, 'cps', { withCallers: true });
  assert.match(text, /^def guard_errors\(body, cont, on_error\):$/m, 'the guard is inserted once');
  assert.equal(text.match(/^def guard_errors/gm)?.length, 1);
  assert.match(text, /^def setting_as_int\(key, cont, on_error=None\):\n {4}def setting_as_int_body\(cont, on_error\):$/m);
  assert.match(text, /return parse_int\(text, after_parse_int, on_error\)/, 'the error continuation is handed on to the callee');
  assert.match(text, /return lookup\(key, after_lookup, on_error\)/);
  assert.match(text, /^ {4}return guard_errors\(setting_as_int_body, cont, on_error\)$/m);
  assert.match(text, /^def label\(key, cont, on_error=None\):$/m, 'a function with a try around a call that is itself called in a try');
  const printed = python(dedent(CHAIN));
  assert.match(printed, /port -> http\nuser -> unset\nretries -> bad: invalid literal/);
  assert.match(printed, /depth -> bad: negative depth/);
  assert.equal(python(text), printed);
});

test('what the continuation raises is never caught by the handler of the try around the call', async () => {
  // `LABELS[value]` runs in label's continuation of setting_as_int: its KeyError must reach show, not label's `except KeyError`.
  const source = CHAIN.replace('LABELS = {80: "http", 443: "https", -1: "unset"}', 'LABELS = {443: "https", -1: "unset"}');
  const printed = python(dedent(source));
  assert.match(printed, /port -> no label for 80\n/);
  assert.equal(python(await converted(source, 'cps', { withCallers: true })), printed);
});

test('called outside any try, a function that hands on its error continuation gets none, and its errors go up as before', async () => {
  const source = `${CHAIN}
    print(setting_as_int("port"))
    `;
  const text = await converted(source, 'cps', { withCallers: true });
  assert.match(text, /^setting_as_int\("port", print\)$/m);
  assert.match(text, /^ {4}if on_error is None:\n {8}return body\(cont, None\)$/m, 'the guard steps aside without an error continuation');
  assert.equal(python(text), python(dedent(source)));
});

test('direct → CPS → direct gives the original text back: the guards and re-run tries come back as the code they came from', async () => {
  const cps = await converted(CHAIN, 'cps', { withCallers: true });
  const direct = await converted(cps, 'direct');
  assert.equal(direct, dedent(CHAIN));
});

test('CPS → generator reads the same forms: the try around the call becomes a try around its yield', async () => {
  const cps = await converted(CHAIN, 'cps', { withCallers: true });
  const generator = await converted(cps, 'generator');
  assert.match(generator, /try:\n {8}value = yield setting_as_int\(key\)\n {4}except KeyError:/);
  assert.doesNotMatch(generator, /guard_errors|on_error/);
  assert.equal(python(generator), python(dedent(CHAIN)));
});

test('generator → CPS threads the error continuation the same way when everything down the chain is converted', async () => {
  const generator = await converted(await converted(CHAIN, 'cps', { withCallers: true }), 'generator');
  const cps = await converted(generator, 'cps');
  assert.match(cps, /^ {4}return guard_errors\(setting_as_int_body, cont, on_error\)$/m);
  assert.equal(python(cps), python(dedent(CHAIN)));
});

test('generator → CPS refuses a try around a function that waits on an operation that may call back later', async () => {
  const source = `${INLINE_CALLBACKS_RUNNER}

pending = []


@inline_callbacks
def later(value):
    result = yield lambda resume: pending.append(lambda: resume(value))
    return result


@inline_callbacks
def guarded(value):
    try:
        v = yield later(value)
    except ValueError:
        v = 0
    return v
`;
  const result = await refuses(source, 'guarded', /`later` waits on an operation that may call back later/, 'cps', { functions: ['guarded', 'later'] });
  assert.equal(result.refused.find((r) => r.function === 'guarded')?.code, 'try-around-cps-call');
});
