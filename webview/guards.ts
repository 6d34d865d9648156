// Runtime type guards for data that crosses the webview boundary. Objects are
// checked field by field and refuse unknown fields, so a message either has
// exactly the typed shape or is dropped.

export type Guard<T> = (value: unknown) => value is T;

type Shape = Record<string, Guard<unknown>>;
type Fields<S extends Shape> = { -readonly [K in keyof S]: S[K] extends Guard<infer T> ? T : never };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with exactly the `required` fields and any of the `optional` ones, each passing its guard. */
export function record<R extends Shape, O extends Shape = Record<string, never>>(
  required: R,
  optional?: O,
): Guard<Readonly<Fields<R> & Partial<Fields<O>>>> {
  const requiredKeys = Object.keys(required);
  return (value: unknown): value is Readonly<Fields<R> & Partial<Fields<O>>> => {
    if (!isPlainObject(value)) return false;
    for (const key of requiredKeys) {
      if (!Object.hasOwn(value, key) || !required[key]?.(value[key])) return false;
    }
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(required, key)) continue;
      const guard = optional && Object.hasOwn(optional, key) ? optional[key] : undefined;
      if (!guard?.(value[key])) return false;
    }
    return true;
  };
}

export function arrayOf<T>(item: Guard<T>, maxLength = 100_000): Guard<readonly T[]> {
  return (value: unknown): value is readonly T[] =>
    Array.isArray(value) && value.length <= maxLength && value.every((v) => item(v));
}

export function oneOf<const T extends readonly (string | number | boolean | null)[]>(...values: T): Guard<T[number]> {
  return (value: unknown): value is T[number] => values.some((v) => v === value);
}

type Guarded<G> = G extends Guard<infer T> ? T : never;

export function union<const G extends readonly Guard<unknown>[]>(...guards: G): Guard<Guarded<G[number]>> {
  return (value: unknown): value is Guarded<G[number]> => guards.some((guard) => guard(value));
}

export const isString: Guard<string> = (value): value is string => typeof value === 'string';

export const isBoolean: Guard<boolean> = (value): value is boolean => typeof value === 'boolean';

/** A non-negative safe integer. */
export const isCount: Guard<number> = (value): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** A 1-based line number. */
export const isLine: Guard<number> = (value): value is number => isCount(value) && value >= 1;
