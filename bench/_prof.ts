import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceFile } from '../extension/engine';
import { IncrementalInterleavings } from '../extension/engine/interleave/incremental';
import { IncrementalClassifier } from '../extension/engine/concepts/incremental';
import { pythonParser } from '../test/helpers/parser';
import { EXAMPLES, editOffsets, examplesModule } from './examplesModule';
async function main() {
  const parser = await pythonParser();
  const text = examplesModule(EXAMPLES.map((n) => readFileSync(join(__dirname, '..', 'examples', n), 'utf8')), 3000);
  const inc = new IncrementalInterleavings();
  const cls = new IncrementalClassifier();
  let file = SourceFile.parse(parser, text);
  inc.analyze(file);
  for (let r = 0; r < 4; r++) for (const offset of editOffsets(text, 15)) {
    const digit = file.text[offset] === '1' ? '2' : '1';
    const edited = file.withChanges([{ start: offset, end: offset + 1, newText: digit }]);
    file.dispose(); file = edited;
    cls.classify(file);
    inc.analyze(file);
  }
}
main();
