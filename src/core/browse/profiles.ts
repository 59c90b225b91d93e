import { AUTHOR } from '../dataset/verify.js';
import type { AgreementRef, ClaimRef, Corpus, EntityRef, TopicRef } from '../model/corpus.js';
import type { Agreement, Claim, Dataset } from '../model/types.js';
import { parentIds } from '../model/types.js';
import {
  authorEntity,
  type Reach,
  reach,
  reachedBy,
  type Via,
  viaOf,
} from '../search/hierarchy.js';
import { exactName, resolveActor, resolveTopic } from '../search/resolve.js';

/** A claim or agreement in a profile, with the chain when it concerns a member of the entity. */
export type Reached<T> = T & { via?: Via };

/** An entity with how often the dataset mentions it. */
export interface EntitySummary extends EntityRef {
  /** Claims about it (it is among their actors). */
  claimCount: number;
  /** Claims it asserts. */
  assertedCount: number;
}

/** An entity's full profile. */
export interface EntityProfile extends EntitySummary {
  about: Reached<ClaimRef>[];
  asserted: Reached<ClaimRef>[];
  agreements: Reached<AgreementRef>[];
}

/** A topic with how many claims it has. */
export interface TopicSummary extends TopicRef {
  claimCount: number;
}

/** A topic's full profile: its claims, and the agreements those claims evidence. */
export interface TopicProfile extends TopicSummary {
  claims: ClaimRef[];
  agreements: AgreementRef[];
}

/**
 * Who and what each claim and agreement of a dataset names, gathered in one pass over the
 * claims and one over the agreements (as positions), so that profiling every entity or topic
 * costs about as much as reading the dataset once, not once per entity.
 */
interface Mentions {
  /** Positions in `claims` of the claims with each actor id. */
  about: Map<string, number[]>;
  /** Positions in `claims` of the claims each id (or `author`) asserts. */
  asserted: Map<string, number[]>;
  byTopic: Map<string, number[]>;
  /** Positions in `agreements` of the agreements with each party. */
  agreementsOf: Map<string, number[]>;
  /** Positions in `agreements` of the agreements citing each claim id. */
  agreementsCiting: Map<string, number[]>;
}

const mentionsCache = new WeakMap<Dataset, Mentions>();

function add(map: Map<string, number[]>, key: string, at: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [at]);
  // Positions come in order: an id listed twice in one claim counts the claim once.
  else if (list[list.length - 1] !== at) list.push(at);
}

function mentions(dataset: Dataset): Mentions {
  let found = mentionsCache.get(dataset);
  if (found) return found;
  found = {
    about: new Map(),
    asserted: new Map(),
    byTopic: new Map(),
    agreementsOf: new Map(),
    agreementsCiting: new Map(),
  };
  const m = found;
  dataset.doc.claims.forEach((claim, at) => {
    for (const id of claim.actors) add(m.about, id, at);
    add(m.asserted, claim.assertedBy, at);
    for (const id of claim.topics) add(m.byTopic, id, at);
  });
  dataset.doc.agreements.forEach((agreement, at) => {
    for (const id of agreement.parties) add(m.agreementsOf, id, at);
    for (const id of agreement.claims) add(m.agreementsCiting, id, at);
  });
  mentionsCache.set(dataset, found);
  return found;
}

/** The positions listed under any of `keys`, each once, ascending. */
function positions(map: Map<string, number[]>, keys: Iterable<string>): number[] {
  const all = new Set<number>();
  for (const key of keys) for (const at of map.get(key) ?? []) all.add(at);
  return [...all].sort((a, b) => a - b);
}

/**
 * An entity's profile. The claims about it, the claims it asserts and its agreements include
 * those of its members (membership followed down), each with its chain, unless `exact`.
 * Only the claims and agreements that name the entity or a member are looked at.
 */
function entityProfile(
  dataset: Dataset,
  entity: EntityRef['entity'],
  exact = false,
): EntityProfile {
  const found: Reach = reach(dataset, [entity.id], exact);
  const m = mentions(dataset);
  const how = (ids: string[], name: string) => {
    const chain = reachedBy(found, ids);
    if (chain === undefined) return undefined;
    return chain ? { via: viaOf(dataset, 'actor', name, chain) } : {};
  };
  const { claims, agreements: all } = dataset.doc;
  const about: Reached<ClaimRef>[] = [];
  for (const at of positions(m.about, found.keys())) {
    const claim = claims[at] as Claim;
    const a = how(claim.actors, entity.name);
    if (a) about.push({ dataset, claim, ...a });
  }
  const asserted: Reached<ClaimRef>[] = [];
  for (const at of positions(m.asserted, found.keys())) {
    const claim = claims[at] as Claim;
    const b = how([claim.assertedBy], entity.name);
    if (b) asserted.push({ dataset, claim, ...b });
  }
  const agreements: Reached<AgreementRef>[] = [];
  for (const at of positions(m.agreementsOf, found.keys())) {
    const agreement = all[at] as Agreement;
    const a = how(agreement.parties, entity.name);
    if (a) agreements.push({ dataset, agreement, ...a });
  }
  return {
    dataset,
    entity,
    claimCount: about.length,
    assertedCount: asserted.length,
    about,
    asserted,
    agreements,
  };
}

function topicProfile(dataset: Dataset, topic: TopicRef['topic']): TopicProfile {
  const m = mentions(dataset);
  const claims = (m.byTopic.get(topic.id) ?? []).map((at) => ({
    dataset,
    claim: dataset.doc.claims[at] as Claim,
  }));
  // The agreements any of these claims evidence, each once, in dataset order.
  const agreements = positions(
    m.agreementsCiting,
    claims.map((r) => r.claim.id),
  ).map((at) => ({ dataset, agreement: dataset.doc.agreements[at] as Agreement }));
  return { dataset, topic, claimCount: claims.length, claims, agreements };
}

/** Every entity of the corpus with its counts, in dataset order. */
export function entityProfiles(corpus: Corpus): EntityProfile[] {
  return corpus.datasets.flatMap((dataset) =>
    dataset.doc.entities.map((entity) => entityProfile(dataset, entity)),
  );
}

/**
 * Every entity of the corpus with its counts, as `entityProfiles` counts them (a member's
 * claims count for what it belongs to), in dataset order, without listing the claims.
 */
export function entitySummaries(corpus: Corpus): EntitySummary[] {
  return corpus.datasets.flatMap((dataset) => {
    const counts = hierarchyCounts(dataset);
    return dataset.doc.entities.map((entity) => {
      const [claimCount, assertedCount] =
        counts?.get(entity.id) ?? reachedCounts(dataset, entity.id);
      return { dataset, entity, claimCount, assertedCount };
    });
  });
}

/** The claims about and asserted by an entity and its members, counted from its reach. */
function reachedCounts(dataset: Dataset, id: string): [number, number] {
  const found = reach(dataset, [id]);
  const m = mentions(dataset);
  return [positions(m.about, found.keys()).length, positions(m.asserted, found.keys()).length];
}

/** The counts of every entity from the shape of membership, or `undefined` (one by one). */
function hierarchyCounts(dataset: Dataset): Map<string, [number, number]> | undefined {
  const { entities } = dataset.doc;
  const known = new Set(entities.map((e) => e.id));
  // The reserved asserter `author` belongs to the writer's entity; an entity named like it
  // would make the two ambiguous.
  if (known.size !== entities.length || known.has(AUTHOR)) return undefined;
  return treeCounts(dataset, known) ?? dagCounts(dataset, known);
}

/**
 * The counts of every entity when membership is a forest (each entity a member of at most one
 * other, no cycle): each entity's claims are the union of its own and its members', built
 * bottom up by merging the smaller sets into the larger, so a deep chain costs its length, not
 * its length squared. `undefined` for any other shape (those entities are counted one by one).
 */
function treeCounts(
  dataset: Dataset,
  known: Set<string>,
): Map<string, [number, number]> | undefined {
  const { entities } = dataset.doc;
  const kids = new Map<string, string[]>();
  const roots: string[] = [];
  for (const entity of entities) {
    const parents = [...new Set(parentIds(entity))].filter((p) => known.has(p));
    if (parents.length > 1) return undefined;
    const [parent] = parents;
    if (parent === undefined) roots.push(entity.id);
    else {
      const list = kids.get(parent);
      if (list) list.push(entity.id);
      else kids.set(parent, [entity.id]);
    }
  }
  const m = mentions(dataset);
  const writer = authorEntity(dataset)?.id;
  const own = (map: Map<string, number[]>, id: string): number[] =>
    id === writer ? [...(map.get(id) ?? []), ...(map.get(AUTHOR) ?? [])] : (map.get(id) ?? []);
  const out = new Map<string, [number, number]>();
  const sets = new Map<string, [Set<number>, Set<number>]>();
  const merge = (into: Set<number>, from: Set<number>) => {
    for (const at of from) into.add(at);
  };
  // Children before parents, without recursion (a chain may be thousands deep).
  const stack: [string, boolean][] = roots.map((id) => [id, false]);
  while (stack.length > 0) {
    const [id, done] = stack.pop() as [string, boolean];
    const below = kids.get(id) ?? [];
    if (!done) {
      stack.push([id, true]);
      for (const child of below) stack.push([child, false]);
      continue;
    }
    let about = new Set<number>();
    let asserted = new Set<number>();
    for (const child of below) {
      let [a, b] = sets.get(child) as [Set<number>, Set<number>];
      sets.delete(child);
      if (a.size > about.size) [about, a] = [a, about];
      merge(about, a);
      if (b.size > asserted.size) [asserted, b] = [b, asserted];
      merge(asserted, b);
    }
    for (const at of own(m.about, id)) about.add(at);
    for (const at of own(m.asserted, id)) asserted.add(at);
    sets.set(id, [about, asserted]);
    out.set(id, [about.size, asserted.size]);
  }
  // An entity left out sits on a cycle of membership.
  return out.size === entities.length ? out : undefined;
}

/** Bits of claim positions per entity: at most this many bits in all (32 MiB). */
const DAG_BITS = 2 ** 28;

/**
 * The counts of every entity when some entity belongs to several others (membership a
 * directed acyclic graph): each entity's claims as a bit set, the union of its own and its
 * members', built members first. The sets take entities × claims bits, so a dataset past
 * DAG_BITS, or with a cycle of membership, gets `undefined` (counted one by one).
 */
function dagCounts(
  dataset: Dataset,
  known: Set<string>,
): Map<string, [number, number]> | undefined {
  const { entities, claims } = dataset.doc;
  const words = Math.ceil(claims.length / 32);
  if (entities.length * words * 32 > DAG_BITS) return undefined;
  const parentsOf = new Map<string, string[]>();
  const pending = new Map<string, number>();
  for (const entity of entities) {
    const parents = [...new Set(parentIds(entity))].filter((p) => known.has(p));
    parentsOf.set(entity.id, parents);
    for (const p of parents) pending.set(p, (pending.get(p) ?? 0) + 1);
  }
  const m = mentions(dataset);
  const writer = authorEntity(dataset)?.id;
  const bits = (map: Map<string, number[]>, id: string): Uint32Array => {
    const set = new Uint32Array(words);
    const mark = (at: number) => {
      set[at >>> 5] = (set[at >>> 5] as number) | (1 << (at & 31));
    };
    for (const at of map.get(id) ?? []) mark(at);
    if (id === writer) for (const at of map.get(AUTHOR) ?? []) mark(at);
    return set;
  };
  const sets = new Map<string, [Uint32Array, Uint32Array]>();
  for (const entity of entities)
    sets.set(entity.id, [bits(m.about, entity.id), bits(m.asserted, entity.id)]);
  // Members before what they belong to: an entity is done once all its members are.
  const ready = entities.filter((e) => !pending.has(e.id)).map((e) => e.id);
  const out = new Map<string, [number, number]>();
  while (ready.length > 0) {
    const id = ready.pop() as string;
    const [about, asserted] = sets.get(id) as [Uint32Array, Uint32Array];
    out.set(id, [ones(about), ones(asserted)]);
    for (const parent of parentsOf.get(id) ?? []) {
      const [a, b] = sets.get(parent) as [Uint32Array, Uint32Array];
      for (let w = 0; w < words; w++) {
        a[w] = (a[w] as number) | (about[w] as number);
        b[w] = (b[w] as number) | (asserted[w] as number);
      }
      const left = (pending.get(parent) as number) - 1;
      pending.set(parent, left);
      if (left === 0) ready.push(parent);
    }
  }
  // An entity left out sits on a cycle of membership.
  return out.size === entities.length ? out : undefined;
}

/** The number of bits set. */
function ones(set: Uint32Array): number {
  let count = 0;
  for (let w = 0; w < set.length; w++) {
    let x = set[w] as number;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    count += (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return count;
}

/** The entities answering to `name` (id, name or alias); none is an error naming the closest. */
export function findEntityProfiles(corpus: Corpus, input: string, exact = false): EntityProfile[] {
  const { name, exact: marked } = exactName(input);
  return [...resolveActor(corpus, name)].flatMap(([dataset, ids]) =>
    dataset.doc.entities
      .filter((e) => ids.has(e.id))
      .map((e) => entityProfile(dataset, e, exact || marked)),
  );
}

/** Every topic of the corpus with its counts, in dataset order. */
export function topicProfiles(corpus: Corpus): TopicProfile[] {
  return corpus.datasets.flatMap((dataset) =>
    dataset.doc.topics.map((topic) => topicProfile(dataset, topic)),
  );
}

/** The topics answering to `name`; none is an error naming the closest. */
export function findTopicProfiles(corpus: Corpus, name: string): TopicProfile[] {
  return [...resolveTopic(corpus, name)].flatMap(([dataset, ids]) =>
    dataset.doc.topics.filter((t) => ids.has(t.id)).map((t) => topicProfile(dataset, t)),
  );
}
