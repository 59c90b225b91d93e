import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Fuse from 'fuse.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { writeCorpus } from '../../bench/corpus.mjs';
import { type ClaimRef, corpusOf } from '../../src/core/model/corpus.js';
import { buildFilter, type ClaimFilterInput } from '../../src/core/search/filter.js';
import { isKindWord } from '../../src/core/search/question.js';
import {
  ClaimSearcher,
  parseQuery,
  type SearchResult,
  withPartial,
} from '../../src/core/search/search.js';
import {
  FUSE_OPTIONS,
  KIND_WORDS,
  searchRecord,
  wordPattern,
} from '../../src/core/search/search-record.js';
import { buildIndex } from '../../src/core/store/index-build.js';
import { wordSpans } from '../../src/core/store/index-words.js';
import {
  indexedSearch,
  openWordIndexes,
  SEARCH_BUDGET,
} from '../../src/core/store/indexed-search.js';
import { loadDataset } from '../../src/core/store/load.js';
import {
  countWords,
  indexSet,
  matcherOf,
  OverBudget,
  poolScores,
  RankedTerms,
  rankable,
  sameClaims,
  wordsOnly,
} from '../../src/core/store/ranked-search.js';
import { fold } from '../../src/core/text/fold.js';
import { queryWord } from '../queries.js';

// Ranking from the index must give exactly what a search of every claim gives: the same
// claims, scores, tiers and order, the same totals, alias-only counts and partial matches.

let dir: string;
const corpora: {
  file: string;
  searcher: ClaimSearcher;
  words: string[];
  /** Words only the aliases of entities and topics hold ("daily" of "Kommersant daily"). */
  aliasWords: string[];
  plain: ReturnType<typeof corpusOf>;
  values: string[];
}[] = [];

/**
 * True when a fuzzy term of the query scores some field value of the corpus differently from
 * its best word: a match across a space or punctuation ("ly rev" for "yerev"), the one
 * documented difference of the word index.
 */
function crossesWords(values: string[], q: string): boolean {
  const options = {
    threshold: FUSE_OPTIONS.threshold,
    ignoreLocation: true,
    isCaseSensitive: true,
    minMatchCharLength: FUSE_OPTIONS.minMatchCharLength,
    includeScore: true,
    // The bare matcher's score, without fuse.js's field norm.
    ignoreFieldNorm: true,
  };
  const wholes = new Fuse(values, options);
  for (const term of parseQuery(q).flatMap((g) => g.terms)) {
    if (!/^[\p{L}\p{N}\p{M}]+$/u.test(term)) continue;
    for (const r of wholes.search(term)) {
      const value = values[r.refIndex] as string;
      const words = value.match(wordPattern()) ?? [];
      const best = new Fuse(words, options)
        .search(term)
        .reduce((m, w) => Math.min(m, Math.max(0.001, w.score ?? 0)), 1);
      const expected = value === term ? 0 : best;
      if ((r.score ?? 0) !== expected) return true;
    }
  }
  return false;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'armru-ranked-'));
  for (const [seed, shape, size] of [
    [11, 'topical', 60],
    [12, 'varied', 80],
    [13, 'topical', 120],
  ] as const) {
    const file = writeCorpus(size, join(dir, String(seed)), seed, shape) as string;
    await buildIndex(file, undefined, true);
    const plain = corpusOf(await loadDataset(file, { useIndex: false }));
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    // Words people would type: from the texts and the names, and the words for the claim
    // kinds (several of them in the same values of the same claims: their lists are folded).
    const words = [
      ...new Set(
        [
          ...doc.claims.map((c: { text: string }) => c.text),
          ...doc.entities.map((e: { name: string }) => e.name),
          ...Object.values(KIND_WORDS).flat(),
        ]
          .join(' ')
          .toLowerCase()
          .match(/[\p{L}]+/gu) as string[],
      ),
    ];
    const values = [
      ...new Set(
        plain.datasets.flatMap((d) =>
          d.doc.claims.flatMap((c) =>
            Object.values(searchRecord(d, c))
              .flat()
              .map((v) => fold(v)),
          ),
        ),
      ),
    ];
    const known = new Set(words);
    const aliasWords = [
      ...new Set(
        [...doc.entities, ...doc.topics]
          .flatMap((e: { aliases: string[] }) => e.aliases)
          .join(' ')
          .toLowerCase()
          .match(/[\p{L}]+/gu) as string[],
      ),
    ].filter((w) => w.length > 3 && !known.has(w));
    corpora.push({
      file,
      searcher: new ClaimSearcher(plain),
      words,
      aliasWords,
      plain,
      values,
    });
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The plain search, as the search command runs it. */
function plainRun(
  searcher: ClaimSearcher,
  query: string,
  filter: (ref: ClaimRef) => boolean,
  limit: number,
  all: boolean,
): SearchResult {
  const options = { filter, limit, all };
  return withPartial(searcher.run(query, options), (weak) =>
    searcher.runPartial(query, { ...options, complete: weak }),
  );
}

// The match details too (the positions to highlight, the values that matched): an indexed
// search works them out only when they are read.
const summary = (r: SearchResult) => ({
  hits: r.hits.map((h) => [h.claim.id, h.score, h.tier, h.words, h.matches, h.matched]),
  total: r.total,
  weak: r.weak,
  partial: r.partial,
});

/** A word of the corpus, maybe misspelt, cut or wrapped in an operator. */
const term = (words: string[]) =>
  fc
    .tuple(
      fc.integer({ min: 0, max: words.length - 1 }),
      fc.constantFrom('word', 'typo', 'exact', 'include', 'prefix', 'suffix', 'cut', 'letter'),
      fc.integer({ min: 0, max: 1000 }),
    )
    .map(([i, kind, r]) =>
      queryWord(kind, words[i] as string, words[(i + r) % words.length] as string, r),
    );

const query = (words: string[]) =>
  fc
    .array(
      fc.tuple(
        fc.array(term(words), { minLength: 0, maxLength: 3 }),
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: words.length - 1 }), fc.constantFrom('!', '!^', '$')),
          { maxLength: 1 },
        ),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((groups) =>
      groups
        .map(([terms, nots]) =>
          [
            ...terms,
            ...nots.map(([i, op]) => {
              const w = words[i] as string;
              return op === '$' ? `!${w.slice(-3)}$` : `${op}${w.slice(0, 4)}`;
            }),
          ].join(' '),
        )
        .join(' | '),
    );

describe('ranking from the index', () => {
  it('gives exactly the hits, scores, order, totals and partial matches of a plain search', () => {
    let crossing = 0;
    let runs = 0;
    for (const corpus of corpora) {
      fc.assert(
        fc.property(
          query(corpus.words),
          fc.constantFrom(1, 3, 20, Number.POSITIVE_INFINITY),
          fc.boolean(),
          fc.constantFrom<ClaimFilterInput>({}, {}, { kind: ['report', 'statement'] }),
          (q, limit, all, filterInput) => {
            runs++;
            // The documented difference: such queries are counted, not compared.
            if (crossesWords(corpus.values, q)) {
              crossing++;
              return;
            }
            const lookup = openWordIndexes([corpus.file]);
            if (!lookup.usable) throw new Error('the index is not usable');
            const found = indexedSearch(lookup.indexes, q, filterInput, limit, all);
            const filter = buildFilter(corpus.plain, filterInput) as (ref: ClaimRef) => boolean;
            const expected = plainRun(corpus.searcher, q, filter, limit, all);
            expect(summary(found.result), q).toEqual(summary(expected));
            expect(found.dropped).toEqual([]);
          },
        ),
        { numRuns: 100 },
      );
    }
    // And it is rare.
    expect(crossing / runs).toBeLessThan(0.1);
  }, 120_000);

  it('ranks a partial match of many words (counted without scores) exactly as a plain search', () => {
    let partials = 0;
    let runs = 0;
    for (const corpus of corpora) {
      fc.assert(
        fc.property(
          fc.array(term(corpus.words), { minLength: 2, maxLength: 24 }),
          fc.constantFrom(1, 3, 20),
          fc.boolean(),
          fc.boolean(),
          (terms, limit, all, dated) => {
            const q = terms.join(' ');
            if (crossesWords(corpus.values, q)) return;
            runs++;
            const lookup = openWordIndexes([corpus.file]);
            if (!lookup.usable) throw new Error('the index is not usable');
            const found = indexedSearch(lookup.indexes, q, {}, limit, all, dated);
            const options = { filter: () => true, limit, all, dated };
            const expected = withPartial(corpus.searcher.run(q, options), (weak) =>
              corpus.searcher.runPartial(q, { ...options, complete: weak }),
            );
            if (expected.partial) partials++;
            expect(summary(found.result), q).toEqual(summary(expected));
            // The notes about words that match nothing count each word's claims (ranking from
            // the index counts them over every claim). The CLI asks only after an empty or
            // partial result, once the indexes are closed.
            const groups = parseQuery(q);
            if (!rankable(groups)) return;
            if (found.result.total > 0 && !found.result.partial) return;
            for (const t of new Set(groups.flatMap((g) => g.terms)))
              if (!found.dropped.includes(t))
                expect(found.searcher.termHits(t), t).toBe(corpus.searcher.termHits(t));
          },
        ),
        { numRuns: 60 },
      );
    }
    // Most of these queries end in a partial match, the case this path is for.
    expect(partials / runs).toBeGreaterThan(0.5);
  }, 120_000);

  it('keeps weak claims of every word beside a partial match, and drops those only kind words match', () => {
    const kinds = Object.values(KIND_WORDS).flat();
    let besideWeak = 0;
    let withKinds = 0;
    for (const corpus of corpora) {
      // The claims a term matches, weakly or not.
      const found = new Map<string, Set<string>>();
      const matches = (t: string, id: string) => {
        let ids = found.get(t);
        if (!ids) {
          const { hits } = corpus.searcher.run(t, { all: true });
          ids = new Set(hits.map((h) => h.claim.id));
          found.set(t, ids);
        }
        return ids.has(id);
      };
      // Words one claim holds: some only through an alias of its asserter (every word is met,
      // weakly), a word for its kind, words of its text; and maybe words of other claims.
      const [dataset] = corpus.plain.datasets;
      if (!dataset) throw new Error('no dataset');
      const { claims, entities } = dataset.doc;
      const aliasOf = new Map(
        entities.map((e) => [
          e.id,
          (
            e.aliases
              .join(' ')
              .toLowerCase()
              .match(/[\p{L}]+/gu) ?? []
          ).filter((w) => corpus.aliasWords.includes(w)),
        ]),
      );
      const question = fc
        .tuple(
          fc.integer({ min: 0, max: claims.length - 1 }),
          fc.integer({ min: 0, max: 1000 }),
          fc.array(
            fc.oneof(
              fc.constantFrom(...kinds),
              fc.constantFrom(...corpus.aliasWords),
              fc.constantFrom(...corpus.words),
            ),
            { maxLength: 3 },
          ),
        )
        .map(([i, r, more]) => {
          const claim = claims[i] as (typeof claims)[number];
          const own = claim.text.toLowerCase().match(/[\p{L}]{4,}/gu) ?? [];
          const alias = aliasOf.get(claim.assertedBy) ?? [];
          const kind = KIND_WORDS[claim.kind];
          return [
            ...(alias.length > 0 ? [alias[r % alias.length] as string] : []),
            kind[r % kind.length] as string,
            ...(own.length > 0 && r % 3 !== 0 ? [own[r % own.length] as string] : []),
            ...more,
          ];
        });
      fc.assert(
        fc.property(
          question,
          fc.constantFrom(1, 3, 20, Number.POSITIVE_INFINITY),
          fc.boolean(),
          (words, limit, all) => {
            const q = words.join(' ');
            if (crossesWords(corpus.values, q)) return;
            const lookup = openWordIndexes([corpus.file]);
            if (!lookup.usable) throw new Error('the index is not usable');
            const found = indexedSearch(lookup.indexes, q, {}, limit, all);
            const expected = plainRun(corpus.searcher, q, () => true, limit, all);
            expect(summary(found.result), q).toEqual(summary(expected));
            const { partial } = expected;
            if (!partial) return;
            if (partial.weak !== undefined) besideWeak++;
            if (partial.terms.some(isKindWord)) withKinds++;
            for (const hit of expected.hits) {
              // Some word that is not a kind word matches each claim shown…
              expect(
                partial.terms.some((t) => !isKindWord(t) && matches(t, hit.claim.id)),
                `${q}: ${hit.claim.id}`,
              ).toBe(true);
              // …and a weak claim is shown beside strong ones only when it matches every word.
              if (hit.tier === 2 && !all && partial.weak !== undefined)
                expect(hit.words, `${q}: ${hit.claim.id}`).toBe(partial.of);
            }
          },
        ),
        { numRuns: 80 },
      );
    }
    expect(besideWeak).toBeGreaterThan(0);
    expect(withKinds).toBeGreaterThan(0);
  }, 120_000);

  it('scores the claims a partial match can show as the claim-by-claim ranking does', () => {
    for (const corpus of corpora) {
      const lookup = openWordIndexes([corpus.file]);
      if (!lookup.usable) throw new Error('the index is not usable');
      const set = indexSet(lookup.indexes.map((i) => i.index));
      fc.assert(
        fc.property(
          fc.array(term(corpus.words), { minLength: 2, maxLength: 12 }),
          fc.integer({ min: 0, max: 1000 }),
          (terms, seed) => {
            const ranked = new RankedTerms(set, SEARCH_BUDGET);
            const group = { terms: terms.map((t) => fold(t)), exclusions: [] };
            if (group.terms.some((t) => matcherOf(t) === undefined)) return;
            let counted: ReturnType<typeof countWords>;
            try {
              counted = countWords(ranked, group);
            } catch (error) {
              if (error instanceof OverBudget) return;
              throw error;
            }
            if (!counted) return;
            // Claims some term matches, and a pool of some of them.
            const matched: number[] = [];
            counted.words.forEach((w, c) => {
              if (w > 0) matched.push(c);
            });
            const pool = matched.filter((_, i) => (i * 7 + seed) % 3 !== 0);
            // The former way: each term's hits claim by claim, multiplied in the group's order.
            const expected = new Map<number, number>();
            for (const t of group.terms) {
              const h = ranked.hits(t);
              h.claims.forEach((c, i) => {
                const s = h.scores[i] as number;
                const was = expected.get(c);
                expected.set(c, was === undefined ? s : was * s);
              });
            }
            for (const bySearch of [true, false]) {
              const scores = poolScores(counted, pool, set.total, bySearch);
              for (const c of pool) expect(scores[c], `${c} ${bySearch}`).toBe(expected.get(c));
            }
            // The counts and tiers are those of the hits too.
            for (const c of matched) {
              let words = 0;
              let tier = 0;
              for (const t of group.terms) {
                const h = ranked.hits(t);
                const i = h.claims.indexOf(c);
                if (i === -1) continue;
                words++;
                tier = Math.max(tier, h.tiers[i] as number);
              }
              expect([counted.words[c], counted.tiers[c]]).toEqual([words, tier]);
            }
          },
        ),
        { numRuns: 60 },
      );
    }
  }, 120_000);

  it('tells two lists of claims the same as marking one and checking the other does', () => {
    // The former way: the claims of one marked, each of the other looked up, the marks undone.
    const reference = (a: Uint32Array, b: Uint32Array, n: number): boolean => {
      if (a.length !== b.length) return false;
      const mark = new Int32Array(n);
      for (const c of b) if (c < n) mark[c] = 1;
      for (const c of a) if (!(c < n) || mark[c] !== 1) return false;
      return true;
    };
    const distinct = fc
      .uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 12 })
      .map((xs) => Uint32Array.from(xs));
    fc.assert(
      fc.property(
        distinct,
        distinct,
        fc.boolean(),
        fc.integer({ min: 1, max: 45 }),
        (a, b, shuffled, n) => {
          // Often the same claims in another order, as a name's list and an alias's are.
          const other = shuffled ? Uint32Array.from([...a].reverse()) : b;
          expect(sameClaims(a, other, n)).toBe(reference(a, other, n));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('tells words and phrases from other terms as the regular expressions do', () => {
    const one = /^[\p{L}\p{N}\p{M}]+$/u;
    const phrase = /^[\p{L}\p{N}\p{M}]+(?: [\p{L}\p{N}\p{M}]+)*$/u;
    const unit = fc.constantFrom(
      'a',
      'Z',
      '0',
      '9',
      ' ',
      ' ',
      '-',
      "'",
      '"',
      '_',
      '\u00e9',
      '\u0301',
      '\u4e2d',
      '\u00a0',
      '!',
      '\u{1d400}',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 8 }), (units) => {
        const text = units.join('');
        expect(wordsOnly(text, false), text).toBe(one.test(text));
        expect(wordsOnly(text, true), text).toBe(phrase.test(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a word and the words with a prefix in the sorted vocabulary as a scan of it does', () => {
    for (const corpus of corpora) {
      const lookup = openWordIndexes([corpus.file]);
      if (!lookup.usable) throw new Error('the index is not usable');
      const index = (lookup.indexes[0] as (typeof lookup.indexes)[number]).index;
      const vocabulary = Array.from({ length: index.words }, (_, w) => index.word(w));
      expect(index.allWords()).toEqual(vocabulary);
      fc.assert(
        fc.property(
          fc.oneof(
            fc.constantFrom(...vocabulary),
            fc.constantFrom(...vocabulary).map((w) => w.slice(0, 1 + (w.length >> 1))),
            fc.constantFrom(...vocabulary).map((w) => `${w}s`),
            fc.string({ minLength: 1, maxLength: 4 }),
          ),
          (text) => {
            expect(index.wordNumber(text)).toBe(vocabulary.indexOf(text));
            const starting: number[] = [];
            vocabulary.forEach((w, i) => {
              if (w.startsWith(text)) starting.push(i);
            });
            expect(index.wordsStarting(text)).toEqual(starting);
          },
        ),
        { numRuns: 300 },
      );
    }
  });

  it('leaves out the costliest terms beyond its budget, and says which', () => {
    const [corpus] = corpora;
    if (!corpus) throw new Error('no corpus');
    const lookup = openWordIndexes([corpus.file]);
    if (!lookup.usable) throw new Error('the index is not usable');
    // "in" occurs in most claims of the topical shape; the budget here allows few occurrences.
    const rare = corpus.words.find((w) => w.length >= 7) as string;
    const found = indexedSearch(lookup.indexes, `in ${rare}`, {}, 20, false, false, 40);
    expect(found.dropped).toEqual(['in']);
    const expected = plainRun(corpus.searcher, rare, () => true, 20, false);
    expect(summary(found.result)).toEqual(summary(expected));
    // A group keeps its cheapest term whatever it costs: a common word alone is searched.
    const lookup2 = openWordIndexes([corpus.file]);
    if (!lookup2.usable) throw new Error('the index is not usable');
    const alone = indexedSearch(lookup2.indexes, "'e", {}, 20, false, false, 40);
    expect(alone.dropped).toEqual([]);
    expect(summary(alone.result)).toEqual(
      summary(plainRun(corpus.searcher, "'e", () => true, 20, false)),
    );
    expect(alone.result.total).toBeGreaterThan(0);
    // So does each branch of an OR; exclusions count like terms.
    const lookup3 = openWordIndexes([corpus.file]);
    if (!lookup3.usable) throw new Error('the index is not usable');
    const either = indexedSearch(lookup3.indexes, `in | ${rare} !e`, {}, 20, false, false, 40);
    expect(either.dropped).toEqual(['!e']);
    expect(summary(either.result)).toEqual(
      summary(plainRun(corpus.searcher, `in | ${rare}`, () => true, 20, false)),
    );
  });
});

describe('the index builder cuts words as the word pattern does', () => {
  it('finds the same words as text.matchAll(wordPattern()), astral letters and marks included', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            'a',
            'Z',
            '9',
            ' ',
            '-',
            "'",
            'é',
            '\u0301',
            '𝒜',
            '\ud800',
            '中',
            '_',
          ),
        }),
        (text) => {
          const expected = [...text.matchAll(wordPattern())].flatMap((m) => [
            m.index,
            m.index + m[0].length,
          ]);
          expect(wordSpans(text)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
