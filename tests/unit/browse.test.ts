import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { findAgreements } from '../../src/core/browse/agreements.js';
import { type ActorGraph, actorGraph, type GraphEdge } from '../../src/core/browse/graph.js';
import { busiestActors } from '../../src/core/browse/graph-filter.js';
import { passage } from '../../src/core/browse/passage.js';
import {
  entityProfiles,
  findEntityProfiles,
  findTopicProfiles,
  topicProfiles,
} from '../../src/core/browse/profiles.js';
import { agreementsOf, disputes, relatedTo } from '../../src/core/browse/relations.js';
import { coverage, stats } from '../../src/core/browse/stats.js';
import { timeline } from '../../src/core/browse/timeline.js';
import { type Corpus, corpusOf, findClaim } from '../../src/core/model/corpus.js';
import { compareDates, precisionOf } from '../../src/core/model/dates.js';
import type { Dataset } from '../../src/core/model/types.js';
import { loadDataset } from '../../src/core/store/load.js';
import { fixture } from '../helpers.js';

let article: Corpus;
let mini: Corpus;
beforeAll(async () => {
  article = corpusOf(await loadDataset());
  mini = corpusOf(await loadDataset(fixture('mini/claims.json')));
});

describe('claims and their links', () => {
  it('finds a claim by id and suggests near ids for a wrong one', () => {
    expect(findClaim(article, 'c09').claim.assertedBy).toBe('civilnet-gov-sources');
    expect(() => findClaim(article, 'c99')).toThrow(
      'no claim has the id "c99"; closest: c09, c19, c29',
    );
    expect(() => findClaim(mini, 'zz')).toThrow('no claim has the id "zz"; closest: m1, m2, m3');
  });

  it('reads an id as people type it: any case, no leading zeros, a number alone', () => {
    expect(findClaim(article, 'c9').claim.id).toBe('c09');
    expect(findClaim(article, 'C9').claim.id).toBe('c09');
    expect(findClaim(article, '9').claim.id).toBe('c09');
    expect(findClaim(article, '009').claim.id).toBe('c09');
    expect(findClaim(article, '30').claim.id).toBe('c30');
    expect(() => findClaim(article, 'c0')).toThrow('no claim has the id "c0"');
    expect(() => findClaim(article, '0')).toThrow('no claim has the id "0"');
    // Made-up datasets whose ids collide under the loose readings.
    const dataset = (source: string, ids: string[]) => {
      const claims = ids.map((id) => ({ id }));
      return {
        doc: { source: { id: source }, claims },
        claimById: new Map(claims.map((c) => [c.id, c])),
      } as unknown as Dataset;
    };
    const odd = corpusOf(dataset('odd', ['c8', 'c08', 'q1', 'x01', 'a2b03']));
    expect(findClaim(odd, 'c8').claim.id).toBe('c8'); // exact first
    expect(findClaim(odd, 'C08').claim.id).toBe('c08'); // then another case
    expect(() => findClaim(odd, 'c008')).toThrow(
      'claim id "c008" names several claims; use one of c8, c08',
    );
    expect(() => findClaim(odd, '1')).toThrow(
      'claim id "1" names several claims; use one of q1, x01',
    );
    expect(findClaim(odd, 'a2b3').claim.id).toBe('a2b03');
    expect(findClaim(odd, '3').claim.id).toBe('a2b03');
    // Two datasets: an exact id in one wins over a loose reading in the other.
    const two: Corpus = { datasets: [dataset('one', ['c07']), dataset('two', ['c7'])] };
    expect(findClaim(two, 'c7').claim.id).toBe('c7');
    expect(() => findClaim(two, '7')).toThrow(
      'claim id "7" names several claims; use one of one:c07, two:c7',
    );
    expect(findClaim(two, 'one:7').claim.id).toBe('c07');
  });

  it('lists related claims in both directions', () => {
    const c08 = relatedTo(findClaim(article, 'c08'));
    expect(c08.map((r) => [r.type, r.direction, r.other.claim.id])).toEqual([
      ['qualifies', 'in', 'c09'],
    ]);
    const m4 = relatedTo(findClaim(mini, 'm4'));
    expect(m4.map((r) => [r.type, r.direction, r.other.claim.id])).toEqual([
      ['elaborates', 'out', 'm1'],
    ]);
  });

  it('names the agreements a claim evidences', () => {
    expect(agreementsOf(findClaim(article, 'c08')).map((a) => a.agreement.id)).toEqual([
      'biolab-memorandum',
    ]);
    expect(agreementsOf(findClaim(mini, 'm3'))).toEqual([]);
  });

  it('pairs disputes before qualifications', () => {
    // The article has no dispute left: the CivilNet sources qualify the Kommersant report.
    expect(disputes(article).map((d) => [d.from.claim.id, d.type, d.to.claim.id])).toEqual([
      ['c09', 'qualifies', 'c08'],
      ['c26', 'qualifies', 'c21'],
      ['c26', 'qualifies', 'c24'],
      ['c33', 'qualifies', 'c21'],
    ]);
    expect(disputes(mini).map((d) => d.type)[0]).toBe('disputes');
  });

  it('cuts the passage around a quote at word boundaries inside its paragraph', () => {
    const m3 = findClaim(mini, 'm3');
    const p = passage(m3.dataset, m3.claim.quote);
    expect(p.exact).toBe('union representatives said the schedule had not been agreed');
    expect(p.before.startsWith('The port authority of Valmora')).toBe(true);
    expect(p.after).toBe('.');
    expect([p.clippedStart, p.clippedEnd]).toEqual([false, false]);
    const short = passage(m3.dataset, m3.claim.quote, 20);
    expect(short.before).toBe('from June. However, ');
    expect(short.clippedStart).toBe(true);
  });
});

describe('profiles', () => {
  it('counts claims about and asserted by each entity', () => {
    const byId = new Map(entityProfiles(mini).map((p) => [p.entity.id, p]));
    expect(byId.get('ruiz')).toMatchObject({ claimCount: 1, assertedCount: 2 });
    // Ruiz is a member of the port authority: her claims count for it too.
    expect(byId.get('port-authority')).toMatchObject({ claimCount: 4, assertedCount: 2 });
    expect(byId.get('port-authority')?.about.at(-1)?.via?.text).toBe(
      'via Ana Ruiz → Valmora Port Authority',
    );
    const shoygu = entityProfiles(article).find((p) => p.entity.id === 'shoygu');
    expect(shoygu).toMatchObject({ claimCount: 6, assertedCount: 1 });
  });

  it('profiles an entity found by alias, with its agreements', () => {
    const [csto] = findEntityProfiles(article, 'ODKB');
    expect(csto?.entity.id).toBe('csto');
    expect(csto?.agreements.map((a) => a.agreement.id)).toEqual(['csto-membership']);
    expect(() => findEntityProfiles(article, 'Shoygoo')).toThrow('closest: "Shoygu"');
  });

  it('profiles topics with their claims and the agreements those claims evidence', () => {
    expect(topicProfiles(mini).map((t) => [t.topic.id, t.claimCount])).toEqual([
      ['ferries', 4],
      ['labour', 1],
    ]);
    const [biolabs] = findTopicProfiles(article, 'biological laboratories');
    expect(biolabs?.claims.map((r) => r.claim.id)).toEqual(['c08', 'c09']);
    expect(biolabs?.agreements.map((a) => a.agreement.id)).toEqual(['biolab-memorandum']);
  });
});

describe('agreements', () => {
  it('filters by status and by party name', () => {
    expect(findAgreements(article, { status: ['in-force'] }).map((a) => a.agreement.id)).toEqual([
      'gyumri-basing',
      'border-deployment',
      'csto-membership',
      'eaeu-membership',
      'syria-deployment',
    ]);
    expect(findAgreements(article, { party: ['EEU'] }).map((a) => a.agreement.id)).toEqual([
      'eaeu-membership',
    ]);
    expect(
      findAgreements(article, { party: ['Armenia', 'Russia'], status: ['negotiating'] }),
    ).toHaveLength(1);
    expect(() => findAgreements(article, { status: ['maybe'] })).toThrow('unknown status "maybe"');
    // The parties are the two ministries; the countries reach them through membership.
    const signed = findAgreements(article, { party: ['Russia'], status: ['Signed'] });
    expect(signed.map((a) => [a.agreement.id, a.via.map((v) => v.text)])).toEqual([
      ['mod-agreements-2019', ['via Ministry of Defense of Russia → Russian Government → Russia']],
    ]);
    expect(findAgreements(article, { party: ['=Russia'], status: ['signed'] })).toEqual([]);
    expect(
      findAgreements(article, { party: ['Russia'], status: ['signed'], exactParty: true }),
    ).toEqual([]);
  });
});

describe('timeline and dates', () => {
  it('knows the precision of partial dates', () => {
    expect(['2018', '2019-10', '2019-10-29', '2018-03-31/2018-05-08'].map(precisionOf)).toEqual([
      'year',
      'month',
      'day',
      'interval',
    ]);
  });

  it('orders by start date, less precise first', () => {
    const w = (date: string) => ({ date, text: '', basis: 'text' as const });
    expect(compareDates(w('2018'), w('2018-07-26'))).toBeLessThan(0);
    expect(compareDates(w('2019-10-29'), w('2019-10-25'))).toBeGreaterThan(0);
    expect(compareDates(w('2018-03-31/2018-05-08'), w('2018-03-31'))).toBe(0);
  });

  it('lists dated claims and agreements in order', () => {
    const entries = timeline(article);
    const dates = entries.map((e) => e.when.date);
    expect(dates).toEqual([...dates].sort());
    expect(entries[0]).toMatchObject({
      item: 'agreement',
      when: { date: '1995-03-16', basis: 'external' },
    });
    expect(entries.filter((e) => e.when.basis === 'external').every((e) => e.when.source)).toBe(
      true,
    );
  });
});

describe('stats', () => {
  it('counts by kind, asserter, topic and actor', () => {
    const s = stats(mini);
    expect(s).toMatchObject({
      datasets: 1,
      claims: 4,
      hedged: 0,
      entities: 6,
      topics: 2,
      agreements: 1,
      relations: 2,
    });
    expect(s.byAssertedBy).toEqual([
      { key: 'ruiz', name: 'Ana Ruiz', count: 2 },
      { key: 'herald', name: 'Coastal Herald', count: 1 },
      { key: 'union', name: 'Union representatives', count: 1 },
    ]);
    expect(stats(article).byKind.reduce((n, c) => n + c.count, 0)).toBe(39);
  });

  it('measures body coverage in non-space characters after title and byline', () => {
    const m = coverage(mini.datasets[0] as never);
    // The body of the mini article (its two last paragraphs) has 258 non-space characters.
    expect(m.total).toBe(258);
    expect(m.covered).toBe(176);
    const a = coverage(article.datasets[0] as never);
    expect(a.share).toBeGreaterThan(0.9);
    expect(a.share).toBeLessThanOrEqual(1);
  });
});

describe('actor graph', () => {
  it('weights co-occurrence and labels agreement edges', () => {
    const g = actorGraph(mini);
    expect(g.nodes.map((n) => n.id).sort()).toEqual([
      'castell',
      'port-authority',
      'ruiz',
      'union',
      'valmora',
    ]);
    expect(g.edges).toContainEqual({
      kind: 'claims',
      a: 'castell',
      b: 'port-authority',
      weight: 1,
      claims: ['m1'],
    });
    expect(g.edges).toContainEqual({
      kind: 'agreement',
      a: 'castell',
      b: 'port-authority',
      agreement: 'ferry-link',
      label: 'Valmora–Castell ferry link',
    });
    const heavy = actorGraph(article).edges.find(
      (e) => e.kind === 'claims' && e.a === 'armenia' && e.b === 'russia',
    );
    expect(heavy?.kind === 'claims' && heavy.weight).toBeGreaterThan(5);
  });
});

/** The network's co-occurrence edges as first written: a key string per pair, kept for reference. */
function referenceCoOccurrences(corpus: Corpus): unknown[] {
  const shared = new Map<string, { a: string; b: string; weight: number; claims: string[] }>();
  for (const dataset of corpus.datasets) {
    const q = (id: string) => (corpus.datasets.length > 1 ? `${dataset.doc.source.id}:${id}` : id);
    for (const claim of dataset.doc.claims) {
      const actors = [...new Set(claim.actors)].map(q).sort();
      for (let i = 0; i < actors.length; i++) {
        for (let j = i + 1; j < actors.length; j++) {
          const [a, b] = [actors[i] as string, actors[j] as string];
          const edge = shared.get(`${a}\u0000${b}`);
          if (edge) {
            edge.weight++;
            edge.claims.push(q(claim.id));
          } else shared.set(`${a}\u0000${b}`, { a, b, weight: 1, claims: [q(claim.id)] });
        }
      }
    }
  }
  return [...shared.values()].map((e) => ({ kind: 'claims', ...e }));
}

describe('actor graph at scale', () => {
  it('counts the same pairs, in the same order, as a key per pair does', () => {
    // Ids that sort differently as strings and by length, repeated within a claim, some
    // unknown to the entity list; one dataset or two (qualified ids).
    const id = fc.constantFrom('a', 'b', 'a-1', 'B', 'z9', 'é', 'ab', 'unknown');
    const claims = fc.array(fc.array(id, { maxLength: 6 }), { maxLength: 30 });
    fc.assert(
      fc.property(fc.array(claims, { minLength: 1, maxLength: 2 }), (datasets) => {
        const corpus: Corpus = {
          datasets: datasets.map((lists, d) => {
            const base = mini.datasets[0] as Corpus['datasets'][number];
            const doc = {
              ...base.doc,
              source: { ...base.doc.source, id: `s${d}` },
              claims: lists.map((actors, i) => ({
                ...(base.doc.claims[0] as (typeof base.doc.claims)[number]),
                id: `c${i}`,
                actors,
              })),
              agreements: [],
            };
            const entities = ['a', 'b', 'a-1', 'B', 'z9', 'é', 'ab'].map((e) => ({
              ...(base.doc.entities[0] as (typeof base.doc.entities)[number]),
              id: e,
              memberOf: undefined,
            }));
            return {
              ...base,
              doc: { ...doc, entities },
              entityById: new Map(entities.map((e) => [e.id, e])),
            };
          }),
        };
        const graph = actorGraph(corpus);
        const edges = graph.edges.filter((e) => e.kind === 'claims');
        expect(edges).toEqual(referenceCoOccurrences(corpus));
        // Nodes: the known actors, in the order the claims first name them.
        const firstNamed: string[] = [];
        for (const dataset of corpus.datasets) {
          for (const claim of dataset.doc.claims) {
            for (const actor of claim.actors) {
              const shown =
                corpus.datasets.length > 1 ? `${dataset.doc.source.id}:${actor}` : actor;
              if (dataset.entityById.has(actor) && !firstNamed.includes(shown))
                firstNamed.push(shown);
            }
          }
        }
        expect(graph.nodes.map((n) => n.id)).toEqual(firstNamed);
        // Without claim ids: the same network, each co-occurrence with an empty list.
        const bare = actorGraph(corpus, undefined, { claimIds: false });
        expect(bare.nodes).toEqual(graph.nodes);
        expect(bare.edges).toEqual(
          graph.edges.map((e) => (e.kind === 'claims' ? { ...e, claims: [] } : e)),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('the busiest actors of a network', () => {
  /** The choice as first written: edges sorted by strength, ties in edge order. */
  function reference(graph: ActorGraph, limit: number): ActorGraph {
    if (graph.nodes.length <= limit) return graph;
    const strength = (e: GraphEdge) => (e.kind === 'claims' ? e.weight : Number.POSITIVE_INFINITY);
    const ranked = graph.edges
      .map((e, i) => ({ e, i }))
      .sort((x, y) => strength(y.e) - strength(x.e) || x.i - y.i);
    const keep = new Set<string>();
    for (const { e } of ranked) {
      if (keep.size >= limit) break;
      const extra = (keep.has(e.a) ? 0 : 1) + (keep.has(e.b) ? 0 : 1);
      if (keep.size + extra > limit) continue;
      keep.add(e.a);
      keep.add(e.b);
    }
    return {
      nodes: graph.nodes.filter((n) => keep.has(n.id)),
      edges: graph.edges.filter((e) => keep.has(e.a) && keep.has(e.b)),
    };
  }

  it('keeps the heaviest links first, agreements and memberships before all, ties in order', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const id = fc.constantFrom(...ids);
    const edge: fc.Arbitrary<GraphEdge> = fc.oneof(
      fc.record({
        kind: fc.constant('claims' as const),
        a: id,
        b: id,
        weight: fc.integer({ min: 1, max: 6 }),
        claims: fc.constant<string[]>([]),
      }),
      fc.record({
        kind: fc.constant('agreement' as const),
        a: id,
        b: id,
        agreement: fc.constant('x'),
        label: fc.constant('x'),
      }),
      fc.record({ kind: fc.constant('member' as const), a: id, b: id }),
    );
    fc.assert(
      fc.property(
        fc.array(edge, { maxLength: 25 }),
        fc.integer({ min: 0, max: 9 }),
        (edges, limit) => {
          const graph: ActorGraph = {
            nodes: ids.map((n) => ({ id: n, name: n, type: 'Person' as const })),
            edges,
          };
          expect(busiestActors(graph, limit)).toEqual(reference(graph, limit));
        },
      ),
      { numRuns: 500 },
    );
  });
});
