import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusOf } from '../../src/core/model/corpus.js';
import type { Dataset } from '../../src/core/model/types.js';
import { ClaimSearcher } from '../../src/core/search/search.js';
import { SEARCH_FINGERPRINT } from '../../src/core/search/search-record.js';
import { buildIndex } from '../../src/core/store/index-build.js';
import { indexDirectory, openIndex, sealMeta } from '../../src/core/store/index-store.js';
import { indexedSearch, openWordIndexes } from '../../src/core/store/indexed-search.js';
import { loadDataset } from '../../src/core/store/load.js';
import {
  FOLD_RULES,
  fold,
  foldKeepsPositions,
  foldPositions,
  unfoldRanges,
  ZERO_WIDTH,
} from '../../src/core/text/fold.js';
import { writeInvisible } from '../e2e/shapes.js';

// Invisible characters (zero-width space, non-joiner, joiner, word joiner, byte order mark,
// soft hyphen) are dropped by folding: a reader types "ABC" for A, ZWJ, B, ZWNJ, C. Match
// positions in folded text are taken back to the text's own, and the word index folds alike.

const INVISIBLE = [...ZERO_WIDTH];

let dir: string;
let file: string;
let dataset: Dataset;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'armru-invisible-'));
  file = writeInvisible(dir);
  dataset = await loadDataset(file, { useIndex: false });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('folding invisible characters', () => {
  it('drops exactly the zero-width characters and the soft hyphen', () => {
    expect(INVISIBLE.map((c) => c.codePointAt(0)?.toString(16))).toEqual([
      'ad',
      '200b',
      '200c',
      '200d',
      '2060',
      'feff',
    ]);
    for (const z of INVISIBLE) {
      expect(fold(`A${z}B${z}C`)).toBe('abc');
      expect(foldKeepsPositions(`A${z}B`)).toBe(false);
    }
    // Other format characters stay: a left-to-right mark, a bidi override.
    expect(fold('A\u200eB\u202eC')).toBe('a\u200eb\u202ec');
  });

  it('maps every folded position to the character it comes from', () => {
    const unit = fc.constantFrom(
      ...INVISIBLE,
      'a',
      'Z',
      ' ',
      'e\u0301',
      '\u0301',
      '\u{1d50a}',
      '\u{1f469}',
      '\u{1f1e6}',
      '\u00e9',
      '\u2019',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 16 }), (units) => {
        const text = units.join('');
        const folded = fold(text);
        const map = foldPositions(text);
        const kept = text.replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '');
        if (kept.normalize('NFKC').length !== kept.length) {
          expect(map).toBeUndefined();
          return;
        }
        const at = (i: number) => (map ? (map[i] as number) : i);
        expect(map === null ? text.length : map?.length).toBe(folded.length);
        for (let i = 0; i < folded.length; i++) {
          // The unit it maps to is no invisible character, and folds to this unit.
          const original = text[at(i)] as string;
          expect(INVISIBLE).not.toContain(original);
          if (i > 0) expect(at(i)).toBeGreaterThan(at(i - 1));
          const code = original.charCodeAt(0);
          if (code < 0xd800 || code > 0xdfff) expect(fold(original)).toBe(folded[i]);
          else expect(original).toBe(folded[i]);
        }
      }),
      { numRuns: 1000 },
    );
    // A range keeps what it covers: the joiners inside, the astral letter and mark beside.
    const text = 'x A\u200dB\u200cC \u{10400}\u200bx\u0301';
    expect(fold(text)).toBe('x abc \u{10400}x\u0301');
    const [[a, b], [c, d]] = unfoldRanges(text, [
      [2, 4],
      [6, 9],
    ]) as [[number, number], [number, number]];
    expect(text.slice(a, b + 1)).toBe('A\u200dB\u200cC');
    expect(text.slice(c, d + 1)).toBe('\u{10400}\u200bx\u0301');
  });
});

describe('searching text with invisible characters', () => {
  it('finds ABC in claim texts and actor names that hide them, and shows where', () => {
    const searcher = new ClaimSearcher(corpusOf(dataset));
    const hits = searcher.search('ABC', { all: true });
    expect(hits.map((h) => h.claim.id).sort()).toEqual(
      ['plain', ...INVISIBLE.map((_, i) => `c${i}`)].sort(),
    );
    for (const hit of hits) {
      const text = hit.claim.text;
      const [match] = hit.matches.filter((m) => m.field === 'text');
      const ranges = unfoldRanges(text, match?.indices ?? []) as [number, number][];
      const shown = ranges.map(([a, b]) => text.slice(a, b + 1));
      expect(shown.map(fold), hit.claim.id).toEqual(['abc']);
      expect(hit.matched.find((m) => m.field === 'text')?.value).toBe(shown[0]);
    }
    // An actor's name: "Person" typed finds the names that hide a character.
    const people = searcher.search('Person', { all: true });
    expect(people.map((h) => h.claim.id).sort()).toEqual(INVISIBLE.map((_, i) => `c${i}`).sort());
  });

  it('finds the same through a word index, which folds its words alike', async () => {
    await buildIndex(file, undefined, true);
    try {
      const lookup = openWordIndexes([file]);
      if (!lookup.usable) throw new Error('the index is not usable');
      const found = indexedSearch(lookup.indexes, 'ABC', {}, 50, true);
      const plain = new ClaimSearcher(corpusOf(dataset)).run('ABC', { all: true, limit: 50 });
      const summary = (hits: typeof plain.hits) =>
        hits.map((h) => [h.claim.id, h.score, h.tier, h.matches, h.matched]);
      expect(summary(found.result.hits)).toEqual(summary(plain.hits));
      expect(found.result.total).toBe(INVISIBLE.length + 1);
      // An index built under other folding rules is never read as valid.
      const metaFile = join(indexDirectory(file), 'meta.json');
      const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
      const options = JSON.parse(meta.searchOptions);
      expect(options.fold).toBe(FOLD_RULES);
      meta.searchOptions = JSON.stringify({ ...options, fold: FOLD_RULES - 1 });
      // Sealed afresh (see sealMeta), so that the folding rules are what makes it stale.
      const { check: _, ...unsealed } = meta;
      writeFileSync(metaFile, sealMeta(unsealed));
      expect(openIndex(file, SEARCH_FINGERPRINT)).toEqual({
        state: 'stale',
        reason: 'it was built for other search options',
      });
    } finally {
      rmSync(indexDirectory(file), { recursive: true, force: true });
    }
  });
});
