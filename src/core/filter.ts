import { ArmruError } from './errors.js';
import { resolveActor, resolveTopic } from './resolve.js';
import { CLAIM_KINDS, type Claim, type ClaimKind, type Dataset } from './types.js';
import { AUTHOR } from './verify.js';

/** Filters as the user typed them (names, not ids). */
export interface ClaimFilterInput {
  /** Each value must be among the claim's actors (repeated values: all of them). */
  actor?: string[];
  /** Each value must be among the claim's topics (repeated values: all of them). */
  topic?: string[];
  /** The claim's kind must be one of these. */
  kind?: string[];
  /** Who asserts the claim must be one of these (`author` for the writer). */
  assertedBy?: string[];
}

/** A predicate over claims, after names have been resolved to ids. */
export type ClaimPredicate = (claim: Claim) => boolean;

/**
 * Resolves filter names through ids, names and aliases and returns the predicate. An unknown
 * name throws (with the closest names), so a typo never quietly empties a listing.
 */
export function buildFilter(dataset: Dataset, input: ClaimFilterInput): ClaimPredicate {
  const actorSets = (input.actor ?? []).map((name) => new Set(resolveActor(dataset, name)));
  const topicSets = (input.topic ?? []).map((name) => new Set(resolveTopic(dataset, name)));
  const kinds = new Set((input.kind ?? []).map(checkKind));
  const asserters = new Set(
    (input.assertedBy ?? []).flatMap((name) =>
      isAuthor(name) ? [AUTHOR] : resolveActor(dataset, name),
    ),
  );
  return (claim) =>
    actorSets.every((ids) => claim.actors.some((id) => ids.has(id))) &&
    topicSets.every((ids) => claim.topics.some((id) => ids.has(id))) &&
    (kinds.size === 0 || kinds.has(claim.kind)) &&
    (asserters.size === 0 || asserters.has(claim.assertedBy));
}

function isAuthor(name: string): boolean {
  return name.trim().toLowerCase() === AUTHOR;
}

function checkKind(kind: string): ClaimKind {
  if ((CLAIM_KINDS as readonly string[]).includes(kind)) return kind as ClaimKind;
  throw new ArmruError(
    'usage',
    `unknown kind "${kind}"; expected one of ${CLAIM_KINDS.join(', ')}`,
  );
}
