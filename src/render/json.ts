// DEL, C1 controls and bidi embeddings/overrides/isolates: JSON.stringify leaves them raw,
// and a terminal may act on them (U+009B is a CSI), so they are written as \u escapes.
const RISKY = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text for output. The value is exact (parsing it gives back the same strings); the
 * only difference from JSON.stringify is that characters a terminal could act on, which
 * JSON.stringify does not escape, are escaped as \uXXXX, so piping JSON to a terminal is safe.
 */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    RISKY,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
