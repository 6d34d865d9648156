import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escape, visible } from '../../../webview/render/escape';
import { html, Markup } from '../../../webview/render/markup';

/** What a browser shows for escaped text: the five entities decoded. */
function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '');
}

const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];

test('escape leaves no markup character raw and decodes back to the text as written', () => {
  const hostile = `</script><script>alert("x")</script><img src=x onerror='boom()'> & &amp; a<b>c`;
  const out = escape(hostile);
  assert.doesNotMatch(out, /[<>"']/);
  assert.equal(decode(out), hostile);
});

test('every bidi control becomes a visible code point label, in order', () => {
  for (const c of BIDI) {
    const code = c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    const out = escape(`a${c}b`);
    assert.equal(out, `a⟨U+${code}⟩b`);
  }
  // The classic "Trojan Source" line keeps its logical order and shows every control.
  const trojan = 'if access_level != "user\u202e \u2066# check if admin\u2069 \u2066":';
  assert.equal(escape(trojan), 'if access_level != &quot;user⟨U+202E⟩ ⟨U+2066⟩# check if admin⟨U+2069⟩ ⟨U+2066⟩&quot;:');
});

test('zero-width and control characters are shown; tabs and ordinary Unicode stay', () => {
  assert.equal(visible('a\u200bb\u0000c\u007fd\ufeffe\u2028f'), 'a⟨U+200B⟩b⟨U+0000⟩c⟨U+007F⟩d⟨U+FEFF⟩e⟨U+2028⟩f');
  const ordinary = 'größe\tنص 😀 naïve → 漢字';
  assert.equal(escape(ordinary), ordinary);
});

test('html`` escapes every interpolated string once and passes Markup through', () => {
  const name = '<b>"Q"</b>';
  const inner = html`<i>${name}</i>`;
  const outer = html`<p title="${name}">${inner}${[html`<br>`, html`${'&'}`]}${7}${null}</p>`;
  assert.ok(inner instanceof Markup);
  assert.equal(outer.html, '<p title="&lt;b&gt;&quot;Q&quot;&lt;/b&gt;"><i>&lt;b&gt;&quot;Q&quot;&lt;/b&gt;</i><br>&amp;7</p>');
});
