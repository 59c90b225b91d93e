import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { writeCorpus } from '../../bench/corpus.mjs';
import { SEARCH_FINGERPRINT } from '../../src/core/search/search-record.js';
import { buildIndex } from '../../src/core/store/index-build.js';
import { ARTICLE_STEP, openIndex, WordIndex } from '../../src/core/store/index-store.js';
import { ROOT } from '../helpers.js';

// A large index reads the article's code points in pieces, for thousands of quotes at once:
// every span must be exactly the code points of the article on disk, whatever pieces it
// crosses, and a piece that cannot be read must spoil only the spans that need it. Entities
// asked for by the thousand are read in passes over the dataset: the same entities, in the
// order asked for, each checked against its CRC-32.

let dir: string;
let file: string;
let article: string;
let text: string;

/** A WordIndex of the dataset, opened fresh (the caller closes it). */
function open(): WordIndex {
  const state = openIndex(file, SEARCH_FINGERPRINT);
  if (state.state !== 'fresh') throw new Error(`index ${state.state}`);
  return new WordIndex(file, state.dir, state.meta);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'armru-pieces-'));
  mkdirSync(join(dir, 'd'));
  file = join(dir, 'd', 'claims.json');
  article = join(dir, 'd', 'article.txt');
  copyFileSync(join(ROOT, 'tests/fixtures/mini/claims.json'), file);
  // The mini article, then three pieces' worth of text with characters of one to four bytes,
  // astral ones (two UTF-16 units) among them, so that spans cross pieces and units differ
  // from code points.
  const words = ['ferry', 'Gyumri', 'Ərəb', '—', '😀', '𝔸lpha', 'ще', '“quoted”', '漢字'];
  let more = '';
  for (let i = 0; Array.from(more).length < 3 * ARTICLE_STEP + 500; i++)
    more += `${words[(i * 7) % words.length]}${i % 11 === 0 ? '\n' : ' '}`;
  text = readFileSync(join(ROOT, 'tests/fixtures/mini/article.txt'), 'utf8') + more;
  writeFileSync(article, text);
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  doc.source.textSha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  doc.$schema = join(ROOT, 'data/claims.schema.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  await buildIndex(file, undefined, true);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading the article in pieces for many quotes at once', () => {
  it('gives each span the code points of the article, across pieces and astral characters', () => {
    const points = Array.from(text);
    const span = fc
      .tuple(fc.nat(points.length - 1), fc.integer({ min: 1, max: 2 * ARTICLE_STEP }))
      .map(([start, length]) => [start, Math.min(points.length, start + length)] as const);
    const index = open();
    try {
      fc.assert(
        fc.property(fc.array(span, { minLength: 1, maxLength: 40 }), (spans) => {
          expect(index.articlePieces(spans)).toEqual(
            spans.map(([a, b]) => points.slice(a, b).join('')),
          );
        }),
        { numRuns: 60 },
      );
      // The same span twice, one crossing a piece's end, and one past the article's end.
      const across = [ARTICLE_STEP - 3, ARTICLE_STEP + 4] as const;
      expect(index.articlePieces([across, across, [0, points.length + 1]])).toEqual([
        points.slice(...across).join(''),
        points.slice(...across).join(''),
        {
          problem: `end (${points.length + 1}) is past the end of the article (${points.length} code points)`,
        },
      ]);
    } finally {
      index.close();
    }
  });

  it('says which spans fall where the file is no longer UTF-8, and reads the others', () => {
    const index = open();
    index.mapArticle();
    index.close();
    const bytes = readFileSync(article);
    // Spoil one byte in the third piece, by its byte offset.
    const third = Buffer.byteLength(
      Array.from(text)
        .slice(0, 2 * ARTICLE_STEP + 10)
        .join(''),
    );
    const spoiled = Buffer.from(bytes);
    spoiled[third] = 0xff;
    writeFileSync(article, spoiled);
    try {
      const points = Array.from(text);
      const spans = [
        [5, 40],
        [2 * ARTICLE_STEP + 2, 2 * ARTICLE_STEP + 20],
        [ARTICLE_STEP + 1, ARTICLE_STEP + 9],
      ] as const;
      expect(index.articlePieces(spans)).toEqual([
        points.slice(5, 40).join(''),
        { problem: 'the article is not UTF-8 text there' },
        points.slice(ARTICLE_STEP + 1, ARTICLE_STEP + 9).join(''),
      ]);
      rmSync(article);
      expect(index.articlePieces(spans)).toEqual(
        spans.map(() => ({ problem: 'the article cannot be read' })),
      );
    } finally {
      writeFileSync(article, bytes);
    }
  });
});

describe('reading many entities at once', () => {
  it('gives the entities asked for, in that order, as one by one, and refuses damaged bytes', async () => {
    const corpus = writeCorpus(1500, join(dir, 'c'), 5, 'topical') as string;
    await buildIndex(corpus, undefined, true);
    const state = openIndex(corpus, SEARCH_FINGERPRINT);
    if (state.state !== 'fresh') throw new Error(`index ${state.state}`);
    const doc = JSON.parse(readFileSync(corpus, 'utf8'));
    const byId = new Map(doc.entities.map((e: { id: string }) => [e.id, e]));
    const ids = doc.entities.map((e: { id: string }) => e.id) as string[];
    expect(ids.length).toBeGreaterThan(150);
    const index = new WordIndex(corpus, state.dir, state.meta);
    try {
      fc.assert(
        fc.property(fc.shuffledSubarray(ids, { minLength: 0 }), fc.boolean(), (some, twice) => {
          const asked = twice ? [...some, ...some, 'no-such-entity'] : some;
          const many = index.entities(asked);
          expect(many).toEqual(some.map((id) => byId.get(id)));
          // Read in one pass, or in a pass for each run of entities closer than some bytes
          // (each one alone, for none): the same answer.
          for (const gap of [Number.POSITIVE_INFINITY, 600, 0])
            expect(index.entities(asked, gap)).toEqual(many);
          // Fewer than 64 are read one by one: the same answer.
          const few = some.slice(0, 10);
          expect(index.entities(few)).toEqual(few.map((id) => byId.get(id)));
        }),
        { numRuns: 25 },
      );
    } finally {
      index.close();
    }
    // One byte of an entity changed in place (same size): reading it in bulk is refused.
    const bytes = readFileSync(corpus);
    const at = bytes.indexOf('"description":"', bytes.indexOf('"entities"')) + 16;
    const spoiled = Buffer.from(bytes);
    spoiled[at] = spoiled[at] === 0x58 ? 0x59 : 0x58;
    writeFileSync(corpus, spoiled);
    const reopened = new WordIndex(corpus, state.dir, state.meta);
    try {
      for (const gap of [Number.POSITIVE_INFINITY, 0])
        expect(() => reopened.entities(ids, gap)).toThrow(
          /entity \d+ does not match the bytes it recorded/,
        );
    } finally {
      reopened.close();
      writeFileSync(corpus, bytes);
    }
  });
});
