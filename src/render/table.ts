import Table from 'cli-table3';
import { type Cell, type Column, styleRange } from './cells.js';
import type { Palette } from './color.js';
import { sanitizeInline } from './sanitize.js';
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
export function fitWidths(
  columns: Column[],
  cells: Cell[][],
  width: number,
  sizes: Measures = measureCells(cells),
): number[] {
  const natural = columns.map((col, i) => {
    // Loops rather than Math.max(...values): a spread of 10^5 values overflows the stack.
    let widest = displayWidth(col.header);
    for (const row of sizes) widest = Math.max(widest, (row[i] ?? EMPTY).line);
    return Math.max(1, col.max ? Math.min(widest, col.max) : widest);
  });
  // A wrapping column is not squeezed below its longest word (up to 14), so names do not break.
  const floor = columns.map((col, i) =>
    Math.min(
      natural[i] as number,
      Math.max(
        col.min ?? 8,
        Math.min(
          14,
          sizes.reduce((most, row) => Math.max(most, (row[i] ?? EMPTY).word), 0),
        ),
      ),
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

/** The widths a table needs of a cell's text: its longest line and its widest word. */
interface Measure {
  line: number;
  word: number;
}
/** The measures of every cell of a table, row by row, made once for all the widths tried. */
type Measures = Measure[][];

const EMPTY: Measure = { line: 0, word: 0 };

function measureCells(cells: Cell[][]): Measures {
  return cells.map((row) => row.map((cell) => measureText(cell.text)));
}

function measureText(text: string): Measure {
  if (!ONE_COLUMN_LINES.test(text)) {
    let line = 0;
    for (const part of text.split('\n')) line = Math.max(line, displayWidth(part));
    return { line, word: widestWord(text) };
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
  return { line, word };
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
  let cols = columns;
  const allRows = rows.map((row) => row.map(safeCell));
  let safeRows = allRows;
  let sizes = measureCells(safeRows);
  let widths = fitWidths(cols, safeRows, width, sizes);
  for (;;) {
    const drop = cols.map((c) => Boolean(c.optional)).lastIndexOf(true);
    const short = cols.some((c, i) => c.flex && (widths[i] as number) < (c.min ?? 20));
    if ((!short && fits(cols, sizes, widths, width)) || drop === -1) break;
    cols = cols.filter((_, i) => i !== drop);
    safeRows = safeRows.map((row) => row.filter((_, i) => i !== drop));
    sizes = sizes.map((row) => row.filter((_, i) => i !== drop));
    widths = fitWidths(cols, safeRows, width, sizes);
  }
  if (!fits(cols, sizes, widths, width)) return renderCards(columns, allRows, width, colors);
  const laid = safeRows.map((row) =>
    row.map((cell, i) => ({
      content: layoutCell(cell, widths[i] as number, colors, cols[i]?.style),
      hAlign: cols[i]?.align ?? 'left',
    })),
  );
  const oneLine = laid.every((row) => row.every((cell) => !cell.content.includes('\n')));
  const head = cols.map((c, i) =>
    wrap(c.header, widths[i] as number)
      .map(colors.header)
      .join('\n'),
  );
  const colWidths = widths.map((w) => w + PAD);
  // cli-table3 lays a table out in time quadratic in its rows (each cell looks for conflicts
  // in every row) and measures every cell line again: past a few hundred rows armru draws the
  // same borders itself (the tests compare both outputs).
  if (laid.length > chunk) return `${drawTable(head, laid, colWidths, oneLine).join('\n')}\n`;
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
  return `${table.toString()}\n`;
}

/**
 * Draws a table as cli-table3 does with armru's settings (one space of padding each side,
 * cells already wrapped to fit, top-aligned; separators between rows unless compact).
 */
export function drawTable(
  head: string[],
  rows: { content: string; hAlign: 'left' | 'right' }[][],
  colWidths: number[],
  compact: boolean,
): string[] {
  const rule = (left: string, middle: string, right: string) =>
    `${left}${colWidths.map((w) => '─'.repeat(w)).join(middle)}${right}`;
  const separator = rule('├', '┼', '┤');
  const out = [rule('┌', '┬', '┐')];
  const emit = (cells: { content: string; hAlign: 'left' | 'right' }[]) => {
    const lines = cells.map((cell) => cell.content.split('\n'));
    let height = 1;
    for (const cell of lines) height = Math.max(height, cell.length);
    for (let k = 0; k < height; k++) {
      let line = '│';
      lines.forEach((cell, i) => {
        const text = cell[k] ?? '';
        const fill = ' '.repeat(Math.max(0, (colWidths[i] as number) - PAD - displayWidth(text)));
        line += cells[i]?.hAlign === 'right' ? ` ${fill}${text} │` : ` ${text}${fill} │`;
      });
      out.push(line);
    }
  };
  if (head.length > 0) {
    emit(head.map((content) => ({ content, hAlign: 'left' })));
    out.push(separator);
  }
  rows.forEach((row, r) => {
    if (r > 0 && !compact) out.push(separator);
    emit(row);
  });
  out.push(rule('└', '┴', '┘'));
  return out;
}

/** Tables longer than this are drawn by drawTable rather than cli-table3. */
const TABLE_CHUNK = 200;

/** Whether columns of these widths make a table within `width` that splits no word. */
function fits(columns: Column[], sizes: Measures, widths: number[], width: number): boolean {
  const total = widths.reduce((n, w) => n + w + PAD + 1, 1);
  if (total > width) return false;
  return columns.every((col, i) => {
    const w = widths[i] as number;
    if (widestWord(col.header) > w) return false;
    const natural = sizes.reduce((n, row) => Math.max(n, (row[i] ?? EMPTY).line), 0);
    if (col.flex && w < Math.min(col.min ?? 20, natural)) return false;
    const wraps = col.wrap || col.flex;
    return sizes.every((row) => {
      const m = row[i] ?? EMPTY;
      return (wraps ? m.word : m.line) <= w;
    });
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
  return rows
    .map((row) =>
      renderPairs(
        columns.map((col, i) => ({
          label: col.header,
          cell: row[i] ?? { text: '' },
          style: col.style,
        })),
        width,
        colors,
      ),
    )
    .join('\n');
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
  // A table cell may hold line breaks (they become lines in the cell); all else is escaped.
  const text = cell.text.split('\n').map(sanitizeInline).join('\n');
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

export type { Cell, Column } from './cells.js';
