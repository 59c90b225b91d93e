import type { IFuseOptions } from 'fuse.js';
import { FOLD_RULES, fold } from './fold.js';
import type { Claim, Dataset } from './types.js';
import { AUTHOR } from './verify.js';

// What claims offer to search and how fuse.js is configured to search it. Kept apart from
// search.ts so that code needing only these (the loader, the index) does not load fuse.js.

/** The searchable fields of a claim, in the order of their weight. */
export const SEARCH_FIELDS = ['text', 'quote', 'actors', 'topics', 'source'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/**
 * What one claim offers to search. `actors`, `topics` and `source` list every name and
 * alias as separate entries, so an exact alias scores as well as an exact name.
 */
export interface SearchRecord {
  text: string;
  quote: string;
  actors: string[];
  topics: string[];
  source: string[];
}

/**
 * The fuse.js options every search path uses. Both the plain path and any indexed path must
 * score with exactly these, so that rankings agree.
 */
export const FUSE_OPTIONS: IFuseOptions<SearchRecord> = {
  keys: [
    { name: 'text', weight: 3 },
    { name: 'quote', weight: 2 },
    { name: 'actors', weight: 2 },
    { name: 'topics', weight: 1.5 },
    { name: 'source', weight: 1 },
  ],
  // Records are folded once when the index is built; queries are folded the same way.
  getFn: (record, path) => {
    const value = record[(Array.isArray(path) ? path[0] : path) as SearchField];
    return typeof value === 'string' ? fold(value) : value.map(fold);
  },
  includeScore: true,
  includeMatches: true,
  ignoreLocation: true,
  useExtendedSearch: true,
  // About one edit per five characters: Shoigu finds Shoygu, Gyumri does not find "Yuri".
  threshold: 0.2,
  minMatchCharLength: 2,
  isCaseSensitive: true,
};

/** A word of the word index: a run of letters, digits and marks in folded text. */
export const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * The fuse.js release armru scores with. package.json pins exactly this version (a test checks
 * both agree): another release may score differently, so it is part of the index fingerprint.
 */
export const FUSE_VERSION = '7.5.0';

/** The byte order of this machine, in which the index's binary tables are written. */
export const BYTE_ORDER = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE';

/**
 * What an on-disk index depends on: the fuse.js release, the byte order, the search fields
 * and weights, the matching options and the folding rules. An index built under another
 * fingerprint is stale.
 */
export const SEARCH_FINGERPRINT = JSON.stringify({
  fuse: FUSE_VERSION,
  byteOrder: BYTE_ORDER,
  keys: FUSE_OPTIONS.keys,
  threshold: FUSE_OPTIONS.threshold,
  minMatchCharLength: FUSE_OPTIONS.minMatchCharLength,
  ignoreLocation: FUSE_OPTIONS.ignoreLocation,
  fold: FOLD_RULES,
  words: WORD.source,
});

/** Builds the search record of a claim: its words, its quote, and the names behind its ids. */
export function searchRecord(dataset: Dataset, claim: Claim): SearchRecord {
  const names = (item: { name: string; aliases: string[] } | undefined) =>
    item ? [item.name, ...item.aliases] : [];
  const asserter =
    claim.assertedBy === AUTHOR
      ? [AUTHOR, dataset.doc.source.author]
      : names(dataset.entityById.get(claim.assertedBy));
  return {
    text: claim.text,
    quote: claim.quote.exact,
    actors: claim.actors.flatMap((id) => names(dataset.entityById.get(id))),
    topics: claim.topics.flatMap((id) => names(dataset.topicById.get(id))),
    source: claim.cue ? [...asserter, claim.cue] : asserter,
  };
}
