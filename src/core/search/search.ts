import Fuse, { type Expression, type FuseIndex, type FuseResultMatch } from 'fuse.js';
import { fold } from '../text/fold.js';
import { filterByNeedles, termNeedles } from './candidates.js';
import { excluded, matchedList } from './match-details.js';
import {
  type EntryOrigin,
  FUSE_OPTIONS,
  recordEntries,
  type SearchField,
  type SearchRecord,
  searchRecord,
  visitRecord,
} from './search-record.js';

export {
  FUSE_OPTIONS,
  SEARCH_FIELDS,
  SEARCH_FINGERPRINT,
  type SearchField,
  type SearchRecord,
  searchRecord,
  wordPattern,
} from './search-record.js';

import { allClaims, type ClaimRef, type Corpus } from '../model/corpus.js';
import type { Claim, Dataset } from '../model/types.js';

/** Where a query matched: ranges (inclusive, UTF-16 units) in the field's text. */
export interface HitMatch {
  field: SearchField;
  /** For list fields, which entry of the search record matched. */
  entry?: number;
  indices: [number, number][];
}

/** What matched, as the JSON output's `matched` list shows it. */
export interface Matched {
  field: SearchField;
  /** The matched words of the text or quote, or the whole value of a list entry. */
  value: string;
  /** Where the value comes from when it is not the claim's own words: "alias of Russia", "kind report". */
  via?: string;
}

export { ALIAS_ONLY, type Tier } from '../model/tiers.js';

import { ALIAS_ONLY, type Tier } from '../model/tiers.js';

/** One search result: the claim and its dataset, fuse.js's score (0 is perfect), where it matched. */
export interface SearchHit extends ClaimRef {
  score: number;
  matches: HitMatch[];
  /** How strongly it matched (see Tier); ranking puts lower tiers first. */
  tier: Tier;
  /** What matched, field by field, with where alias and record values come from. */
  matched: Matched[];
  /** In a partial match (no claim matched every word), how many of the words this one matched. */
  words?: number;
}

/** How a search runs: which claims it may return, how many, and what it prefers. */
export interface SearchOptions {
  filter?: (ref: ClaimRef) => boolean;
  limit?: number;
  /** Every match: also those only through an alias when stronger ones exist. */
  all?: boolean;
  /** Rank dated claims first within a tier (a "when" question). */
  dated?: boolean;
}

/** A search's hits and what was left out of them. */
export interface SearchResult {
  /** The hits shown, best first (at most `limit`). */
  hits: SearchHit[];
  /** How many claims matched and were kept (before `limit`). */
  total: number;
  /** Claims that matched only through an alias, left out because stronger matches exist. */
  weak: number;
  /** Set when no claim matched every word: the best count of words matched, out of `of`. */
  partial?: { best: number; of: number; terms: string[] };
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

/** A record's field values as fuse.js's index holds them (see FUSE_OPTIONS.getFn): folded. */
function foldedValue(record: SearchRecord, field: SearchField): string | string[] {
  return (FUSE_OPTIONS.getFn as (r: SearchRecord, path: string) => string | string[])(
    record,
    field,
  );
}

/** The names of the searched fields, in the order of fuse.js's keys. */
const KEY_NAMES = (FUSE_OPTIONS.keys ?? []).map(
  (key) => (typeof key === 'string' ? key : (key as { name: string }).name) as SearchField,
);

/** Whether fuse.js's index leaves a value out (it skips blank strings). */
const blank = (value: string) => value.trim().length === 0;

/** The folded values of `values` that are not blank, joined by NUL ('' when none is left). */
function foldedJoin(values: readonly string[]): string {
  let out = '';
  for (const value of values) {
    const v = fold(value);
    if (blank(v)) continue;
    out = out === '' ? v : `${out}\u0000${v}`;
  }
  return out;
}

/**
 * An entity's or topic's name and aliases folded and joined, made once per item: the same few
 * names recur in claim after claim. Made again when the item's names change (a draft being
 * edited), by the test `names` in search-record.ts makes.
 */
const namesText = new WeakMap<
  object,
  { name: string; aliases: readonly string[]; count: number; text: string }
>();

function foldedNames(item: { name: string; aliases: readonly string[] }): string {
  const known = namesText.get(item);
  if (
    known &&
    known.name === item.name &&
    known.aliases === item.aliases &&
    known.count === item.aliases.length
  )
    return known.text;
  const text = foldedJoin([item.name, ...item.aliases]);
  namesText.set(item, { name: item.name, aliases: item.aliases, count: item.aliases.length, text });
  return text;
}

/** Lists of values shared between claims (a kind's words, a date's forms), folded once each. */
const listText = new WeakMap<readonly string[], string>();

function foldedList(list: readonly string[]): string {
  let text = listText.get(list);
  if (text === undefined) {
    text = foldedJoin(list);
    listText.set(list, text);
  }
  return text;
}

/**
 * A claim's haystack: the same text as `haystack` of its search record in fuse.js's index, that
 * is the record's folded values that are not blank, in key order, joined by NUL. Made from the
 * claim without building its record (`visitRecord` visits the same values in the same order),
 * and with each entity's names folded and joined once, not once per claim that names it.
 */
export function foldedHaystack(dataset: Dataset, claim: Claim): string {
  let out = '';
  const add = (text: string) => {
    if (text !== '') out = out === '' ? text : `${out}\u0000${text}`;
  };
  visitRecord(dataset, claim, {
    value: (_field, value) => {
      const v = fold(value);
      if (!blank(v)) add(v);
    },
    names: (_field, item) => add(foldedNames(item)),
    list: (_field, list) => add(foldedList(list)),
  });
  return out;
}

/** A record's folded values, each left blank unless `keep` says it may match. */
function prunedRecord(record: SearchRecord, keep: (value: string) => boolean): SearchRecord {
  const out = {} as Record<SearchField, string | string[]>;
  for (const field of KEY_NAMES) {
    const value = foldedValue(record, field);
    out[field] =
      typeof value === 'string' ? (keep(value) ? value : '') : value.map((v) => (keep(v) ? v : ''));
  }
  return out as unknown as SearchRecord;
}

/** A claim's score and match positions for one term or group. */
interface Scored {
  score: number;
  matches: HitMatch[];
  tier: Tier;
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
  private readonly refs: ClaimRef[];
  /** Search records, made when a search first needs one (most never need most of them). */
  private readonly recordAt: (SearchRecord | undefined)[];
  /**
   * fuse.js's own index of every record (folded field values and their norms): the prepared
   * one an on-disk index brings, else made when a term without needles needs it.
   */
  private fullIndex: FuseIndex<SearchRecord> | undefined;
  private fullFuse: Fuse<SearchRecord> | undefined;
  /** Each record's folded fields joined by NUL, for the candidate filter. */
  private readonly haystacks: string[];
  private readonly originCache = new Map<number, Record<SearchField, EntryOrigin[]>>();
  private readonly termCache = new Map<string, Map<number, Scored>>();

  constructor(corpus: Corpus, refs: ClaimRef[] = allClaims(corpus)) {
    this.refs = refs;
    this.recordAt = new Array(refs.length);
    this.corpus = corpus;
    // The haystacks are folded here: fuse.js's index of every record (the prepared one a
    // fresh on-disk index brings, or one made here) is needed only by a term without needles
    // (see the fuse getter), so most searches neither read nor make it, and a record is made
    // only for a claim that passes a term's candidate filter.
    this.haystacks = refs.map(({ dataset, claim }) => foldedHaystack(dataset, claim));
  }

  /** The search record of the claim at `index`. */
  private record(index: number): SearchRecord {
    let record = this.recordAt[index];
    if (!record) {
      const { dataset, claim } = this.refs[index] as ClaimRef;
      record = searchRecord(dataset, claim);
      this.recordAt[index] = record;
    }
    return record;
  }

  /** Every claim's search record. */
  private get records(): SearchRecord[] {
    return this.refs.map((_, index) => this.record(index));
  }

  private readonly corpus: Corpus;

  /** fuse.js over every record, with its full index (made or read on first use). */
  private get fuse(): Fuse<SearchRecord> {
    if (this.fullFuse) return this.fullFuse;
    const records = this.records;
    if (!this.fullIndex) {
      const [only] = this.corpus.datasets;
      const prepared =
        this.corpus.datasets.length === 1 && this.refs.length === only?.doc.claims.length
          ? only.searchIndex
          : undefined;
      this.fullIndex = prepared
        ? Fuse.parseIndex<SearchRecord>(prepared as never, { getFn: FUSE_OPTIONS.getFn as never })
        : Fuse.createIndex(FUSE_OPTIONS.keys ?? [], records, {
            getFn: FUSE_OPTIONS.getFn as never,
          });
    }
    this.fullFuse = new Fuse(records, FUSE_OPTIONS, this.fullIndex);
    return this.fullFuse;
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
        const matches = toMatches(result.matches ?? []);
        hits.set(result.refIndex, {
          score: result.score ?? 0,
          matches,
          tier: this.tierOf(result.refIndex, matches),
        });
      }
      return hits;
    }
    // Only field values that contain a needle can match, so fuse.js gets each candidate with
    // just those values: the others are left blank, which fuse.js's index skips as it skips
    // any blank value. A value that cannot match adds nothing to fuse.js's score (a product
    // over the values that matched), so scores are unchanged; array entries keep their
    // positions, so match positions are unchanged too. fuse.js makes the index of these
    // pruned records itself, with the norms of the values kept.
    const chosen = filterByNeedles(this.haystacks, needles);
    if (chosen.length === 0) return hits;
    const has = (value: string) => needles.some((n) => value.includes(n));
    const pruned = chosen.map((at) => prunedRecord(this.record(at), has));
    const subset = Fuse.createIndex<SearchRecord>(FUSE_OPTIONS.keys ?? [], pruned, {
      getFn: ((record: SearchRecord, path: string | string[]) =>
        record[(Array.isArray(path) ? path[0] : path) as SearchField]) as never,
    });
    const fuse = new Fuse(
      chosen.map((at) => this.record(at)),
      FUSE_OPTIONS,
      subset,
    );
    for (const result of fuse.search({ $and: [term] } as Expression)) {
      const at = chosen[result.refIndex] as number;
      const matches = toMatches(result.matches ?? []);
      hits.set(at, { score: result.score ?? 0, matches, tier: this.tierOf(at, matches) });
    }
    return hits;
  }

  /** Where each list entry of a record comes from, computed when a hit needs it. */
  private origins(index: number): Record<SearchField, EntryOrigin[]> {
    let found = this.originCache.get(index);
    if (!found) {
      const { dataset, claim } = this.refs[index] as ClaimRef;
      const entries = recordEntries(dataset, claim);
      found = Object.fromEntries(
        Object.entries(entries).map(([field, list]) => [field, list.map((e) => e.origin)]),
      ) as Record<SearchField, EntryOrigin[]>;
      this.originCache.set(index, found);
    }
    return found;
  }

  /** The strongest way one term's matches reached the record (see Tier). */
  private tierOf(index: number, matches: HitMatch[]): Tier {
    let tier: Tier = ALIAS_ONLY;
    for (const m of matches) {
      if (m.field === 'text' || m.field === 'quote') return 0;
      const origin = this.origins(index)[m.field][m.entry ?? 0];
      if (origin && !origin.alias) tier = 1;
    }
    return tier;
  }

  /** The `matched` list of a hit: each field value that matched, and how. */
  private matchedOf(index: number, matches: HitMatch[], tier: Tier): Matched[] {
    const record = this.record(index);
    return matchedList(
      matches,
      (field, entry) => {
        const value = record[field];
        return typeof value === 'string' ? value : (value[entry] ?? '');
      },
      (field, entry) => this.origins(index)[field][entry],
      tier === ALIAS_ONLY,
    );
  }

  /** How many claims one (parsed) term matches on its own, before any filter. */
  termHits(term: string): number {
    return this.found(term).size;
  }

  /** One term's hits, searched once per searcher. */
  private found(term: string): Map<number, Scored> {
    let hits = this.termCache.get(term);
    if (!hits) {
      hits = this.searchTerm(term);
      this.termCache.set(term, hits);
    }
    return hits;
  }

  /**
   * Claims matching `query`, best first (ties in corpus order). A query with nothing to
   * match (empty, spaces, bare operators) matches every claim with score 0, as in fzf.
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    return this.run(query, options).hits;
  }

  /**
   * Runs a query and says what it left out. Ranking: a claim's tier first (its own words,
   * then names and record values, then aliases only), then fuse.js's score (the product over
   * the query's terms), then corpus order; with `dated`, dated claims come first in a tier. When some claim matches more strongly than
   * through an alias, claims that match only through an alias are left out (counted in
   * `weak`) unless `all`.
   */
  run(query: string, options: SearchOptions = {}): SearchResult {
    return this.runGroups(parseQuery(query), options);
  }

  /** `run` for a query already parsed. */
  runGroups(groups: QueryGroup[], options: SearchOptions = {}): SearchResult {
    const { filter = () => true, limit = Number.POSITIVE_INFINITY, all = false } = options;
    const best = new Map<number, Scored>();
    const offer = (index: number, scored: Scored) => {
      const seen = best.get(index);
      if (
        !seen ||
        scored.tier < seen.tier ||
        (scored.tier === seen.tier && scored.score < seen.score)
      )
        best.set(index, scored);
    };
    if (groups.length === 0) {
      for (let index = 0; index < this.refs.length; index++)
        offer(index, { score: 0, matches: [], tier: 0 });
    }
    // Each distinct term is searched once; a group's claims are those every one of its terms
    // found, scored as the product of the terms' scores. That is exactly how fuse.js scores a
    // logical $and (the product over all matches), without a pass per OR-branch. A group's
    // tier is its weakest term's.
    for (const group of groups) {
      let matched: Map<number, Scored> | undefined;
      for (const term of group.terms) {
        const hits = this.found(term);
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
                tier: Math.max(so.tier, more.tier) as Tier,
              });
          }
        }
        if (matched.size === 0) break;
      }
      if (matched === undefined) {
        this.haystacks.forEach((haystack, index) => {
          if (!excluded(haystack, group.exclusions))
            offer(index, { score: 0, matches: [], tier: 0 });
        });
        continue;
      }
      for (const [index, scored] of matched) {
        if (!excluded(this.haystacks[index] as string, group.exclusions)) offer(index, scored);
      }
    }
    const kept = [...best.entries()].filter(([index]) => filter(this.refs[index] as ClaimRef));
    return this.rank(kept, limit, all, Boolean(options.dated));
  }

  /**
   * When no claim matches every word of a one-branch query: the claims that match some of
   * its words, most words first, then as `run` ranks. Empty when no word matches anything.
   */
  runPartial(query: string, options: SearchOptions = {}): SearchResult {
    return this.runPartialGroups(parseQuery(query), options);
  }

  /** `runPartial` for a query already parsed. */
  runPartialGroups(groups: QueryGroup[], options: SearchOptions = {}): SearchResult {
    const { filter = () => true, limit = Number.POSITIVE_INFINITY, all = false } = options;
    const [group] = groups;
    if (!group || groups.length !== 1 || group.terms.length < 2)
      return { hits: [], total: 0, weak: 0 };
    const counts = new Map<number, { words: number; scored: Scored }>();
    for (const term of group.terms) {
      for (const [index, scored] of this.found(term)) {
        const seen = counts.get(index);
        counts.set(
          index,
          seen
            ? {
                words: seen.words + 1,
                scored: {
                  score: seen.scored.score * scored.score,
                  matches: [...seen.scored.matches, ...scored.matches],
                  tier: Math.max(seen.scored.tier, scored.tier) as Tier,
                },
              }
            : { words: 1, scored },
        );
      }
    }
    const kept = [...counts.entries()].filter(
      ([index]) =>
        !excluded(this.haystacks[index] as string, group.exclusions) &&
        filter(this.refs[index] as ClaimRef),
    );
    // A loop: Math.max(...values) overflows the stack at 10^5 claims.
    const bestWords = kept.reduce((most, [, c]) => Math.max(most, c.words), 0);
    const result = this.rank(
      kept.map(([index, c]) => [index, c.scored] as [number, Scored]),
      limit,
      all,
      Boolean(options.dated),
      (index) => counts.get(index)?.words ?? 0,
    );
    return {
      ...result,
      partial: { best: bestWords, of: group.terms.length, terms: group.terms },
    };
  }

  /** Hits in rank order, weak ones left out when stronger exist, at most `limit`. */
  private rank(
    entries: [number, Scored][],
    limit: number,
    all: boolean,
    dated: boolean,
    words?: (index: number) => number,
  ): SearchResult {
    const w = words ?? (() => 0);
    const undated = (index: number) => (dated && !this.refs[index]?.claim.when ? 1 : 0);
    const ranked = [...entries].sort(
      ([a, x], [b, y]) =>
        w(b) - w(a) || x.tier - y.tier || undated(a) - undated(b) || x.score - y.score || a - b,
    );
    const strong = ranked.some(([, s]) => s.tier < ALIAS_ONLY);
    const shown = all || !strong ? ranked : ranked.filter(([, s]) => s.tier < ALIAS_ONLY);
    const hits = shown.slice(0, limit).map(([index, { score, matches, tier }]) => ({
      ...(this.refs[index] as ClaimRef),
      score,
      matches,
      tier,
      matched: this.matchedOf(index, matches, tier),
      ...(words ? { words: w(index) } : {}),
    }));
    return { hits, total: shown.length, weak: ranked.length - shown.length };
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
