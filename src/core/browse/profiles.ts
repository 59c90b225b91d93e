import type { AgreementRef, ClaimRef, Corpus, EntityRef, TopicRef } from '../model/corpus.js';
import type { Dataset } from '../model/types.js';
import { chainText, type Reach, reach, reachedBy, type Via } from '../search/hierarchy.js';
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

const claimsWhere = (dataset: Dataset, test: (ref: ClaimRef) => boolean) =>
  dataset.doc.claims.map((claim) => ({ dataset, claim })).filter(test);

/**
 * An entity's profile. The claims about it, the claims it asserts and its agreements include
 * those of its members (membership followed down), each with its chain, unless `exact`.
 */
function entityProfile(
  dataset: Dataset,
  entity: EntityRef['entity'],
  exact = false,
): EntityProfile {
  const found: Reach = reach(dataset, [entity.id], exact);
  const how = (ids: string[], name: string) => {
    const chain = reachedBy(found, ids);
    if (chain === undefined) return undefined;
    return chain
      ? { via: { option: 'actor', name, path: chain, text: `via ${chainText(dataset, chain)}` } }
      : {};
  };
  const about: Reached<ClaimRef>[] = [];
  const asserted: Reached<ClaimRef>[] = [];
  for (const claim of dataset.doc.claims) {
    const a = how(claim.actors, entity.name);
    if (a) about.push({ dataset, claim, ...a });
    const b = how([claim.assertedBy], entity.name);
    if (b) asserted.push({ dataset, claim, ...b });
  }
  const agreements: Reached<AgreementRef>[] = [];
  for (const agreement of dataset.doc.agreements) {
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
