// `npm run bench` (second part): the worst-case inputs of the hostile suite,
// each analysis in a process of its own, as ratios to the parse of the same
// text: time to the parse time measured in that process, peak memory to the
// peak of a process that only parses.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { MAX_NESTING_DEPTH } from '../extension/engine';
import { andChain, awaitChain, manyCoroutines, manyFunctions } from '../test/hostile/generators';
import { ANALYSES } from './worstCaseAnalyses';

interface Measured {
  readonly parseMs: number;
  readonly ms: number;
  readonly maxRssKb: number;
}

const INPUTS: readonly { readonly name: string; readonly text: string }[] = [
  { name: `and chain just under the nesting bound (${String(MAX_NESTING_DEPTH - 10)} terms)`, text: andChain(MAX_NESTING_DEPTH - 10) },
  { name: `await chain just under the bound (${String(MAX_NESTING_DEPTH - 20)} awaits)`, text: awaitChain(MAX_NESTING_DEPTH - 20) },
  { name: '200 coroutines × 50 awaits on one global', text: manyCoroutines(200, 50) },
  { name: '8,000 chained direct functions', text: manyFunctions(8000) },
];

function measure(path: string, analysis: string): Measured {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'worstCaseChild.ts'), path, analysis], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${analysis} on ${path} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Measured;
}

function main(): void {
  const scratch = mkdtempSync(join(tmpdir(), 'cl-worst-'));
  console.log(`\nworst cases: ${String(cpus().length)} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}\n`);
  console.log('| input | size | analysis | ms | × parse time | peak MB | × parse peak |');
  console.log('|---|---:|---|---:|---:|---:|---:|');
  for (const input of INPUTS) {
    const path = join(scratch, 'input.py');
    writeFileSync(path, input.text);
    const size = `${(input.text.length / 1024).toFixed(0)} KB`;
    const parse = measure(path, 'parse');
    console.log(`| ${input.name} | ${size} | parse | ${parse.parseMs.toFixed(0)} | 1.00 | ${(parse.maxRssKb / 1024).toFixed(0)} | 1.00 |`);
    for (const analysis of Object.keys(ANALYSES).filter((a) => a !== 'parse')) {
      const m = measure(path, analysis);
      console.log(
        `| ${input.name} | ${size} | ${analysis} | ${m.ms.toFixed(0)} | ${(m.ms / m.parseMs).toFixed(1)} | ${(m.maxRssKb / 1024).toFixed(0)} | ${(m.maxRssKb / parse.maxRssKb).toFixed(2)} |`,
      );
    }
  }
}

main();
