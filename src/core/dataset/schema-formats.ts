/**
 * The two JSON Schema formats the dataset schema uses, checked by hand: ajv-formats' full
 * `uri` pattern costs several milliseconds a run, and its module pulls in every other format.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` naming a real calendar day (RFC 3339 full-date). */
export function date(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;

/** An absolute URI (RFC 3986): a scheme, no spaces, and parseable as a URL. */
export function uri(value: string): boolean {
  return SCHEME.test(value) && URL.canParse(value);
}
