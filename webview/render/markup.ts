// A tagged template that escapes every interpolated string with `escape`, so
// markup is built without a single unescaped string from user code. Fragments
// already built this way are wrapped in Markup and pass through unchanged.
import { escape } from './escape';

export class Markup {
  constructor(readonly html: string) {}

  toString(): string {
    return this.html;
  }
}

export type Interpolation = Markup | string | number | readonly Markup[] | null;

export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += piece(value) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

function piece(value: Interpolation): string {
  if (value === null) return '';
  if (value instanceof Markup) return value.html;
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '0';
  if (typeof value === 'string') return escape(value);
  return value.map((m) => m.html).join('');
}
