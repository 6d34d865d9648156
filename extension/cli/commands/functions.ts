import type { PythonParser } from '../../engine';
import { EXIT_OK } from '../exitCodes';
import type { CommandContext } from '../command';
import { mapParsedFiles, printFunctionListing } from '../fileListing';

export const functionsCommand = {
  name: 'functions',
  summary: 'list every function and class by dotted name with its line range',
  usage: 'concept-lenses functions FILE... [--json]',
  options: { json: { type: 'boolean' } },
  run(parser: PythonParser, context: CommandContext): number {
    const files = mapParsedFiles(parser, context.files, (file, path) => ({
      path,
      functions: file.functions.all.map((f) => ({ name: f.name, line: f.line, endLine: f.endLine })),
    }));
    printFunctionListing(context, files);
    return EXIT_OK;
  },
} as const;
