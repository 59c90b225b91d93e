import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Fuse, { type Expression } from 'fuse.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { writeCorpus } from '../../bench/corpus.mjs';
import { type ClaimRef, corpusOf } from '../../src/core/model/corpus.js';
import type { Dataset } from '../../src/core/model/types.js';
import { wordForms } from '../../src/core/search/inflect.js';
import { MatchExplainer } from '../../src/core/search/match-details.js';
import { ClaimSearcher, type HitMatch, parseQuery } from '../../src/core/search/search.js';
import {
  FUSE_OPTIONS,
  KIND_WORDS,
  type SearchRecord,
  searchRecord,
  wordPattern,
} from '../../src/core/search/search-record.js';
import { loadDataset } from '../../src/core/store/load.js';
import { fold } from '../../src/core/text/fold.js';
import { queryWord } from '../queries.js';

// The match details of a hit (where each term matched: the positions highlighted in a terminal,
// the values `--json` lists) are worked out claim by claim without scoring anything again
// (match-details.ts). They must be exactly what fuse.js reports when it searches every claim.

let dir: string;
const corpora: {
  name: string;
  refs: ClaimRef[];
  fuse: Fuse<SearchRecord>;
  words: string[];
  vocabulary: Set<string>;
}[] = [];

/** True when no term has another form among the corpus's words (see `vocabulary`). */
const formless = (terms: string[], vocabulary: Set<string>) =>
  terms.every((t) => wordForms(t).every((f) => !vocabulary.has(f)));

function prepare(name: string, dataset: Dataset): void {
  const corpus = corpusOf(dataset);
  const refs = corpus.datasets.flatMap((d) => d.doc.claims.map((claim) => ({ dataset: d, claim })));
  const records = refs.map((r) => searchRecord(r.dataset, r.claim));
  const fuse = new Fuse(records, FUSE_OPTIONS);
  // Words people would type, as written (with their diacritics and typographic marks): from
  // the texts, the quotes, the names and aliases, the topics and the kind words.
  const words = [
    ...new Set(
      [
        ...dataset.doc.claims.flatMap((c) => [c.text, c.quote.exact]),
        ...dataset.doc.entities.flatMap((e) => [e.name, ...e.aliases]),
        ...dataset.doc.topics.flatMap((t) => [t.name, ...t.aliases]),
        ...Object.values(KIND_WORDS).flat(),
      ]
        .join(' ')
        .split(/[\s,.;:()“”"]+/)
        .filter((w) => /\p{L}/u.test(w)),
    ),
  ];
  // The folded words of every record: a term whose other forms (inflect.ts) are among them
  // is met as the better of fuse.js and those forms, which fuse.js alone cannot tell.
  const vocabulary = new Set(
    records.flatMap((r) =>
      Object.values(r)
        .flat()
        .flatMap((v) => fold(v).match(wordPattern()) ?? []),
    ),
  );
  corpora.push({ name, refs, fuse, words, vocabulary });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'armru-details-'));
  prepare('built-in', await loadDataset());
  for (const [seed, shape, size] of [
    [21, 'varied', 90],
    [22, 'topical', 90],
  ] as const) {
    const file = writeCorpus(size, join(dir, String(seed)), seed, shape) as string;
    prepare(`${shape} ${seed}`, await loadDataset(file, { useIndex: false }));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** fuse.js's matches of one term, searching every record: claim number to its matches. */
function fuseMatches(fuse: Fuse<SearchRecord>, term: string): Map<number, HitMatch[]> {
  const out = new Map<number, HitMatch[]>();
  for (const result of fuse.search({ $and: [term] } as Expression)) {
    out.set(
      result.refIndex,
      (result.matches ?? []).map((m) => ({
        field: m.key as HitMatch['field'],
        ...(m.refIndex !== undefined ? { entry: m.refIndex } : {}),
        indices: m.indices.map(([a, b]) => [a, b] as [number, number]),
      })),
    );
  }
  return out;
}

const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', y: 'ý' };

/** A word of the corpus as someone might type it: misspelt, accented, cut, with an operator. */
const term = (words: string[]) =>
  fc
    .tuple(
      fc.integer({ min: 0, max: words.length - 1 }),
      fc.constantFrom(
        'word',
        'typo',
        'dropped',
        'accent',
        'plain',
        'apostrophe',
        'exact',
        'include',
        'prefix',
        'suffix',
        'cut',
        'letter',
      ),
      fc.integer({ min: 0, max: 1000 }),
    )
    .map(([i, kind, r]) => {
      const w = words[i] as string;
      const other = words[(i + r) % words.length] as string;
      switch (kind) {
        case 'dropped':
          return w.length > 5 ? `${w.slice(0, r % w.length)}${w.slice((r % w.length) + 1)}` : w;
        case 'accent':
          return w.replace(/[aeiouy]/, (c) => ACCENTED[c] ?? c);
        case 'plain':
          return w.normalize('NFD').replace(/\p{M}/gu, '');
        case 'apostrophe':
          return w.includes("'") ? w.replace("'", '’') : `${w}’s`;
        default:
          return queryWord(kind, w, other, r);
      }
    });

describe('match details without scoring again', () => {
  it("are fuse.js's own matches for every claim a one-group query matches, and none other", () => {
    for (const corpus of corpora) {
      fc.assert(
        fc.property(fc.array(term(corpus.words), { minLength: 1, maxLength: 3 }), (typed) => {
          const groups = parseQuery(typed.join(' '));
          fc.pre(groups.length === 1 && (groups[0]?.terms.length ?? 0) > 0);
          const group = groups[0] as (typeof groups)[number];
          fc.pre(formless(group.terms, corpus.vocabulary));
          const perTerm = group.terms.map((t) => fuseMatches(corpus.fuse, t));
          const explainer = new MatchExplainer(groups, false);
          corpus.refs.forEach((ref, n) => {
            const expected = perTerm.every((m) => m.has(n))
              ? perTerm.flatMap((m) => m.get(n) as HitMatch[])
              : undefined;
            if (expected === undefined)
              expect(() => explainer.explain(ref.dataset, ref.claim)).toThrow(/does not match/);
            else
              expect(explainer.explain(ref.dataset, ref.claim)?.matches, typed.join(' ')).toEqual(
                expected,
              );
          });
        }),
        { numRuns: 60 },
      );
    }
  }, 120_000);

  it('are the matches of every word a claim matches in a partial match, in order', () => {
    for (const corpus of corpora) {
      fc.assert(
        fc.property(fc.array(term(corpus.words), { minLength: 2, maxLength: 4 }), (typed) => {
          const groups = parseQuery(typed.join(' '));
          fc.pre(groups.length === 1 && (groups[0]?.terms.length ?? 0) > 1);
          const group = groups[0] as (typeof groups)[number];
          fc.pre(formless(group.terms, corpus.vocabulary));
          const perTerm = group.terms.map((t) => fuseMatches(corpus.fuse, t));
          const explainer = new MatchExplainer(groups, true);
          corpus.refs.forEach((ref, n) => {
            if (!perTerm.some((m) => m.has(n))) return;
            expect(explainer.explain(ref.dataset, ref.claim)?.matches).toEqual(
              perTerm.flatMap((m) => m.get(n) ?? []),
            );
          });
        }),
        { numRuns: 40 },
      );
    }
  }, 120_000);

  it('match the plain search hit for hit, OR-branches and exclusions included, or defer to it', () => {
    let deferred = 0;
    let explained = 0;
    for (const corpus of corpora) {
      const searcher = new ClaimSearcher(corpusOf(...new Set(corpus.refs.map((r) => r.dataset))));
      fc.assert(
        fc.property(
          fc.array(
            fc.tuple(
              fc.array(term(corpus.words), { minLength: 1, maxLength: 2 }),
              fc.option(fc.integer({ min: 0, max: corpus.words.length - 1 }), { nil: undefined }),
            ),
            { minLength: 1, maxLength: 3 },
          ),
          (branches) => {
            const typed = branches
              .map(([terms, not]) =>
                [
                  ...terms,
                  ...(not === undefined ? [] : [`!${corpus.words[not]?.slice(0, 4)}`]),
                ].join(' '),
              )
              .join(' | ');
            const groups = parseQuery(typed);
            const explainer = new MatchExplainer(groups, false);
            const hits = searcher.runGroups(groups, { all: true });
            for (const hit of hits.hits) {
              const details = explainer.explain(hit.dataset, hit.claim);
              if (details === undefined) {
                // Only where two branches match: then the scores decide.
                const matching = groups.filter(
                  (g) =>
                    new ClaimSearcher(corpusOf(hit.dataset), [hit]).runGroups([g]).hits.length > 0,
                );
                expect(matching.length, typed).toBeGreaterThan(1);
                deferred++;
                continue;
              }
              explained++;
              expect({ matches: details.matches, matched: details.matched }, typed).toEqual({
                matches: hit.matches,
                matched: hit.matched,
              });
            }
          },
        ),
        { numRuns: 40 },
      );
    }
    // The comparisons are many, and deferring is the exception.
    expect(explained).toBeGreaterThan(200);
    expect(deferred).toBeLessThan(explained);
  }, 120_000);

  it('list the alias a claim matched through, and the name over the alias when both match', () => {
    const corpus = corpora[0];
    if (!corpus) throw new Error('no corpus');
    const searcher = new ClaimSearcher(corpusOf(corpus.refs[0]?.dataset as Dataset));
    // Shoygu is an alias of Shoigu in the built-in dataset: a claim that names him matches the
    // name and the alias, and lists the name; "Kremlin" is an alias of Russia only.
    for (const q of [
      'Shoygu',
      'Kremlin',
      "Russia's",
      'Pashinian',
      'velvet revolution',
      'Kremlin Russia',
    ]) {
      const groups = parseQuery(q);
      const explainer = new MatchExplainer(groups, false);
      const hits = searcher.runGroups(groups, { all: true }).hits;
      expect(hits.length, q).toBeGreaterThan(0);
      for (const hit of hits) {
        const details = explainer.explain(hit.dataset, hit.claim);
        expect(details?.matched, q).toEqual(hit.matched);
      }
    }
    const kremlin = new MatchExplainer(parseQuery('Kremlin'), false);
    const vias = searcher
      .runGroups(parseQuery('Kremlin'), { all: true })
      .hits.flatMap((h) => kremlin.explain(h.dataset, h.claim)?.matched ?? [])
      .map((m) => m.via);
    expect(vias).toContain('alias of Russia');
    // Alias-only through one word while the name matches another: the alias is listed beside
    // the name, since it alone carries the word the hit is weak on.
    const velvet = searcher.runGroups(parseQuery('velvet revolution'), { all: true });
    const c16 = velvet.hits.find((h) => h.claim.id === 'c16');
    expect(c16?.tier).toBe(2);
    expect(c16?.matched.filter((m) => m.field === 'topics')).toEqual([
      { field: 'topics', value: 'Velvet Revolution', via: 'alias of 2018 Armenian Revolution' },
      { field: 'topics', value: '2018 Armenian Revolution' },
    ]);
    // A hit of a stronger tier keeps one entry per owner, the name.
    const c04 = searcher
      .runGroups(parseQuery('Shoygu'), { all: true })
      .hits.find((h) => h.claim.id === 'c04');
    expect(c04?.tier).toBe(0);
    expect(c04?.matched.filter((m) => m.field === 'actors')).toEqual([
      { field: 'actors', value: 'Sergey Shoygu' },
    ]);
  });
});
