// The one escaping function for every string that comes from user code. Its
// result is safe as HTML/SVG text and inside double- or single-quoted
// attribute values. Characters that would act without being seen (bidi
// controls of "Trojan Source", zero-width characters, other control
// characters) are shown as a visible code such as ⟨U+202E⟩, so the drawing
// never reorders or hides text.

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// C0 and C1 controls except tab; the bidi embeddings, overrides and isolates;
// the implicit marks LRM/RLM/ALM; zero-width and invisible format characters;
// line/paragraph separators; the byte-order mark.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/** Shows invisible and direction-changing characters as `⟨U+XXXX⟩`. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** Escapes user text for HTML/SVG text and attribute values, invisible characters made visible. */
export function escape(text: string): string {
  return visible(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
