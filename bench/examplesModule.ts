// The module the per-edit benches edit: renamed copies of the examples until
// it has the lines asked for, and where its one-character edits go. Pure, so
// the extension-host bench and the CLI-side bench build the same text.

export const EXAMPLES = ['bank.py', 'inventory.py', 'ladder.py', 'legacy_coroutines.py', 'shapes.py', 'shop/orders.py', 'shop/stock.py'] as const;

/** Copies of `sources` (the examples' texts), each copy's own definitions and globals renamed, until the module has `targetLines` lines. */
export function examplesModule(sources: readonly string[], targetLines: number): string {
  const parts: string[] = [];
  let lines = 0;
  for (let copy = 0; lines < targetLines; copy++) {
    for (const source of sources) {
      const defined = new Set([...source.matchAll(/^\s*(?:async\s+)?(?:def|class)\s+(\w+)|^(\w+)\s*=/gm)].map((m) => m[1] ?? m[2] ?? ''));
      const renamed = [...defined].filter((n) => n && !n.startsWith('__'));
      const text = renamed.length === 0 ? source : source.replace(new RegExp(`\\b(${renamed.join('|')})\\b`, 'g'), `$1_c${String(copy)}`);
      parts.push(text.endsWith('\n') ? text : `${text}\n`);
      lines += text.split('\n').length;
    }
  }
  return parts.join('\n');
}

/** Offsets of `count` digits in indented code (function bodies) that start a number, spread over the module. */
export function editOffsets(text: string, count: number): number[] {
  const candidates = [...text.matchAll(/^[ \t]+[^#\n]*?(?<![\w.])(\d)/gm)].map((m) => m.index + m[0].length - 1);
  const step = candidates.length / count;
  return Array.from({ length: count }, (_, i) => candidates[Math.floor(i * step)] ?? 0);
}
