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
import { topLevelArraySpans } from '../../src/core/dataset/json-spans.js';
import {
  BYTE_ORDER,
  FUSE_VERSION,
  SEARCH_FINGERPRINT,
} from '../../src/core/search/search-record.js';
import { crc32, crc32Native, crc32Portable } from '../../src/core/text/checksum.js';
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
const { indexDirectory, openIndex } = await import('../../src/core/store/index-store.js');

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
