import stringWidth from 'string-width';

/** Printable ASCII only: one column a character, no escapes, nothing wide or combining. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Columns a string takes in a terminal (wide characters count two, escapes none). */
export function displayWidth(text: string): number {
  // string-width segments every string into graphemes, some microseconds a call; tables of
  // 10^5 rows call this millions of times, and most text is plain ASCII.
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A wrapped line as the source ranges `[start, end)` it shows, to be joined with single spaces. */
export type LineRanges = [number, number][];

/**
 * Wraps plain text (no escape codes) to lines of at most `width` columns, breaking at spaces
 * and, for a word longer than a line, between grapheme clusters, so a wide or combined
 * character is never split. Newlines in the text are kept. Returns source ranges so callers
 * can style parts of the text (match highlighting) after wrapping.
 */
export function wrapRanges(text: string, width: number): LineRanges[] {
  const max = Math.max(1, width);
  const lines: LineRanges[] = [];
  let line: LineRanges = [];
  let lineWidth = 0;
  const flush = () => {
    lines.push(line);
    line = [];
    lineWidth = 0;
  };
  const words = /[^ \n]+|\n/g;
  for (let m = words.exec(text); m !== null; m = words.exec(text)) {
    if (m[0] === '\n') {
      flush();
      continue;
    }
    const start = m.index;
    const word = m[0];
    const w = displayWidth(word);
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
    // A word longer than the line: break it between grapheme clusters.
    let pieceStart = start;
    let pieceWidth = 0;
    for (const { segment, index } of segmenter.segment(word)) {
      const sw = displayWidth(segment);
      if (pieceWidth + sw > max && pieceWidth > 0) {
        line.push([pieceStart, start + index]);
        flush();
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

/** Wraps text to lines of at most `width` columns (see wrapRanges). */
export function wrap(text: string, width: number): string[] {
  return wrapRanges(text, width).map((ranges) =>
    ranges.map(([a, b]) => text.slice(a, b)).join(' '),
  );
}
