import { execFileSync } from 'node:child_process';
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
import {
  crc32,
  crc32Native,
  crc32Portable,
  crc32WebAssembly,
} from '../../src/core/text/checksum.js';
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
  const zlib = crc32Native();
  it('is the zlib checksum ("123456789" gives cbf43926), natively and in JavaScript', () => {
    expect(crc32('123456789').toString(16)).toBe('cbf43926');
    expect(crc32Portable('123456789').toString(16)).toBe('cbf43926');
    expect(crc32Portable('').toString(16)).toBe('0');
    if (!zlib) return;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (x, y) => {
        expect(crc32Portable(x)).toBe(zlib(x));
        expect(crc32(x)).toBe(zlib(x));
        // Continuing a checksum equals checking the bytes at once, in JavaScript and natively.
        const both = Buffer.concat([x, y]);
        expect(crc32Portable(y, crc32Portable(x))).toBe(zlib(both));
        expect(crc32(y, crc32(x))).toBe(zlib(both));
      }),
    );
    // Past the size checked in JavaScript, and strings (their UTF-8 bytes).
    const large = Buffer.alloc(20 * 1024 + 5, 'Gyumri ’ 😀 ');
    expect(crc32(large)).toBe(zlib(large));
    expect(crc32Portable(large)).toBe(zlib(large));
    expect(crc32Portable('Gyumri ’ 😀')).toBe(zlib(Buffer.from('Gyumri ’ 😀')));
  });

  it('is the zlib checksum in WebAssembly too, across its chunks and for any start', () => {
    const wasm = crc32WebAssembly();
    expect(wasm).toBeDefined();
    if (!wasm || !zlib) return;
    // The module carried in checksum.ts is the one the assembler script makes.
    const source = readFileSync(join(ROOT, 'src/core/text/checksum.ts'), 'utf8');
    const assembled = execFileSync(process.execPath, [join(ROOT, 'scripts/crc32-wasm.mjs')], {
      encoding: 'utf8',
    }).trim();
    expect(assembled).toMatch(/^AGFzbQ/);
    expect(source).toContain(`'${assembled}'`);
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.integer({ min: 0, max: 7 }),
        fc.nat({ max: 2 ** 32 - 1 }),
        (x, skip, value) => {
          const y = x.subarray(Math.min(skip, x.length));
          expect(wasm(y)).toBe(zlib(y));
          if (y.length > 0) expect(wasm(y, value)).toBe(zlib(y, value));
        },
      ),
      { numRuns: 2000 },
    );
    // Sizes about the 64 kB chunk and past the size left to zlib, bytes of every value,
    // continued checksums, and a string.
    for (const size of [8 * 1024 + 1, 65535, 65536, 65537, 65536 * 3 + 13, 1 << 20, 5 << 20]) {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = (i * 2654435761) >>> 24;
      expect(wasm(bytes)).toBe(zlib(bytes));
      expect(crc32(bytes)).toBe(zlib(bytes));
      const cut = Math.floor(size / 3);
      expect(crc32(bytes.subarray(cut), crc32(bytes.subarray(0, cut)))).toBe(zlib(bytes));
    }
    const text = 'Gyumri ’ 😀 '.repeat(2000);
    expect(crc32(text)).toBe(zlib(Buffer.from(text)));
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
      const quotes = (doc.claims as { quote: { start: number; end: number; exact: string } }[]).map(
        (c) => c.quote,
      );
      // Every quote at once, as a long listing asks for them.
      const pieces = index.articlePieces(quotes.map((q) => [q.start, q.end] as const));
      for (const [i, quote] of quotes.entries()) {
        expect(pieces[i]).toBe(quote.exact);
        const from = Math.floor(quote.start / ARTICLE_STEP) * ARTICLE_STEP;
        if (points.slice(from, quote.end).some((c) => c.length === 2)) astral++;
      }
      // Both kinds of piece were read.
      expect(astral).toBeGreaterThan(100);
      expect(astral).toBeLessThan(doc.claims.length - 100);
      expect(index.articlePieces([[points.length - 3, points.length]])).toEqual([
        points.slice(-3).join(''),
      ]);
      expect(index.articlePieces([[0, points.length + 1]])).toEqual([
        {
          problem: `end (${points.length + 1}) is past the end of the article (${points.length} code points)`,
        },
      ]);
    } finally {
      index.close();
    }
  }, 60_000);
});
