/**
 * How strongly a claim matched a search, weakest term deciding: 0 its own words (text or
 * quote), 1 a name or a value of the record (actor, topic, asserter, cue,
 * kind, date), 2 only an alias of an actor, topic or asserter, or only the agreements the claim
 * evidences and its note (words that are not the claim's own). Search ranks by it;
 * printers mark alias-only hits, so it lives here, below both.
 */
export type Tier = 0 | 1 | 2;

/** The tier of a claim that matched only through an alias. */
export const ALIAS_ONLY: Tier = 2;
