import Table from 'cli-table3';
import type { Palette } from './color.js';
import { sanitizeInline } from './sanitize.js';
import { displayWidth, wrap, wrapRanges } from './text-width.js';

/** One table column. */
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
}

/** A cell: text, plus optional ranges `[start, end]` (inclusive) to highlight. */
export interface Cell {
  text: string;
  marks?: [number, number][];
}

const PAD = 2; // cli-table3's one space of padding on each side

/**
 * Chooses content widths so the table fits `width` columns: columns that do not wrap get
 * their natural width, wrapping ones up to their `max`, and the flex column the rest; when
 * space is short the wrapping columns shrink towards their `min` before the flex one does.
 */
export function fitWidths(columns: Column[], cells: Cell[][], width: number): number[] {
  const natural = columns.map((col, i) => {
    const widest = Math.max(
      displayWidth(col.header),
      ...cells.map((row) => longestLine(row[i]?.text ?? '')),
    );
    return Math.max(1, col.max ? Math.min(widest, col.max) : widest);
  });
  const budget = width - (columns.length + 1) - PAD * columns.length;
  const flexIndex = columns.findIndex((c) => c.flex);
  if (flexIndex === -1) return natural;
  // The flex column (the claim text) should get at least its minimum and, when its text is
  // long, about half of the room, so that it reads as prose rather than a narrow ribbon.
  const flexTarget = Math.min(
    natural[flexIndex] as number,
    Math.max(columns[flexIndex]?.min ?? 20, Math.floor(budget / 2)),
  );
  const widths = [...natural];
  const others = () => widths.reduce((sum, w, i) => (i === flexIndex ? sum : sum + w), 0);
  // Shrink wrapping columns one step at a time, widest first, until the flex column has its target.
  while (budget - others() < flexTarget) {
    let widest = -1;
    widths.forEach((w, i) => {
      const col = columns[i] as Column;
      if (
        i !== flexIndex &&
        col.wrap &&
        w > (col.min ?? 8) &&
        (widest === -1 || w > (widths[widest] as number))
      ) {
        widest = i;
      }
    });
    if (widest === -1) break;
    widths[widest] = (widths[widest] as number) - 1;
  }
  widths[flexIndex] = Math.max(1, Math.min(natural[flexIndex] as number, budget - others()));
  return widths;
}

function longestLine(text: string): number {
  return Math.max(0, ...text.split('\n').map(displayWidth));
}

/**
 * Renders cells as a bordered table fitted to `width`. Text is sanitised here. When even
 * squeezed columns leave the flex column under its minimum, optional columns are dropped
 * (last first), as gh does, rather than wrapping the claim a few letters per line.
 */
export function renderTable(
  columns: Column[],
  rows: Cell[][],
  width: number,
  colors: Palette,
): string {
  let cols = columns;
  let safeRows = rows.map((row) => row.map(safeCell));
  let widths = fitWidths(cols, safeRows, width);
  for (;;) {
    const flex = cols.findIndex((c) => c.flex);
    const drop = cols.map((c) => Boolean(c.optional)).lastIndexOf(true);
    const short = flex !== -1 && (widths[flex] as number) < (cols[flex]?.min ?? 20);
    if (!short || drop === -1) break;
    cols = cols.filter((_, i) => i !== drop);
    safeRows = safeRows.map((row) => row.filter((_, i) => i !== drop));
    widths = fitWidths(cols, safeRows, width);
  }
  const table = new Table({
    head: cols.map((c, i) =>
      wrap(c.header, widths[i] as number)
        .map(colors.header)
        .join('\n'),
    ),
    colWidths: widths.map((w) => w + PAD),
    wordWrap: false,
    // armru colours headers itself; cli-table3's own colours would ignore --color and NO_COLOR.
    style: { head: [], border: [], compact: false },
  });
  for (const row of safeRows) {
    table.push(row.map((cell, i) => layoutCell(cell, widths[i] as number, colors, cols[i]?.style)));
  }
  return `${table.toString()}\n`;
}

function safeCell(cell: Cell): Cell {
  const text = sanitizeInline(cell.text);
  // Escaping moves characters, so highlight positions only survive when nothing was escaped.
  return text === cell.text ? cell : { text };
}

function layoutCell(
  cell: Cell,
  width: number,
  colors: Palette,
  style?: (s: string) => string,
): string {
  const lines = wrapRanges(cell.text, width);
  return lines
    .map((ranges) =>
      ranges
        .map(([a, b]) => styleRange(cell.text, a, b, cell.marks ?? [], colors, style))
        .join(' '),
    )
    .join('\n');
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
    while (j < b && marks.some(([s, e]) => j >= s && j <= e) === marked) j++;
    const piece = text.slice(i, j);
    out += marked ? colors.match(piece) : style(piece);
    i = j;
  }
  return out;
}

/** Renders rows as tab-separated lines: no header, borders, truncation or colour. */
export function renderPlain(rows: string[][]): string {
  return rows.map((row) => `${row.map(sanitizeInline).join('\t')}\n`).join('');
}
