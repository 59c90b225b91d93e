import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { writeCorpus } from '../../bench/corpus.mjs';
import type { Dataset } from '../../src/core/model/types.js';
import {
  type RecordVisitor,
  recordEntries,
  SEARCH_FIELDS,
  visitRecord,
  wordPattern,
} from '../../src/core/search/search-record.js';
import {
  OCC_ENDS,
  OCC_MAX_NORM,
  OCC_POS_SHIFT,
  OCC_SPACE,
  OCC_STARTS,
} from '../../src/core/store/index-store.js';
import { fieldNorm, WordCutter } from '../../src/core/store/index-words.js';
import { loadDataset } from '../../src/core/store/load.js';
import { fold, LETTERS, PUNCTUATION } from '../../src/core/text/fold.js';

// The index builder's shortcuts must give what the plain definitions give: the values of a
// search record visited in place, words cut from char codes, folding a run at a time.

let dir: string;
const datasets: Dataset[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'armru-words-'));
  for (const [seed, shape, size] of [
    [21, 'topical', 300],
    [22, 'varied', 300],
  ] as const) {
    const file = writeCorpus(size, join(dir, String(seed)), seed, shape) as string;
    datasets.push(await loadDataset(file, { useIndex: false }));
  }
  datasets.push(await loadDataset(undefined, { useIndex: false }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What recordEntries gives for a claim, as [field number, value, alias] rows. */
function entries(dataset: Dataset, claim: Dataset['doc']['claims'][number]) {
  const all = recordEntries(dataset, claim);
  return SEARCH_FIELDS.flatMap((field, f) =>
    all[field].map((e) => [f, e.value, e.origin.alias] as const),
  );
}

describe('visitRecord', () => {
  it('visits the values of recordEntries, in order, with their fields and alias flags', () => {
    let claims = 0;
    for (const dataset of datasets)
      for (const claim of dataset.doc.claims) {
        const seen: (readonly [number, string, boolean])[] = [];
        visitRecord(dataset, claim, { value: (f, v, a) => seen.push([f, v, a]) });
        expect(seen).toEqual(entries(dataset, claim));
        claims++;
      }
    expect(claims).toBeGreaterThan(600);
  });

  it('hands recurring runs whole to names and list, as the same objects each time', () => {
    const runs = new Map<object, number>();
    for (const dataset of datasets)
      for (const claim of dataset.doc.claims) {
        const seen: (readonly [number, string, boolean])[] = [];
        const visitor: RecordVisitor = {
          value: (f, v, a) => seen.push([f, v, a]),
          names: (f, item) => {
            runs.set(item, (runs.get(item) ?? 0) + 1);
            seen.push([f, item.name, false], ...item.aliases.map((a) => [f, a, true] as const));
          },
          list: (f, list) => {
            runs.set(list, (runs.get(list) ?? 0) + 1);
            seen.push(...list.map((v) => [f, v, false] as const));
          },
        };
        visitRecord(dataset, claim, visitor);
        expect(seen).toEqual(entries(dataset, claim));
      }
    // Entities, topics, kinds and dates recur: each is one object, met many times.
    let most = 0;
    for (const n of runs.values()) most = Math.max(most, n);
    expect(most).toBeGreaterThan(50);
  });
});

/** The plain definition of cutting a value: fold, match the word pattern, count fuse.js's tokens. */
function plainCut(raw: string) {
  const value = fold(raw);
  if (value.trim().length === 0) return null;
  const matches = [...value.matchAll(wordPattern())];
  return {
    norm: fieldNorm(value),
    words: matches.map((m, pos) => {
      const start = m.index;
      const end = start + m[0].length;
      const next = matches[pos + 1];
      let flags = 0;
      if (start === 0) flags |= OCC_STARTS;
      if (end === value.length) flags |= OCC_ENDS;
      if (next && next.index === end + 1 && value[end] === ' ') flags |= OCC_SPACE;
      return { word: m[0], flags, pos };
    }),
  };
}

describe('WordCutter', () => {
  it('cuts values as folding and matching the word pattern do, numbering words and norms once', () => {
    const cutter = new WordCutter();
    fc.assert(
      fc.property(
        fc.array(
          fc.string({
            unit: fc.constantFrom(
              'a',
              'B',
              'z',
              '1',
              ' ',
              '  ',
              '\t',
              '\u00a0',
              '\u3000',
              '-',
              '’',
              'É',
              'e\u0301',
              'ﬁ',
              '𝒜',
              '😀',
              '\ud800',
              'Ħ',
              '中',
              '`',
            ),
            maxLength: 30,
          }),
          { maxLength: 8 },
        ),
        (values) => {
          for (const raw of values) {
            const expected = plainCut(raw);
            // Values met once are folded without being remembered: the same words.
            const n = cutter.cut(raw, raw.length % 2 === 0);
            if (expected === null) {
              expect(n).toBe(-1);
              continue;
            }
            expect(n).toBe(expected.words.length);
            for (let k = 0; k < n; k++) {
              const word = expected.words[k] as (typeof expected.words)[number];
              expect(cutter.vocabulary.words[cutter.out[3 * k] as number]).toBe(word.word);
              expect(cutter.out[3 * k + 1]).toBe(word.flags);
              const extra = cutter.out[3 * k + 2] as number;
              expect(extra >>> OCC_POS_SHIFT).toBe(word.pos);
              expect(cutter.norms[extra & OCC_MAX_NORM]).toBe(expected.norm);
            }
          }
          // Each word and each norm is numbered once.
          expect(new Set(cutter.vocabulary.words).size).toBe(cutter.vocabulary.words.length);
          expect(new Set(cutter.norms).size).toBe(cutter.norms.length);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps every word and its number as the table grows', () => {
    const cutter = new WordCutter();
    // Thousands of words: the table is rehashed several times.
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);
    const ids = words.map((w) => {
      cutter.cut(w);
      return cutter.out[0] as number;
    });
    expect(new Set(ids).size).toBe(words.length);
    words.forEach((w, i) => {
      cutter.cut(w.toUpperCase());
      expect(cutter.out[0]).toBe(ids[i]);
    });
    expect(cutter.vocabulary.words).toEqual(words);
  });
});

describe('fold', () => {
  /** Folding by definition: NFKC, then each unit on its own (surrogates left alone). */
  const plainFold = (raw: string) =>
    [...raw.normalize('NFKC')]
      .map((ch) => {
        if (ch.length === 2) return ch;
        const mapped = PUNCTUATION[ch] ?? LETTERS[ch];
        if (mapped !== undefined) return mapped;
        const base = ch
          .normalize('NFD')
          .replace(/\p{M}+/gu, '')
          .toLowerCase();
        const lower = ch.toLowerCase();
        return base.length === 1 ? base : lower.length === 1 ? lower : ch;
      })
      .join('');

  it('folds runs of ASCII and the units between them as unit-by-unit folding does', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            'a',
            'Q',
            '`',
            ' ',
            '’',
            '“',
            'É',
            'Ħ',
            'ħ',
            'Ł',
            'İ',
            'ß',
            'Ж',
            'ﬃ',
            'Ｇ',
            '\u0301',
            '—',
            // Beyond the first 65,536: an upper-case Deseret letter and an emoji, left alone.
            '\u{10400}',
            '😀',
          ),
          maxLength: 40,
        }),
        (raw) => {
          expect(fold(raw)).toBe(plainFold(raw));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
