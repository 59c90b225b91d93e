import type { ClaimRef, Corpus } from '../model/corpus.js';
import type { Claim } from '../model/types.js';
import { parseQuery } from '../search/search.js';
import * as plain from '../search/select.js';

export type { Selection } from '../search/select.js';

import type { Selection } from '../search/select.js';
import { IndexDamaged } from './index-store.js';
import { openWordIndexes, SEARCH_BUDGET } from './indexed-search.js';
import {
  indexSet,
  perIndex,
  RankedTerms,
  rankable,
  rankQuery,
  withinBudget,
} from './ranked-search.js';

// The --query filter of claims, timeline, disputes, stats, graph, export and read, through the
// datasets' word indexes when they can answer it: the matching claims are found from the
// postings instead of building fuse.js's index of every loaded claim. The set is the one the
// plain path gives (every match, alias-only ones included); when an index cannot give exactly
// that (no fresh large index, a query it cannot rank, a term over the budget), the plain path
// runs.

/**
 * The claims of `corpus` that match `query`, from the word indexes of its dataset files; or
 * undefined when they cannot say exactly (the caller then searches the loaded claims).
 */
export function indexedMatches(corpus: Corpus, query: string): ReadonlySet<Claim> | undefined {
  const groups = parseQuery(query);
  if (groups.length === 0 || !rankable(groups)) return undefined;
  const lookup = openWordIndexes(corpus.datasets.map((d) => d.file));
  if (!lookup.usable) return undefined;
  const { indexes } = lookup;
  try {
    const set = indexSet(indexes.map((i) => i.index));
    // The index must be of the very claims loaded, and able to rank.
    const matches = indexes.every(
      ({ index }, d) =>
        index.meta.rankable && index.meta.claims === corpus.datasets[d]?.doc.claims.length,
    );
    if (!matches || set.total >= 2 ** 25) return undefined;
    const terms = new RankedTerms(set, SEARCH_BUDGET);
    // A term left out for its cost would widen the selection: search the loaded claims.
    const { groups: kept, dropped } = withinBudget(terms, groups);
    if (dropped.length > 0) return undefined;
    const ranked = rankQuery(terms, kept, {
      limit: Number.POSITIVE_INFINITY,
      all: true,
      dated: false,
    });
    const found = new Set<Claim>();
    // A selection keeps claims that match every word; a partial match selects nothing.
    if (ranked.partial) return found;
    perIndex(set, ranked.chosen).forEach((numbers, d) => {
      const claims = corpus.datasets[d]?.doc.claims ?? [];
      for (const n of numbers) found.add(claims[n] as Claim);
    });
    return found;
  } catch (error) {
    // A damaged index is not believed; the loaded claims, checked on load, are.
    if (error instanceof IndexDamaged) return undefined;
    throw error;
  } finally {
    for (const { index } of indexes) index.close();
  }
}

/** The claims a selection picks, in corpus order; its query answered by the indexes when they can. */
export function selectClaims(corpus: Corpus, selection: Selection): ClaimRef[] {
  return plain.selectClaims(corpus, selection, indexedMatches);
}

/** The claims a selection picks, as a set; undefined when it narrows nothing (every claim). */
export function selectedSet(corpus: Corpus, selection: Selection): ReadonlySet<Claim> | undefined {
  return plain.selectedSet(corpus, selection, indexedMatches);
}
