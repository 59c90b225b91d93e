import { AUTHOR } from '../core/dataset/verify.js';
import type { ClaimRef, Corpus } from '../core/model/corpus.js';
import type { Agreement, Dataset, Entity, Topic } from '../core/model/types.js';
import type { Via } from '../core/search/hierarchy.js';

// The JSON forms of the dataset's records. With one dataset loaded a record is printed exactly
// as stored. With several, ids repeat across datasets (every article has a `c01`), so every id
// and every reference to one becomes SOURCE:ID, the form `show` and the filters accept, and the
// record gains `dataset`. One rule for every command, so a consumer can join any two outputs.

/** The function that qualifies this dataset's ids, or undefined with one dataset loaded. */
function qualifier(corpus: Corpus, dataset: Dataset): ((id: string) => string) | undefined {
  if (corpus.datasets.length < 2) return undefined;
  const source = dataset.doc.source.id;
  return (id) => `${source}:${id}`;
}

/** A claim as JSON output carries it. */
export function claimJson(corpus: Corpus, ref: ClaimRef): Record<string, unknown> {
  const q = qualifier(corpus, ref.dataset);
  const { claim } = ref;
  if (!q) return { ...claim };
  return {
    ...claim,
    id: q(claim.id),
    assertedBy: claim.assertedBy === AUTHOR ? AUTHOR : q(claim.assertedBy),
    actors: claim.actors.map(q),
    topics: claim.topics.map(q),
    dataset: ref.dataset.doc.source.id,
  };
}

/** An entity (actor) as JSON output carries it. */
export function entityJson(corpus: Corpus, dataset: Dataset, entity: Entity): Entity {
  const q = qualifier(corpus, dataset);
  if (!q) return entity;
  const { memberOf } = entity;
  return {
    ...entity,
    id: q(entity.id),
    ...(memberOf === undefined
      ? {}
      : { memberOf: Array.isArray(memberOf) ? memberOf.map(q) : q(memberOf) }),
    dataset: dataset.doc.source.id,
  } as Entity;
}

/** A topic as JSON output carries it. */
export function topicJson(corpus: Corpus, dataset: Dataset, topic: Topic): Topic {
  const q = qualifier(corpus, dataset);
  if (!q) return topic;
  return { ...topic, id: q(topic.id), dataset: dataset.doc.source.id } as Topic;
}

/** An agreement as JSON output carries it. */
export function agreementJson(corpus: Corpus, dataset: Dataset, agreement: Agreement): Agreement {
  const q = qualifier(corpus, dataset);
  if (!q) return agreement;
  return {
    ...agreement,
    id: q(agreement.id),
    parties: agreement.parties.map(q),
    claims: agreement.claims.map(q),
    dataset: dataset.doc.source.id,
  } as Agreement;
}

/** How a filter reached a record through membership, its entity path qualified like the rest. */
export function viaJson(corpus: Corpus, dataset: Dataset, via: Via): Via {
  const q = qualifier(corpus, dataset);
  return q ? { ...via, path: via.path.map(q) } : via;
}
