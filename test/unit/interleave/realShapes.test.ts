// Shapes of real asyncio and Tornado code that the labelled corpus cannot hold
// (it runs on the python3 on PATH, without Tornado, one file per program):
// Tornado's locks, a lock imported from another module, request handlers.
// Tornado programs run with Debian's /usr/bin/python3, which has Tornado.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { analyzeInterleavings } from '../../../extension/engine/interleave/model';
import { dedent, parse } from '../../helpers/parser';

function runTornadoPython(source: string): string {
  const result = spawnSync('/usr/bin/python3', ['-'], { input: source, encoding: 'utf8', timeout: 20_000 });
  if (result.status !== 0) throw new Error(`python3 failed (${String(result.status)}): ${result.stderr}`);
  return result.stdout.trim();
}

async function hazardsOf(source: string) {
  const file = await parse(source);
  const hazards = analyzeInterleavings(file).hazards.map((h) => `${h.kind} ${h.variable} @${String(h.write.line)}`);
  file.dispose();
  return hazards;
}

/** A Tornado program: `body` defines `add(n)`; three adds run together and the total is printed (6 when safe). */
function tornadoProgram(body: string): string {
  return dedent(`
    from tornado import gen, ioloop, locks

    total = 0
    lock = locks.Lock()
    ${body.trim().split('\n').join('\n    ')}

    async def main():
        await gen.multi([add(1), add(2), add(3)])
        print(total)

    ioloop.IOLoop.current().run_sync(main)
  `);
}

const TORNADO_SAFE = [
  `
@gen.coroutine
def add(n):
    global total
    with (yield lock.acquire()):
        seen = total
        yield gen.sleep(0)
        total = seen + n
`,
  `
async def add(n):
    global total
    async with lock:
        seen = total
        await gen.sleep(0)
        total = seen + n
`,
];

/** The first safe form with the lock let go right after the read. */
const TORNADO_RACY = (TORNADO_SAFE[0] ?? '').replace('        yield gen.sleep(0)\n        total', '    yield gen.sleep(0)\n    total');

test("Tornado's lock, taken by `with (yield lock.acquire()):` or `async with`, guards the span; let go early, it does not", async () => {
  for (const body of TORNADO_SAFE) {
    const program = tornadoProgram(body);
    assert.equal(runTornadoPython(program), '6');
    assert.deepEqual(await hazardsOf(program), []);
  }
  const racy = tornadoProgram(TORNADO_RACY);
  assert.notEqual(runTornadoPython(racy), '6');
  assert.deepEqual(await hazardsOf(racy), ['lost-update total @11']);
});

test('a lock imported from another module is a lock whatever its name', async () => {
  const state = await parse(dedent(`
    import asyncio
    guard = asyncio.Lock()
    plain = object()
    total = 0
  `));
  const app = (item: string) =>
    parse(dedent(`
      import state
      from state import guard, plain

      async def add(n):
          async with ${item}:
              seen = state.total
              await state.pause()
              state.total = seen + n
    `));
  const modules = new Map([['state', { path: 'state.py', file: state }]]);
  for (const [item, expected] of [['guard', 0], ['state.guard', 0], ['plain', 1]] as const) {
    const file = await app(item);
    const all = new Map([...modules, ['app', { path: 'app.py', file }]]);
    assert.equal(analyzeInterleavings(file, { path: 'app.py', modules: all }).hazards.length, expected, item);
    file.dispose();
  }
  state.dispose();
});

test('a Tornado request handler serves one request per instance: its own attributes are not shared; module state and objects it did not make are', async () => {
  const handler = (base: string) =>
    dedent(`
      from tornado import web

      HITS = {}

      class Page(${base}):
          def initialize(self):
              self.count = 0
              self.seen = set()

          async def get(self, page):
              seen = self.count
              await self.flush()
              self.count = seen + 1
              if page not in self.seen:
                  await self.flush()
                  self.seen.add(page)
              hits = HITS.get(page, 0)
              await self.flush()
              HITS[page] = hits + 1
              if page not in self.application.cache:
                  self.application.cache[page] = await self.render_page(page)
    `);
  assert.deepEqual(await hazardsOf(handler('web.RequestHandler')), ['lost-update HITS @19', 'check-then-act self.application @21']);
  assert.deepEqual(await hazardsOf(handler('object')), [
    'lost-update self.count @13',
    'check-then-act self.seen @16',
    'lost-update HITS @19',
    'check-then-act self.application @21',
  ]);
});

test('one instance per task is not shared; one instance for two tasks, a stored one, or a method spawning on self is', async () => {
  const program = (main: string, spawnOnSelf = '') =>
    dedent(`
      import asyncio

      class Counter:
          async def bump(self):
              seen = self.n
              await asyncio.sleep(0)
              self.n = seen + 1
          ${spawnOnSelf}

      ${main.trim().split('\n').join('\n      ')}
    `);
  const perTask = `
async def main():
    for _ in range(3):
        c = Counter()
        asyncio.create_task(c.bump())
`;
  assert.deepEqual(await hazardsOf(program(perTask)), []);
  assert.deepEqual(await hazardsOf(program('async def main():\n    await asyncio.gather(*[Counter().bump() for _ in range(3)])')), []);
  const shared = [
    'async def main():\n    c = Counter()\n    await asyncio.gather(c.bump(), c.bump())',
    'async def main():\n    c = Counter()\n    for _ in range(3):\n        asyncio.create_task(c.bump())',
    'COUNTER = Counter()',
    'async def main(register):\n    c = Counter()\n    register(c)',
  ];
  for (const main of shared) assert.equal((await hazardsOf(program(main))).length, 1, main);
  const selfSpawn = 'def start(self):\n              asyncio.ensure_future(self.bump())';
  assert.equal((await hazardsOf(program(perTask, selfSpawn))).length, 1);
});

test('a method only __init__ starts on self runs once per instance: it does not race itself on self, but does on module state', async () => {
  const program = (extra: string) =>
    dedent(`
      import asyncio

      TOTAL = 0

      class Connection:
          def __init__(self, loop):
              self.sent = 0
              loop.create_task(self.run())

          async def run(self):
              global TOTAL
              seen = self.sent
              await asyncio.sleep(0)
              self.sent = seen + 1
              total = TOTAL
              await asyncio.sleep(0)
              TOTAL = total + 1
      ${extra}
    `);
  assert.deepEqual(await hazardsOf(program('')), ['lost-update TOTAL @17']);
  const restarted = 'async def again(conn):\n          await conn.run()';
  assert.deepEqual(await hazardsOf(program(restarted)), ['lost-update self.sent @14', 'lost-update TOTAL @17']);
});

test('a re-check inside an if (`if changed: continue` after the await) still revalidates after that if; without it, check-then-act', async () => {
  const validator = (recheck: string) =>
    dedent(`
      import asyncio

      class Buffer:
          def __init__(self):
              self.text = ''
              self.state = None

          def insert(self, more):
              self.text += more
              self.state = None

          async def validate(self, check):
              while True:
                  if self.state is not None:
                      return
                  text = self.text
                  if check:
                      await check(text)
                      ${recheck}
                  self.state = 'valid'

      async def main(buffer):
          await asyncio.gather(buffer.validate(None), asyncio.to_thread(buffer.insert, 'x'))
    `);
  assert.deepEqual(await hazardsOf(validator('if self.text != text:\n                          continue')), []);
  assert.deepEqual(await hazardsOf(validator('pass')), ['check-then-act self.state @20']);
});
