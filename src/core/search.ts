import Fuse, { type Expression, type FuseIndex, type FuseResultMatch } from 'fuse.js';
import { filterByNeedles, termNeedles } from './candidates.js';
import { fold } from './fold.js';
import {
  FUSE_OPTIONS,
  type SearchField,
  type SearchRecord,
  searchRecord,
} from './search-record.js';

export {
  FUSE_OPTIONS,
  SEARCH_FIELDS,
  SEARCH_FINGERPRINT,
  type SearchField,
  type SearchRecord,
  searchRecord,
  WORD,
} from './search-record.js';

import { allClaims, type ClaimRef, type Corpus } from './corpus.js';

/** Where a query matched: ranges (inclusive, UTF-16 units) in the field's text. */
export interface HitMatch {
  field: SearchField;
  /** For list fields, which entry of the search record matched. */
  entry?: number;
  indices: [number, number][];
}

/** One search result: the claim and its dataset, fuse.js's score (0 is perfect), where it matched. */
export interface SearchHit extends ClaimRef {
  score: number;
  matches: HitMatch[];
}

// A double-quoted run stays one term (fuse.js's own rule), so `="Color Revolution"` works.
const TERM_SPLIT = / +(?=(?:[^"]*"[^"]*")*[^"]*$)/;

/** Words longer than this (UTF-16 units) are matched exactly rather than fuzzily. */
export const MAX_FUZZY = 32;

/** A negated term: the claim must have no field that includes / starts with / ends with `text`. */
export interface Exclusion {
  text: string;
  at: 'include' | 'prefix' | 'suffix';
}

/** One OR-branch of a query: terms that must all match, and terms that must not. */
export interface QueryGroup {
  terms: string[];
  exclusions: Exclusion[];
}

/**
 * Parses an fzf-style query (already the words joined by spaces): `|` separates OR-branches,
 * spaces separate AND-terms, `!` negates. Text is folded as records are. Bare operators with
 * nothing to match are dropped; an empty result means "match everything".
 */
export function parseQuery(query: string): QueryGroup[] {
  return fold(query)
    .split('|')
    .map((branch) => {
      const group: QueryGroup = { terms: [], exclusions: [] };
      for (const term of branch.trim().split(TERM_SPLIT)) {
        if (term.replace(/^[!'^=]+|\$$/g, '').length === 0) continue;
        if (!term.startsWith('!')) {
          // fuse.js's fuzzy matcher works on 32 characters at a time and gets slow past that;
          // a word that long is a pasted phrase, matched exactly.
          const fuzzy = !/^[!'^=]/.test(term) && !term.endsWith('$');
          const next = fuzzy && term.length > MAX_FUZZY ? `'${term}` : term;
          if (!group.terms.includes(next)) group.terms.push(next);
        } else if (term.startsWith('!^')) {
          group.exclusions.push({ text: term.slice(2), at: 'prefix' });
        } else if (term.endsWith('$')) {
          group.exclusions.push({ text: term.slice(1, -1), at: 'suffix' });
        } else {
          group.exclusions.push({ text: term.slice(1), at: 'include' });
        }
      }
      return group;
    })
    .filter((group) => group.terms.length > 0 || group.exclusions.length > 0);
}

/** True when some folded field value in the record's haystack meets an exclusion. */
function excluded(haystack: string, exclusions: Exclusion[]): boolean {
  if (exclusions.length === 0) return false;
  // The haystack already holds every field value folded, NUL-separated: no folding again.
  const values = haystack.split('\u0000');
  return exclusions.some(({ text, at }) =>
    values.some((v) =>
      at === 'prefix' ? v.startsWith(text) : at === 'suffix' ? v.endsWith(text) : v.includes(text),
    ),
  );
}

/** One record of fuse.js's index: folded values (`v`) and norms (`n`) by key number. */
interface IndexRecord {
  i: number;
  $: Record<number, { v: string; n: number } | { v: string; i: number; n: number }[]>;
}

/** A record's folded field values joined by NUL, which no field value contains. */
function haystack(record: IndexRecord): string {
  return Object.values(record.$)
    .flatMap((value) => (Array.isArray(value) ? value.map((v) => v.v) : [value.v]))
    .join('\u0000');
}

/** A claim's score and match positions for one term or group. */
interface Scored {
  score: number;
  matches: HitMatch[];
}

/**
 * Searches claims; prepared once per dataset and reused for every query.
 *
 * Positive terms go to fuse.js as one logical AND whose string leaves may match in any field
 * (a plain fuse.js string query would need every term in the same field). Negated terms are
 * applied afterwards as a filter, because fuse.js scores an inverse match like a perfect hit
 * and would float every claim that merely lacks the word to the top.
 */
export class ClaimSearcher {
  private readonly fuse: Fuse<SearchRecord>;
  private readonly refs: ClaimRef[];
  private readonly records: SearchRecord[];
  /** fuse.js's own index of the records: folded field values and their norms. */
  private readonly index: FuseIndex<SearchRecord>;
  /** Each record's folded fields joined by NUL, for the candidate filter. */
  private readonly haystacks: string[];

  constructor(corpus: Corpus, refs: ClaimRef[] = allClaims(corpus)) {
    this.refs = refs;
    this.records = refs.map(({ dataset, claim }) => searchRecord(dataset, claim));
    // A fresh on-disk index brings fuse.js's index of the whole dataset, already folded.
    const [only] = corpus.datasets;
    const prepared =
      corpus.datasets.length === 1 && only?.searchIndex && refs.length === only.doc.claims.length
        ? only.searchIndex
        : undefined;
    this.index = prepared
      ? Fuse.parseIndex<SearchRecord>(prepared as never, { getFn: FUSE_OPTIONS.getFn as never })
      : Fuse.createIndex(FUSE_OPTIONS.keys ?? [], this.records, {
          getFn: FUSE_OPTIONS.getFn as never,
        });
    this.fuse = new Fuse(this.records, FUSE_OPTIONS, this.index);
    this.haystacks = this.index.records.map((record) => haystack(record as IndexRecord));
  }

  /**
   * Scores one term. Only records that pass the candidate filter are handed to fuse.js, as a
   * smaller index over the same folded values and norms, so scores are the same as a search of
   * every record.
   */
  private searchTerm(term: string): Map<number, Scored> {
    const hits = new Map<number, Scored>();
    const needles = termNeedles(term, FUSE_OPTIONS.threshold ?? 0.6);
    if (!needles) {
      for (const result of this.fuse.search({ $and: [term] } as Expression)) {
        hits.set(result.refIndex, {
          score: result.score ?? 0,
          matches: toMatches(result.matches ?? []),
        });
      }
      return hits;
    }
    // Only field values that contain a needle can match, so fuse.js gets each candidate with
    // just those values. A value that cannot match adds nothing to fuse.js's score (a product
    // over the values that matched), so scores are unchanged; array entries keep their
    // original positions, so match positions are unchanged too.
    const chosen = filterByNeedles(this.haystacks, needles);
    if (chosen.length === 0) return hits;
    const { keys, records } = this.index.toJSON();
    const has = (value: string) => needles.some((n) => value.includes(n));
    const pruned = chosen.map((at, i) => {
      const record = records[at] as unknown as IndexRecord;
      const kept: IndexRecord['$'] = {};
      for (const [key, value] of Object.entries(record.$)) {
        if (Array.isArray(value)) {
          const entries = value.filter((entry) => has(entry.v));
          if (entries.length > 0) kept[Number(key)] = entries;
        } else if (has(value.v)) {
          kept[Number(key)] = value;
        }
      }
      return { i, $: kept };
    });
    const subset = Fuse.parseIndex<SearchRecord>({ keys, records: pruned } as never, {
      getFn: FUSE_OPTIONS.getFn as never,
    });
    const fuse = new Fuse(
      chosen.map((at) => this.records[at] as SearchRecord),
      FUSE_OPTIONS,
      subset,
    );
    for (const result of fuse.search({ $and: [term] } as Expression)) {
      hits.set(chosen[result.refIndex] as number, {
        score: result.score ?? 0,
        matches: toMatches(result.matches ?? []),
      });
    }
    return hits;
  }

  /**
   * Claims matching `query`, best first (ties in corpus order). A query with nothing to
   * match (empty, spaces, bare operators) matches every claim with score 0, as in fzf.
   */
  search(
    query: string,
    options: { filter?: (ref: ClaimRef) => boolean; limit?: number } = {},
  ): SearchHit[] {
    const { filter = () => true, limit = Number.POSITIVE_INFINITY } = options;
    const groups = parseQuery(query);
    const best = new Map<number, { score: number; matches: HitMatch[] }>();
    const offer = (index: number, score: number, matches: HitMatch[]) => {
      const seen = best.get(index);
      if (!seen || score < seen.score) best.set(index, { score, matches });
    };
    if (groups.length === 0) {
      for (let index = 0; index < this.refs.length; index++) offer(index, 0, []);
    }
    // Each distinct term is searched once; a group's claims are those every one of its terms
    // found, scored as the product of the terms' scores. That is exactly how fuse.js scores a
    // logical $and (the product over all matches), without a pass per OR-branch.
    const cache = new Map<string, Map<number, Scored>>();
    const found = (term: string) => {
      let hits = cache.get(term);
      if (!hits) {
        hits = this.searchTerm(term);
        cache.set(term, hits);
      }
      return hits;
    };
    for (const group of groups) {
      let matched: Map<number, Scored> | undefined;
      for (const term of group.terms) {
        const hits = found(term);
        if (matched === undefined) {
          matched = new Map(hits);
        } else {
          for (const [index, so] of matched) {
            const more = hits.get(index);
            if (!more) matched.delete(index);
            else
              matched.set(index, {
                score: so.score * more.score,
                matches: [...so.matches, ...more.matches],
              });
          }
        }
        if (matched.size === 0) break;
      }
      if (matched === undefined) {
        this.haystacks.forEach((haystack, index) => {
          if (!excluded(haystack, group.exclusions)) offer(index, 0, []);
        });
        continue;
      }
      for (const [index, { score, matches }] of matched) {
        if (!excluded(this.haystacks[index] as string, group.exclusions))
          offer(index, score, matches);
      }
    }
    const hits: SearchHit[] = [];
    const ranked = [...best.entries()].sort(([a, x], [b, y]) => x.score - y.score || a - b);
    for (const [index, { score, matches }] of ranked) {
      if (hits.length >= limit) break;
      const ref = this.refs[index] as ClaimRef;
      if (filter(ref)) hits.push({ ...ref, score, matches });
    }
    return hits;
  }
}

function toMatches(matches: readonly FuseResultMatch[]): HitMatch[] {
  return matches
    .filter((m) => m.key !== undefined)
    .map((m) => ({
      field: m.key as SearchField,
      ...(m.refIndex !== undefined ? { entry: m.refIndex } : {}),
      indices: m.indices.map(([a, b]) => [a, b] as [number, number]),
    }));
}
