// Loads tree-sitter and the Python grammar from bytes the host supplies, so the
// engine never touches the file system: the extension reads them through
// `vscode.workspace.fs`, the CLI and the tests through Node.
import { Language, Parser, type Tree } from 'web-tree-sitter';

export interface GrammarBinaries {
  /** `tree-sitter.wasm` from web-tree-sitter. */
  readonly runtime: Uint8Array;
  /** `tree-sitter-python.wasm` from tree-sitter-python. */
  readonly python: Uint8Array;
}

export class PythonParser {
  private constructor(private readonly parser: Parser) {}

  static async load(binaries: GrammarBinaries): Promise<PythonParser> {
    await initRuntime(binaries.runtime);
    const language = await Language.load(binaries.python);
    const parser = new Parser();
    parser.setLanguage(language);
    return new PythonParser(parser);
  }

  /**
   * Parses `text`; with `previous` (already edited to match), re-parses
   * incrementally. A lone `\r` ends a line in Python but not in the grammar's
   * scanner, so the parser reads it as `\n`: same length, same offsets.
   */
  parse(text: string, previous?: Tree): Tree {
    const tree = this.parser.parse(textAsParsed(text), previous ?? null);
    if (!tree) throw new Error('tree-sitter returned no tree (parse cancelled)');
    return tree;
  }
}

/** `text` as the parser reads it: a lone `\r` as `\n` (same length, same offsets). */
export function textAsParsed(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

// Parser.init must run once per process; later loads reuse the same runtime.
let runtimeReady: Promise<void> | undefined;
function initRuntime(runtime: Uint8Array): Promise<void> {
  runtimeReady ??= Parser.init({ wasmBinary: runtime });
  return runtimeReady;
}
