import type { PythonParser } from '../../engine';
import { classifyFile, CONCEPT_INFO, impliedConcepts } from '../../engine/concepts';
import { EXIT_OK } from '../exitCodes';
import type { CommandContext } from '../command';
import { mapParsedFiles, printFunctionListing } from '../fileListing';

export const conceptsCommand = {
  name: 'concepts',
  summary: 'label every function and class with the concepts it embodies, with the lines that show it',
  usage: 'concept-lenses concepts FILE... [--json]',
  options: { json: { type: 'boolean' } },
  run(parser: PythonParser, context: CommandContext): number {
    const files = mapParsedFiles(parser, context.files, (file, path) => ({
      path,
      functions: classifyFile(file)
        .filter((f) => f.concepts.length > 0)
        .map((f) => ({
          name: f.name,
          line: f.line,
          endLine: f.endLine,
          concepts: f.concepts.map((c) => ({ id: c.id, parents: [...impliedConcepts(c.id)], evidence: [...c.evidence] })),
        })),
    }));
    printFunctionListing(context, files, (f) => `: ${f.concepts.map((c) => `${CONCEPT_INFO[c.id].name} (${c.evidence.join(', ')})`).join(' · ')}`);
    return EXIT_OK;
  },
} as const;
