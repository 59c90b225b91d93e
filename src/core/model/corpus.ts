import { closest } from '../text/suggest.js';
import { ArmruError } from './errors.js';
import type { Agreement, Claim, Dataset, Entity, Topic } from './types.js';

/** Every dataset a run has loaded. Listings and search span them all. */
export interface Corpus {
  datasets: Dataset[];
}

/** A claim together with the dataset it belongs to. */
export interface ClaimRef {
  dataset: Dataset;
  claim: Claim;
}

/** An entity together with its dataset. */
export interface EntityRef {
  dataset: Dataset;
  entity: Entity;
}

/** A topic together with its dataset. */
export interface TopicRef {
  dataset: Dataset;
  topic: Topic;
}

/** An agreement together with its dataset. */
export interface AgreementRef {
  dataset: Dataset;
  agreement: Agreement;
}

/** A corpus of one dataset. */
export function corpusOf(...datasets: Dataset[]): Corpus {
  return { datasets };
}

/**
 * The id users see: the dataset's own id when one dataset is loaded, `SOURCE:ID` when
 * several are, since two articles may both have a claim `c01`.
 */
export function qualify(corpus: Corpus, dataset: Dataset, id: string): string {
  return corpus.datasets.length > 1 ? `${dataset.doc.source.id}:${id}` : id;
}

/** Every claim of the corpus, dataset by dataset, each in article order. */
export function allClaims(corpus: Corpus): ClaimRef[] {
  return corpus.datasets.flatMap((dataset) =>
    dataset.doc.claims.map((claim) => ({ dataset, claim })),
  );
}

/**
 * Finds a claim by the id users see (`c07`, or `SOURCE:c07` with several datasets; a bare
 * id is accepted when only one dataset has it). An unknown id is an error naming the
 * nearest ids.
 */
export function findClaim(corpus: Corpus, id: string): ClaimRef {
  const wanted = id.trim();
  const candidates: ClaimRef[] = [];
  for (const dataset of corpus.datasets) {
    const prefix = `${dataset.doc.source.id}:`;
    const local = wanted.startsWith(prefix) ? wanted.slice(prefix.length) : wanted;
    // Ids are case-insensitive for people (`show C09`); an exact id wins over a folded one.
    const claim =
      dataset.claimById.get(local) ??
      dataset.doc.claims.find((c) => c.id.toLowerCase() === local.toLowerCase());
    if (claim) candidates.push({ dataset, claim });
  }
  const [only] = candidates;
  if (only && candidates.length === 1) return only;
  if (candidates.length > 1) {
    const ids = candidates.map((c) => qualify(corpus, c.dataset, c.claim.id));
    throw new ArmruError(
      'unknown-id',
      `claim id "${id}" is in several datasets; use one of ${ids.join(', ')}`,
    );
  }
  const ids = allClaims(corpus).map((c) => qualify(corpus, c.dataset, c.claim.id));
  const near = closest(wanted, ids, 3);
  const hint = near.length > 0 ? `closest: ${near.join(', ')}` : "run 'armru claims' to list them";
  throw new ArmruError('unknown-id', `no claim has the id "${id}"; ${hint}`);
}
