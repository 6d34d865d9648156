// Python reads every identifier in NFKC form (PEP 3131): `ｓｑｕａｒｅ` and
// `square` are one name. Every lookup by name keys on this form.

/** The name Python binds for an identifier as written. */
export function pythonName(written: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(written) ? written : written.normalize('NFKC');
}
