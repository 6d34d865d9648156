// What a scenario checks outside the workbench: files on disk and python3.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Polls the file until `accept` holds (a save reaches the disk asynchronously). */
export async function waitForFile(path: string, accept: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let previous: string | undefined;
  for (;;) {
    const text = readFileSync(path, 'utf8');
    // A save truncates the file before it writes: accept only what two reads in a row agree on.
    if (text === previous && accept(text)) return text;
    previous = text;
    if (Date.now() > deadline) throw new Error(`${path} never reached the expected content; it holds:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs a Python file and returns what it printed; throws if it fails. */
export function runPython(path: string): string {
  const result = spawnSync('python3', [path], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python3 ${path} exited ${String(result.status)}:\n${result.stderr}`);
  return result.stdout;
}
