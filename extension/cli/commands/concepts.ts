import type { PythonParser } from '../../engine';
import { classifyFile, CONCEPT_INFO } from '../../engine/concepts';
import { parseFile } from '../loadSources';
import { EXIT_OK } from '../exitCodes';
import type { CommandContext } from '../command';

export const conceptsCommand = {
  name: 'concepts',
  summary: 'label every function and class with the concepts it embodies, with the lines that show it',
  usage: 'concept-lenses concepts FILE... [--json]',
  options: { json: { type: 'boolean' } },
  run(parser: PythonParser, context: CommandContext): number {
    const files = context.files.map((path) => {
      const file = parseFile(parser, path);
      const functions = classifyFile(file)
        .filter((f) => f.concepts.length > 0)
        .map((f) => ({
          name: f.name,
          line: f.line,
          endLine: f.endLine,
          concepts: f.concepts.map((c) => ({ id: c.id, evidence: [...c.evidence] })),
        }));
      file.dispose();
      return { path, functions };
    });
    if (context.flags['json']) {
      context.out(JSON.stringify({ files }, null, 2));
    } else {
      for (const { path, functions } of files) {
        context.out(path);
        for (const f of functions) {
          const labels = f.concepts.map((c) => `${CONCEPT_INFO[c.id].name} (${c.evidence.join(', ')})`).join(' · ');
          context.out(`  ${`${String(f.line)}-${String(f.endLine)}`.padEnd(11)} ${f.name}: ${labels}`);
        }
      }
    }
    return EXIT_OK;
  },
} as const;
