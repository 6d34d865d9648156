import type { ParseArgsConfig } from 'node:util';
import type { PythonParser } from '../engine';

export interface CommandContext {
  readonly files: readonly string[];
  readonly flags: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly out: (line: string) => void;
}

/** A sub-command: its options are parsed by node:util's parseArgs. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(parser: PythonParser, context: CommandContext): number | Promise<number>;
}
