// Turns a file's bytes into text the way Python does: UTF-8 by default, a
// UTF-8 BOM dropped, a PEP 263 coding cookie honoured on line 1 or 2.

export type Decoded =
  | { readonly ok: true; readonly text: string; readonly encoding: string }
  | { readonly ok: false; readonly reason: string };

/** Files larger than this are refused rather than parsed (an editor would choke too). */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;

const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

export function decodePythonSource(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_SOURCE_BYTES) {
    return { ok: false, reason: `file is ${String(bytes.length)} bytes; the limit is ${String(MAX_SOURCE_BYTES)}` };
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  const encoding = hasBom ? 'utf-8' : codingCookie(body) ?? 'utf-8';
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  } catch {
    return { ok: false, reason: `unknown source encoding '${encoding}' (coding cookie)` };
  }
  try {
    return { ok: true, text: decoder.decode(body), encoding: decoder.encoding };
  } catch {
    return { ok: false, reason: `file is not valid ${decoder.encoding}; declare its encoding with a '# -*- coding: … -*-' line` };
  }
}

function codingCookie(bytes: Uint8Array): string | undefined {
  // The cookie is ASCII by definition, so reading the first two lines as latin1 is exact.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 400));
  const [first = '', second = ''] = head.split(/\r\n|\r|\n/, 2);
  const match = COOKIE.exec(first) ?? (/^[ \t\f]*(#.*)?$/.test(first) ? COOKIE.exec(second) : null);
  return match?.[1]?.toLowerCase();
}
