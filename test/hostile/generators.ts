// Pathological but valid Python, generated at any size: shared by the hostile
// suites and the worst-case benchmark.

/** `x = a and a and …`: the parse tree grows one level per term. */
export function andChain(terms: number): string {
  return `x = ${Array.from({ length: terms }, () => 'a').join(' and ')}\n`;
}

/** `coroutines` coroutines of `awaits` read-await-write steps each on one global: a hazard at every write, every coroutine a writer. */
export function manyCoroutines(coroutines: number, awaits: number): string {
  const lines = ['import asyncio', 'S = 0'];
  for (let c = 0; c < coroutines; c++) {
    lines.push(`async def co${String(c)}():`, '    global S');
    for (let a = 0; a < awaits; a++) lines.push(`    x${String(a)} = S`, '    await asyncio.sleep(0)', `    S = x${String(a)} + ${String(a)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Direct functions, each calling the one before it: every one a CPS candidate with a caller. */
export function manyFunctions(count: number): string {
  return Array.from({ length: count }, (_, i) => `def f${String(i)}(x):\n    y = f${String(Math.max(i - 1, 0))}(x)\n    if y > 3:\n        return y\n    return y + ${String(i)}\n`).join('\n');
}

/** A coroutine whose one statement awaits `depth` times over: `await await … a`. */
export function awaitChain(depth: number): string {
  return `import asyncio\n\nasync def f(a):\n    return ${'await '.repeat(depth)}a\n`;
}
