// `concept-lenses`: the command-line front end over the engine.
import { parseArgs } from 'node:util';
import type { Command } from './command';
import { conceptsCommand } from './commands/concepts';
import { exploreCommand } from './commands/explore';
import { functionsCommand } from './commands/functions';
import { interleavingsCommand } from './commands/interleavings';
import { refactorCommand } from './commands/refactor';
import { CliError, EXIT_OK, EXIT_USAGE } from './exitCodes';
import { loadParser } from './loadSources';
import { visible } from '../engine/syntax/visibleText';

declare const CONCEPT_LENSES_VERSION: string;

const commands: readonly Command[] = [functionsCommand, conceptsCommand, refactorCommand, interleavingsCommand, exploreCommand];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: concept-lenses <command> [options] FILE...',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options: --help, --version. `concept-lenses <command> --help` shows a command.',
    'Exit codes: 0 success, 1 findings or refusals, 2 bad usage or unreadable/unparsable input.',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    console.log(CONCEPT_LENSES_VERSION);
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new CliError(`unknown command '${name}' (try --help)`);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('\n')[0] ?? 'bad arguments'} (usage: ${command.usage})`);
  }
  if (parsed.values['help']) {
    console.log(`Usage: ${command.usage}\n\n${command.summary}`);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) throw new CliError(`no input files (usage: ${command.usage})`);
  const parser = await loadParser();
  return command.run(parser, {
    files: parsed.positionals,
    flags: parsed.values,
    out: (line) => {
      process.stdout.write(line + '\n');
    },
  });
}

// A reader that stops early (`| head`) closes the pipe: drop the rest of the
// output quietly and finish with the command's own exit code. A full disk is
// the user's to know about.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') return;
  process.stderr.write(`concept-lenses: cannot write the output (${error.code ?? error.message})\n`);
  process.exit(EXIT_USAGE);
});
process.stderr.on('error', () => {
  // Nowhere left to report anything.
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      // Messages name files and code: a hostile name must not drive the terminal.
      process.stderr.write(`concept-lenses: ${visible(error.message)}\n`);
      process.exitCode = error.exitCode;
    } else {
      // A bug of ours, not the user's: keep the stack so it can be reported.
      process.stderr.write(`concept-lenses: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    }
  },
);
