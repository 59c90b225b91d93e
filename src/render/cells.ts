import type { Palette } from './color.js';
import { tsvField, tsvMarks } from './sanitize.js';

/** One table column (also the fields of a tab-separated line). */
export interface Column {
  header: string;
  /** May the column wrap onto several lines? Columns that may not always get their full width. */
  wrap?: boolean;
  /** The column that takes the remaining width (the claim text). At most one. */
  flex?: boolean;
  /** Width below which a wrapping column is not squeezed. */
  min?: number;
  /** Width above which a column wraps even when there is room. */
  max?: number;
  style?: (s: string) => string;
  /** May be left out when the terminal is too narrow for the flex column's minimum. */
  optional?: boolean;
  /** For flex columns: the share of the table's room to aim for (default 0.5). */
  share?: number;
  /** Numbers are right-aligned in tables. */
  align?: 'left' | 'right';
}

/** A cell: text, plus optional ranges `[start, end]` (inclusive) to highlight. */
export interface Cell {
  text: string;
  marks?: [number, number][];
}

const CONTINUES = /^(?:\p{M}|\u200d|\ufe0f|[\u{1f3fb}-\u{1f3ff}])/u;

/** True when position `j` of `text` continues the character or grapheme before it. */
function joined(text: string, j: number): boolean {
  const code = text.charCodeAt(j);
  if (code >= 0xdc00 && code <= 0xdfff) return true;
  return CONTINUES.test(text.slice(j, j + 2)) || text[j - 1] === '\u200d';
}

/** Styles text[a, b), highlighting the parts inside `marks` (inclusive ranges). */
export function styleRange(
  text: string,
  a: number,
  b: number,
  marks: [number, number][],
  colors: Palette,
  style: (s: string) => string = (s) => s,
): string {
  if (!colors.enabled || marks.length === 0) return style(text.slice(a, b));
  let out = '';
  let i = a;
  while (i < b) {
    const marked = marks.some(([s, e]) => i >= s && i <= e);
    let j = i + 1;
    // A style change never falls inside a character or a grapheme (a surrogate pair, an
    // accent, an emoji sequence): the terminal would show broken glyphs.
    while (j < b && (marks.some(([s, e]) => j >= s && j <= e) === marked || joined(text, j))) j++;
    const piece = text.slice(i, j);
    out += marked ? colors.match(piece) : style(piece);
    i = j;
  }
  return out;
}

/** Renders rows as tab-separated lines: no header, borders, truncation or colour. */
export function renderPlain(rows: string[][]): string {
  return rows.map((row) => `${row.map(tsvField).join('\t')}\n`).join('');
}

/**
 * Tab-separated lines from cells, coloured like the table (ids, kinds, matches) only when
 * colour was asked for in a pipe (`--color always`, FORCE_COLOR); otherwise the same as
 * renderPlain.
 */
export function renderPlainCells(columns: Column[], rows: Cell[][], colors: Palette): string {
  if (!colors.enabled) return renderPlain(rows.map((row) => row.map((cell) => cell.text)));
  return rows
    .map((row) => {
      const fields = row.map((cell, i) => {
        const text = tsvField(cell.text);
        // Escaping moves characters: the highlights move with them.
        const marks = cell.marks ? tsvMarks(cell.text, text, cell.marks) : [];
        return styleRange(text, 0, text.length, marks, colors, columns[i]?.style);
      });
      return `${fields.join('\t')}\n`;
    })
    .join('');
}
