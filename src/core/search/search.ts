import { fold, foldOnce } from '../text/fold.js';
import { termNeedles } from './candidates.js';
import { fieldNorm, scoreFactor, type TermSearcher, termSearcher } from './fuse-score.js';
import { matchedList } from './match-details.js';
import { isKindWord } from './question.js';
import {
  type EntryOrigin,
  FUSE_OPTIONS,
  SEARCH_FIELDS,
  type SearchField,
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
  /**
   * In a partial match: also keep the weak claims that match every word when stronger ones
   * exist (see `withPartial`); weak claims that match fewer words are still left out and
   * counted, unless `all`.
   */
  complete?: boolean;
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
  partial?: PartialOf;
  /**
   * In a partial match: the most words a claim kept matched in its own words or names (not
   * only through an alias or an agreement), shown or not (0: none did). A limit may leave
   * only weak claims among the hits.
   */
  strongWords?: number;
}

/** What a partial match says: the most words a claim matched, of how many, which words. */
export interface PartialOf {
  best: number;
  of: number;
  terms: string[];
  /**
   * Set when some claims matched every word, but only through aliases or agreements (weak):
   * how many. They rank by their words, and are left out unless nothing stronger matches.
   */
  weak?: number;
}

/**
 * True when a query's claims all matched weakly (only through aliases, agreements or notes):
 * then the claims that match some of its words in their own words or names are shown too,
 * rather than a weak match passing for the only answer (see `withPartial`).
 */
export function weakOnly(result: SearchResult): boolean {
  return result.total > 0 && result.hits[0]?.tier === ALIAS_ONLY;
}

/**
 * The result to show for a one-group query: `full` when some claim matches every word
 * strongly; else the partial match (`partial(weak)`), when no claim matches every word and
 * some match part, or when every claim matching all matches weakly and some claim matches
 * part of the words strongly. In that case `weak` is true: the partial match is to keep the
 * weak claims that match every word (`complete`), so they still come first, marked, and the
 * claims that match some words in their own words follow; weak claims that match only some
 * of the words are counted, not shown (unless `all`), as in any search. Both search paths
 * decide this way.
 */
export function withPartial(
  full: SearchResult,
  partial: (weak: boolean) => SearchResult,
): SearchResult {
  if (full.total > 0 && !weakOnly(full)) return full;
  const some = partial(full.total > 0);
  if (some.total === 0 || !some.partial) return full;
  if (full.total === 0) return some;
  // Some claim must match part of the words strongly, shown or cut off by the limit.
  if (!((some.strongWords ?? 0) > 0)) return full;
  return { ...some, partial: { ...some.partial, weak: full.total } };
}

/** The field of the agreements a claim evidences and its note (see searchTerm's tiers). */
const CONTEXT = SEARCH_FIELDS.indexOf('context');

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

/** Whether fuse.js's index leaves a value out (it skips blank strings). */
const blank = (value: string) => value.trim().length === 0;

/**
 * A run of record values shared by every claim that has it: an entity's or topic's name and
 * aliases, a kind's words, a date's forms. Folded once, however many claims name it.
 */
export interface SharedValues {
  raw: readonly string[];
  folded: readonly string[];
  /** The folded values that are not blank, joined by NUL: what a needle is looked for in. */
  text: string;
  /** True for names: the first value is the name, the others are aliases. */
  names: boolean;
}

/**
 * One piece of a claim's search record, in fuse.js's order: a value of the claim's own (its
 * text, quote, cue, date text, agreements, note) or a shared run of values. `entry` is the
 * number of the (first) value in its field, as fuse.js numbers a list field's entries.
 */
export type RecordPiece =
  | { field: number; entry: number; raw: string; folded: string; of: string }
  | { field: number; entry: number; shared: SharedValues; of: string };

function sharedOf(raw: readonly string[], names: boolean): SharedValues {
  const folded = raw.map(fold);
  let text = '';
  for (const v of folded) if (!blank(v)) text = text === '' ? v : `${text}\u0000${v}`;
  return { raw, folded, text, names };
}

/**
 * Each entity's or topic's names, folded once; made again when the item's names change (a
 * draft being edited), by the test `names` in search-record.ts makes.
 */
const sharedNames = new WeakMap<
  object,
  { name: string; aliases: readonly string[]; count: number; shared: SharedValues }
>();

function namesOf(item: { name: string; aliases: readonly string[] }): SharedValues {
  const known = sharedNames.get(item);
  if (
    known &&
    known.name === item.name &&
    known.aliases === item.aliases &&
    known.count === item.aliases.length
  )
    return known.shared;
  const shared = sharedOf([item.name, ...item.aliases], true);
  sharedNames.set(item, {
    name: item.name,
    aliases: item.aliases,
    count: item.aliases.length,
    shared,
  });
  return shared;
}

/** Lists of values shared between claims (a kind's words, a date's forms), folded once each. */
const sharedLists = new WeakMap<readonly string[], SharedValues>();

function listOf(list: readonly string[]): SharedValues {
  let shared = sharedLists.get(list);
  if (!shared) {
    shared = sharedOf(list, false);
    sharedLists.set(list, shared);
  }
  return shared;
}

/**
 * A claim's search record as pieces (see RecordPiece): the values of `recordEntries`, in its
 * order, with an entity's names kept once for every claim that names it. The cost of a claim
 * does not grow with how many aliases its actors have.
 */
export function recordPieces(dataset: Dataset, claim: Claim): RecordPiece[] {
  const pieces: RecordPiece[] = [];
  const next = new Array<number>(8).fill(0);
  visitRecord(dataset, claim, {
    value: (field, raw, _alias, of) => {
      pieces.push({ field, entry: next[field] as number, raw, folded: foldOnce(raw), of });
      next[field] = (next[field] as number) + 1;
    },
    names: (field, item) => {
      const shared = namesOf(item);
      pieces.push({ field, entry: next[field] as number, shared, of: item.name });
      next[field] = (next[field] as number) + shared.raw.length;
    },
    list: (field, list, of) => {
      const shared = listOf(list);
      pieces.push({ field, entry: next[field] as number, shared, of });
      next[field] = (next[field] as number) + shared.raw.length;
    },
  });
  return pieces;
}

/** True when some value of the pieces meets an exclusion (includes, starts or ends with it). */
function piecesExcluded(
  pieces: readonly RecordPiece[],
  exclusions: readonly Exclusion[],
  sharedExcluded: (shared: SharedValues) => boolean,
): boolean {
  if (exclusions.length === 0) return false;
  for (const piece of pieces) {
    if ('shared' in piece) {
      if (sharedExcluded(piece.shared)) return true;
    } else if (!blank(piece.folded) && meetsAny(piece.folded, exclusions)) return true;
  }
  return false;
}

/** True when a folded value includes, starts or ends with one of the exclusions' texts. */
function meetsAny(value: string, exclusions: readonly Exclusion[]): boolean {
  return exclusions.some(({ text, at }) =>
    at === 'prefix'
      ? value.startsWith(text)
      : at === 'suffix'
        ? value.endsWith(text)
        : value.includes(text),
  );
}

/** What one term's searcher says about a value it matches. */
interface ValueMatch {
  score: number;
  indices: readonly (readonly [number, number])[];
}

/**
 * One term's matches in a shared run of values, found once per term however many claims have
 * the run: which values match, their scores and norms, and the product each gives from a
 * starting score (fuse.js multiplies value by value, so the product is remembered for each
 * starting score met rather than precomputed; claims of one shape share it).
 */
interface SharedMatches {
  /** Numbers of the matching values in the run, in order. */
  at: number[];
  matches: ValueMatch[];
  norms: number[];
  /** Some matching value is not an alias and has positions (see the tier in `searchTerm`). */
  strong: boolean;
  /** Per field: starting score to fuse.js's product over the run's matching values. */
  products: Map<number, number>[];
}

/** A term's matches in one piece of a record. */
type PieceMatch =
  | { piece: RecordPiece & { folded: string }; match: ValueMatch }
  | { piece: RecordPiece & { shared: SharedValues }; shared: SharedMatches };

/** A claim's score, tier and where it matched (kept as pieces until a hit is shown). */
interface Scored {
  score: number;
  parts: PieceMatch[];
  tier: Tier;
}

/** One term as the searcher scores it: fuse.js's searcher, its needles, its shared matches. */
class TermScorer {
  private readonly searcher: TermSearcher;
  readonly needles: string[] | undefined;
  private readonly shared = new Map<SharedValues, SharedMatches | null>();

  constructor(term: string) {
    this.searcher = termSearcher(term);
    this.needles = termNeedles(term, FUSE_OPTIONS.threshold ?? 0.6);
  }

  /** True when `text` holds a needle (every text may match a term without needles). */
  mayMatch(text: string): boolean {
    const needles = this.needles;
    if (!needles) return true;
    for (const n of needles) if (text.includes(n)) return true;
    return false;
  }

  /**
   * fuse.js's answer for one folded value: only values holding a needle can match (see
   * candidates.ts), and blank values are not in fuse.js's index at all.
   */
  test(folded: string): ValueMatch | undefined {
    if (!this.mayMatch(folded) || blank(folded)) return undefined;
    const result = this.searcher.searchIn(folded);
    if (!result.isMatch) return undefined;
    return { score: result.score, indices: result.indices ?? [] };
  }

  /** The term's matches in a shared run, or null when none of its values match. */
  sharedMatches(run: SharedValues): SharedMatches | null {
    let found = this.shared.get(run);
    if (found === undefined) {
      found = null;
      if (this.mayMatch(run.text)) {
        const at: number[] = [];
        const matches: ValueMatch[] = [];
        const norms: number[] = [];
        let strong = false;
        run.folded.forEach((folded, k) => {
          const match = this.test(folded);
          if (!match) return;
          at.push(k);
          matches.push(match);
          norms.push(fieldNorm(folded));
          if (match.indices.length > 0 && !(run.names && k > 0)) strong = true;
        });
        if (at.length > 0) found = { at, matches, norms, strong, products: [] };
      }
      this.shared.set(run, found);
    }
    return found;
  }

  /** fuse.js's product over a shared run's matching values, in a field, from `start`. */
  product(found: SharedMatches, field: number, start: number): number {
    let known = found.products[field];
    if (!known) {
      known = new Map();
      found.products[field] = known;
    }
    let score = known.get(start);
    if (score === undefined) {
      score = start;
      // Once the product is 0 it stays 0: the rest of the run cannot change it.
      for (let k = 0; k < found.at.length && score !== 0; k++)
        score *= scoreFactor(
          (found.matches[k] as ValueMatch).score,
          field,
          found.norms[k] as number,
        );
      known.set(start, score);
    }
    return score;
  }
}

/**
 * The match positions of a claim's matched pieces, as fuse.js reports them (HitMatch). With
 * `first`, of each shared run only the name (its first value) if fuse.js reports it and the
 * first alias it reports: `matchedList` keeps no more than these of one owner (the name, else
 * the first alias; both for an alias-only hit), so it makes the same list from them.
 */
function hitMatches(parts: readonly PieceMatch[], first = false): HitMatch[] {
  const out: HitMatch[] = [];
  const copy = (indices: ValueMatch['indices']) =>
    indices.map(([a, b]) => [a, b] as [number, number]);
  for (const part of parts) {
    const field = SEARCH_FIELDS[part.piece.field] as SearchField;
    // fuse.js leaves out of its report a match with no positions (runs shorter than
    // minMatchCharLength), though it scores it.
    if ('match' in part) {
      if (part.match.indices.length === 0) continue;
      const single = field === 'text' || field === 'quote';
      out.push(
        single
          ? { field, indices: copy(part.match.indices) }
          : { field, entry: part.piece.entry, indices: copy(part.match.indices) },
      );
    } else {
      const { at, matches } = part.shared;
      let keptName = false;
      let keptAlias = false;
      for (let k = 0; k < at.length; k++) {
        const indices = (matches[k] as ValueMatch).indices;
        if (indices.length === 0) continue;
        const alias = part.piece.shared.names && (at[k] as number) > 0;
        if (first && (alias ? keptAlias : keptName)) continue;
        out.push({ field, entry: part.piece.entry + (at[k] as number), indices: copy(indices) });
        if (alias) keptAlias = true;
        else keptName = true;
        if (first && keptAlias && keptName) break;
      }
    }
  }
  return out;
}

/**
 * Searches claims; prepared once per dataset and reused for every query.
 *
 * Each term is scored as fuse.js scores the logical query `{ $and: [term] }` over every
 * record: its searcher is asked about each folded value of a record (fields in key order,
 * entries in order, blank values skipped) and the record's score is the product, in that
 * order, of each matching value's score raised to the field's weight times the value's norm.
 * An entity's names and aliases are asked once per term, not once per claim naming it, and
 * only values holding one of the term's needles are asked at all (the others cannot match).
 * Negated terms are applied afterwards as a filter, because fuse.js scores an inverse match
 * like a perfect hit and would float every claim that merely lacks the word to the top.
 */
export class ClaimSearcher {
  private readonly refs: ClaimRef[];
  /** Each claim's search record as pieces, in fuse.js's order. */
  private readonly pieces: RecordPiece[][];
  private readonly termCache = new Map<string, Map<number, Scored>>();
  private readonly scorers = new Map<string, TermScorer>();
  /** Per group's exclusions: whether each shared run meets one (asked once per run). */
  private readonly excludedRuns = new Map<string, Map<SharedValues, boolean>>();

  constructor(corpus: Corpus, refs: ClaimRef[] = allClaims(corpus)) {
    this.refs = refs;
    this.pieces = refs.map(({ dataset, claim }) => recordPieces(dataset, claim));
  }

  private scorer(term: string): TermScorer {
    let found = this.scorers.get(term);
    if (!found) {
      found = new TermScorer(term);
      this.scorers.set(term, found);
    }
    return found;
  }

  /** Scores one term against every claim (see the class). */
  private searchTerm(term: string): Map<number, Scored> {
    const hits = new Map<number, Scored>();
    const scorer = this.scorer(term);
    for (let index = 0; index < this.pieces.length; index++) {
      let score = 1;
      const parts: PieceMatch[] = [];
      let tier: Tier = ALIAS_ONLY;
      for (const piece of this.pieces[index] as RecordPiece[]) {
        if ('shared' in piece) {
          const shared = scorer.sharedMatches(piece.shared);
          if (!shared) continue;
          score = scorer.product(shared, piece.field, score);
          parts.push({ piece, shared });
          if (shared.strong && tier > 1) tier = 1;
        } else {
          const match = scorer.test(piece.folded);
          if (!match) continue;
          score *= scoreFactor(match.score, piece.field, fieldNorm(piece.folded));
          parts.push({ piece, match });
          // A match fuse.js reports (with positions) in the claim's own words is tier 0, in
          // another value of its own tier 1 (values of a claim's own are never aliases), except
          // the agreements it evidences and its note: words there are not the claim's, so a
          // match only there is weak, as one only through an alias is.
          if (match.indices.length > 0)
            tier = piece.field <= 1 ? 0 : piece.field === CONTEXT || tier < 2 ? tier : 1;
        }
      }
      if (parts.length > 0) hits.set(index, { score, parts, tier });
    }
    return hits;
  }

  /** True when some value of the claim at `index` meets one of the exclusions. */
  private excluded(index: number, exclusions: readonly Exclusion[]): boolean {
    if (exclusions.length === 0) return false;
    const key = JSON.stringify(exclusions);
    let runs = this.excludedRuns.get(key);
    if (!runs) {
      runs = new Map();
      this.excludedRuns.set(key, runs);
    }
    const known = runs;
    return piecesExcluded(this.pieces[index] as RecordPiece[], exclusions, (run) => {
      let found = known.get(run);
      if (found === undefined) {
        found = run.folded.some((folded) => !blank(folded) && meetsAny(folded, exclusions));
        known.set(run, found);
      }
      return found;
    });
  }

  /** The raw value and origin of one entry of a claim's record. */
  private entryOf(
    index: number,
    field: SearchField,
    entry: number,
  ): { value: string; origin: EntryOrigin } | undefined {
    const f = SEARCH_FIELDS.indexOf(field);
    for (const piece of this.pieces[index] as RecordPiece[]) {
      if (piece.field !== f) continue;
      if ('shared' in piece) {
        const k = entry - piece.entry;
        if (k < 0 || k >= piece.shared.raw.length) continue;
        return {
          value: piece.shared.raw[k] as string,
          origin: { of: piece.of, alias: piece.shared.names && k > 0 },
        };
      }
      if (piece.entry === entry)
        return { value: piece.raw, origin: { of: piece.of, alias: false } };
    }
    return undefined;
  }

  /** The `matched` list of a hit: each field value that matched, and how. */
  private matchedOf(index: number, matches: HitMatch[], tier: Tier): Matched[] {
    return matchedList(
      matches,
      (field, entry) => this.entryOf(index, field, entry)?.value ?? '',
      (field, entry) => this.entryOf(index, field, entry)?.origin,
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
        offer(index, { score: 0, parts: [], tier: 0 });
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
                parts: [...so.parts, ...more.parts],
                tier: Math.max(so.tier, more.tier) as Tier,
              });
          }
        }
        if (matched.size === 0) break;
      }
      if (matched === undefined) {
        for (let index = 0; index < this.refs.length; index++)
          if (!this.excluded(index, group.exclusions))
            offer(index, { score: 0, parts: [], tier: 0 });
        continue;
      }
      for (const [index, scored] of matched) {
        if (!this.excluded(index, group.exclusions)) offer(index, scored);
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
    // `answers`: how many of the words it matches are not words for a kind of claim.
    const counts = new Map<number, { words: number; answers: number; scored: Scored }>();
    for (const term of group.terms) {
      const answers = isKindWord(term) ? 0 : 1;
      for (const [index, scored] of this.found(term)) {
        const seen = counts.get(index);
        counts.set(
          index,
          seen
            ? {
                words: seen.words + 1,
                answers: seen.answers + answers,
                scored: {
                  score: seen.scored.score * scored.score,
                  parts: [...seen.scored.parts, ...scored.parts],
                  tier: Math.max(seen.scored.tier, scored.tier) as Tier,
                },
              }
            : { words: 1, answers, scored },
        );
      }
    }
    // A claim that matches only words for a kind of claim ("say" in "what did Tonoyan say")
    // answers nothing: every claim of that kind matches them. It is no part of the match.
    const kept = [...counts.entries()].filter(
      ([index, c]) =>
        c.answers > 0 &&
        !this.excluded(index, group.exclusions) &&
        filter(this.refs[index] as ClaimRef),
    );
    // A loop: Math.max(...values) overflows the stack at 10^5 claims.
    const bestWords = kept.reduce((most, [, c]) => Math.max(most, c.words), 0);
    const of = group.terms.length;
    const result = this.rank(
      kept.map(([index, c]) => [index, c.scored] as [number, Scored]),
      limit,
      all,
      Boolean(options.dated),
      (index) => counts.get(index)?.words ?? 0,
      options.complete ? of : undefined,
    );
    return {
      ...result,
      partial: { best: bestWords, of, terms: group.terms },
    };
  }

  /**
   * Hits in rank order, weak ones left out when stronger exist (but those matching `complete`
   * words, when given), at most `limit`.
   */
  private rank(
    entries: [number, Scored][],
    limit: number,
    all: boolean,
    dated: boolean,
    words?: (index: number) => number,
    complete?: number,
  ): SearchResult {
    const w = words ?? (() => 0);
    const undated = (index: number) => (dated && !this.refs[index]?.claim.when ? 1 : 0);
    const ranked = [...entries].sort(
      ([a, x], [b, y]) =>
        w(b) - w(a) || x.tier - y.tier || undated(a) - undated(b) || x.score - y.score || a - b,
    );
    const strong = ranked.some(([, s]) => s.tier < ALIAS_ONLY);
    const shown =
      all || !strong
        ? ranked
        : ranked.filter(([index, s]) => s.tier < ALIAS_ONLY || w(index) === complete);
    const hits = shown.slice(0, limit).map(([index, { score, parts, tier }]) => {
      const hit = { ...(this.refs[index] as ClaimRef), score } as SearchHit;
      // Match positions are made for the hits shown, when first read: a claim naming an
      // entity with thousands of aliases has thousands of them, and only a highlight needs them.
      let matches: HitMatch[] | undefined;
      Object.defineProperty(hit, 'matches', {
        enumerable: true,
        configurable: true,
        get: () => {
          matches ??= hitMatches(parts);
          return matches;
        },
      });
      hit.tier = tier;
      hit.matched = this.matchedOf(index, hitMatches(parts, true), tier);
      if (words) hit.words = w(index);
      return hit;
    });
    let strongWords = 0;
    if (words)
      for (const [index, s] of ranked)
        if (s.tier < ALIAS_ONLY) strongWords = Math.max(strongWords, w(index));
    return {
      hits,
      total: shown.length,
      weak: ranked.length - shown.length,
      ...(words ? { strongWords } : {}),
    };
  }
}
