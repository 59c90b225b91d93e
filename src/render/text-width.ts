import stringWidth from 'string-width';

/**
 * Text whose every character takes one column: printable ASCII, Latin-1 and the Latin
 * extensions, Greek and Cyrillic, and typographic punctuation (dashes, quotes, ellipsis),
 * less what string-width measures otherwise (the soft hyphen, ©, ®, Cyrillic combining marks,
 * bidirectional controls, ‼ and ⁉). All are single UTF-16 units. The tests check every
 * character here against string-width.
 */
export const ONE_COLUMN =
  /^[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ac\u00af-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2029\u202f-\u203b\u203d-\u2048\u204a-\u205e]*$/;

/** ONE_COLUMN text that may also hold line breaks. */
export const ONE_COLUMN_LINES =
  /^[\n\x20-\x7e\u00a0-\u00a8\u00aa-\u00ac\u00af-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2029\u202f-\u203b\u203d-\u2048\u204a-\u205e]*$/;

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour sequences start with ESC.
const SGR = /\u001b\[[0-9;]*m/g;

/**
 * Columns a string takes in a terminal (wide characters count two, escapes none). This is the
 * very string-width that cli-table3 pads cells with (package.json pins the major version
 * cli-table3 asks for, so npm keeps one copy): with two versions, a cell holding ✈ or a soft
 * hyphen was wrapped by one measure and padded by the other, and its border moved a column.
 */
export function displayWidth(text: string): number {
  // string-width segments every string into graphemes, some microseconds a call; tables of
  // 10^5 rows call this millions of times, and most text is in these simple ranges.
  if (ONE_COLUMN.test(text)) return text.length;
  // Coloured text: without its SGR sequences (which take no columns), the same test.
  if (text.includes('\u001b')) {
    const bare = text.replace(SGR, '');
    if (ONE_COLUMN.test(bare)) return bare.length;
  }
  return stringWidth(text);
}

let segmenter: Intl.Segmenter | undefined;

/**
 * A grapheme segmenter, made when first asked for: making one loads ICU's break rules, some
 * 15 ms, which a run that never cuts a word inside itself (nearly every run) need not pay.
 */
export function graphemeSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter;
}

/** A wrapped line as the source ranges `[start, end)` it shows, to be joined with single spaces. */
export type LineRanges = [number, number][];

/** The mark that ends a line where a token too long for any line goes on. */
export const CONTINUED = '\\';

/** A wrapped line: its source ranges, and whether it ends inside a token cut in two. */
export interface WrappedLine {
  ranges: LineRanges;
  continued: boolean;
}

/**
 * Wraps plain text (no escape codes) to lines of at most `width` columns, breaking at spaces.
 * Newlines in the text are kept. A token wider than a whole line is the only thing ever cut,
 * between grapheme clusters (a wide or combined character is never split); with
 * `markCuts`, each cut line keeps a column for the CONTINUED mark. Returns source ranges so
 * callers can style parts of the text (match highlighting) after wrapping.
 */
export function wrapLines(text: string, width: number, markCuts = false): WrappedLine[] {
  const max = Math.max(1, width);
  const lines: WrappedLine[] = [];
  let line: LineRanges = [];
  let lineWidth = 0;
  const flush = (continued = false) => {
    lines.push({ ranges: line, continued });
    line = [];
    lineWidth = 0;
  };
  const words = /[^ \n]+|\n/g;
  // Text of one-column characters only (most text): a word's width is its length.
  const simple = ONE_COLUMN_LINES.test(text);
  for (let m = words.exec(text); m !== null; m = words.exec(text)) {
    if (m[0] === '\n') {
      flush();
      continue;
    }
    const start = m.index;
    const word = m[0];
    const w = simple ? word.length : displayWidth(word);
    if (lineWidth > 0 && lineWidth + 1 + w <= max) {
      line.push([start, start + word.length]);
      lineWidth += 1 + w;
      continue;
    }
    if (lineWidth > 0) flush();
    if (w <= max) {
      line.push([start, start + word.length]);
      lineWidth = w;
      continue;
    }
    // A token wider than a whole line: cut it between grapheme clusters.
    const room = markCuts && max > 1 ? max - 1 : max;
    let pieceStart = start;
    let pieceWidth = 0;
    for (const { segment, index } of graphemeSegmenter().segment(word)) {
      const sw = displayWidth(segment);
      if (pieceWidth + sw > room && pieceWidth > 0) {
        line.push([pieceStart, start + index]);
        flush(markCuts);
        pieceStart = start + index;
        pieceWidth = 0;
      }
      pieceWidth += sw;
    }
    line.push([pieceStart, start + word.length]);
    lineWidth = pieceWidth;
  }
  flush();
  return lines;
}

/** Wraps text to lines of at most `width` columns as ranges (see wrapLines), cuts unmarked. */
export function wrapRanges(text: string, width: number): LineRanges[] {
  return wrapLines(text, width).map((l) => l.ranges);
}

/** The widest word (space- or newline-separated token) of a text, in columns. */
export function widestWord(text: string): number {
  let widest = 0;
  for (const word of text.split(/[ \n]+/)) widest = Math.max(widest, displayWidth(word));
  return widest;
}

/** Wraps text to lines of at most `width` columns; a cut token's lines end with CONTINUED. */
export function wrap(text: string, width: number): string[] {
  return wrapLines(text, width, true).map(
    ({ ranges, continued }) =>
      ranges.map(([a, b]) => text.slice(a, b)).join(' ') + (continued ? CONTINUED : ''),
  );
}
