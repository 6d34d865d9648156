// `npm run bench`, the lower ladder at scale: a generated direct-style module
// of 20,000 and of 200,000 lines is taken one rung at a time as the CLI takes
// it (the project model, the batch step, the re-parse check of the result),
// each rung timed from its input text and put beside tree-sitter's parse of
// that same text. A rung that grew faster than the file would show here as a
// ratio that climbs from the small module to the large one.
import { cpus } from 'node:os';
import { SourceFile, type PythonParser } from '../extension/engine';
import type { Rung } from '../extension/engine/ladder/conversion';
import { stepModules } from '../extension/engine/ladder/stepModules';
import { ProjectModel } from '../extension/engine/python/project';
import { pythonParser } from '../test/helpers/parser';
import { directStyleModule } from './corpus';
import { medianCpuMs } from './measure';

const PATH = 'module.py';

/** The module's text after one rung, as `refactor --to <rung> --with-callers` leaves it; also how many functions moved. */
function step(parser: PythonParser, text: string, to: Rung): { text: string; converted: number } {
  const model = new ProjectModel((source) => SourceFile.parse(parser, source.text));
  model.set({ path: PATH, name: 'module', isPackage: false, text });
  const file = SourceFile.parse(parser, text);
  try {
    const result = stepModules([{ path: PATH, file }], to, { withCallers: true }, model).get(PATH);
    return { text: result?.text ?? text, converted: result?.converted.length ?? 0 };
  } finally {
    file.dispose();
    model.remove(PATH);
  }
}

async function main(): Promise<void> {
  const parser = await pythonParser();
  console.log(`machine: ${String(cpus().length)} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}\n`);
  console.log('| module | rung (from) | functions moved | median CPU ms | parse of the input, CPU ms | × parse |');
  console.log('|---|---|---:|---:|---:|---:|');
  // Other sizes can be given as arguments (`node --import tsx bench/ladderScale.ts 5000 50000`).
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const lines of sizes.length > 0 ? sizes : [20_000, 200_000]) {
    const direct = directStyleModule(lines);
    // Each rung starts from the text the rung before it produced (computed once, untimed).
    const cps = step(parser, direct.text, 'cps').text;
    const generator = step(parser, cps, 'generator').text;
    const rungs: { to: Rung; from: string; text: string }[] = [
      { to: 'cps', from: 'direct', text: direct.text },
      { to: 'generator', from: 'CPS', text: cps },
      { to: 'async', from: 'generator', text: generator },
      { to: 'direct', from: 'CPS', text: cps },
    ];
    // The large module is slow to convert: one timed run after the warm-up is enough to see a trend.
    const runs = lines > 50_000 ? 1 : 3;
    for (const rung of rungs) {
      const parseMs = medianCpuMs(() => {
        parser.parse(rung.text).delete();
      }, runs * 3);
      let converted = 0;
      const ms = medianCpuMs(() => {
        converted = step(parser, rung.text, rung.to).converted;
      }, runs);
      console.log(`| ${direct.name} | → ${rung.to} (from ${rung.from}) | ${String(converted)} | ${ms.toFixed(0)} | ${parseMs.toFixed(1)} | ${(ms / parseMs).toFixed(1)} |`);
    }
  }
}

void main();
