import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entityProfiles, entitySummaries } from '../../src/core/browse/profiles.js';
import { corpusOf } from '../../src/core/model/corpus.js';
import type { Claim, Dataset, DatasetDocument, Entity } from '../../src/core/model/types.js';
import { chainOf, chainText, reach, reachedBy } from '../../src/core/search/hierarchy.js';

/**
 * A dataset of `parents.length` people, person i a member of the people `parents[i]` lists
 * (any shape: trees, shared members, cycles), and claims naming and asserted by some of them
 * (`author` included, the writer being person 0 when `writerIsP0`).
 */
function dataset(
  parents: number[][],
  claims: { actors: number[]; by: number }[],
  writerIsP0: boolean,
): Dataset {
  const n = parents.length;
  const entities: Entity[] = parents.map((up, i) => ({
    id: `p${i}`,
    type: 'Person',
    name: `Person ${i}`,
    aliases: [],
    description: '',
    sameAs: [],
    ...(up.length === 0 ? {} : { memberOf: up.map((j) => `p${j % n}`) }),
  }));
  const who = (k: number) => (k < 0 ? 'author' : `p${k % n}`);
  const list = claims.map(
    (c, i) =>
      ({
        id: `c${i}`,
        text: `claim ${i}`,
        quote: { exact: 'T', start: 0, end: 1 },
        kind: 'event',
        assertedBy: who(c.by),
        hedged: false,
        actors: c.actors.map(who),
        topics: [],
      }) as Claim,
  );
  const doc = {
    schemaVersion: 1,
    source: { id: 's', title: 'T', author: writerIsP0 ? 'Person 0' : 'Nobody', text: 'T' },
    entities,
    topics: [],
    claims: list,
    agreements: [],
    relations: [],
  } as unknown as DatasetDocument;
  return {
    file: 'memory',
    doc,
    text: 'T',
    entityById: new Map(entities.map((e) => [e.id, e])),
    topicById: new Map(),
    claimById: new Map(list.map((c) => [c.id, c])),
  };
}

describe('membership at any depth', () => {
  it('counts every entity as its full profile does, whatever the shape of membership', () => {
    const shapes = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.record({
        parents: fc.array(
          fc.oneof(
            { weight: 3, arbitrary: fc.array(fc.nat(n - 1), { maxLength: 1 }) },
            { weight: 1, arbitrary: fc.array(fc.nat(n - 1), { maxLength: 3 }) },
          ),
          { minLength: n, maxLength: n },
        ),
        claims: fc.array(
          fc.record({
            actors: fc.array(fc.integer({ min: -1, max: n - 1 }), { maxLength: 3 }),
            by: fc.integer({ min: -1, max: n - 1 }),
          }),
          { maxLength: 20 },
        ),
        writer: fc.boolean(),
        // Members only of entities listed before them: no cycle, so trees and shared members
        // are counted from the shape rather than one entity at a time.
        acyclic: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(shapes, ({ parents, claims, writer, acyclic }) => {
        const up = acyclic ? parents.map((list, i) => list.filter((j) => j < i)) : parents;
        const corpus = corpusOf(dataset(up, claims, writer));
        const counts = (p: { entity: Entity; claimCount: number; assertedCount: number }) => [
          p.entity.id,
          p.claimCount,
          p.assertedCount,
        ];
        expect(entitySummaries(corpus).map(counts)).toEqual(entityProfiles(corpus).map(counts));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps one step per member, and shows a long chain by its ends', () => {
    const depth = 50_000;
    const d = dataset(
      Array.from({ length: depth }, (_, i) => (i === 0 ? [] : [i - 1])),
      [{ actors: [depth - 1], by: 0 }],
      false,
    );
    const found = reach(d, ['p0']);
    expect(found.size).toBe(depth);
    const chain = reachedBy(found, [`p${depth - 1}`]);
    expect(chain).toEqual({
      path: [`p${depth - 1}`, `p${depth - 2}`, `p${depth - 3}`, 'p2', 'p1', 'p0'],
      omitted: depth - 6,
    });
    expect(chainText(d, chain as NonNullable<typeof chain>)).toBe(
      `Person ${depth - 1} → Person ${depth - 2} → Person ${depth - 3} → … ${depth - 6} more … → Person 2 → Person 1 → Person 0`,
    );
    expect(chainOf(found.get('p7') as NonNullable<ReturnType<typeof found.get>>)).toEqual({
      path: ['p7', 'p6', 'p5', 'p4', 'p3', 'p2', 'p1', 'p0'],
      omitted: 0,
    });
    expect(reachedBy(found, ['p0', 'p9'])).toBeNull();
    expect(entitySummaries(corpusOf(d)).at(0)).toMatchObject({ claimCount: 1 });
  });
});
