import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../src/core/dataset/schema.js';

// Work that must grow linearly with one record's size, measured by counting operations
// rather than by timing: a party list, a claim's actors, the claims over one sentence.

/** A dataset document with one agreement of `parties` parties, each named by one claim. */
function bigAgreement(parties: string[]): Record<string, unknown> {
  const text = 'Title\n\nA pact was signed.';
  const ids = [...new Set(parties)];
  return {
    schemaVersion: 1,
    source: {
      id: 's',
      type: 'NewsArticle',
      title: 'T',
      author: 'A',
      publisher: null,
      datePublished: null,
      inLanguage: 'en',
      text,
      textSha256: '0'.repeat(64),
      offsetUnit: 'codepoint',
    },
    entities: ids.map((id) => ({
      id,
      type: 'Person',
      name: `Person ${id}`,
      aliases: [],
      description: '',
      sameAs: [],
    })),
    topics: [{ id: 't', name: 'Topic', aliases: [], description: '' }],
    claims: [
      {
        id: 'c1',
        text: 'A pact was signed.',
        quote: { exact: 'A pact was signed.', start: 7, end: 25 },
        kind: 'event',
        assertedBy: 'author',
        hedged: false,
        actors: [],
        topics: ['t'],
      },
    ],
    agreements: [
      { id: 'pact', name: 'Pact', kind: 'agreement', parties, status: 'signed', claims: ['c1'] },
    ],
    relations: [],
  };
}

/** `items` behind a proxy that counts how often an element is read. */
function counted<T>(items: T[]): { list: T[]; reads: () => number } {
  let reads = 0;
  const list = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { list, reads: () => reads };
}

describe('the schema check of a long list of ids', () => {
  it('reads each party of a 3,000-party agreement a few times, not once per other party', () => {
    const n = 3000;
    const { list, reads } = counted(Array.from({ length: n }, (_, i) => `p${i}`));
    const doc = bigAgreement(list);
    expect(checkSchema(doc)).toEqual([]);
    // Each party is read to check its type and pattern and once more for uniqueness; a
    // comparison of every pair reads n(n-1) = 9 million.
    expect(reads()).toBeLessThanOrEqual(4 * n);
  });

  it('still names a repeated party, earlier position first', () => {
    const doc = bigAgreement(['p0', 'p1', 'p2', 'p1', 'p3']);
    expect(checkSchema(doc)).toEqual([
      {
        path: '$.agreements[0].parties',
        message: 'expected no duplicate items (items ## 1 and 3 are identical)',
      },
    ]);
  });
});

