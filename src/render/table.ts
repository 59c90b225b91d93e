import Table from 'cli-table3';
import { type Cell, type Column, styleRange } from './cells.js';
import type { Palette } from './color.js';
import { escapedMarks, hasUnsafeInline, sanitizeInline } from './sanitize.js';
import {
  CONTINUED,
  displayWidth,
  ONE_COLUMN_LINES,
  widestWord,
  wrap,
  wrapLines,
  wrapRanges,
} from './text-width.js';

const PAD = 2; // cli-table3's one space of padding on each side

/**
 * Chooses content widths so the table fits `width` columns: columns that do not wrap get
 * their natural width, wrapping ones up to their `max`, and the flex columns (the long text)
 * the rest; when space is short the wrapping columns shrink towards their `min` (widest
 * first) until the flex columns have their `share` of the room.
 */
export function fitWidths(columns: Column[], cells: Cell[][], width: number): number[] {
  return fitMeasured(columns, measureCells(cells), identity(columns.length), width);
}

/** fitWidths over measured cells; column i of `columns` is column `keep[i]` of the cells. */
function fitMeasured(columns: Column[], sizes: Measures, keep: number[], width: number): number[] {
  const natural = columns.map((col, i) => {
    // Loops rather than Math.max(...values): a spread of 10^5 values overflows the stack.
    const widest = Math.max(displayWidth(col.header), sizes.most(keep[i] as number, sizes.line));
    return Math.max(1, col.max ? Math.min(widest, col.max) : widest);
  });
  // A wrapping column is not squeezed below its longest word (up to 14), so names do not break.
  const floor = columns.map((col, i) =>
    Math.min(
      natural[i] as number,
      Math.max(col.min ?? 8, Math.min(14, sizes.most(keep[i] as number, sizes.word))),
    ),
  );
  const budget = width - (columns.length + 1) - PAD * columns.length;
  const flex = columns.flatMap((c, i) => (c.flex ? [i] : []));
  const sumOf = (ids: number[], pick: (i: number) => number) =>
    ids.reduce((n, i) => n + pick(i), 0);
  const flexNatural = sumOf(flex, (i) => natural[i] as number);
  const flexMin = sumOf(flex, (i) => columns[i]?.min ?? 20);
  const share = Math.min(
    0.8,
    sumOf(flex, (i) => Math.round((columns[i]?.share ?? 0.5) * 100)) / 100,
  );
  // Long text should read as prose, not a narrow ribbon: aim for its share of the room.
  const flexTarget = Math.min(flexNatural, Math.max(flexMin, Math.floor(budget * share)));
  const widths = [...natural];
  const others = () => widths.reduce((n, w, i) => (columns[i]?.flex ? n : n + w), 0);
  while (budget - others() < flexTarget) {
    let widest = -1;
    widths.forEach((w, i) => {
      const col = columns[i] as Column;
      if (
        !col.flex &&
        col.wrap &&
        w > (floor[i] as number) &&
        (widest === -1 || w > (widths[widest] as number))
      ) {
        widest = i;
      }
    });
    if (widest === -1) break;
    widths[widest] = (widths[widest] as number) - 1;
  }
  // Share what is left among the flex columns, in proportion to their text, none past its natural width.
  let room = Math.max(flex.length, budget - others());
  let open = flex.filter((i) => (natural[i] as number) > 0);
  for (const i of flex) widths[i] = 0;
  while (open.length > 0 && room > 0) {
    const want = sumOf(open, (i) => (natural[i] as number) - (widths[i] as number));
    const step = open.map((i) =>
      Math.max(1, Math.floor((((natural[i] as number) - (widths[i] as number)) / want) * room)),
    );
    open.forEach((i, k) => {
      const add = Math.min(step[k] as number, (natural[i] as number) - (widths[i] as number), room);
      widths[i] = (widths[i] as number) + add;
      room -= add;
    });
    open = open.filter((i) => (widths[i] as number) < (natural[i] as number));
  }
  for (const i of flex) widths[i] = Math.max(1, widths[i] as number);
  return widths;
}

const identity = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * The widths a table needs of each cell's text (its longest line and its widest word), and
 * whether every character of it takes one column; made once for all the widths tried. Kept
 * in flat typed arrays (row r, column c at r * stride + c): 10^5 rows of objects were a good
 * part of a long table's garbage.
 */
class Measures {
  readonly line: Int32Array;
  readonly word: Int32Array;
  readonly simple: Uint8Array;
  constructor(
    readonly rows: number,
    readonly stride: number,
  ) {
    this.line = new Int32Array(rows * stride);
    this.word = new Int32Array(rows * stride);
    this.simple = new Uint8Array(rows * stride);
  }

  /** The largest of one column's measures (0 for no rows, as for missing cells). */
  most(column: number, of: Int32Array): number {
    let most = 0;
    for (let at = column; at < of.length; at += this.stride)
      if ((of[at] as number) > most) most = of[at] as number;
    return most;
  }
}

function measureCells(cells: Cell[][]): Measures {
  let stride = 0;
  for (const row of cells) stride = Math.max(stride, row.length);
  const sizes = new Measures(cells.length, stride);
  cells.forEach((row, r) => {
    row.forEach((cell, c) => measureText(cell.text, sizes, r * stride + c));
  });
  return sizes;
}

function measureText(text: string, sizes: Measures, at: number): void {
  if (!ONE_COLUMN_LINES.test(text)) {
    let line = 0;
    for (const part of text.split('\n')) line = Math.max(line, displayWidth(part));
    sizes.line[at] = line;
    sizes.word[at] = widestWord(text);
    return;
  }
  // Every character one column: widths are lengths, found in one pass.
  let line = 0;
  let word = 0;
  let lineStart = 0;
  let wordStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x0a;
    if (c === 0x20 || c === 0x0a) {
      word = Math.max(word, i - wordStart);
      wordStart = i + 1;
      if (c === 0x0a) {
        line = Math.max(line, i - lineStart);
        lineStart = i + 1;
      }
    }
  }
  sizes.line[at] = line;
  sizes.word[at] = word;
  sizes.simple[at] = 1;
}

/**
 * Renders cells as a bordered table fitted to `width`, or, when no table can fit, as cards.
 * Text is sanitised here. When even squeezed columns leave the flex column under its
 * minimum, optional columns are dropped (last first), as gh does, rather than wrapping the
 * claim a few letters per line. A table is drawn only when it fits the window and no word of
 * any cell or header has to be split; otherwise every record is printed as a card.
 */
export function renderTable(
  columns: Column[],
  rows: Cell[][],
  width: number,
  colors: Palette,
  chunk = TABLE_CHUNK,
): string {
  const parts: string[] = [];
  writeTable(columns, rows, width, colors, (text) => parts.push(text), chunk);
  return parts.join('');
}

/**
 * renderTable's text, written a slice of rows at a time as it is laid out: the whole table
 * of a long listing is never held in memory, and the terminal gets its first rows while the
 * rest are made. The widths come from measuring every cell first (cheap, and kept in typed
 * arrays), so the text is exactly renderTable's.
 */
export function writeTable(
  columns: Column[],
  rows: Cell[][],
  width: number,
  colors: Palette,
  write: (text: string) => void,
  chunk = TABLE_CHUNK,
): void {
  let cols = columns;
  const safeRows = rows.map(safeRow);
  const sizes = measureCells(safeRows);
  let keep = identity(columns.length);
  let widths = fitMeasured(cols, sizes, keep, width);
  for (;;) {
    const drop = cols.map((c) => Boolean(c.optional)).lastIndexOf(true);
    const short = cols.some((c, i) => c.flex && (widths[i] as number) < (c.min ?? 20));
    if ((!short && fits(cols, sizes, keep, widths, width)) || drop === -1) break;
    cols = cols.filter((_, i) => i !== drop);
    keep = keep.filter((_, i) => i !== drop);
    widths = fitMeasured(cols, sizes, keep, width);
  }
  if (!fits(cols, sizes, keep, widths, width)) {
    writeCards(columns, safeRows, width, colors, write);
    return;
  }
  const kept = (row: Cell[]) => keep.filter((k) => k < row.length).map((k) => row[k] as Cell);
  const head = cols.map((c, i) =>
    wrap(c.header, widths[i] as number)
      .map(colors.header)
      .join('\n'),
  );
  const colWidths = widths.map((w) => w + PAD);
  // cli-table3 lays a table out in time quadratic in its rows (each cell looks for conflicts
  // in every row) and measures every cell line again: past a few hundred rows armru draws the
  // same borders itself (the tests compare both outputs).
  if (safeRows.length > chunk) {
    const oneLine = safeRows.every((row, r) =>
      keep.every(
        (k, i) =>
          k >= row.length ||
          !multiLine(row[k] as Cell, sizes, r * sizes.stride + k, widths[i] as number),
      ),
    );
    const drawer = new TableDrawer(colWidths, oneLine);
    const top = drawer.top();
    if (head.length > 0) {
      drawer.emit(
        head.map((content) => content.split('\n')),
        head.map(() => 'left' as const),
        top,
      );
      top.push(drawer.separator);
    }
    write(`${top.join('\n')}\n`);
    const align = cols.map((c) => c.align ?? 'left');
    // Which cells of a row hold one-column text only (their width is their length, escapes aside).
    const plain = new Uint8Array(keep.length);
    for (let from = 0; from < safeRows.length; from += WRITE_BATCH) {
      const out: string[] = [];
      const to = Math.min(safeRows.length, from + WRITE_BATCH);
      for (let r = from; r < to; r++) {
        if (r > 0 && !oneLine) out.push(drawer.separator);
        const row = safeRows[r] as Cell[];
        const lines: string[][] = [];
        for (let i = 0; i < keep.length; i++) {
          const k = keep[i] as number;
          if (k >= row.length) continue;
          const cell = row[k] as Cell;
          const style = cols[i]?.style;
          const simple = sizes.simple[r * sizes.stride + k] === 1;
          plain[lines.length] = simple ? 1 : 0;
          // One-column text that is not styled word by word: wrapped straight into lines.
          lines.push(
            simple && style === undefined && (!colors.enabled || !cell.marks?.length)
              ? wrapPlain(cell.text, widths[i] as number)
              : layoutLines(cell, widths[i] as number, colors, style),
          );
        }
        drawer.emit(lines, align, out, plain);
      }
      write(`${out.join('\n')}\n`);
    }
    write(`${drawer.bottom()}\n`);
    return;
  }
  const laid = safeRows.map((row) =>
    kept(row).map((cell, i) => ({
      content: layoutLines(cell, widths[i] as number, colors, cols[i]?.style).join('\n'),
      hAlign: cols[i]?.align ?? 'left',
    })),
  );
  const oneLine = laid.every((row) => row.every((cell) => !cell.content.includes('\n')));
  const table = new Table({
    head,
    colWidths,
    wordWrap: false,
    // armru colours headers itself; cli-table3's own colours would ignore --color and NO_COLOR.
    // Rows of one line each read best without separators; wrapped rows need them.
    style: { head: [], border: [], compact: oneLine },
  });
  // One row at a time: push(...rows) passes every row as an argument and overflows the stack.
  for (const row of laid) table.push(row as unknown as Table.HorizontalTableRow);
  write(`${table.toString()}\n`);
}

/** Rows laid out and drawn per write: some tens of kilobytes of text. */
const WRITE_BATCH = 256;

/**
 * Whether a cell laid out `width` columns wide takes more than one line: a line break always
 * makes one; one-column text no wider than the column never does; anything else is wrapped
 * to see.
 */
function multiLine(cell: Cell, sizes: Measures, at: number, width: number): boolean {
  if (cell.text.includes('\n')) return true;
  if (sizes.simple[at] === 1 && (sizes.line[at] as number) <= width) return false;
  return wrapRanges(cell.text, width).length > 1;
}

/**
 * Draws a table as cli-table3 does with armru's settings (one space of padding each side,
 * cells already wrapped to fit, top-aligned; separators between rows unless compact), a row
 * at a time.
 */
class TableDrawer {
  readonly separator: string;
  constructor(
    private readonly colWidths: number[],
    readonly compact: boolean,
  ) {
    this.separator = this.rule('├', '┼', '┤');
  }

  private rule(left: string, middle: string, right: string): string {
    return `${left}${this.colWidths.map((w) => '─'.repeat(w)).join(middle)}${right}`;
  }

  top(): string[] {
    return [this.rule('┌', '┬', '┐')];
  }

  bottom(): string {
    return this.rule('└', '┴', '┘');
  }

  /**
   * Pushes the lines of one row, whose cells are given as their lines, onto `out`. With
   * `plain`, the cells marked 1 hold one-column text only: a line of theirs without escape
   * codes is as wide as it is long.
   */
  emit(lines: string[][], align: ('left' | 'right')[], out: string[], plain?: Uint8Array): void {
    let height = 1;
    for (const cell of lines) height = Math.max(height, cell.length);
    for (let k = 0; k < height; k++) {
      let line = '│';
      for (let i = 0; i < lines.length; i++) {
        const text = (lines[i] as string[])[k] ?? '';
        const used =
          plain?.[i] === 1 && !text.includes('\u001b') ? text.length : displayWidth(text);
        const fill = ' '.repeat(Math.max(0, (this.colWidths[i] as number) - PAD - used));
        line += align[i] === 'right' ? ` ${fill}${text} │` : ` ${text}${fill} │`;
      }
      out.push(line);
    }
  }
}

/** Tables longer than this are drawn by TableDrawer rather than cli-table3. */
const TABLE_CHUNK = 200;

/** Whether columns of these widths make a table within `width` that splits no word. */
function fits(
  columns: Column[],
  sizes: Measures,
  keep: number[],
  widths: number[],
  width: number,
): boolean {
  const total = widths.reduce((n, w) => n + w + PAD + 1, 1);
  if (total > width) return false;
  return columns.every((col, i) => {
    const w = widths[i] as number;
    if (widestWord(col.header) > w) return false;
    const k = keep[i] as number;
    if (col.flex && w < Math.min(col.min ?? 20, sizes.most(k, sizes.line))) return false;
    const wraps = col.wrap || col.flex;
    return sizes.most(k, wraps ? sizes.word : sizes.line) <= w;
  });
}

/**
 * Records as cards: one block per record, a labelled line per non-empty field, a blank line
 * between records. For when a table would not fit: no line is wider than `width`, and only a
 * token wider than the whole line is cut, with a visible continuation mark.
 */
export function renderCards(
  columns: Column[],
  rows: Cell[][],
  width: number,
  colors: Palette,
): string {
  const parts: string[] = [];
  writeCards(columns, rows, width, colors, (text) => parts.push(text));
  return parts.join('');
}

/** renderCards's text, written a slice of records at a time as they are laid out. */
export function writeCards(
  columns: Column[],
  rows: Cell[][],
  width: number,
  colors: Palette,
  write: (text: string) => void,
): void {
  for (let from = 0; from < rows.length; from += WRITE_BATCH) {
    const cards: string[] = [];
    const to = Math.min(rows.length, from + WRITE_BATCH);
    for (let r = from; r < to; r++) {
      const row = rows[r] as Cell[];
      cards.push(
        renderPairs(
          columns.map((col, i) => ({
            label: col.header,
            cell: row[i] ?? { text: '' },
            style: col.style,
          })),
          width,
          colors,
        ),
      );
    }
    // Cards are separated by a blank line: between two slices as well.
    write(`${from > 0 ? '\n' : ''}${cards.join('\n')}`);
  }
}

/** One labelled field of a card or a key/value block. */
export interface Pair {
  label: string;
  cell: Cell;
  style?: ((s: string) => string) | undefined;
}

/**
 * Labelled lines (`LABEL  value`, values wrapped beside their labels), for cards and
 * summaries. A value whose widest word does not fit beside the labels goes on the lines
 * under its label, at the full width. Empty values are left out.
 */
export function renderPairs(pairs: Pair[], width: number, colors: Palette): string {
  const shown = pairs
    .map((p) => ({ ...p, cell: safeCell(p.cell) }))
    .filter((p) => p.cell.text !== '');
  const labelWidth = Math.min(
    shown.reduce((w, p) => Math.max(w, displayWidth(p.label)), 0),
    Math.floor(width * 0.4),
  );
  const valueWidth = width - labelWidth - 2;
  const out: string[] = [];
  for (const { label, cell, style } of shown) {
    const beside =
      valueWidth >= 8 && widestWord(cell.text) <= valueWidth && displayWidth(label) <= labelWidth;
    const lines = wrapLines(cell.text, beside ? valueWidth : width, true).map(
      ({ ranges, continued }) =>
        ranges
          .map(([a, b]) => styleRange(cell.text, a, b, cell.marks ?? [], colors, style))
          .join(' ') + (continued ? colors.dim(CONTINUED) : ''),
    );
    if (beside) {
      const pad = ' '.repeat(labelWidth + 2);
      lines.forEach((line, k) => {
        out.push(
          k === 0
            ? `${colors.dim(label)}${' '.repeat(labelWidth - displayWidth(label) + 2)}${line}`
            : `${pad}${line}`,
        );
      });
    } else {
      for (const l of wrap(label, width)) out.push(colors.dim(l));
      for (const line of lines) out.push(line);
    }
  }
  return out.map((line) => `${line}\n`).join('');
}

function safeCell(cell: Cell): Cell {
  // Most text has nothing to escape: it is kept as it is, without splitting it into lines.
  if (!hasUnsafeInline(cell.text)) return cell;
  // A table cell may hold line breaks (they become lines in the cell); all else is escaped.
  const text = cell.text.split('\n').map(sanitizeInline).join('\n');
  if (text === cell.text) return cell;
  // Escaping moves characters: the highlights move with them.
  return cell.marks ? { text, marks: escapedMarks(cell.text, text, cell.marks) } : { text };
}

/** A row of cells, each made safe (safeCell); the row itself when nothing changed. */
function safeRow(row: Cell[]): Cell[] {
  for (let i = 0; i < row.length; i++) {
    const cell = row[i] as Cell;
    if (safeCell(cell) !== cell) return row.map(safeCell);
  }
  return row;
}

/**
 * One-column text (ONE_COLUMN_LINES) wrapped to `width` exactly as wrapRanges wraps it, as
 * the lines' text (words joined by single spaces): one pass over the characters, and a line
 * whose words are one space apart in the text is one slice of it.
 */
export function wrapPlain(text: string, width: number): string[] {
  const max = Math.max(1, width);
  const lines: string[] = [];
  let count = 0; // ranges on the line
  let from = 0; // the line as text[from, to) while its words are one space apart
  let to = 0;
  let joined: string | undefined; // the line as joined text once they are not
  let lineWidth = 0;
  const add = (a: number, b: number) => {
    if (count === 0) {
      from = a;
      to = b;
    } else if (joined === undefined && a === to + 1) {
      to = b;
    } else {
      joined = `${joined ?? text.slice(from, to)} ${text.slice(a, b)}`;
    }
    count++;
  };
  const flush = () => {
    lines.push(count === 0 ? '' : (joined ?? text.slice(from, to)));
    count = 0;
    joined = undefined;
    lineWidth = 0;
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      flush();
      i++;
      continue;
    }
    if (c === 0x20) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 0x20 || d === 0x0a) break;
      j++;
    }
    const w = j - i;
    if (count > 0 && lineWidth + 1 + w <= max) {
      add(i, j);
      lineWidth += 1 + w;
    } else {
      if (count > 0) flush();
      // A word wider than a whole line is cut every `max` characters (one column each).
      let p = i;
      while (j - p > max) {
        add(p, p + max);
        flush();
        p += max;
      }
      add(p, j);
      lineWidth = j - p;
    }
    i = j;
  }
  flush();
  return lines;
}

/** A cell's text wrapped to `width`, as the lines a table shows (styled, highlights marked). */
function layoutLines(
  cell: Cell,
  width: number,
  colors: Palette,
  style?: (s: string) => string,
): string[] {
  const marks = cell.marks ?? [];
  return wrapRanges(cell.text, width).map((ranges) => {
    if (ranges.length === 1) {
      const [a, b] = ranges[0] as [number, number];
      return styleRange(cell.text, a, b, marks, colors, style);
    }
    return ranges.map(([a, b]) => styleRange(cell.text, a, b, marks, colors, style)).join(' ');
  });
}

export type { Cell, Column } from './cells.js';
