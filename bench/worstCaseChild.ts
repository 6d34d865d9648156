// One measurement of bench/worstCase.ts in a process of its own, so its peak
// memory is its own: parses the file, then runs one analysis (or none), and
// prints {"parseMs","ms","maxRssKb"} as JSON.
import { readFileSync } from 'node:fs';
import { SourceFile } from '../extension/engine';
import { pythonParser } from '../test/helpers/parser';
import { ANALYSES } from './worstCaseAnalyses';

async function main(): Promise<void> {
  const [path, analysis = 'parse'] = process.argv.slice(2);
  const run = ANALYSES[analysis];
  if (!path || !run) throw new Error(`usage: worstCaseChild.ts FILE [${Object.keys(ANALYSES).join(' | ')}]`);
  const text = readFileSync(path, 'utf8');
  const parser = await pythonParser();
  let started = performance.now();
  const file = SourceFile.parse(parser, text);
  const parseMs = performance.now() - started;
  started = performance.now();
  run(file);
  const ms = performance.now() - started;
  console.log(JSON.stringify({ parseMs, ms, maxRssKb: process.resourceUsage().maxRSS }));
}

void main();
