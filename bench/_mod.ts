import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceFile } from '../extension/engine';
import { pythonParser } from '../test/helpers/parser';
import { EXAMPLES, examplesModule } from './examplesModule';
import { moduleLevelUses, functionsOf } from '../extension/engine/interleave/nameUses';
import { cpuMs } from './measure';
async function main() {
  const parser = await pythonParser();
  const text = examplesModule(EXAMPLES.map((n) => readFileSync(join(__dirname, '..', 'examples', n), 'utf8')), 3000);
  const file = SourceFile.parse(parser, text);
  const asked = new Set(file.functions.all.map((f) => f.name.slice(f.name.lastIndexOf('.') + 1)));
  const fns = functionsOf(file);
  let uses: any[] = [];
  for (let i = 0; i < 5; i++) console.log(cpuMs(() => (uses = moduleLevelUses(file, asked, fns))).toFixed(1), uses.length);
  console.log(fns.length, file.functions.all.length);
}
main();
