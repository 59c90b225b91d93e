import type { AgreementRef, ClaimRef, Corpus, EntityRef, TopicRef } from './corpus.js';
import { resolveActor, resolveTopic } from './resolve.js';
import type { Agreement, Dataset } from './types.js';

/** An entity with how often the dataset mentions it. */
export interface EntitySummary extends EntityRef {
  /** Claims about it (it is among their actors). */
  claimCount: number;
  /** Claims it asserts. */
  assertedCount: number;
}

/** An entity's full profile. */
export interface EntityProfile extends EntitySummary {
  about: ClaimRef[];
  asserted: ClaimRef[];
  agreements: AgreementRef[];
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
 * claims and one over the agreements, so that profiling every entity or topic costs as much
 * as reading the dataset once (not once per entity).
 */
interface Mentions {
  about: Map<string, ClaimRef[]>;
  asserted: Map<string, ClaimRef[]>;
  byTopic: Map<string, ClaimRef[]>;
  agreementsOf: Map<string, AgreementRef[]>;
  /** Positions in `agreements` of the agreements citing each claim. */
  agreementsCiting: Map<string, number[]>;
}

const mentionsCache = new WeakMap<Dataset, Mentions>();

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
  for (const claim of dataset.doc.claims) {
    const ref = { dataset, claim };
    // An id listed twice in one claim still counts the claim once.
    for (const id of new Set(claim.actors)) add(found.about, id, ref);
    add(found.asserted, claim.assertedBy, ref);
    for (const id of new Set(claim.topics)) add(found.byTopic, id, ref);
  }
  dataset.doc.agreements.forEach((agreement, at) => {
    const ref = { dataset, agreement };
    for (const id of new Set(agreement.parties)) add(found.agreementsOf, id, ref);
    for (const id of new Set(agreement.claims)) add(found.agreementsCiting, id, at);
  });
  mentionsCache.set(dataset, found);
  return found;
}

function entityProfile(dataset: Dataset, entity: EntityRef['entity']): EntityProfile {
  const m = mentions(dataset);
  const about = m.about.get(entity.id) ?? [];
  const asserted = m.asserted.get(entity.id) ?? [];
  return {
    dataset,
    entity,
    claimCount: about.length,
    assertedCount: asserted.length,
    about,
    asserted,
    agreements: m.agreementsOf.get(entity.id) ?? [],
  };
}

function topicProfile(dataset: Dataset, topic: TopicRef['topic']): TopicProfile {
  const m = mentions(dataset);
  const claims = m.byTopic.get(topic.id) ?? [];
  // The agreements any of these claims evidence, each once, in dataset order.
  const cited = new Set<number>();
  for (const { claim } of claims)
    for (const at of m.agreementsCiting.get(claim.id) ?? []) cited.add(at);
  const agreements = [...cited]
    .sort((a, b) => a - b)
    .map((at) => ({ dataset, agreement: dataset.doc.agreements[at] as Agreement }));
  return { dataset, topic, claimCount: claims.length, claims, agreements };
}

/** Every entity of the corpus with its counts, in dataset order. */
export function entityProfiles(corpus: Corpus): EntityProfile[] {
  return corpus.datasets.flatMap((dataset) =>
    dataset.doc.entities.map((entity) => entityProfile(dataset, entity)),
  );
}

/** The entities answering to `name` (id, name or alias); none is an error naming the closest. */
export function findEntityProfiles(corpus: Corpus, name: string): EntityProfile[] {
  return [...resolveActor(corpus, name)].flatMap(([dataset, ids]) =>
    dataset.doc.entities.filter((e) => ids.has(e.id)).map((e) => entityProfile(dataset, e)),
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
