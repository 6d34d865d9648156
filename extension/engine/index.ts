// The engine's public surface, shared by the extension, the CLI and the tests.
export { PythonParser, type GrammarBinaries } from './syntax/parser';
export { SourceFile, type Range, type TextChange } from './syntax/sourceFile';
export { LineIndex, type Position } from './syntax/lineIndex';
export { FunctionIndex, type FunctionInfo } from './syntax/functionIndex';
export { EditBuilder, type EditResult } from './syntax/editBuilder';
export { decodePythonSource, encodeCp1252, MAX_SOURCE_BYTES, type Decoded } from './syntax/decode';
export type { SyntaxProblem, SyntaxProblemCode } from './syntax/syntaxErrors';
export { MAX_NESTING_DEPTH } from './syntax/nesting';
