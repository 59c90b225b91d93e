import { checkDate } from '../dataset/verify.js';
import type { ClaimRef, Corpus } from '../model/corpus.js';
import { chooseEnum } from '../model/enums.js';
import { ArmruError } from '../model/errors.js';
import { CLAIM_KINDS, type ClaimKind, REVIEW_STATES } from '../model/types.js';
import { type Chain, reachedBy, type Via, viaOf } from './hierarchy.js';
import { type Reached, reachActor, resolveTopic } from './resolve.js';

/** Filters as the user typed them (names, not ids). */
export interface ClaimFilterInput {
  /**
   * Each value must be among the claim's actors, or have a member among them (repeated
   * values: all of them). `=Name` means the entity itself only.
   */
  actor?: string[];
  /** Each value must be among the claim's topics (repeated values: all of them). */
  topic?: string[];
  /** The claim's kind must be one of these (any case). */
  kind?: string[];
  /** Who asserts the claim must be one of these, or a member of one (`author` for the writer). */
  assertedBy?: string[];
  /** Actor and asserter names mean the entity itself, not its members. */
  exactActor?: boolean;
  /** The claim's review state must be one of these (`draft`, or `checked`: no review field). */
  review?: string[];
  /** The claim's date must reach this day or later (`2019`, `2019-10`, `2019-10-29`). */
  from?: string;
  /** The claim's date must start on or before this (same forms). */
  to?: string;
}

/** The first and last day an ISO date or interval (`2019`, `2019-10`, `A/B`) can mean. */
function dateSpan(date: string): [string, string] {
  const [start = date, end = start] = date.split('/');
  const low = start.length === 4 ? `${start}-01-01` : start.length === 7 ? `${start}-01` : start;
  const high = end.length === 4 ? `${end}-12-31` : end.length === 7 ? `${end}-31` : end;
  return [low, high];
}

/** A --from or --to value: a real date, YYYY, YYYY-MM or YYYY-MM-DD. */
function checkDateBound(option: string, value: string): string {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) || checkDate(value)) {
    throw new ArmruError(
      'usage',
      `--${option} "${value}": expected a date as YYYY, YYYY-MM or YYYY-MM-DD`,
    );
  }
  return value;
}

/** A predicate over claims, after names have been resolved to ids. */
export type ClaimPredicate = (ref: ClaimRef) => boolean;

/** The filter, and how a claim it keeps matched through membership. */
export interface ClaimFilter {
  keep: ClaimPredicate;
  /** For each actor or asserter name a claim matched only through a member, the chain. */
  via: (ref: ClaimRef) => Via[];
}

/**
 * Resolves filter names through ids, names and aliases, follows membership, and returns the
 * filter. An unknown name or value throws (with the closest), so a typo never quietly empties
 * a listing.
 */
export function claimFilter(corpus: Corpus, input: ClaimFilterInput): ClaimFilter {
  const exact = Boolean(input.exactActor);
  const actors = (input.actor ?? []).map((name) => ({
    name,
    found: reachActor(corpus, name, exact),
  }));
  const topics = (input.topic ?? []).map((name) => resolveTopic(corpus, name));
  const kinds = new Set((input.kind ?? []).map((k) => chooseEnum('kind', k, CLAIM_KINDS)));
  const asserters = (input.assertedBy ?? []).map((name) => ({
    name,
    found: reachActor(corpus, name, exact),
  }));
  const reviews = new Set(
    (input.review ?? []).map((r) => chooseEnum('review state', r, REVIEW_STATES)),
  );
  // Dated claims whose span meets [from, to]; with either bound, undated claims are out.
  const from =
    input.from === undefined ? undefined : dateSpan(checkDateBound('from', input.from))[0];
  const to = input.to === undefined ? undefined : dateSpan(checkDateBound('to', input.to))[1];
  // A range that ends before it starts keeps nothing: a typo, said as one.
  if (from !== undefined && to !== undefined && from > to) {
    throw new ArmruError(
      'usage',
      `--from "${input.from}" is after --to "${input.to}"; expected the earlier date first`,
    );
  }
  const inDates = (ref: ClaimRef): boolean => {
    if (from === undefined && to === undefined) return true;
    if (!ref.claim.when) return false;
    const [low, high] = dateSpan(ref.claim.when.date);
    return (from === undefined || high >= from) && (to === undefined || low <= to);
  };
  const actorChain = (found: Reached, ref: ClaimRef) =>
    reachedBy(found.get(ref.dataset), ref.claim.actors);
  const asserterChain = (found: Reached, ref: ClaimRef) =>
    reachedBy(found.get(ref.dataset), [ref.claim.assertedBy]);
  const keep: ClaimPredicate = (ref) =>
    actors.every(({ found }) => actorChain(found, ref) !== undefined) &&
    topics.every((resolved) => ref.claim.topics.some((id) => resolved.get(ref.dataset)?.has(id))) &&
    (kinds.size === 0 || kinds.has(ref.claim.kind)) &&
    (reviews.size === 0 || reviews.has(ref.claim.review ?? 'checked')) &&
    inDates(ref) &&
    (asserters.length === 0 ||
      asserters.some(({ found }) => asserterChain(found, ref) !== undefined));
  const via = (ref: ClaimRef): Via[] => {
    const out: Via[] = [];
    const add = (option: string, name: string, chain: Chain | null | undefined, how = 'via') => {
      if (chain) out.push(viaOf(ref.dataset, option, name, chain, how));
    };
    for (const { name, found } of actors) add('actor', name, actorChain(found, ref));
    for (const { name, found } of asserters)
      add('asserted-by', name, asserterChain(found, ref), 'asserted via');
    return out;
  };
  return { keep, via };
}

/** The predicate of `claimFilter`, for callers that need no explanations. */
export function buildFilter(corpus: Corpus, input: ClaimFilterInput): ClaimPredicate {
  return claimFilter(corpus, input).keep;
}

/** The kind a user typed, in any case; an unknown one throws naming the nearest. */
export function checkKind(kind: string): ClaimKind {
  return chooseEnum('kind', kind, CLAIM_KINDS);
}
