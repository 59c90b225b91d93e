// DEL, C1 controls and bidi embeddings/overrides/isolates: JSON.stringify leaves them raw,
// and a terminal may act on them (U+009B is a CSI), so they are written as \u escapes.
const RISKY = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text for output. The value is exact (parsing it gives back the same strings); the
 * only difference from JSON.stringify is that characters a terminal could act on, which
 * JSON.stringify does not escape, are escaped as \uXXXX, so piping JSON to a terminal is safe.
 */
export function toJson(value: unknown, indent?: number, known?: 'plain'): string {
  const text = JSON.stringify(value, null, indent);
  // Known to hold no such character (see holdsRisky): the scan of the text is spared.
  if (known === 'plain') return text;
  return text.replace(RISKY, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const ONE_RISKY = new RegExp(RISKY.source);

/**
 * True when some string of `value` (a value or a key, at any depth) holds a character toJson
 * escapes. An export whose text is several times the size of its data (W3C annotations,
 * JSON-LD: keys, IRIs and indentation) asks this once of the data it is made from, rather than
 * scanning every character of its text.
 */
export function holdsRisky(value: unknown): boolean {
  if (typeof value === 'string') return ONE_RISKY.test(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (holdsRisky(item)) return true;
    return false;
  }
  for (const key of Object.keys(value)) {
    if (ONE_RISKY.test(key) || holdsRisky((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/**
 * An array whose elements are made one at a time while the JSON is written (see jsonPieces),
 * so a long export never holds all of them, or all of their text, at once. Its elements are
 * indented as JSON.stringify indents them, or with `oneLine` written each on one line of its
 * own, without spaces: one record per line, which `grep` finds whole and a terminal shows in
 * a fraction of the lines.
 */
export class LazyArray {
  /** `elements` must not hold LazyArrays themselves. */
  constructor(
    readonly elements: Iterable<unknown>,
    readonly layout: 'indented' | 'oneLine' = 'indented',
  ) {}
}

/**
 * The text of `toJson(value, indent)` in pieces, where `value` may hold LazyArrays (written
 * as the arrays their elements make). The pieces joined are exactly the text toJson gives for
 * the same value with each LazyArray an array: JSON.stringify indents a nested value by its
 * depth, and a string in JSON text never holds a raw line break, so each element is written
 * on its own and its lines indented.
 */
export function* jsonPieces(
  value: unknown,
  indent: number,
  depth = 0,
  known?: 'plain',
): Generator<string> {
  const pad = (d: number) => ' '.repeat(indent * d);
  if (value instanceof LazyArray) {
    const { layout } = value;
    let first = true;
    let batch: unknown[] = [];
    const flush = function* (): Generator<string> {
      if (batch.length === 0) return;
      // The elements' text is a piece of its own, not joined to what comes before it: it is a
      // megabyte or more, and a join would only copy it once more.
      yield `${first ? '[' : ','}\n${pad(depth + 1)}`;
      yield layout === 'oneLine'
        ? elementLines(batch, pad(depth + 1), known)
        : elementsText(batch, indent, depth, known);
      first = false;
      batch = [];
    };
    for (const element of value.elements) {
      batch.push(element);
      if (batch.length === LAZY_BATCH) yield* flush();
    }
    yield* flush();
    yield first ? '[]' : `\n${pad(depth)}]`;
    return;
  }
  if (hasLazy(value)) {
    const record = value as Record<string, unknown>;
    let first = true;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      yield `${first ? '{' : ','}\n${pad(depth + 1)}${toJson(key)}: `;
      first = false;
      yield* jsonPieces(v, indent, depth + 1, known);
    }
    yield first ? '{}' : `\n${pad(depth)}}`;
    return;
  }
  const text = toJson(value, indent, known);
  yield depth === 0 ? text : text.replace(/\n/g, `\n${pad(depth)}`);
}

/** Elements of a LazyArray stringified together, a batch at a time. */
const LAZY_BATCH = 500;

/**
 * The text of the elements of an array at `depth`, as JSON.stringify writes them inside it
 * (separated by a comma, a line break and the indentation of depth + 1): the array is
 * stringified inside `depth` arrays of one element, which indents it as at that depth, and
 * what surrounds the elements is cut off.
 */
function elementsText(elements: unknown[], indent: number, depth: number, known?: 'plain'): string {
  let wrapped: unknown = elements;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = toJson(wrapped, indent, known);
  // Before: "[\n" and the indentation of each enclosing level, then the array's own "[\n".
  let before = 0;
  for (let i = 0; i <= depth; i++) before += 2 + indent * (i + 1);
  // After: the array's "\n" + indentation + "]", and each enclosing level's the same.
  let after = 0;
  for (let i = 0; i <= depth; i++) after += 2 + indent * i;
  return text.slice(before, text.length - after);
}

/**
 * Elements each on a line of its own, without spaces, separated by a comma, a line break and
 * `pad`. What JSON.stringify writes as null in an array (undefined, a function, a symbol) is
 * null here too.
 */
function elementLines(elements: unknown[], pad: string, known?: 'plain'): string {
  return elements
    .map((element) =>
      element === undefined || typeof element === 'function' || typeof element === 'symbol'
        ? 'null'
        : toJson(element, undefined, known),
    )
    .join(`,\n${pad}`);
}

/** True for a plain object that holds a LazyArray among its values, at any depth of objects. */
function hasLazy(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (value instanceof LazyArray) return true;
  return Object.values(value).some(hasLazy);
}

/**
 * Joins small pieces of text into pieces of about `size` characters, for fewer writes. A piece
 * of half that size or more is passed on as it is (after what was gathered before it): joining
 * it would only copy it once more, which for an export of 10^5 claims (the JSON exports make
 * pieces of 500 elements, most of a megabyte each) was a tenth of the work.
 */
export function* batched(pieces: Iterable<string>, size = 1 << 20): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    if (piece.length >= size / 2) {
      if (length > 0) yield parts.length === 1 ? (parts[0] as string) : parts.join('');
      parts = [];
      length = 0;
      yield piece;
      continue;
    }
    parts.push(piece);
    length += piece.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (length > 0) yield parts.join('');
}
