import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { random } from '../../bench/corpus.mjs';
import type { Cell, Column } from '../../src/render/cells.js';
import { chalkPalette, type Palette, plainPalette } from '../../src/render/color.js';
import {
  renderPairs,
  renderTable,
  wrapPlain,
  writeCards,
  writeTable,
} from '../../src/render/table.js';
import { ONE_COLUMN_LINES, wrapRanges } from '../../src/render/text-width.js';

// Long tables and card lists are laid out and written a slice of rows at a time (writeTable,
// writeCards). These tests hold the streamed text to the text made whole: cli-table3's
// table, and every card rendered on its own.

const WORDS = [
  'Gyumri',
  'base',
  'Türkiye’s',
  'talks',
  'on',
  'energy',
  '東京',
  'Ŝtate',
  'a',
  'memorandum',
  'Pashinyan',
  '—',
  'co-operation',
  'señor',
  'x'.repeat(20),
  'Ереван',
];

/** A claim listing of `count` rows: ids, kinds, names, texts (some with marks), counts. */
function listing(
  count: number,
  seed: number,
  colors: Palette,
): { columns: Column[]; rows: Cell[][] } {
  const next = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const text = (words: number) =>
    Array.from({ length: 1 + Math.floor(next() * words) }, () => pick(WORDS)).join(
      next() < 0.05 ? '  ' : ' ',
    );
  const rows = Array.from({ length: count }, (_, i): Cell[] => {
    const claim = next() < 0.03 ? `${text(20)}\nsource: ${text(3)}` : text(40);
    const at = Math.floor(next() * claim.length);
    const marks: [number, number][] =
      next() < 0.3 ? [[at, Math.min(claim.length - 1, at + 4)]] : [];
    return [
      { text: `c${i + 1}` },
      { text: pick(['event', 'statement', 'quote', 'report']) },
      { text: text(3) },
      { text: claim, marks },
      { text: next() < 0.1 ? '' : text(5) },
      { text: String(Math.floor(next() * 5000)) },
    ];
  });
  const columns: Column[] = [
    { header: 'ID', style: colors.id },
    { header: 'KIND', style: colors.kind },
    { header: 'ASSERTED BY', wrap: true, max: 24, min: 8 },
    { header: 'CLAIM', wrap: true, flex: true, min: 20 },
    { header: 'ACTORS', wrap: true, max: 28, min: 8, optional: true },
    { header: 'N', align: 'right' },
  ];
  return { columns, rows };
}

async function palettes(): Promise<Palette[]> {
  const { Chalk } = await import('chalk');
  return [plainPalette(), chalkPalette(new Chalk({ level: 1 }))];
}

describe('tables and cards written a slice at a time', () => {
  it('wrapPlain wraps one-column text exactly as wrapRanges does', () => {
    const unit = fc.constantFrom('a', 'b', 'é', '—', ' ', ' ', '\n', 'Ж');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), fc.integer({ min: 0, max: 30 }), (t, w) => {
        expect(ONE_COLUMN_LINES.test(t)).toBe(true);
        const expected = wrapRanges(t, w).map((ranges) =>
          ranges.map(([a, b]) => t.slice(a, b)).join(' '),
        );
        expect(wrapPlain(t, w)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the very table cli-table3 draws for a generated listing of 300 rows', async () => {
    let tables = 0;
    for (const colors of await palettes()) {
      const { columns, rows } = listing(300, 7, colors);
      for (const width of [60, 120]) {
        const whole = renderTable(columns, rows, width, colors, Number.POSITIVE_INFINITY);
        const pieces: string[] = [];
        writeTable(columns, rows, width, colors, (t) => pieces.push(t), 0);
        if (whole.startsWith('┌')) tables++;
        expect(pieces.length).toBeGreaterThan(1);
        expect(pieces.join('')).toBe(whole);
      }
    }
    // A table at 120 columns; at 60 no table fits and cards are written (compared too).
    expect(tables).toBe(2);
  });

  it('writes one-line tables without separators, as cli-table3 does', async () => {
    const rows = Array.from({ length: 450 }, (_, i): Cell[] => [
      { text: `e${i}` },
      { text: i % 7 === 0 ? 'two  spaces' : `name ${i}` },
    ]);
    const columns: Column[] = [{ header: 'ID' }, { header: 'NAME', wrap: true, flex: true }];
    for (const colors of await palettes()) {
      const whole = renderTable(columns, rows, 80, colors, Number.POSITIVE_INFINITY);
      const pieces: string[] = [];
      writeTable(columns, rows, 80, colors, (t) => pieces.push(t), 0);
      expect(pieces.join('')).toBe(whole);
      // The only separator is the header's.
      expect(whole.split('├').length).toBe(2);
    }
  });

  it('writes cards, when no table fits, as every card rendered on its own', async () => {
    for (const colors of await palettes()) {
      const { columns, rows } = listing(700, 11, colors);
      // At 30 columns no table fits: renderTable gives cards.
      const whole = rows
        .map((row) =>
          renderPairs(
            columns.map((col, i) => ({
              label: col.header,
              cell: row[i] ?? { text: '' },
              style: col.style,
            })),
            30,
            colors,
          ),
        )
        .join('\n');
      const pieces: string[] = [];
      writeTable(columns, rows, 30, colors, (t) => pieces.push(t), 0);
      expect(pieces.length).toBeGreaterThan(1);
      expect(pieces.join('')).toBe(whole);
      const cards: string[] = [];
      writeCards(columns, rows, 30, colors, (t) => cards.push(t));
      expect(cards.join('')).toBe(whole);
    }
  });
});
