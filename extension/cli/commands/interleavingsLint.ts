// What makes the interleavings command a linter a project can adopt: the
// `[tool.concept-lenses]` table of the nearest pyproject.toml, a baseline of
// accepted findings, and GitHub Actions annotations.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { SourceFile } from '../../engine';
import { DEFAULT_CONFIG, isLinted, readLintConfig, type LintConfig } from '../../engine/interleave/lintConfig';
import type { Hazard } from '../../engine/interleave/model';
import type { LintedHazard, SuppressionProblem } from '../../engine/interleave/suppressions';
import { CliError } from '../exitCodes';

export interface LoadedConfig {
  readonly config: LintConfig;
  /** The directory include/exclude patterns are relative to. */
  readonly root: string;
  /** The pyproject.toml read, if any. */
  readonly source: string | undefined;
}

/**
 * `--config FILE`, else the nearest pyproject.toml with a `[tool.concept-lenses]`
 * table from the working directory up to the repository's root (the directory
 * holding `.git`). Problems in the table are a usage error naming the line.
 */
export function loadLintConfig(explicit: string | undefined, cwd = process.cwd()): LoadedConfig {
  const candidates: string[] = [];
  if (explicit !== undefined) candidates.push(resolve(cwd, explicit));
  else {
    for (let dir = resolve(cwd); ; dir = dirname(dir)) {
      candidates.push(join(dir, 'pyproject.toml'));
      if (existsSync(join(dir, '.git')) || dirname(dir) === dir) break;
    }
  }
  for (const path of candidates) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if (explicit !== undefined) throw new CliError(`${explicit}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
      continue;
    }
    const { config, problems, found } = readLintConfig(text);
    const [problem] = problems;
    if (problem) throw new CliError(`${relative(cwd, path) || path}:${String(problem.line)}: ${problem.message}`);
    if (found || explicit !== undefined) return { config, root: dirname(path), source: path };
  }
  return { config: DEFAULT_CONFIG, root: resolve(cwd), source: undefined };
}

/** The paths the configuration lints (files given on the command line included, as pre-commit passes them). */
export function lintedPaths(paths: readonly string[], loaded: LoadedConfig): string[] {
  return paths.filter((path) => isLinted(relative(loaded.root, resolve(path)).split(sep).join('/'), loaded.config));
}

export interface LintedFile {
  readonly path: string;
  readonly file: SourceFile;
  readonly findings: readonly LintedHazard[];
  readonly problems: readonly SuppressionProblem[];
  readonly suppressed: number;
}

/**
 * A finding's identity in a baseline: file, kind, function, state and the
 * text of the written line, not its number, so edits elsewhere in the file
 * keep it matched. Identical findings are counted.
 */
function fingerprint(path: string, file: SourceFile, hazard: Hazard): string {
  const lineText = file.text.split(/\r\n|\n|\r/)[hazard.write.line - 1]?.trim() ?? '';
  return [relative('.', path).split(sep).join('/'), hazard.kind, hazard.function, hazard.variable, lineText].join('\u0000');
}

interface BaselineEntry {
  readonly path: string;
  readonly kind: string;
  readonly function: string;
  readonly variable: string;
  readonly line: string;
}

export function writeBaseline(target: string, files: readonly LintedFile[]): number {
  const entries: BaselineEntry[] = files.flatMap((f) =>
    f.findings.map(({ hazard }) => {
      const [path = '', kind = '', fn = '', variable = '', line = ''] = fingerprint(f.path, f.file, hazard).split('\u0000');
      return { path, kind, function: fn, variable, line };
    }),
  );
  writeFileSync(target, `${JSON.stringify({ version: 1, findings: entries }, null, 2)}\n`);
  return entries.length;
}

/** Drops the findings the baseline accepts (each baseline entry accepts one finding). */
export function applyBaseline(source: string, files: readonly LintedFile[]): LintedFile[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(source, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${source}: ${code === 'ENOENT' ? 'no such baseline (create it with --update-baseline)' : 'not a baseline file'}`);
  }
  const findings = (parsed as { findings?: unknown }).findings;
  if (!Array.isArray(findings)) throw new CliError(`${source}: not a baseline file`);
  const remaining = new Map<string, number>();
  for (const e of findings as Partial<BaselineEntry>[]) {
    const key = [e.path, e.kind, e.function, e.variable, e.line].join('\u0000');
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  return files.map((f) => ({
    ...f,
    findings: f.findings.filter(({ hazard }) => {
      const key = fingerprint(f.path, f.file, hazard);
      const left = remaining.get(key) ?? 0;
      if (left === 0) return true;
      remaining.set(key, left - 1);
      return false;
    }),
  }));
}

const GITHUB_LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub Actions workflow commands: one annotation per finding and per suppression problem. */
export function githubAnnotations(files: readonly LintedFile[]): string[] {
  const lines: string[] = [];
  const file = (path: string) => relative('.', path).split(sep).join('/');
  for (const f of files) {
    for (const { hazard, severity } of f.findings) {
      const props = `file=${property(file(f.path))},line=${String(hazard.write.line)},col=${String(hazard.write.column + 1)},title=${property(`${hazard.kind} of ${hazard.variable}`)}`;
      const detail = [hazard.message, ...hazard.steps.map((s, i) => `${String(i + 1)}. ${s.text}`)].join('\n');
      lines.push(`::${GITHUB_LEVEL[severity]} ${props}::${data(detail)}`);
    }
    for (const p of f.problems) {
      lines.push(`::warning file=${property(file(f.path))},line=${String(p.line)},col=${String(p.column + 1)},title=${property(p.code)}::${data(p.message)}`);
    }
  }
  return lines;
}

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
