// The one escaping function for every string that comes from user code. Its
// result is safe as HTML/SVG text and inside double- or single-quoted
// attribute values. Characters that would act without being seen (bidi
// controls of "Trojan Source", zero-width characters, other control
// characters) are shown as a visible code such as ⟨U+202E⟩, so the drawing
// never reorders or hides text.

import { visible } from '../../extension/engine/syntax/visibleText';

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export { visible };

/** Escapes user text for HTML/SVG text and attribute values, invisible characters made visible. */
export function escape(text: string): string {
  return visible(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
