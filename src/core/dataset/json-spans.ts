import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from './json-chars.js';

/**
 * Where the elements of some top-level arrays of a JSON document lie, as byte ranges of the
 * file. The index records them so that a search reads a claim or an entity straight from the
 * dataset file (and checks those bytes against the checksum taken when it was indexed) rather
 * than from a copy that could drift from the dataset.
 *
 * JSON's structural characters are ASCII and never occur inside a UTF-8 multi-byte sequence,
 * so the bytes can be walked without decoding. The document must already be valid JSON (the
 * index is built only from a dataset that parsed and passed its checks).
 */

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** Start and end (exclusive) of each element, as pairs: [start0, end0, start1, end1, ...]. */
export type Spans = Float64Array;

class Walker {
  at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  fail(expected: string): never {
    throw new Error(`JSON at byte ${this.at}: expected ${expected}`);
  }

  space(): void {
    const b = this.bytes;
    while (this.at < b.length && isSpace(b[this.at] as number)) this.at++;
  }

  expect(byte: number, what: string): void {
    this.space();
    if (this.bytes[this.at] !== byte) this.fail(what);
    this.at++;
  }

  /**
   * Skips a string starting at the opening quote, to just after the closing one. The next
   * quote is found natively (most of a dataset's bytes are inside strings); it closes the
   * string unless an odd number of backslashes precede it.
   */
  string(): void {
    const b = this.bytes;
    let from = this.at + 1;
    for (;;) {
      const q = b.indexOf(QUOTE, from);
      if (q === -1) {
        this.at = b.length;
        this.fail('the end of a string');
      }
      let slashes = 0;
      while (b[q - 1 - slashes] === BACKSLASH) slashes++;
      from = q + 1;
      if (slashes % 2 === 0) {
        this.at = from;
        return;
      }
    }
  }

  /** Skips any value. */
  value(): void {
    this.space();
    const b = this.bytes;
    const first = b[this.at];
    if (first === QUOTE) {
      this.string();
      return;
    }
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      let depth = 0;
      while (this.at < b.length) {
        const c = b[this.at] as number;
        if (c === QUOTE) {
          this.string();
          continue;
        }
        if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          depth--;
          if (depth === 0) {
            this.at++;
            return;
          }
        }
        this.at++;
      }
      this.fail('the end of an object or array');
    }
    // A number, true, false or null: up to the next delimiter.
    while (this.at < b.length) {
      const c = b[this.at] as number;
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isSpace(c)) return;
      this.at++;
    }
  }

  /** The spans of the elements of the array starting here. */
  elements(): Spans {
    const spans: number[] = [];
    this.expect(OPEN_BRACKET, '[');
    this.space();
    if (this.bytes[this.at] === CLOSE_BRACKET) {
      this.at++;
      return Float64Array.from(spans);
    }
    for (;;) {
      this.space();
      const start = this.at;
      this.value();
      spans.push(start, this.at);
      this.space();
      const c = this.bytes[this.at];
      this.at++;
      if (c === CLOSE_BRACKET) return Float64Array.from(spans);
      if (c !== COMMA) this.fail(', or ]');
    }
  }
}

/**
 * The element spans of the named top-level arrays of a JSON object. A key that occurs twice
 * keeps its last value, as JSON.parse does; a key that is absent or not an array is missing
 * from the result.
 */
export function topLevelArraySpans(bytes: Uint8Array, keys: readonly string[]): Map<string, Spans> {
  const w = new Walker(bytes);
  const found = new Map<string, Spans>();
  // A byte order mark before the document.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) w.at = 3;
  w.expect(OPEN_BRACE, '{');
  w.space();
  if (bytes[w.at] === CLOSE_BRACE) return found;
  for (;;) {
    w.space();
    if (bytes[w.at] !== QUOTE) w.fail('a key');
    const keyStart = w.at;
    w.string();
    const key = JSON.parse(Buffer.from(bytes.subarray(keyStart, w.at)).toString('utf8')) as string;
    w.expect(COLON, ':');
    w.space();
    if (keys.includes(key) && bytes[w.at] === OPEN_BRACKET) found.set(key, w.elements());
    else {
      found.delete(key);
      w.value();
    }
    w.space();
    const c = bytes[w.at];
    w.at++;
    if (c === CLOSE_BRACE) return found;
    if (c !== COMMA) w.fail(', or }');
  }
}
