import {
  type Claim,
  type Dataset,
  type DatasetDocument,
  parentIds,
  SCHEMA_VERSION,
} from '../model/types.js';
import { AUTHOR } from './verify.js';

/** The `$schema` of a document written where armru cannot tell the schema's path from it. */
export const DEFAULT_SCHEMA_REF = 'urn:armru:schema:claims:1';

/**
 * The whole dataset as one self-contained document: every entity, topic, claim, agreement and
 * relation as stored, with the article text inside (`source.text`) instead of `textFile`.
 */
export function wholeDocument(dataset: Dataset, schemaRef = DEFAULT_SCHEMA_REF): DatasetDocument {
  const { $schema: _old, schemaVersion, source: stored, ...records } = dataset.doc;
  const { textFile: _dropped, ...source } = stored;
  return {
    $schema: schemaRef,
    schemaVersion,
    source: { ...source, text: dataset.text },
    ...records,
  };
}

/**
 * A dataset document holding only `claims` and what they need: the entities they name (and
 * the entities those belong to), their topics, the agreements they evidence (trimmed to the
 * selected claims, with those agreements' parties) and the relations between selected claims.
 * The article text travels inside (`source.text`), so the document loads wherever it is
 * written, and it validates against the same schema.
 */
export function subsetDocument(
  dataset: Dataset,
  claims: Claim[],
  schemaRef = DEFAULT_SCHEMA_REF,
): DatasetDocument {
  const { doc } = dataset;
  // Every claim selected: every record goes too, including entities no claim names (the author).
  const chosen = new Set(claims);
  if (chosen.size === doc.claims.length && doc.claims.every((c) => chosen.has(c))) {
    return wholeDocument(dataset, schemaRef);
  }
  const claimIds = new Set(claims.map((c) => c.id));
  const agreements = doc.agreements
    .filter((a) => a.claims.some((id) => claimIds.has(id)))
    .map((a) => ({ ...a, claims: a.claims.filter((id) => claimIds.has(id)) }));

  const entityIds = new Set<string>();
  const addEntity = (id: string): void => {
    // Follow memberOf so every reference in the subset still resolves.
    if (entityIds.has(id)) return;
    entityIds.add(id);
    const entity = dataset.entityById.get(id);
    if (entity) parentIds(entity).forEach(addEntity);
  };
  for (const claim of claims) {
    claim.actors.forEach(addEntity);
    if (claim.assertedBy !== AUTHOR) addEntity(claim.assertedBy);
  }
  for (const agreement of agreements) agreement.parties.forEach(addEntity);
  const topicIds = new Set(claims.flatMap((c) => c.topics));

  const { textFile: _dropped, ...source } = doc.source;
  return {
    $schema: schemaRef,
    schemaVersion: SCHEMA_VERSION,
    source: { ...source, text: dataset.text },
    entities: doc.entities.filter((e) => entityIds.has(e.id)),
    topics: doc.topics.filter((t) => topicIds.has(t.id)),
    claims: doc.claims.filter((c) => claimIds.has(c.id)),
    agreements,
    relations: doc.relations.filter((r) => claimIds.has(r.from) && claimIds.has(r.to)),
  };
}
