import { closest } from '../text/suggest.js';
import { ArmruError, someOf } from './errors.js';
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
 * The refs of each dataset, in the order given, in one pass: a filter of every ref for each
 * dataset reads datasets × refs of them (10^4 articles of 10 claims: a billion reads).
 */
export function refsByDataset(refs: readonly ClaimRef[]): Map<Dataset, ClaimRef[]> {
  const groups = new Map<Dataset, ClaimRef[]>();
  for (const ref of refs) {
    const group = groups.get(ref.dataset);
    if (group) group.push(ref);
    else groups.set(ref.dataset, [ref]);
  }
  return groups;
}

/** An id as people may type it: any case, numbers without their leading zeros (`C9` for `c09`). */
const looseId = (id: string) =>
  id.toLowerCase().replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, ''));

/** The number an id ends in, without leading zeros (`c09` → `9`), or undefined. */
const idNumber = (id: string) => /(\d+)$/.exec(id)?.[1]?.replace(/^0+(?=\d)/, '');

/**
 * The claims of one dataset a typed id names: the exact id; else the id in another case
 * (`C09`); else the id with its numbers written without leading zeros (`c9`); else, for a
 * number alone (`9`), the claims whose id ends in that number. An exact id wins over the
 * looser readings, each reading over the looser ones.
 */
function claimsNamed(dataset: Dataset, local: string): Claim[] {
  const exact = dataset.claimById.get(local);
  if (exact) return [exact];
  const lower = local.toLowerCase();
  const cased = dataset.doc.claims.filter((c) => c.id.toLowerCase() === lower);
  if (cased.length > 0) return cased;
  const loose = looseId(local);
  const zeros = dataset.doc.claims.filter((c) => looseId(c.id) === loose);
  if (zeros.length > 0 || !/^\d+$/.test(local)) return zeros;
  return dataset.doc.claims.filter((c) => idNumber(c.id) === loose);
}

/**
 * Finds a claim by the id users see (`c07`, or `SOURCE:c07` with several datasets; a bare
 * id is accepted when only one dataset has it; `C7`, `c7` and `7` when they name one claim,
 * see claimsNamed). An unknown id is an error naming the nearest ids, an id that names
 * several claims an error naming them.
 */
export function findClaim(corpus: Corpus, id: string): ClaimRef {
  const wanted = id.trim();
  const candidates: ClaimRef[] = [];
  const exact: ClaimRef[] = [];
  for (const dataset of corpus.datasets) {
    const prefix = `${dataset.doc.source.id}:`;
    const local = wanted.startsWith(prefix) ? wanted.slice(prefix.length) : wanted;
    for (const claim of claimsNamed(dataset, local)) {
      candidates.push({ dataset, claim });
      if (claim.id === local) exact.push({ dataset, claim });
    }
  }
  // An exact id in one dataset wins over looser readings of it in others.
  if (exact.length === 1) return exact[0] as ClaimRef;
  const [only] = candidates;
  if (only && candidates.length === 1) return only;
  if (candidates.length > 1) {
    const ids = candidates.map((c) => qualify(corpus, c.dataset, c.claim.id));
    throw new ArmruError(
      'unknown-id',
      `claim id "${id}" names several claims; use one of ${someOf(ids)}`,
    );
  }
  const ids = allClaims(corpus).map((c) => qualify(corpus, c.dataset, c.claim.id));
  const near = closest(wanted, ids, 3);
  const hint = near.length > 0 ? `; closest: ${near.join(', ')}` : '';
  throw new ArmruError('unknown-id', `no claim has the id "${id}"${hint}`, { unknown: 'claim' });
}
