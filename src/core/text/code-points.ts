/**
 * A text addressed by code points (the offsets quotes use) without an array of one string per
 * code point: for an 11 MB article that array costs hundreds of megabytes and most of a
 * second. Text without surrogates (nearly every article) is addressed directly, since its
 * code-point offsets are its string offsets; other text keeps one 32-bit offset per code point.
 */
export class CodePoints {
  readonly text: string;
  /** Number of code points. */
  readonly length: number;
  /** The string offset of each code point, and of the end; absent when they are equal. */
  private readonly offsets: Uint32Array | undefined;

  constructor(text: string) {
    this.text = text;
    if (!/[\ud800-\udfff]/.test(text)) {
      this.length = text.length;
      this.offsets = undefined;
      return;
    }
    const offsets = new Uint32Array(text.length + 1);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      offsets[n++] = i;
      const c = text.charCodeAt(i);
      // A high surrogate followed by a low one is one code point; a lone one counts alone.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
    }
    offsets[n] = text.length;
    this.length = n;
    this.offsets = offsets.subarray(0, n + 1);
  }

  /** The string offset of code point `i` (clamped to 0..length). */
  offset(i: number): number {
    const at = Math.max(0, Math.min(i, this.length));
    return this.offsets ? (this.offsets[at] as number) : at;
  }

  /** Code points `start` to `end` (exclusive) as a string, clamped like Array#slice. */
  slice(start: number, end: number = this.length): string {
    if (end <= start) return '';
    return this.text.slice(this.offset(start), this.offset(end));
  }

  /** Code point `i` as a string, or undefined outside the text. */
  at(i: number): string | undefined {
    if (i < 0 || i >= this.length) return undefined;
    return this.slice(i, i + 1);
  }

  /** The numeric code point at `i`, or -1 outside the text. */
  codeAt(i: number): number {
    if (i < 0 || i >= this.length) return -1;
    return this.text.codePointAt(this.offset(i)) as number;
  }
}

/** True for exactly the code points JavaScript's `\s` matches (with or without the u flag). */
export function isSpaceCode(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
