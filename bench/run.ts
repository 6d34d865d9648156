// `npm run bench`: tree-sitter's parse time of the corpus is the baseline;
// every feature's figure is printed beside it as a ratio to that parse time.
import { cpus } from 'node:os';
import { SourceFile } from '../extension/engine';
import { pythonParser } from '../test/helpers/parser';
import { asyncioPackage, fiveThousandLines, type CorpusFile } from './corpus';
import { medianMs } from './measure';
import { featureBenches } from './features';

interface Row {
  readonly subject: string;
  readonly what: string;
  readonly ms: number;
  readonly parseMs: number;
}

async function main(): Promise<void> {
  const parser = await pythonParser();
  const pkg = asyncioPackage();
  const big = fiveThousandLines(pkg);
  const subjects: { name: string; files: readonly CorpusFile[] }[] = [
    { name: `asyncio package (${String(pkg.length)} files)`, files: pkg },
    { name: big.name, files: [big] },
  ];
  const rows: Row[] = [];
  for (const subject of subjects) {
    const parseMs = medianMs(() => {
      for (const f of subject.files) parser.parse(f.text).delete();
    });
    rows.push({ subject: subject.name, what: 'tree-sitter parse (baseline)', ms: parseMs, parseMs });
    const parsed = subject.files.map((f) => SourceFile.parse(parser, f.text));
    for (const bench of featureBenches) {
      const ms = medianMs(() => {
        bench.run(parsed);
      });
      rows.push({ subject: subject.name, what: bench.name, ms, parseMs });
    }
    for (const f of parsed) f.dispose();
  }
  console.log(`machine: ${String(cpus().length)} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}\n`);
  console.log('| subject | measurement | median ms | × parse |');
  console.log('|---|---|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.subject} | ${r.what} | ${r.ms.toFixed(2)} | ${(r.ms / r.parseMs).toFixed(2)} |`);
  }
  // Trees live in WebAssembly memory, outside the JS heap, so the process's peak RSS is the honest figure.
  console.log(`\npeak memory of the whole run (RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

void main();
