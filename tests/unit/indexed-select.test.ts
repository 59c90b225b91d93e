import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { writeCorpus } from '../../bench/corpus.mjs';
import type { Corpus } from '../../src/core/model/corpus.js';
import { CLAIM_KINDS } from '../../src/core/model/types.js';
import * as plain from '../../src/core/search/select.js';
import { buildIndex } from '../../src/core/store/index-build.js';
import { loadCorpus } from '../../src/core/store/load.js';
import { indexedMatches, selectClaims } from '../../src/core/store/select.js';

// The --query filter answered from the word index must select exactly the claims the search
// of every loaded claim selects, with and without the other filters.

let dir: string;
let corpus: Corpus;
let words: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'armru-select-'));
  const file = writeCorpus(150, join(dir, 'c'), 21, 'topical') as string;
  await buildIndex(file, undefined, true);
  corpus = await loadCorpus([file]);
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  words = [
    ...new Set(
      [
        ...doc.claims.map((c: { text: string }) => c.text),
        ...doc.entities.map((e: { name: string }) => e.name),
      ]
        .join(' ')
        .toLowerCase()
        .match(/\p{L}{3,}/gu) as string[],
    ),
  ];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ids = (refs: { claim: { id: string } }[]) => refs.map((r) => r.claim.id);

describe('--query through the word index', () => {
  it('selects exactly what the plain search selects', () => {
    let answered = 0;
    const word = () => fc.integer({ min: 0, max: words.length - 1 }).map((i) => words[i] as string);
    const query = fc
      .tuple(
        word(),
        word(),
        fc.constantFrom('one', 'two', 'or', 'not', 'include', 'prefix', 'typo'),
      )
      .map(([a, b, kind]) => {
        switch (kind) {
          case 'two':
            return `${a} ${b}`;
          case 'or':
            return `${a} | ${b}`;
          case 'not':
            return `${a} !${b}`;
          case 'include':
            return `'${a}`;
          case 'prefix':
            return `^${a.slice(0, 3)}`;
          case 'typo':
            return a.length > 5 ? `${a.slice(0, 2)}${a[3]}${a[2]}${a.slice(4)}` : a;
          default:
            return a;
        }
      });
    const kind = fc.option(fc.constantFrom(...CLAIM_KINDS), { nil: undefined });
    fc.assert(
      fc.property(query, kind, (q, k) => {
        const selection = { query: q, ...(k ? { kind: [k] } : {}) };
        if (indexedMatches(corpus, q) !== undefined) answered++;
        expect(ids(selectClaims(corpus, selection)), q).toEqual(
          ids(plain.selectClaims(corpus, selection)),
        );
      }),
      { numRuns: 150, seed: 2026 },
    );
    // The index answered the queries (the comparison is not of the plain path with itself).
    expect(answered).toBeGreaterThan(100);
  });

  it('declines what it cannot answer exactly, and the plain path runs', async () => {
    const word = words[0] as string;
    expect(indexedMatches(corpus, word)).toBeInstanceOf(Set);
    // No query words: every claim, which the plain path gives.
    expect(indexedMatches(corpus, '   ')).toBeUndefined();
    // The built-in dataset has a small index, without word postings.
    const builtIn = await loadCorpus([]);
    expect(indexedMatches(builtIn, 'Gyumri')).toBeUndefined();
    expect(ids(selectClaims(builtIn, { query: 'Gyumri' }))).toEqual(
      ids(plain.selectClaims(builtIn, { query: 'Gyumri' })),
    );
    // A dataset changed since it was indexed (beside the same article): its index is stale.
    const file = corpus.datasets[0]?.file as string;
    const changed = join(dir, 'c', 'changed.claims.json');
    writeFileSync(changed, `${readFileSync(file, 'utf8')}\n`);
    cpSync(`${file}.armru-index`, `${changed}.armru-index`, { recursive: true });
    const stale = await loadCorpus([changed]);
    expect(indexedMatches(stale, word)).toBeUndefined();
    expect(ids(selectClaims(stale, { query: word }))).toEqual(
      ids(plain.selectClaims(stale, { query: word })),
    );
  });
});
