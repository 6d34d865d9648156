// Hand-written callback programs climb the ladder: each program under
// programs/callbacks runs with python3, moves through the built CLI from
// callbacks/CPS to the inline-callbacks form, on to async/await where that
// rung applies, and back down from the generator form to CPS (and, where
// nothing waits on a loop, to direct style), printing exactly what the
// original printed after every step (under Debian's python3, so Tornado
// and Twisted are there). A program whose shape cannot keep its behaviour
// says which functions refuse, with which code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { RefusalCode } from '../../extension/engine/ladder/refusal';
import { CLI, runCli } from '../helpers/cli';

const PROGRAMS = join(__dirname, 'programs', 'callbacks');

interface Expectation {
  /** Functions the step to generators must convert. */
  readonly converts: readonly string[];
  /** Functions that refuse on the way to generators, with their codes. */
  readonly refuses?: Readonly<Record<string, RefusalCode>>;
  /** Every converted function reaches async/await (the leaves call back at once, or there are none). */
  readonly asyncAll?: boolean;
  /** Why the way back down is not run, when it is not. */
  readonly noWayDown?: string;
  /** Functions CPS → direct converts, where that rung applies (nothing waits on the loop). */
  readonly direct?: readonly string[];
}

const EXPECTED: Readonly<Record<string, Expectation>> = {
  lecture_pythagoras: { converts: ['add_10', 'square', 'add', 'sqrt', 'pythagoras', 'long_running'], asyncAll: true },
  lecture_callback: { converts: ['input_async', 'add_10', 'greet'], asyncAll: true },
  lecture_input: { converts: ['ask_number', 'ask_twice', 'long_running'] },
  inventory_lookup: { converts: ['stock_of', 'reserved_of', 'available'], asyncAll: true },
  page_render: { converts: ['load_template', 'render_page', 'render_site'], asyncAll: true },
  config_loader: { converts: ['read_source', 'parse_settings', 'load_config', 'describe'] },
  geometry: { converts: ['split_point', 'bounds', 'area_of_bounds', 'centre', 'describe'], asyncAll: true },
  bank_transfer: { converts: ['balance_of', 'withdraw', 'deposit', 'transfer'], asyncAll: true },
  download_queue: { converts: ['fetch_size', 'fetch_all'] },
  thermostat: { converts: ['read_sensor', 'wait_until_warm'] },
  dns_resolver: { converts: ['resolve', 'report'] },
  matrix_stats: { converts: ['mean_and_spread', 'row_summary', 'column', 'column_stats', 'report'], asyncAll: true },
  order_pipeline: { converts: ['price_of', 'discount', 'order_total'], asyncAll: true },
  chat_relay: { converts: ['relay'] },
  sensor_average: { converts: ['read_sample', 'average', 'all_averages'], asyncAll: true },
  file_tree: { converts: ['size_of', 'largest'], asyncAll: true },
  auth_flow: { converts: ['check_password', 'load_profile', 'load_team', 'sign_in'], asyncAll: true },
  price_quote: { converts: ['fetch_rate', 'convert', 'convert_via', 'quote'], asyncAll: true },
  // `lookup` keeps its two callbacks (neither is its continuation on every path), so it stays a leaf that reports errors.
  ticket_desk: { converts: ['answer'], refuses: { lookup: 'continuation-not-tail', summary: 'continuation-not-tail' }, asyncAll: true },
  recipe_scaler: { converts: ['ingredients', 'servings', 'scale', 'shopping_list'], asyncAll: true },
  word_count: { converts: ['count_words', 'top_word'], asyncAll: true },
  job_retry: { converts: ['with_retry', 'report'] },
  refuse_called_twice: { converts: [], refuses: { progress: 'continuation-not-tail', watch: 'continuation-called-twice' } },
  refuse_code_after: { converts: [], refuses: { show: 'code-after-continuation' } },
  refuse_stored: { converts: [] },
  // Leaf methods called through the class with the instance passed by hand: the callback is read in its real slot.
  news_wire: { converts: ['headline', 'front_page'], refuses: { digest: 'continuation-called-twice' } },
  // A subscriber list nothing drains calls its callbacks on every post; the ready queue takes each reply out.
  event_bus: { converts: ['greet'], refuses: { follow: 'continuation-called-twice' } },
  // A callback/errback pair: the errback raises, a handler passed for it becomes try/except, at every rung.
  twisted_errback: { converts: ['get_quote', 'quote_in_cents', 'describe', 'portfolio'], asyncAll: true, direct: ['get_quote', 'quote_in_cents', 'describe', 'portfolio'] },
  // The leaf takes its callback before a timeout and answers from a hand-written loop.
  tornado_fetch: { converts: ['count_links', 'crawl', 'summary'] },
  // Callback-first APIs (read(cb, path), add(cb, *numbers)) over call_soon.
  call_soon_first: { converts: ['add', 'word_count', 'total_words', 'report'] },
  // Callbacks kept in an attribute slot: one cleared before it is called converts; one never cleared, or called per chunk before it is cleared, is called again.
  line_stream: { converts: ['read_greeting'], refuses: { closing_notice: 'continuation-called-twice', first_chunk: 'continuation-called-twice' } },
  // Callbacks kept in a dict slot: one popped before it is called converts, one left there is called on every publish.
  rpc_client: { converts: ['add_then_double'], refuses: { first_price: 'continuation-called-twice' } },
  // Leaves reached through a class's `__init__` and a bound method kept in a module-level name.
  print_jobs: { converts: ['Spooler.finish', 'print_report', 'print_memo'], refuses: { watch_pages: 'continuation-called-twice' } },
  // Leaves calling back from a loop, from a `finally` and after it, on either branch, or on one branch only.
  backup_sync: { converts: ['verify', 'size_report'], refuses: { first_change: 'continuation-called-twice', upload_one: 'continuation-called-twice' } },
  // An errback and a callback both called, a callback handed on twice through partial, a lambda kept in a slot, a local alias.
  // A local function handed to the queue per sample, a decorated leaf, signal.signal calling on every signal, a leaf local to its caller.
  heartbeat: { converts: ['describe'], refuses: { on_reload: 'continuation-called-twice', check: 'unreadable-leaf', first_sample: 'continuation-called-twice', reloads: 'continuation-called-twice' } },
  // Search loops that call back and return or break on the match call back once; one calling back per match does not.
  user_search: { converts: ['age_of', 'older'], refuses: { first_of_older: 'continuation-called-twice' } },
  quote_feed: { converts: ['describe'], refuses: { quote_line: 'continuation-called-twice', last_tick: 'continuation-called-twice', first_alert: 'continuation-called-twice' } },
  // A slot the reply calls without taking it out and the deadline calls too; one whose every call takes it out first (a tuple take).
  parcel_tracking: { converts: ['track_firmly'], refuses: { track: 'continuation-called-twice' } },
  // Commands looked up by getattr or through a table cannot be followed; one called by name is read.
  game_commands: { converts: ['look_around'], refuses: { run_verb: 'unreadable-leaf', run_table: 'unreadable-leaf' } },
  // Slots never cleared: on an instance made for the call and fired once they call back once; on a shared clock, every tick.
  kitchen_timer: { converts: ['boil_egg', 'serve'], refuses: { remind: 'continuation-called-twice' } },
  // A search loop's else calls back once after the rounds; one calling back per match and again from the else does not.
  library_catalog: { converts: ['locate'], refuses: { all_copies: 'continuation-called-twice' } },
  // The module's own `signal` and `add_reader` queue once: read as the module defines them, not as the library's.
  signal_board: { converts: ['clear_route'] },
  // Tornado's own IOLoop: a leaf taking `callback=` answers through add_callback or add_timeout; named inner continuations passed by keyword.
  tornado_weather: { converts: ['describe', 'coldest', 'spread'] },
  // Continuations chosen by conditional expressions, down to direct style too.
  crate_split: { converts: ['split', 'per_truck', 'describe'], asyncAll: true, direct: ['split', 'per_truck', 'describe'] },
  // Tornado 2 library style: a client's methods answer through io_loop.add_callback(functools.partial(callback, value)), a miss falls back to add_timeout.
  tornado_cache: { converts: ['fetch_user', 'greet', 'greet_twice'] },
  // Twisted's reactor: a callback/errback leaf fired from deferLater's Deferred; a retry whose attempt is re-armed with reactor.callLater(delay, attempt, n).
  twisted_warehouse: { converts: ['boxes_of', 'label', 'count_with_retry', 'both'] },
  // asyncio's loop.call_soon/call_later: a backoff re-arming its attempt with call_later(delay, attempt, n + 1, delay * 2).
  asyncio_backoff: { converts: ['connect_with_backoff', 'row_counts', 'main'] },
  // Error-first (err, result) callbacks: `return callback(err)` beside callback(None, x), and continuations whose result parameter has a default.
  node_style_accounts: { converts: ['invoices'], refuses: { monthly_price: 'continuation-arity', yearly_bill: 'continuation-arity', invoice_line: 'continuation-arity' } },
  // functools.partial continuations naming module-level steps, the Tornado 2 way.
  partial_mailer: { converts: [], refuses: { _on_delivered: 'used-as-value' } },
  // pika's SelectConnection shape: each stage takes `on_open_callback=` or `callback=`; a queue declaration delivers (channel, frame).
  pika_setup: { converts: ['declare', 'depth', 'take_two'] },
  // Polling until a build settles, re-armed with call_later from a conditional expression or a named check: the timer's
  // callback gets no value, so the way down gives it a default. The module's own call_later(delay, fn, *args), read by
  // its definition, hands `fn` the values after it, so a step re-armed through it with a value is a loop too.
  build_poller: { converts: ['wait_quick', 'wait_named', 'wait_deadline'] },
  // A selector of the module's own: a one-shot add_reader, and a call_later taking the function first, to which a slot is handed as a call of it.
  serial_console: { converts: ['prompt', 'ask_firmly'], refuses: { ask: 'continuation-called-twice' } },
  // Of an instance made for the call, only the methods it runs keep or call its slot: an override, not what it overrides.
  elevator_bank: { converts: ['ride_service'], refuses: { ride_express: 'continuation-called-twice', ride_double: 'continuation-called-twice' } },
  // A slot called through another receiver (the round calling machine._on_washed) is the class's slot called.
  laundromat: { converts: ['dry'], refuses: { wash: 'continuation-called-twice' } },
  // A list of callbacks gone through once and cleared calls each once; one every publish goes through again calls it each time.
  weather_station: { converts: ['forecast'], refuses: { next_gust: 'continuation-called-twice' } },
};

interface Report {
  readonly files: readonly { converted: string[]; refused: { function: string; code: string; line: number }[] }[];
}

let work = '';

// Debian's interpreter, which has Tornado and Twisted for the programs that use them.
const SYSTEM_PYTHON = '/usr/bin/python3';

function python(file: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(SYSTEM_PYTHON, [file], { cwd: work, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function refactor(file: string, to: string, extra: readonly string[] = []): Report['files'][number] {
  const run = runCli(['refactor', file, '--to', to, '--write', '--json', ...extra]);
  assert.ok(run.status === 0 || run.status === 1, `refactor --to ${to} failed (${String(run.status)}): ${run.stderr}`);
  const [report] = (JSON.parse(run.stdout) as Report).files;
  assert.ok(report);
  return report;
}

function copy(from: string, name: string): string {
  const to = join(work, name);
  copyFileSync(from, to);
  return to;
}

function printsTheSame(file: string, expected: string, rung: string): void {
  const run = python(file);
  assert.equal(run.status, 0, `the ${rung} form must run:\n${run.stderr}\n${readFileSync(file, 'utf8')}`);
  assert.equal(run.stdout, expected, `the ${rung} form must print what the original printed:\n${readFileSync(file, 'utf8')}`);
}

before(() => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'concept-lenses-callbacks-'));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the corpus has at least 20 programs, each with its expectation', () => {
  const programs = readdirSync(PROGRAMS).filter((f) => f.endsWith('.py')).map((f) => f.replace(/\.py$/, '')).sort();
  assert.ok(programs.length >= 20, `only ${String(programs.length)} programs`);
  assert.deepEqual(programs, Object.keys(EXPECTED).sort());
});

for (const [name, expectation] of Object.entries(EXPECTED)) {
  describe(`${name}.py`, () => {
    let expected = '';
    let generatorForm = '';

    test('climbs to generators, printing the same; refusals carry their codes', () => {
      const original = python(join(PROGRAMS, `${name}.py`));
      assert.equal(original.status, 0, original.stderr);
      assert.notEqual(original.stdout, '');
      expected = original.stdout;
      const file = copy(join(PROGRAMS, `${name}.py`), `${name}.py`);
      const before = readFileSync(file, 'utf8');
      const report = refactor(file, 'generator');
      assert.deepEqual([...report.converted].sort(), [...expectation.converts].sort());
      assert.deepEqual(Object.fromEntries(report.refused.map((r) => [r.function, r.code])), expectation.refuses ?? {});
      for (const r of report.refused) assert.ok(r.line > 0, `${r.function} names the line that blocks it`);
      if (expectation.converts.length === 0) assert.equal(readFileSync(file, 'utf8'), before, 'nothing converts, so the file is left as it was');
      else assert.match(readFileSync(file, 'utf8'), /^def inline_callbacks\(/m);
      printsTheSame(file, expected, 'generator');
      generatorForm = copy(file, `${name}.generator.py`);
    });

    test('generators → async/await where the rung applies, printing the same', () => {
      const file = copy(generatorForm, `${name}.async.py`);
      const report = refactor(file, 'async');
      if (expectation.asyncAll) {
        assert.deepEqual(report.refused, []);
        assert.deepEqual([...report.converted].sort(), [...expectation.converts].sort());
        assert.doesNotMatch(readFileSync(file, 'utf8'), /inline_callbacks|\byield\b/);
      }
      printsTheSame(file, expected, 'async');
    });

    test('CPS → direct where the rung applies, printing the same', (t) => {
      if (!expectation.direct) {
        t.skip('the functions wait on a callback-based leaf, which direct style cannot wait for');
        return;
      }
      const file = copy(join(PROGRAMS, `${name}.py`), `${name}.direct.py`);
      const report = refactor(file, 'direct');
      assert.deepEqual([...report.converted].sort(), [...expectation.direct].sort());
      assert.deepEqual(report.refused, []);
      printsTheSame(file, expected, 'direct');
    });

    test('back down from generators to CPS, printing the same', (t) => {
      if (expectation.noWayDown) {
        t.skip(expectation.noWayDown);
        return;
      }
      const file = copy(generatorForm, `${name}.down.py`);
      refactor(file, 'cps', expectation.converts.flatMap((f) => ['--function', f]));
      printsTheSame(file, expected, 'CPS');
    });
  });
}
