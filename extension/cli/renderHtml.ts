// `--html OUT.html`: the interleaving panel as one standalone offline file —
// the same renderer and escaping as the webview, with the panel's built script
// and stylesheet (dist/webview/, beside this bundle) inlined under a strict CSP.
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceFile } from '../engine';
import type { InterleavingModel } from '../engine/interleave/model';
import { toInterleavingView } from '../../webview/fromModel';
import { standaloneDocument } from '../../webview/render/document';
import { CliError } from './exitCodes';

/** The standalone page for one analysed file; `displayPath` is how the page names it. */
export function interleavingsHtml(
  file: SourceFile,
  model: InterleavingModel,
  displayPath: string,
  assetsDir = join(__dirname, 'webview'),
): string {
  const view = toInterleavingView(model, displayPath, (line) => file.lines.lineText(line - 1));
  return standaloneDocument({ kind: 'model', model: view }, {
    css: readAsset(assetsDir, 'panel.css'),
    // The source map beside the bundle is not part of the offline file.
    script: readAsset(assetsDir, 'panel.js').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'),
    nonce: randomBytes(18).toString('base64'),
  });
}

export function writeInterleavingsHtml(
  out: string,
  file: SourceFile,
  model: InterleavingModel,
  displayPath: string,
): void {
  const page = interleavingsHtml(file, model, displayPath);
  try {
    writeFileSync(out, page);
  } catch (error) {
    throw new CliError(`${out}: cannot write the HTML file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * Refuses an `--html` output that is one of the files read (by name, symbolic
 * link or hard link: the same device and inode), before anything is written.
 */
export function refuseHtmlOverInput(out: string, inputs: readonly string[]): void {
  const target = identity(out);
  if (!target) return;
  const input = inputs.find((path) => identity(path) === target);
  if (input !== undefined) throw new CliError(`--html ${out} is ${input}, one of the files analysed; choose another output file`);
}

function identity(path: string): string | undefined {
  try {
    const { dev, ino } = statSync(path);
    return `${String(dev)}:${String(ino)}`;
  } catch {
    return undefined;
  }
}

function readAsset(dir: string, name: string): string {
  try {
    return readFileSync(join(dir, name), 'utf8');
  } catch {
    throw new CliError(`the panel's ${name} is missing beside the CLI (run the build)`, 70);
  }
}
