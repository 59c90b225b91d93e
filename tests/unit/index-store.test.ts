import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { writeCorpus } from '../../bench/corpus.mjs';
import { topLevelArraySpans } from '../../src/core/dataset/json-spans.js';
import {
  BYTE_ORDER,
  FUSE_VERSION,
  SEARCH_FINGERPRINT,
} from '../../src/core/search/search-record.js';
import { crc32, crc32Portable } from '../../src/core/text/checksum.js';
import { ROOT } from '../helpers.js';

// The index build is given a loader that changes a file right after the checks have read it,
// as an editor saving during `armru index` would.
const during = vi.hoisted(() => ({ change: undefined as (() => void) | undefined }));
vi.mock('../../src/core/store/load.js', async (original) => {
  const real = (await original()) as typeof import('../../src/core/store/load.js');
  return {
    ...real,
    loadDataset: async (...args: Parameters<typeof real.loadDataset>) => {
      const dataset = await real.loadDataset(...args);
      during.change?.();
      return dataset;
    },
  };
});
const { buildIndex } = await import('../../src/core/store/index-build.js');
const { indexDirectory, openIndex, WordIndex, ARTICLE_STEP } = await import(
  '../../src/core/store/index-store.js'
);

const dir = mkdtempSync(join(tmpdir(), 'armru-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CRC-32', () => {
  it('is the zlib checksum ("123456789" gives cbf43926), natively and in JavaScript', () => {
    expect(crc32('123456789').toString(16)).toBe('cbf43926');
    expect(crc32Portable('123456789').toString(16)).toBe('cbf43926');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (x, y) => {
        expect(crc32Portable(x)).toBe(crc32(x));
        // Continuing a checksum equals checking the bytes at once.
        const both = Buffer.concat([x, y]);
        expect(crc32(y, crc32(x))).toBe(crc32(both));
      }),
    );
  });
});

describe('element spans of top-level arrays', () => {
  it('gives the bytes of each element, whatever the spacing, strings and nesting', () => {
    const value = fc.jsonValue();
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 6 }),
        fc.array(value, { maxLength: 6 }),
        fc.boolean(),
        (claims, other, pretty) => {
          const doc = { before: other, claims, after: { claims: 'not this one' } };
          const text = JSON.stringify(doc, null, pretty ? 2 : undefined);
          const bytes = Buffer.from(text);
          const spans = topLevelArraySpans(bytes, ['claims', 'missing']);
          expect(spans.has('missing')).toBe(false);
          const found = spans.get('claims') as Float64Array;
          expect(found.length).toBe(2 * claims.length);
          claims.forEach((claim, i) => {
            const piece = bytes.toString('utf8', found[2 * i], found[2 * i + 1]);
            expect(JSON.parse(piece)).toEqual(JSON.parse(JSON.stringify(claim)));
          });
        },
      ),
    );
  });

  it('keeps the last of a repeated key, as JSON.parse does, and skips a byte order mark', () => {
    const text = '\uFEFF{"claims": [1, 2], "claims": ["a\\"]", {"b": "é"}]}';
    const bytes = Buffer.from(text);
    const spans = topLevelArraySpans(bytes, ['claims']).get('claims') as Float64Array;
    expect([0, 1].map((i) => bytes.toString('utf8', spans[2 * i], spans[2 * i + 1]))).toEqual([
      '"a\\"]"',
      '{"b": "é"}',
    ]);
  });
});

describe('the index fingerprint', () => {
  it('names the fuse.js release installed, which package.json pins exactly, and the byte order', () => {
    const installed = JSON.parse(
      readFileSync(join(ROOT, 'node_modules/fuse.js/package.json'), 'utf8'),
    ).version;
    const pinned = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).dependencies[
      'fuse.js'
    ];
    expect(FUSE_VERSION).toBe(installed);
    expect(pinned).toBe(installed);
    expect(JSON.parse(SEARCH_FINGERPRINT)).toMatchObject({ fuse: FUSE_VERSION, byteOrder: 'LE' });
    expect(BYTE_ORDER).toBe(new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE');
  });
});

describe('stamps are taken from the bytes that were checked', () => {
  const mini = join(dir, 'mini');
  const copy = () => {
    rmSync(mini, { recursive: true, force: true });
    mkdirSync(mini);
    for (const name of ['claims.json', 'article.txt'])
      copyFileSync(join(ROOT, 'tests/fixtures/mini', name), join(mini, name));
    return join(mini, 'claims.json');
  };

  it('an article that changes during armru index: an error, and no index', async () => {
    const file = copy();
    const article = join(mini, 'article.txt');
    const text = readFileSync(article, 'utf8');
    during.change = () => writeFileSync(article, text.replace('ferries', 'ferriez'));
    try {
      await expect(buildIndex(file)).rejects.toThrow(
        `${article}: the article text changed while it was being indexed`,
      );
    } finally {
      during.change = undefined;
    }
    expect(openIndex(file, SEARCH_FINGERPRINT)).toEqual({ state: 'absent' });
  });

  it('a dataset rewritten with the same bytes during armru index: its change time tells', async () => {
    const file = copy();
    const bytes = readFileSync(file);
    during.change = () => writeFileSync(file, bytes);
    try {
      await expect(buildIndex(file)).rejects.toThrow(
        `${file}: the dataset changed while it was being indexed`,
      );
      // The core names what can be done as a code; only the CLI words it as a command.
      await expect(buildIndex(file)).rejects.toMatchObject({ remedy: 'reindex' });
    } finally {
      during.change = undefined;
    }
    expect(openIndex(file, SEARCH_FINGERPRINT)).toEqual({ state: 'absent' });
    // Undisturbed, the same build succeeds and leaves no temporary or lock files behind.
    await buildIndex(file);
    expect(openIndex(file, SEARCH_FINGERPRINT).state).toBe('fresh');
    expect(readdirSync(mini).sort()).toEqual([
      'article.txt',
      'claims.json',
      `${indexDirectory('claims.json')}`,
    ]);
  });
});

describe('the article read in pieces through a large index', () => {
  it('gives the code points asked for, with and without characters beyond 16 bits', async () => {
    const file = writeCorpus(5200, join(dir, 'pieces'), 5) as string;
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const articleFile = join(dir, 'pieces', doc.source.textFile);
    // Sentences are joined by spaces no quote covers: past the article's middle, every fifth
    // becomes a character of two UTF-16 units, so that code points and units part there.
    const text = readFileSync(articleFile, 'utf8');
    const half = Math.floor(text.length / 2);
    let n = 0;
    const changed =
      text.slice(0, half) +
      text.slice(half).replace(/\. /g, () => (n++ % 5 === 0 ? '.\u{1D400}' : '. '));
    expect(n).toBeGreaterThan(100);
    writeFileSync(articleFile, changed);
    doc.source.textSha256 = createHash('sha256').update(changed, 'utf8').digest('hex');
    writeFileSync(file, JSON.stringify(doc));
    await buildIndex(file);
    const state = openIndex(file, SEARCH_FINGERPRINT);
    if (state.state !== 'fresh') throw new Error(`the index is ${state.state}`);
    const index = new WordIndex(file, state.dir, state.meta);
    try {
      const points = Array.from(changed);
      let astral = 0;
      for (const { quote } of doc.claims as {
        quote: { start: number; end: number; exact: string };
      }[]) {
        const piece = index.articlePiece(quote.start, quote.end);
        expect(piece).toBe(quote.exact);
        const from = Math.floor(quote.start / ARTICLE_STEP) * ARTICLE_STEP;
        if (points.slice(from, quote.end).some((c) => c.length === 2)) astral++;
      }
      // Both kinds of piece were read.
      expect(astral).toBeGreaterThan(100);
      expect(astral).toBeLessThan(doc.claims.length - 100);
      expect(index.articlePiece(points.length - 3, points.length)).toBe(points.slice(-3).join(''));
      expect(index.articlePiece(0, points.length + 1)).toEqual({
        problem: `end (${points.length + 1}) is past the end of the article (${points.length} code points)`,
      });
    } finally {
      index.close();
    }
  }, 60_000);
});
