import type { PythonParser } from '../../engine';
import { parseFile } from '../loadSources';
import { EXIT_OK } from '../exitCodes';
import type { CommandContext } from '../command';

export const functionsCommand = {
  name: 'functions',
  summary: 'list every function and class by dotted name with its line range',
  usage: 'concept-lenses functions FILE... [--json]',
  options: { json: { type: 'boolean' } },
  run(parser: PythonParser, context: CommandContext): number {
    const files = context.files.map((path) => {
      const file = parseFile(parser, path);
      const functions = file.functions.all.map((f) => ({ name: f.name, line: f.line, endLine: f.endLine }));
      file.dispose();
      return { path, functions };
    });
    if (context.flags['json']) {
      context.out(JSON.stringify({ files }, null, 2));
    } else {
      for (const { path, functions } of files) {
        context.out(path);
        for (const f of functions) context.out(`  ${`${String(f.line)}-${String(f.endLine)}`.padEnd(11)} ${f.name}`);
      }
    }
    return EXIT_OK;
  },
} as const;
