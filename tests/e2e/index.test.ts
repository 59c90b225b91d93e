import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { writeCorpus } from '../../bench/corpus.mjs';
import { corpusOf } from '../../src/core/model/corpus.js';
import { buildFilter } from '../../src/core/search/filter.js';
import { ClaimSearcher, searchRecord, withPartial } from '../../src/core/search/search.js';
import { SEARCH_FINGERPRINT } from '../../src/core/search/search-record.js';
import { buildIndex } from '../../src/core/store/index-build.js';
import { indexDirectory, openIndex } from '../../src/core/store/index-store.js';
import { indexedSearch, openWordIndexes } from '../../src/core/store/indexed-search.js';
import { loadDataset } from '../../src/core/store/load.js';
import { armru } from '../helpers.js';

let dir: string;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'armru-index-'));
  file = writeCorpus(8000, join(dir, 'a'), 7) as string;
  await buildIndex(file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Queries of every kind, built from names that occur in the corpus. */
function queries(): { query: string; filter?: Parameters<typeof buildFilter>[1] }[] {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const surname = (i: number) => doc.entities[i].name.split(' ')[1] as string;
  const typo = (s: string) => `${s.slice(0, 2)}${s[3]}${s[2]}${s.slice(4)}`;
  const place =
    doc.entities.find((e: { type: string; id: string }) => e.type === 'Place' && e.id === 'place40')
      ?.name ?? 'Gyumri';
  return [
    { query: surname(3) },
    { query: surname(12).toLowerCase() },
    { query: typo(surname(25)) },
    { query: `${surname(4)} ${place}` },
    { query: `${surname(5)} | ${surname(6)}` },
    { query: `'${surname(7)}` },
    { query: `^${doc.entities[8].name.split(' ')[0]}` },
    { query: `${place}$` },
    { query: `${surname(9)} !Kommersant` },
    { query: 'biolabs Gyumri' },
    { query: 'Gyumri', filter: { kind: ['report', 'event'] } },
    { query: 'migration', filter: { assertedBy: ['author'] } },
    { query: `=${doc.entities[10].name}` },
    { query: '' },
    { query: 'a' },
    { query: `${surname(3)} x | ${surname(5)}` },
  ];
}

describe('search through the word index', () => {
  it('returns what a search of every claim returns, but for matches across a word boundary', async () => {
    const plain = corpusOf(await loadDataset(file, { useIndex: false }));
    const searcher = new ClaimSearcher(plain);
    let missed = 0;
    for (const { query, filter } of queries()) {
      const lookup = openWordIndexes([file]);
      expect(lookup.usable, query).toBe(true);
      if (!lookup.usable) continue;
      const { hits } = indexedSearch(lookup.indexes, query, filter ?? {}, 100_000);
      const options = { filter: buildFilter(plain, filter ?? {}) };
      // With no claim matching every word (or only weakly), both paths show the claims that
      // match most words.
      const expected = withPartial(searcher.run(query, options), (weak) =>
        searcher.runPartial(query, { ...options, complete: weak }),
      ).hits;
      const found = new Set(hits.map((h) => h.claim.id));
      // The one allowed difference: a fuzzy match that needs the characters around a space or
      // punctuation ("gho dis" for "ghokdis") is not in the word index. Every miss must be one.
      for (const hit of expected.filter((h) => !found.has(h.claim.id))) {
        missed++;
        const record = searchRecord(hit.dataset, hit.claim);
        const spans = hit.matches.map((m) => {
          const value =
            m.field === 'text' || m.field === 'quote'
              ? record[m.field]
              : record[m.field][m.entry ?? 0];
          const from = Math.min(...m.indices.map(([a]) => a));
          const to = Math.max(...m.indices.map(([, b]) => b));
          return (value ?? '').slice(from, to + 1);
        });
        expect(
          spans.some((span) => /[^\p{L}\p{N}\p{M}]/u.test(span)),
          `${query}: ${hit.claim.id} ${spans}`,
        ).toBe(true);
      }
      // Everything else is the same: the same claims, scores and order.
      expect(
        hits.map((h) => [h.claim.id, h.score]),
        query,
      ).toEqual(expected.filter((h) => found.has(h.claim.id)).map((h) => [h.claim.id, h.score]));
    }
    // The difference is rare: a handful of weak matches over fourteen queries.
    expect(missed).toBeLessThan(10);
  });

  it('gives the same CLI output with and without the index', () => {
    const copy = join(dir, 'plain');
    cpSync(join(dir, 'a'), copy, {
      recursive: true,
      filter: (src) => !src.includes('.armru-index'),
    });
    // Without an index, a dataset this large is said to be searched one by one, first.
    const unindexed = join(copy, 'synthetic-8000.claims.json');
    const hint = `armru: ${unindexed} has no index, so its 8,000 claims are searched one by one; run 'armru index' to build one\n`;
    // "Gyumri Kazan": no claim has both places, so both paths show the partial match.
    for (const query of ['Gyumri', 'biolabs Moscow', "'Kazan | Sochi", 'Gyumri Kazan']) {
      const indexed = armru(['--data', file, 'search', query, '--json', '--limit', '100']);
      expect(JSON.parse(indexed.stdout).length, query).toBeGreaterThan(0);
      const plain = armru(['--data', unindexed, 'search', query, '--json', '--limit', '100']);
      expect(indexed.stdout, query).toBe(plain.stdout);
      expect(plain.stderr.startsWith(hint), plain.stderr).toBe(true);
      plain.stderr = plain.stderr.slice(hint.length);
      // The counts under the results ("showing 100 of N", "N more ... alias") include the
      // fuzzy matches across a word boundary that the word index does not hold (the one
      // allowed difference, above); a fuzzy word ("Sochi") can have some, so its counts are
      // compared as no larger. Exact and whole-word queries must agree to the number.
      if (query.includes('Sochi')) {
        const numbers = (s: string) => (s.match(/\d+/g) ?? []).map(Number);
        const mask = (s: string) => s.replace(/\d+/g, 'N');
        expect(mask(indexed.stderr)).toBe(mask(plain.stderr));
        const [i, p] = [numbers(indexed.stderr), numbers(plain.stderr)];
        i.forEach((n, k) => expect(n).toBeLessThanOrEqual(p[k] as number));
      } else {
        expect(indexed.stderr).toBe(plain.stderr);
      }
    }
  });
});

describe('index freshness', () => {
  it('is refused for another dataset, and for a changed one', async () => {
    expect(openIndex(file, SEARCH_FINGERPRINT).state).toBe('fresh');
    // An index copied beside another dataset does not match its content.
    const other = writeCorpus(8000, join(dir, 'b'), 8) as string;
    cpSync(indexDirectory(file), indexDirectory(other), { recursive: true });
    expect(openIndex(other, SEARCH_FINGERPRINT)).toEqual({
      state: 'stale',
      reason: 'the dataset has changed since it was indexed',
    });
    const r = armru(['--data', other, 'search', 'Gyumri']);
    expect(r.stderr.split('\n')[0]).toBe(
      `armru: the index of ${other} is stale (the dataset has changed since it was indexed); searching without it; run 'armru index' to rebuild it`,
    );
    // A changed article text makes the index stale too.
    const text = join(dir, 'a', 'synthetic-8000.txt');
    const original = readFileSync(text);
    writeFileSync(text, Buffer.concat([original, Buffer.from(' ')]));
    expect(openIndex(file, SEARCH_FINGERPRINT)).toMatchObject({ state: 'stale' });
    writeFileSync(text, original);
  });

  it('is ignored when built for other search options', () => {
    expect(openIndex(file, `${SEARCH_FINGERPRINT}x`)).toEqual({
      state: 'stale',
      reason: 'it was built for other search options',
    });
  });

  it('a dataset that fails its checks gets no index', () => {
    const r = armru(['index', 'tests/fixtures/bad/offsets.claims.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not a valid armru dataset');
  });
});

describe('armru index', () => {
  it('reports what it built, with progress on stderr for large corpora', () => {
    const r = armru(['index', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: indexed 8000 claims, \\d+ words in [\\d.]+ s \\(large index in .*\\)\\n$`,
      ),
    );
    expect(r.stderr).toMatch(/^armru: indexing .*: \d+ of 8000 claims \(\d+%\)\n/);
    const small = armru(['index', '--data', 'tests/fixtures/mini/claims.json']);
    expect(small.stdout).toMatch(
      /^tests\/fixtures\/mini\/claims.json: indexed 4 claims in [\d.]+ s \(small index in /,
    );
    expect(small.stderr).toBe('');
    rmSync(indexDirectory('tests/fixtures/mini/claims.json'), { recursive: true, force: true });
  });
});
