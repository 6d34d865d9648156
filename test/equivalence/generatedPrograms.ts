// Small direct-style Python programs drawn from a seed: a few functions, each
// built from one shape (a loop with an early return, try/finally, a closure
// with nonlocal, a nested def, defaults, recursion, a class method, a
// comprehension) calling the functions before it, and a main that prints
// what each returns. The same seed always gives the same program.

/** mulberry32: a tiny seeded generator, so a failing seed can be replayed. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Made {
  readonly def: string;
  /** An expression calling it with the int `arg`; every call gives an int. */
  readonly call: (arg: string) => string;
}

type Shape = (name: string, callee: (arg: string) => string, k: number) => Made;

const plain = (name: string): ((arg: string) => string) => (arg) => `${name}(${arg})`;

const SHAPES: Readonly<Record<string, Shape>> = {
  loopWithEarlyReturn: (name, callee, k) => ({
    def: `def ${name}(n):
    total = 0
    for i in range(n + 2):
        if i == ${String(k)}:
            return total
        total += ${callee('i')}
    return total`,
    call: plain(name),
  }),
  whileBreakContinue: (name, callee, k) => ({
    def: `def ${name}(n):
    i = 0
    seen = []
    while i < n + 3:
        i += 1
        if i % 2 == 0:
            continue
        seen.append(${callee('i')})
        if len(seen) > ${String(k)}:
            break
    return sum(seen)`,
    call: plain(name),
  }),
  tryFinally: (name, callee, k) => ({
    def: `def ${name}(x):
    try:
        if x > ${String(k)}:
            return ${callee('x - 1')}
        y = x * 2
    finally:
        print("${name} finally", x)
    return y`,
    call: plain(name),
  }),
  closureWithNonlocal: (name, callee, k) => ({
    def: `def ${name}(n):
    count = ${String(k)}
    def bump(step):
        nonlocal count
        count += step
        return count
    for i in range(n):
        bump(${callee('i')})
    return count`,
    call: plain(name),
  }),
  nestedDef: (name, callee, k) => ({
    def: `def ${name}(x):
    def scale(v):
        if v < 0:
            return 0
        return v * ${String(k)}
    return scale(${callee('x')}) + scale(-1)`,
    call: plain(name),
  }),
  defaults: (name, callee, k) => ({
    def: `def ${name}(x, step=${String(k)}, *, label="${name}"):
    value = ${callee('x')}
    return value + step + len(label)`,
    call: (arg) => `${name}(${arg}) + ${name}(${arg}, 1, label="other")`,
  }),
  recursion: (name, callee, k) => ({
    def: `def ${name}(n):
    if n <= 0:
        return ${String(k)}
    return ${callee('n - 1')} + ${name}(n - 1)`,
    call: plain(name),
  }),
  classMethod: (name, callee, k) => ({
    def: `class ${name.toUpperCase()}:
    def __init__(self, base):
        self.base = base

    def total(self, x):
        if x == ${String(k)}:
            return self.base
        return self.base + ${callee('x')}`,
    call: (arg) => `${name.toUpperCase()}(${String(k)}).total(${arg})`,
  }),
  comprehension: (name, callee, k) => ({
    def: `def ${name}(n):
    values = [${callee('i')} for i in range(n)]
    evens = {v for v in values if v % 2 == 0}
    return sum(sorted(evens)) + len(values) * ${String(k)}`,
    call: plain(name),
  }),
};

/** A program of 2–5 functions; each calls an earlier one (or a plain expression) where its shape calls. */
export function generatedProgram(seed: number): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const made: Made[] = [];
  const count = 2 + Math.floor(next() * 4);
  for (let i = 0; i < count; i++) {
    const callee = made.length > 0 && next() < 0.8 ? pick(made).call : (arg: string): string => `${arg} * ${arg}`;
    made.push(pick(Object.values(SHAPES))(`f${String(i)}`, callee, Math.floor(next() * 4)));
  }
  const prints = made.map((m, i) => `    print(${JSON.stringify(`f${String(i)}`)}, ${m.call(String(Math.floor(next() * 5)))})`);
  return `${made.map((m) => m.def).join('\n\n\n')}\n\n\ndef main():\n${prints.join('\n')}\n\n\nmain()\n`;
}
