// Characters that act without being seen: the bidi controls of "Trojan
// Source", zero-width and other invisible format characters, blank-looking
// letters, tag characters, and control characters such as a terminal's ESC or
// NUL. Wherever text from user code is shown to people (hover cards, panels,
// CLI messages) they appear as a visible code such as ⟨U+202E⟩ instead.

// C0 and C1 controls except tab; the soft hyphen; the combining grapheme
// joiner; Arabic letter mark; Hangul fillers; Khmer inherent vowels; the
// Mongolian vowel separator; zero-width characters and LRM/RLM; line and
// paragraph separators; bidi embeddings, overrides and isolates; invisible
// operators; the byte-order mark; interlinear annotation marks; tag characters
// (the combining marks among them stand alone, outside the class).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{e0000}-\u{e007f}]|\u034f|\u17b4|\u17b5/gu;

/** Shows invisible and direction-changing characters as `⟨U+XXXX⟩`. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => `⟨U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
