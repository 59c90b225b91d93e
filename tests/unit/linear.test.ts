import { describe, expect, it, vi } from 'vitest';
import { actorCount, actorGraph, PAIRED_ACTORS } from '../../src/core/browse/graph.js';
import { busiestActors } from '../../src/core/browse/graph-filter.js';
import { fixOffsets } from '../../src/core/dataset/fix.js';
import { checkSchema } from '../../src/core/dataset/schema.js';
import { allClaims, corpusOf, findClaim, refsByDataset } from '../../src/core/model/corpus.js';
import type { Claim, Dataset, DatasetDocument } from '../../src/core/model/types.js';
import { jsonLdPieces } from '../../src/render/export.js';
import { TEST_SOURCE } from '../helpers.js';

// Work that must grow linearly with one record's size, measured by counting operations
// rather than by timing: a party list, a claim's actors, the claims over one sentence.

/** A dataset document with one agreement of `parties` parties, each named by one claim. */
function bigAgreement(parties: string[]): Record<string, unknown> {
  const text = 'Title\n\nA pact was signed.';
  const ids = [...new Set(parties)];
  return {
    schemaVersion: 1,
    source: { ...TEST_SOURCE, text },
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

/** An in-memory dataset of `people` people, one claim naming them all and one naming two. */
function throng(people: number): Dataset {
  const text = 'Title\n\nEveryone was there. Two met.';
  const entities = Array.from({ length: people }, (_, i) => ({
    id: `p${i}`,
    type: 'Person' as const,
    name: `Person ${i}`,
    aliases: [],
    description: '',
    sameAs: [],
  }));
  const claim = (id: string, start: number, end: number, actors: string[]): Claim => ({
    id,
    text: id,
    quote: { exact: text.slice(start, end), start, end },
    kind: 'event',
    assertedBy: 'author',
    hedged: false,
    actors,
    topics: ['t'],
  });
  const claims = [
    claim(
      'c1',
      7,
      26,
      entities.map((e) => e.id),
    ),
    claim('c2', 27, 35, ['p1', 'p0']),
  ];
  const doc = {
    schemaVersion: 1,
    source: { id: 's', title: 'T', author: 'A', text },
    entities,
    topics: [{ id: 't', name: 'Topic', aliases: [], description: '' }],
    claims,
    agreements: [],
    relations: [],
  } as unknown as DatasetDocument;
  return {
    file: 'memory',
    doc,
    text,
    entityById: new Map(entities.map((e) => [e.id, e])),
    topicById: new Map(),
    claimById: new Map(claims.map((c) => [c.id, c])),
  };
}

describe('the actor network of a claim that names many actors', () => {
  it('pairs the actors of a claim of six', () => {
    const graph = actorGraph(corpusOf(throng(PAIRED_ACTORS)));
    expect(graph.nodes).toHaveLength(PAIRED_ACTORS);
    // 15 pairs, one of them (p0, p1) shared with c2.
    expect(graph.edges.map((e) => e.kind)).toEqual(Array(15).fill('claims'));
    expect(graph.edges.find((e) => e.a === 'p0' && e.b === 'p1')).toMatchObject({
      weight: 2,
      claims: ['c1', 'c2'],
    });
  });

  it('draws a claim of 3,000 actors as a node linked to each: 3,000 edges, not 4.5 million', () => {
    const people = 3000;
    const graph = actorGraph(corpusOf(throng(people)));
    expect(graph.nodes).toHaveLength(people + 1);
    expect(graph.nodes.at(-1)).toEqual({ id: 'claim:c1', name: 'claim c1', type: 'Claim' });
    expect(actorCount(graph)).toBe(people);
    // The pair c2 names, then an edge from each actor of c1 to its node, in the order of ids.
    expect(graph.edges).toHaveLength(people + 1);
    expect(graph.edges[0]).toEqual({ kind: 'claims', a: 'p0', b: 'p1', weight: 1, claims: ['c2'] });
    expect(graph.edges[1]).toEqual({ kind: 'named', a: 'p0', b: 'claim:c1', claim: 'c1' });
    expect(graph.edges[2]).toEqual({ kind: 'named', a: 'p1', b: 'claim:c1', claim: 'c1' });
    expect(graph.edges[3]).toMatchObject({ a: 'p10' });
    // The picture's choice ranks those links last, after the pairs.
    const busiest = busiestActors(graph, 4);
    expect(busiest.nodes.map((n) => n.id)).toEqual(['p0', 'p1', 'p10', 'claim:c1']);
  });
});

/** `n` in-memory datasets of one claim each, as a folder of short articles loads. */
function articles(n: number): Dataset[] {
  const text = 'Title\n\nIt rained.';
  return Array.from({ length: n }, (_, i) => {
    const claim: Claim = {
      id: 'c1',
      text: 'It rained.',
      quote: { exact: 'It rained.', start: 7, end: 17 },
      kind: 'event',
      assertedBy: 'author',
      hedged: false,
      actors: [],
      topics: [],
    };
    const doc = {
      schemaVersion: 1,
      source: { ...TEST_SOURCE, id: `s${i}`, text },
      entities: [],
      topics: [],
      claims: [claim],
      agreements: [],
      relations: [],
    } as unknown as DatasetDocument;
    return {
      file: `memory-${i}`,
      doc,
      text,
      entityById: new Map(),
      topicById: new Map(),
      claimById: new Map([['c1', claim]]),
    };
  });
}

describe('many datasets of a few claims each', () => {
  it('groups the claims by dataset reading each once, in order', () => {
    const corpus = corpusOf(...articles(3));
    const refs = [...allClaims(corpus), ...allClaims(corpus)];
    const { list, reads } = counted(refs);
    const groups = refsByDataset(list);
    expect([...groups.keys()]).toEqual(corpus.datasets);
    expect(groups.get(corpus.datasets[1] as Dataset)).toEqual([refs[1], refs[4]]);
    expect(reads()).toBe(refs.length);
  });

  it('an id in every one of them is refused naming ten of the claims and how many more', () => {
    expect(() => findClaim(corpusOf(...articles(2000)), 'c1')).toThrow(
      /^claim id "c1" names several claims; use one of s0:c1, s1:c1, s2:c1, s3:c1, s4:c1, s5:c1, s6:c1, s7:c1, s8:c1, s9:c1 and 1,990 more$/,
    );
    expect(() => findClaim(corpusOf(...articles(10)), 'c1')).toThrow(
      /; use one of s0:c1, s1:c1, s2:c1, s3:c1, s4:c1, s5:c1, s6:c1, s7:c1, s8:c1, s9:c1$/,
    );
  });

  it('export as JSON-LD reads each claim a few times, not once per dataset', () => {
    const n = 2000;
    const corpus = corpusOf(...articles(n));
    const { list, reads } = counted(allClaims(corpus));
    const text = [...jsonLdPieces(corpus, list)].join('');
    expect(
      JSON.parse(text)['@graph'].filter((node: { '@type': string }) => node['@type'] === 'Claim'),
    ).toHaveLength(n);
    // A filter of every claim for each dataset reads n² = 4 million.
    expect(reads()).toBeLessThanOrEqual(4 * n);
  });
});

describe('validate --fix of many quotes of the same words', () => {
  it('looks for each distinct quote once, and names five of its places', () => {
    const sentence = 'It rained.';
    const text = `Title\n\n${`${sentence} `.repeat(50)}`;
    const claims = Array.from({ length: 200 }, (_, i) => ({
      id: `c${i}`,
      quote: { exact: sentence },
    }));
    const doc = { source: { ...TEST_SOURCE, text }, claims };
    const indexOf = vi.spyOn(String.prototype, 'indexOf');
    let report: ReturnType<typeof fixOffsets>;
    try {
      report = fixOffsets(doc, 'memory');
      // Once per place and once more to find no further one; once per claim is 200 × 51.
      expect(indexOf.mock.calls.filter(([needle]) => needle === sentence)).toHaveLength(51);
    } finally {
      indexOf.mockRestore();
    }
    expect(report.problems).toHaveLength(200);
    expect(report.problems[199]?.message).toBe(
      'the quoted words occur 50 times (at 7..17, 18..28, 29..39, 40..50, 51..61 and 45 more); set start and end by hand, or quote more words',
    );
  });
});
