import type { AgreementRef, ClaimRef, Corpus, EntityRef, TopicRef } from './corpus.js';
import { resolveActor, resolveTopic } from './resolve.js';
import type { Dataset } from './types.js';

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

const claimsWhere = (dataset: Dataset, test: (ref: ClaimRef) => boolean) =>
  dataset.doc.claims.map((claim) => ({ dataset, claim })).filter(test);

function entityProfile(dataset: Dataset, entity: EntityRef['entity']): EntityProfile {
  const about = claimsWhere(dataset, (r) => r.claim.actors.includes(entity.id));
  const asserted = claimsWhere(dataset, (r) => r.claim.assertedBy === entity.id);
  const agreements = dataset.doc.agreements
    .filter((a) => a.parties.includes(entity.id))
    .map((agreement) => ({ dataset, agreement }));
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
  const claims = claimsWhere(dataset, (r) => r.claim.topics.includes(topic.id));
  const ids = new Set(claims.map((r) => r.claim.id));
  const agreements = dataset.doc.agreements
    .filter((a) => a.claims.some((id) => ids.has(id)))
    .map((agreement) => ({ dataset, agreement }));
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
