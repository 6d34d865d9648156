// What the packaged .vsix holds, read from the zip's central directory, so the
// e2e run can refuse a package that lacks the grammar or drags in node_modules.
import { readFileSync, statSync } from 'node:fs';

const MAX_BYTES = 3 * 1024 * 1024;
const REQUIRED = [
  'extension/dist/extension.js',
  'extension/dist/features.js',
  'extension/dist/engineWorker.js',
  'extension/dist/cli.js',
  'extension/dist/tree-sitter.wasm',
  'extension/dist/tree-sitter-python.wasm',
  'extension/dist/webview/panel.js',
  'extension/dist/webview/ladder.js',
  'extension/dist/webview/explore.js',
  'extension/dist/runtime/explore.py',
  'extension/snippets/python.code-snippets',
  'extension/package.json',
];

/** Names of the entries of a zip file (no compression library needed: names sit uncompressed in the central directory). */
export function zipEntries(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file: no end-of-central-directory record');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`corrupt central directory at byte ${String(at)}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Throws, naming what is wrong, unless the package is small and holds exactly what the extension needs. */
export function checkVsix(path: string): string {
  const size = statSync(path).size;
  const names = zipEntries(readFileSync(path));
  const problems = [
    ...(size > MAX_BYTES ? [`it is ${String(size)} bytes, over the 3 MB budget`] : []),
    ...REQUIRED.filter((name) => !names.includes(name)).map((name) => `${name} is missing`),
    ...names.filter((name) => /node_modules\/|\.map$|\.ts$/.test(name)).map((name) => `${name} should not be shipped`),
  ];
  if (problems.length > 0) throw new Error(`${path}: ${problems.join('; ')}`);
  return `${String(names.length)} files, ${(size / 1024).toFixed(0)} KB`;
}
