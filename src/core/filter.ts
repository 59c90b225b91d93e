import type { ClaimRef, Corpus } from './corpus.js';
import { ArmruError } from './errors.js';
import { type Resolved, resolveActor, resolveTopic } from './resolve.js';
import { CLAIM_KINDS, type ClaimKind, REVIEW_STATES, type ReviewState } from './types.js';
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
  /** The claim's review state must be one of these (`draft`, or `checked`: no review field). */
  review?: string[];
}

/** A predicate over claims, after names have been resolved to ids. */
export type ClaimPredicate = (ref: ClaimRef) => boolean;

const has = (resolved: Resolved, ref: ClaimRef, ids: string[]) => {
  const wanted = resolved.get(ref.dataset);
  return wanted !== undefined && ids.some((id) => wanted.has(id));
};

/**
 * Resolves filter names through ids, names and aliases and returns the predicate. An unknown
 * name throws (with the closest names), so a typo never quietly empties a listing.
 */
export function buildFilter(corpus: Corpus, input: ClaimFilterInput): ClaimPredicate {
  const actors = (input.actor ?? []).map((name) => resolveActor(corpus, name));
  const topics = (input.topic ?? []).map((name) => resolveTopic(corpus, name));
  const kinds = new Set((input.kind ?? []).map(checkKind));
  const wantAuthor = (input.assertedBy ?? []).some(isAuthor);
  const asserters = (input.assertedBy ?? [])
    .filter((name) => !isAuthor(name))
    .map((name) => resolveActor(corpus, name));
  const anyAsserter = wantAuthor || asserters.length > 0;
  const reviews = new Set((input.review ?? []).map(checkReview));
  return (ref) =>
    actors.every((resolved) => has(resolved, ref, ref.claim.actors)) &&
    topics.every((resolved) => has(resolved, ref, ref.claim.topics)) &&
    (kinds.size === 0 || kinds.has(ref.claim.kind)) &&
    (reviews.size === 0 || reviews.has(ref.claim.review ?? 'checked')) &&
    (!anyAsserter ||
      (wantAuthor && ref.claim.assertedBy === AUTHOR) ||
      asserters.some((resolved) => has(resolved, ref, [ref.claim.assertedBy])));
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

function checkReview(state: string): ReviewState {
  if ((REVIEW_STATES as readonly string[]).includes(state)) return state as ReviewState;
  throw new ArmruError(
    'usage',
    `unknown review state "${state}"; expected one of ${REVIEW_STATES.join(', ')}`,
  );
}
