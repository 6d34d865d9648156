// Runs the built CLI under a time and memory limit, as the hostile suite needs:
// the sub-commands it registers, and a run's exit code, output and peak memory.
import { spawn, spawnSync } from 'node:child_process';
import { CLI, ROOT } from '../helpers/cli';

/** Wall-clock limit per run: generous, as the test machine may be shared. */
export const TIME_LIMIT_MS = 120_000;
/**
 * Peak resident memory allowed per run. The largest input here, a module of
 * 20,000 functions (2.4 MB), takes about 215 MB to parse alone; a whole-file
 * conversion holds the source tree and its checked output tree at once,
 * tree-sitter's WebAssembly memory keeps its high-water mark, and the engine
 * copies what it reads of a parse into plain nodes (about 130 bytes a node:
 * 92 MB for this module's 720,000), so `--to cps` peaks at 670–705 MB on a
 * shared machine: a bound of under four parses, with room.
 */
export const MEMORY_LIMIT_MB = 800;

/**
 * Runs the CLI (argv[1] under `node -e`, as it expects) and, when it exits,
 * writes its peak resident memory in kilobytes to file descriptor 3.
 */
const MEASURED = `
process.on('exit', () => require('node:fs').writeSync(3, String(process.resourceUsage().maxRSS)));
require(process.argv[1]);
`;

export interface BoundedRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdoutBytes: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly peakMb: number;
  readonly ms: number;
}

export interface RunOptions {
  readonly cwd?: string;
  /** What stdout is: captured (default), a file descriptor, or a pipe closed after the first chunk. */
  readonly stdout?: 'capture' | number | 'close-early';
}

/** Spawns the CLI with a heap cap a little under the memory limit; kills it at the time limit. */
export function runBounded(args: readonly string[], options: RunOptions = {}): Promise<BoundedRun> {
  const started = performance.now();
  const stdoutMode = options.stdout ?? 'capture';
  const child = spawn(process.execPath, [`--max-old-space-size=${String(MEMORY_LIMIT_MB)}`, '-e', MEASURED, CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    stdio: ['ignore', typeof stdoutMode === 'number' ? stdoutMode : 'pipe', 'pipe', 'pipe'],
  });
  const stdoutChunks: Buffer[] = [];
  let stdoutBytes = 0;
  const stderrChunks: Buffer[] = [];
  let peak = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdoutBytes += chunk.length;
    // Keep the first megabyte to look at; count the rest.
    if (stdoutBytes <= 1 << 20) stdoutChunks.push(chunk);
    if (stdoutMode === 'close-early') child.stdout?.destroy();
  });
  child.stderr?.on('data', (chunk: Buffer) => stderrChunks.push(chunk));
  (child.stdio[3] as NodeJS.ReadableStream | null)?.on('data', (chunk: Buffer) => (peak += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), TIME_LIMIT_MS);
  return new Promise((resolve) => {
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({
        status,
        signal,
        stdoutBytes,
        stdout: Buffer.concat(stdoutChunks).toString('utf8'),
        stderr: Buffer.concat(stderrChunks).toString('utf8'),
        peakMb: Number(peak) / 1024,
        ms: performance.now() - started,
      });
    });
  });
}

export interface Invocation {
  /** The sub-command and its required options, without inputs. */
  readonly args: readonly string[];
  /** Its usage takes PATH... (directories too), not just FILE... */
  readonly takesDirectories: boolean;
}

/**
 * Every way to call each sub-command the CLI lists in --help: one call per
 * value of a required `--option a|b|c` in its usage line, so a sub-command
 * added later is covered without changing this suite.
 */
export function registeredInvocations(): Invocation[] {
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' }).stdout;
  const commands = help
    .slice(help.indexOf('Commands:'))
    .split('\n')
    .slice(1)
    .map((line) => /^ {2}(\S+)\s/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
  return commands.flatMap((name) => {
    const usage = spawnSync(process.execPath, [CLI, name, '--help'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '';
    const required = withoutOptionalParts(usage);
    const takesDirectories = /\bPATH\b/.test(required);
    const choice = /--([\w-]+) ([\w-]+(?:\|[\w-]+)+)/.exec(required);
    if (!choice?.[1] || !choice[2]) return [{ args: [name], takesDirectories }];
    const option = choice[1];
    return choice[2].split('|').map((value) => ({ args: [name, `--${option}`, value], takesDirectories }));
  });
}

/** A usage line without its `[...]` parts (which may nest). */
function withoutOptionalParts(usage: string): string {
  let depth = 0;
  let kept = '';
  for (const c of usage) {
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0) kept += c;
  }
  return kept;
}
