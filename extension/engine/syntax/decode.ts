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
  // TextDecoder's latin1 labels mean windows-1252; Python's latin-1 is exactly bytes 0-255.
  if (LATIN_1.has(encoding)) return { ok: true, text: latin1(body), encoding: 'latin-1' };
  if (CP1252.has(encoding)) return decodeCp1252(body);
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

const LATIN_1 = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1', 'iso-latin-1']);
const CP1252 = new Set(['cp1252', 'windows-1252']);

/**
 * Python's cp1252 for bytes 0x80–0x9F (0 where Python has no character and
 * refuses the byte); every other byte is its latin-1 character. Written out
 * because Node's TextDecoder reads windows-1252 as latin-1 (control characters).
 */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeCp1252(bytes: Uint8Array): Decoded {
  let text = '';
  for (const [i, byte] of bytes.entries()) {
    const high = byte >= 0x80 && byte < 0xa0;
    const code = high ? (CP1252_HIGH[byte - 0x80] ?? 0) : byte;
    if (high && code === 0) {
      return { ok: false, reason: `byte 0x${byte.toString(16)} at offset ${String(i)} is not valid cp1252 (Python refuses the file too)` };
    }
    text += String.fromCharCode(code);
  }
  return { ok: true, text, encoding: 'windows-1252' };
}

/** `text` in cp1252 bytes; undefined when a character has none. */
export function encodeCp1252(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const high = CP1252_HIGH.indexOf(code);
    if (code !== 0 && high >= 0) bytes[i] = 0x80 + high;
    else if (code < 0x100 && !(code >= 0x80 && code < 0xa0)) bytes[i] = code;
    else return undefined;
  }
  return bytes;
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/** Python codec names as TextDecoder labels: `utf_8` → `utf-8`, `utf-8-sig` → `utf-8`. */
function codingCookie(bytes: Uint8Array): string | undefined {
  // The cookie is ASCII by definition, so reading the first two lines as latin1 is exact.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 400));
  const [first = '', second = ''] = head.split(/\r\n|\r|\n/, 2);
  const match = COOKIE.exec(first) ?? (/^[ \t\f]*(#.*)?$/.test(first) ? COOKIE.exec(second) : null);
  const name = match?.[1]?.toLowerCase().replaceAll('_', '-');
  return name === 'utf-8-sig' || name === 'utf8' ? 'utf-8' : name;
}
