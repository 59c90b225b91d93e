import { allClaims, type ClaimRef, type Corpus } from '../model/corpus.js';
import type { Claim } from '../model/types.js';
import { buildFilter, type ClaimFilterInput } from './filter.js';
import { ClaimSearcher } from './search.js';

/** What an export (or any bulk consumer) selects: claim filters plus an optional search query. */
export interface Selection extends ClaimFilterInput {
  query?: string;
}

/**
 * The claims a selection picks, always in corpus order (dataset by dataset, article order),
 * so exports are stable whatever the query's ranking.
 */
export function selectClaims(corpus: Corpus, selection: Selection, find?: MatchFinder): ClaimRef[] {
  const keep = buildFilter(corpus, selection);
  const refs = allClaims(corpus);
  if (selection.query === undefined) return refs.filter(keep);
  const found = find?.(corpus, selection.query);
  if (found) return refs.filter((ref) => found.has(ref.claim) && keep(ref));
  const matched = new Set(
    new ClaimSearcher(corpus, refs)
      // A bulk consumer gets every match, alias-only ones too (search shows them with --all).
      .search(selection.query, { filter: keep, all: true })
      .map((hit) => hit.claim),
  );
  return refs.filter((ref) => matched.has(ref.claim));
}

/**
 * Another way to find every claim a query matches (an index), which may decline by returning
 * undefined; it must give exactly the claims the search of every loaded claim would.
 */
export type MatchFinder = (corpus: Corpus, query: string) => ReadonlySet<Claim> | undefined;

/** True when a selection narrows anything (a filter or a query is given). */
export function narrows(selection: Selection): boolean {
  return Object.entries(selection).some(
    ([key, value]) =>
      ['actor', 'topic', 'kind', 'assertedBy', 'review', 'from', 'to', 'query'].includes(key) &&
      value !== undefined &&
      !(Array.isArray(value) && value.length === 0),
  );
}

/** The claims a selection picks, as a set; undefined when it narrows nothing (every claim). */
export function selectedSet(
  corpus: Corpus,
  selection: Selection,
  find?: MatchFinder,
): ReadonlySet<Claim> | undefined {
  if (!narrows(selection)) return undefined;
  return new Set(selectClaims(corpus, selection, find).map((ref) => ref.claim));
}
