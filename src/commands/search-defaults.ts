/**
 * The options `armru search` runs with when none is typed: the defaults its declaration gives
 * commander (registry.ts), kept here so that the quick bundle (quick-search.ts), which runs such
 * searches without commander, uses the very same values. A test compares this object with what
 * commander hands the command.
 */
export const SEARCH_DEFAULTS: Readonly<{ limit: number }> = Object.freeze({ limit: 20 });
