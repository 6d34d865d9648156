// Classifies a Python source with the real parser: dotted name → concept id → evidence lines.
import { classifyFile } from '../../extension/engine/concepts';
import { dedent, parse } from './parser';

export type Labels = Record<string, Record<string, readonly number[]>>;

/** Only labelled definitions appear; an unlabelled one is simply absent. */
export async function labelsOf(source: string): Promise<Labels> {
  const file = await parse(dedent(source));
  try {
    const out: Labels = {};
    for (const f of classifyFile(file)) {
      if (f.concepts.length === 0) continue;
      out[f.name] = Object.fromEntries(f.concepts.map((c) => [c.id, c.evidence]));
    }
    return out;
  } finally {
    file.dispose();
  }
}
