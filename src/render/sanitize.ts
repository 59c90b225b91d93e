/**
 * Dataset text is untrusted: before it reaches a terminal, control characters are shown
 * escaped instead of sent raw. Escaped: C0 controls (except newline and tab where the layout
 * allows them), DEL, the C1 range, the bidi controls that can make text read differently
 * from what it is, and the invisible characters listed below.
 * JSON output never goes through here: it stays byte-exact.
 */

/**
 * The escapes below, made by a function that uses nothing outside its own body, so that the
 * report page's script can carry its source and escape exactly as the CLI does (see
 * src/render/html/page.ts). Everything else uses the copy made once at the end.
 */
export function makeSanitizers() {
  // What no reader should get raw, besides the C0 controls handled below: DEL and C1; bidi
  // embeddings, overrides, isolates and marks; invisible characters that hide or join text
  // (zero-width space, joiners, word joiner, invisible operators, BOM, Mongolian vowel
  // separator); the line and paragraph separators some terminals break lines on; interlinear
  // annotation marks; and tag characters (U+E0000–U+E007F), which can smuggle unseen text.
  const INVISIBLE_BMP =
    '\\u007f-\\u009f\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff\\ufff9-\\ufffb';
  const INVISIBLE = `${INVISIBLE_BMP}\\u{e0000}-\\u{e007f}`;
  // C0 but tab and newline, plus the above: for multi-line text.
  const UNSAFE = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${INVISIBLE}]`, 'gu');
  // The same plus tab, newline and carriage return, for one-line fields such as table cells and TSV.
  const UNSAFE_INLINE = new RegExp(`[\\u0000-\\u001f${INVISIBLE}]`, 'gu');
  // Quick tests without the unicode flag, which makes V8 much slower: the same classes, but
  // the tag characters are found by their first UTF-16 unit (U+DB40), so they say "maybe"
  // for a few strings that need nothing, never "no" for one that needs something.
  const MAYBE_UNSAFE = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${INVISIBLE_BMP}\\udb40]`);
  const MAYBE_UNSAFE_INLINE = new RegExp(`[\\u0000-\\u001f${INVISIBLE_BMP}\\udb40]`);

  // MAYBE_UNSAFE_INLINE but newline, which a table cell keeps as a line break.
  const MAYBE_UNSAFE_IN_CELL = new RegExp(
    `[\\u0000-\\u0009\\u000b-\\u001f${INVISIBLE_BMP}\\udb40]`,
  );

  function escapeChar(ch: string): string {
    const code = ch.codePointAt(0) as number;
    if (ch === '\n') return '\\n';
    if (ch === '\t') return '\\t';
    if (ch === '\r') return '\\r';
    if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }

  // A zero-width joiner between two pictographs builds one emoji (👩‍👧): that one stays.
  const PICTOGRAPH_BEFORE = /\p{Extended_Pictographic}[\u{1f3fb}-\u{1f3ff}\ufe0f]?$/u;
  const PICTOGRAPH_AFTER = /^\p{Extended_Pictographic}/u;

  function escapeAt(ch: string, offset: number, text: string): string {
    if (
      ch === '\u200d' &&
      PICTOGRAPH_BEFORE.test(text.slice(Math.max(0, offset - 3), offset)) &&
      PICTOGRAPH_AFTER.test(text.slice(offset + 1, offset + 3))
    ) {
      return ch;
    }
    return escapeChar(ch);
  }

  /** Escapes control characters but keeps newlines and tabs (for multi-line text such as `show`). */
  function sanitize(text: string): string {
    return MAYBE_UNSAFE.test(text) ? text.replace(UNSAFE, escapeAt) : text;
  }

  /** Escapes control characters, newlines and tabs too (for one-line cells and tab-separated output). */
  function sanitizeInline(text: string): string {
    return MAYBE_UNSAFE_INLINE.test(text) ? text.replace(UNSAFE_INLINE, escapeAt) : text;
  }

  /**
   * False when sanitizeInline would change no line of `text` (newlines aside, which a table
   * cell keeps as line breaks): most text has nothing to escape and can be used as it is.
   * True means it may (see MAYBE_UNSAFE).
   */
  function hasUnsafeInline(text: string): boolean {
    return MAYBE_UNSAFE_IN_CELL.test(text);
  }

  return {
    UNSAFE,
    UNSAFE_INLINE,
    MAYBE_UNSAFE,
    MAYBE_UNSAFE_INLINE,
    sanitize,
    sanitizeInline,
    hasUnsafeInline,
  };
}

export const {
  UNSAFE,
  UNSAFE_INLINE,
  MAYBE_UNSAFE,
  MAYBE_UNSAFE_INLINE,
  sanitize,
  sanitizeInline,
  hasUnsafeInline,
} = makeSanitizers();

/** Whether the text after run `r` begins with a newline (a CR ending run `r` ends a line). */
export function newlineNext(runs: readonly { text: string }[], r: number): boolean {
  return runs[r + 1]?.text.charCodeAt(0) === 0x0a;
}

/**
 * The article's own text with `escapeText` (sanitize, or the page's HTML escapes) applied to all
 * but the carriage returns that end a line: one before a newline, or the last character of
 * `text` when the text after it begins with one (`newlineNext`). An article saved with
 * Windows line ends has one on every line, and CR LF is a line break, not a control to show
 * as `\r`; such a CR is written as `cr`. Every other carriage return is escaped as before.
 */
export function keepLineEnds(
  text: string,
  newlineNext: boolean,
  escapeText: (text: string) => string,
  cr = '\r',
): string {
  if (!text.includes('\r')) return escapeText(text);
  const last = newlineNext && text.endsWith('\r');
  const body = last ? text.slice(0, -1) : text;
  return (
    body
      .split(/\r(?=\n)/)
      .map(escapeText)
      .join(cr) + (last ? cr : '')
  );
}

/**
 * One field of a tab-separated line: control characters, tabs and newlines escaped as
 * sanitizeInline escapes them, and a backslash written `\\`, so that every escape reads back
 * one way (a path `C:\new` and a line break were both `\n`).
 */
export function tsvField(text: string): string {
  return sanitizeInline(text.includes('\\') ? text.replace(/\\/g, '\\\\') : text);
}

/** Highlight ranges of `text` as ranges of `tsvField(text)` (see escapedMarks). */
export function tsvMarks(
  text: string,
  field: string,
  marks: readonly [number, number][],
): [number, number][] {
  if (!text.includes('\\')) return escapedMarks(text, field, marks);
  // Where each character of `text` stands once its backslashes are doubled.
  const at = new Int32Array(text.length + 1);
  let shift = 0;
  for (let i = 0; i <= text.length; i++) {
    at[i] = i + shift;
    if (text[i] === '\\') shift++;
  }
  const doubled = text.replace(/\\/g, '\\\\');
  const clamp = (i: number) => Math.max(0, Math.min(i, text.length));
  const moved = marks.map(
    ([a, b]) =>
      [at[clamp(a)] as number, (at[clamp(b)] as number) + (text[clamp(b)] === '\\' ? 1 : 0)] as [
        number,
        number,
      ],
  );
  return escapedMarks(doubled, field, moved);
}

/**
 * Highlight ranges (inclusive, UTF-16 units) of `text` as ranges of `escaped`, which is `text`
 * with some characters escaped by sanitizeInline (a table cell keeps its newlines): escaping
 * moves what follows, and an escaped character's range covers its whole escape. So a match
 * over "A\u200dB" stays on those characters however they are shown.
 */
export function escapedMarks(
  text: string,
  escaped: string,
  marks: readonly [number, number][],
): [number, number][] {
  if (text === escaped) return [...marks];
  const starts = new Int32Array(text.length + 1);
  const ends = new Int32Array(text.length + 1);
  let j = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
    const ch = text.slice(i, i + width);
    // An escaped character (never a backslash itself) stands where its escape begins.
    const length = escaped.startsWith(ch, j) ? width : sanitizeInline(ch).length;
    for (let k = i; k < i + width; k++) {
      starts[k] = j;
      ends[k] = j + length - 1;
    }
    i += width;
    j += length;
  }
  starts[text.length] = j;
  ends[text.length] = j;
  const at = (i: number) => Math.max(0, Math.min(i, text.length));
  return marks.map(([a, b]) => [starts[at(a)] as number, ends[at(b)] as number]);
}
