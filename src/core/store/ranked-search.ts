import Fuse from 'fuse.js';
import { pieces, termLiteral } from '../search/candidates.js';
import { scoreFactor } from '../search/fuse-score.js';
import { wordForms } from '../search/inflect.js';
import { isKindWord } from '../search/question.js';
import type { Exclusion, PartialOf, QueryGroup } from '../search/search.js';
import { FUSE_OPTIONS, SEARCH_FIELDS } from '../search/search-record.js';
import {
  CLAIM_DATED,
  OCC_ALIAS,
  OCC_ENDS,
  OCC_FIELD_SHIFT,
  OCC_MAX_NORM,
  OCC_MAX_SLOT,
  OCC_POS_SHIFT,
  OCC_SPACE,
  OCC_STARTS,
  SIG_ENDS,
  SIG_NORM_SHIFT,
  SIG_STARTS,
  SIG_WHOLE,
  type WordIndex,
} from './index-store.js';
import { bitapScore, MAX_PATTERN } from './word-match.js';

// Ranking from the word index alone. fuse.js scores a claim for one term as the product, over
// every field value the term matches (field by field, entry by entry), of the value's score
// raised to the field's weight times the value's norm; a value's score is 0 for the exact
// matchers and, for a fuzzy word, the fewest edits over the word's length (at least 0.001, and
// 0 only when the value is the word itself). Every occurrence in the index carries the value's
// number, field, alias flag and norm, so these products are computed here in fuse.js's order,
// with the same floating-point operations, and only the claims shown are read. Like the word
// index itself, a fuzzy word is matched within words: a match that needs the characters around
// a space or punctuation is not found (the one documented difference from a plain search).

/** A word of word characters only, and words separated by single spaces. */
const ONE_WORD = /^[\p{L}\p{N}\p{M}]+$/u;
const PHRASE = /^[\p{L}\p{N}\p{M}]+(?: [\p{L}\p{N}\p{M}]+)*$/u;

/**
 * Whether `text` is one word (ONE_WORD), or with `spaces` words one space apart (PHRASE). ASCII
 * text is tested a character at a time: V8 builds the tables of a Unicode class such as \p{L}
 * on a regular expression's first use, which took some milliseconds of every search.
 */
export function wordsOnly(text: string, spaces: boolean): boolean {
  // At the start of a word: nothing yet, or just after a space.
  let start = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return (spaces ? PHRASE : ONE_WORD).test(text);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) start = false;
    else if (c === 32 && spaces && !start) start = true;
    else return false;
  }
  return !start;
}

const TEXT = SEARCH_FIELDS.indexOf('text');
const QUOTE = SEARCH_FIELDS.indexOf('quote');
/** The tier of a weak match (ALIAS_ONLY in tiers.ts). */
const WEAK = 2;
/** Agreements and notes: a match only there is weak, as one only through an alias is. */
const CONTEXT = SEARCH_FIELDS.indexOf('context');

/** How a term matches a field value, for the terms the index can rank. */
type Matcher =
  /** `forms`: the term's other inflected forms (inflect.ts), met as whole words. */
  | { kind: 'fuzzy'; literal: string; forms: readonly string[] }
  | { kind: 'include' | 'prefix' | 'suffix' | 'exact'; words: string[] };

/** The matcher of a positive term, or undefined when the index cannot rank it exactly. */
export function matcherOf(term: string): Matcher | undefined {
  if (wordsOnly(term, false)) return { kind: 'fuzzy', literal: term, forms: wordForms(term) };
  const forms: [RegExp, Matcher['kind']][] = [
    [/^="(.*)"$/, 'exact'],
    [/^=(.*)$/, 'exact'],
    [/^'"(.*)"$/, 'include'],
    [/^'(.*)$/, 'include'],
    [/^\^"(.*)"$/, 'prefix'],
    [/^\^(.*)$/, 'prefix'],
    [/^"(.*)"\$$/, 'suffix'],
    [/^(.*)\$$/, 'suffix'],
  ];
  for (const [form, kind] of forms) {
    const m = form.exec(term);
    if (!m) continue;
    const text = m[1] ?? '';
    // fuse.js reads a quoted run as one token; unquoted, a space would split the term.
    const quoted = form.source.includes('"');
    if (!wordsOnly(text, quoted)) return undefined;
    return { kind, words: text.split(' ') } as Matcher;
  }
  return undefined;
}

/**
 * True when a value that is this word alone is a perfect match (fuse.js scores a value equal
 * to the pattern 0): the fuzzy term's word itself, or one of its forms (see FormsSearcher in
 * fuse-score.ts).
 */
function wholeWord(matcher: Matcher, word: string): boolean {
  return matcher.kind === 'fuzzy' && (word === matcher.literal || matcher.forms.includes(word));
}

/**
 * Adds a fuzzy term's forms that are words of the index to its words, each scored as fuse.js
 * scores a word found exactly in a longer value (0.001, its floor), as FormsSearcher does.
 */
function withForms(
  index: WordIndex,
  matcher: Matcher & { kind: 'fuzzy' },
  found: Map<number, number>,
): void {
  for (const form of matcher.forms) {
    const w = index.wordNumber(form);
    if (w !== -1) found.set(w, 0.001);
  }
}

/** The matcher of an exclusion (the claim must have no value that includes/starts/ends with it). */
function exclusionMatcher({ text, at }: Exclusion): Matcher | undefined {
  if (!wordsOnly(text, true)) return undefined;
  return {
    kind: at === 'prefix' ? 'prefix' : at === 'suffix' ? 'suffix' : 'include',
    words: text.split(' '),
  };
}

/**
 * A term's hits from its groups: the claims in order, with their scores and tiers, are made
 * when first asked for.
 */
function hitsOf(groups: ScoreGroups, total: number): TermHits {
  let made: { claims: Uint32Array; scores: Float64Array; tiers: Uint8Array } | undefined;
  const make = () => {
    if (made) return made;
    const n = groups.claims.length;
    const state = new Int32Array(total);
    for (let g = 0; g + 1 < groups.starts.length; g++)
      for (let i = groups.starts[g] as number; i < (groups.starts[g + 1] as number); i++)
        state[groups.claims[i] as number] = g;
    const claims = groups.claims.slice().sort();
    const scores = new Float64Array(n);
    const tiers = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const g = state[claims[i] as number] as number;
      scores[i] = groups.scores[g] as number;
      tiers[i] = groups.tiers[g] as number;
    }
    made = { claims, scores, tiers };
    return made;
  };
  return {
    groups,
    get claims() {
      return make().claims;
    },
    get scores() {
      return make().scores;
    },
    get tiers() {
      return make().tiers;
    },
  };
}

/** True when every term and exclusion of the query can be ranked from the index. */
export function rankable(groups: QueryGroup[]): boolean {
  return groups.every(
    (g) =>
      g.terms.every((t) => matcherOf(t) !== undefined) &&
      g.exclusions.every((e) => exclusionMatcher(e) !== undefined),
  );
}

/** One term's claims (global numbers, ascending), each with fuse.js's score and the tier. */
export interface TermHits {
  claims: Uint32Array;
  scores: Float64Array;
  tiers: Uint8Array;
  /** The same claims by score: those scoring alike together (see ScoreGroups). */
  groups?: ScoreGroups;
}

/**
 * A term's claims in groups that score alike (one signature, or one combination of them):
 * group `g` has score `scores[g]`, tier `tiers[g]` and the claims `claims[starts[g]]` up to
 * `claims[starts[g + 1]]`, ascending. The best claims are then found group by group.
 */
export interface ScoreGroups {
  scores: number[];
  tiers: number[];
  starts: Int32Array;
  claims: Uint32Array;
}

/** A growable set of parallel columns. */
class Columns {
  size = 0;
  claim: Uint32Array;
  info: Uint32Array;
  extra: Uint32Array;
  score: Float64Array;
  constructor(capacity = 1024) {
    const n = Math.max(1, capacity);
    this.claim = new Uint32Array(n);
    this.info = new Uint32Array(n);
    this.extra = new Uint32Array(n);
    this.score = new Float64Array(n);
  }
  push(claim: number, info: number, extra: number, score: number): void {
    if (this.size === this.claim.length) {
      const grow = <T extends Uint32Array | Float64Array>(a: T): T => {
        const next = new (a.constructor as new (n: number) => T)(a.length * 2);
        next.set(a);
        return next;
      };
      this.claim = grow(this.claim);
      this.info = grow(this.info);
      this.extra = grow(this.extra);
      this.score = grow(this.score);
    }
    const at = this.size++;
    this.claim[at] = claim;
    this.info[at] = info;
    this.extra[at] = extra;
    this.score[at] = score;
  }
}

/** The indexes searched together, claims numbered across them in order. */
export interface IndexSet {
  indexes: WordIndex[];
  /** The first global claim number of each index. */
  bases: number[];
  total: number;
}

/** Numbers the claims of several indexes across them, in order. */
export function indexSet(indexes: WordIndex[]): IndexSet {
  const bases: number[] = [];
  let total = 0;
  for (const index of indexes) {
    bases.push(total);
    total += index.meta.claims;
  }
  return { indexes, bases, total };
}

/** Global claim numbers split by index, each as its number within that index. */
export function perIndex(set: IndexSet, numbers: Iterable<number>): Set<number>[] {
  const out = set.indexes.map(() => new Set<number>());
  for (const n of numbers) {
    let d = set.bases.length - 1;
    while (d > 0 && (set.bases[d] as number) > n) d--;
    out[d]?.add(n - (set.bases[d] as number));
  }
  return out;
}

/** Vocabulary words a fuzzy term may be compared with before it counts as too broad. */
const MAX_NEAR_WORDS = 20_000;

/** Raised when a query would read more of the index than the budget allows. */
export class OverBudget {
  constructor(readonly term: string) {}
}

/**
 * Evaluates terms against the indexes, remembering what it computed, and counting the
 * occurrences read against a budget.
 */
export class RankedTerms {
  private readonly cache = new Map<string, TermHits>();
  private readonly wordScores = new Map<string, Map<number, number>>();
  /** How many claims a term matches, where a count of the claims gave it (see countWords). */
  private readonly counted = new Map<string, number>();
  /** The claim lists read so far, by index and word (a term and the counts share them). */
  private readonly claimLists = new Map<number, StoredList>();
  /** Occurrences read so far (for tests and profiles). */
  read = 0;
  constructor(
    private readonly set: IndexSet,
    readonly budget: number,
  ) {}

  get claimCount(): number {
    return this.set.total;
  }

  /** How many claims a term matches (for the notes about words that match nothing). */
  termHits(term: string): number {
    const counted = this.counted.get(term);
    if (counted !== undefined) return counted;
    try {
      const h = this.hits(term);
      return h.groups ? h.groups.claims.length : h.claims.length;
    } catch (error) {
      // Too broad to count: it matches plenty.
      if (error instanceof OverBudget) return 1;
      throw error;
    }
  }

  /** How many occurrences a term's words have, without reading them (to order the terms). */
  cost(term: string): number {
    const matcher = matcherOf(term);
    return matcher ? this.costOf(matcher) : Number.POSITIVE_INFINITY;
  }

  /** The same for an exclusion. */
  exclusionCost(exclusion: Exclusion): number {
    const matcher = exclusionMatcher(exclusion);
    return matcher ? this.costOf(matcher) : Number.POSITIVE_INFINITY;
  }

  private costOf(matcher: Matcher): number {
    let n = 0;
    const count = matcher.kind === 'fuzzy' ? 1 : matcher.words.length;
    this.set.indexes.forEach((index, d) => {
      for (let p = 0; p < count; p++)
        for (const w of this.words(index, d, matcher, p).keys())
          n += count === 1 ? index.claimListSize(w) : index.occurrenceCount(w);
    });
    return n;
  }

  private spend(index: WordIndex, words: Iterable<number>, lists = false): void {
    for (const w of words) this.read += lists ? index.claimListSize(w) : index.occurrenceCount(w);
  }

  /**
   * The vocabulary words of index `d` that may take part in a match of `matcher`'s piece
   * `piece`, each with its score for a fuzzy term (0.001 at best: fuse.js's floor).
   */
  private words(index: WordIndex, d: number, matcher: Matcher, piece: number): Map<number, number> {
    const key = `${d}\u0000${piece}\u0000${matcher.kind}\u0000${matcher.kind === 'fuzzy' ? matcher.literal : matcher.words.join(' ')}`;
    let found = this.wordScores.get(key);
    if (found) return found;
    found = new Map<number, number>();
    if (matcher.kind === 'fuzzy') {
      const { literal, errors } = termLiteral(matcher.literal, FUSE_OPTIONS.threshold ?? 0.6);
      const parts = errors === 0 ? [literal] : pieces(literal, errors + 1);
      let near = [...new Set(parts.flatMap((p) => index.wordsContaining(p)))];
      // A word within `errors` edits of a piece of a word shares at least (length - 1) - 2 *
      // errors of the literal's two-letter pieces with it (the q-gram lemma): a cheap test that
      // spares fuse.js most of the words found by one short piece.
      if (errors > 0 && literal.length > 2) {
        const grams = Array.from({ length: literal.length - 1 }, (_, i) => literal.slice(i, i + 2));
        const need = literal.length - 1 - 2 * errors;
        // Counting stops once the word has enough of them, or can no longer reach enough.
        near = near.filter((w) => {
          const word = index.word(w);
          let n = 0;
          for (let i = 0; i < grams.length && n < need && n + grams.length - i >= need; i++)
            if (word.includes(grams[i] as string)) n++;
          return n >= need;
        });
      }
      // A word of one or two letters is inside most of the vocabulary: too broad to rank.
      if (near.length > MAX_NEAR_WORDS) throw new OverBudget(matcher.literal);
      if (literal.length <= MAX_PATTERN) {
        // fuse.js's score of each word, computed as fuse.js does (see word-match.ts), the
        // words in the order fuse.js gives them: by score, then as they were listed.
        const threshold = FUSE_OPTIONS.threshold ?? 0.6;
        const minMatch = FUSE_OPTIONS.minMatchCharLength ?? 1;
        const scored: [number, number, number][] = [];
        near.forEach((w, at) => {
          const score = bitapScore(literal, index.word(w), threshold, minMatch);
          if (score !== undefined) scored.push([w, score, at]);
        });
        scored.sort((a, b) => a[1] - b[1] || a[2] - b[2]);
        for (const [w, score] of scored) found.set(w, Math.max(0.001, score));
        withForms(index, matcher, found);
        this.wordScores.set(key, found);
        return found;
      }
      const fuse = new Fuse(
        near.map((w) => index.word(w)),
        {
          threshold: FUSE_OPTIONS.threshold,
          ignoreLocation: true,
          isCaseSensitive: true,
          minMatchCharLength: FUSE_OPTIONS.minMatchCharLength,
          includeScore: true,
        },
      );
      for (const r of fuse.search(literal))
        found.set(near[r.refIndex] as number, Math.max(0.001, r.score ?? 0));
      withForms(index, matcher, found);
    } else {
      const { kind, words } = matcher;
      const last = words.length - 1;
      const text = words[piece] as string;
      // Inside a phrase a word must be whole; the first may end a longer word (include,
      // suffix) and the last may begin one (include, prefix).
      const head = piece === 0 && (kind === 'include' || kind === 'suffix');
      const tail = piece === last && (kind === 'include' || kind === 'prefix');
      // A whole word and a word's start are looked up in the sorted vocabulary; a word's end,
      // or any part of it, is searched for through the vocabulary's text.
      if (!head) {
        if (tail) for (const w of index.wordsStarting(text)) found.set(w, 0);
        else {
          const w = index.wordNumber(text);
          if (w !== -1) found.set(w, 0);
        }
      } else
        for (const w of index.wordsContaining(text))
          if (tail || index.word(w).endsWith(text)) found.set(w, 0);
    }
    this.wordScores.set(key, found);
    return found;
  }

  /** The claims (global numbers) a term or exclusion matches, with score and tier. */
  hits(term: string): TermHits {
    let found = this.cache.get(term);
    if (!found) {
      found = this.evaluate(matcherOf(term) as Matcher);
      this.cache.set(term, found);
    }
    return found;
  }

  /** The claims an exclusion rules out (ascending). */
  excluded(exclusion: Exclusion): Uint32Array {
    const key = `!${exclusion.at}\u0000${exclusion.text}`;
    let found = this.cache.get(key);
    if (!found) {
      found = this.evaluate(exclusionMatcher(exclusion) as Matcher);
      this.cache.set(key, found);
    }
    return found.claims;
  }

  /** The matched values of one index: a column per value, sorted by claim and value. */
  private values(index: WordIndex, d: number, matcher: Matcher, only?: Uint8Array): Columns {
    const base = this.set.bases[d] as number;
    if (matcher.kind === 'fuzzy' || matcher.words.length === 1) {
      const words = this.words(index, d, matcher, 0);
      this.spend(index, words.keys());
      let capacity = 0;
      for (const w of words.keys()) capacity += index.occurrenceCount(w);
      const out = new Columns(capacity);
      const need =
        matcher.kind === 'prefix'
          ? OCC_STARTS
          : matcher.kind === 'suffix'
            ? OCC_ENDS
            : matcher.kind === 'exact'
              ? OCC_STARTS | OCC_ENDS
              : 0;
      const both = OCC_STARTS | OCC_ENDS;
      let n = 0;
      const { claim, info: infos, extra, score: scores } = out;
      const heads = [...words].map(([w, score]) => ({
        list: index.occurrences(w),
        at: 0,
        score,
        whole: wholeWord(matcher, index.word(w)),
      }));
      // Each list is in claim and value order: a few are merged, many sorted afterwards.
      const merge = heads.length <= 64;
      for (;;) {
        let h: (typeof heads)[number] | undefined;
        if (merge) {
          for (const x of heads) {
            if (x.at >= x.list.length) continue;
            if (!h || keyAt(x.list, x.at) < keyAt(h.list, h.at)) h = x;
          }
        } else h = heads.find((x) => x.at < x.list.length);
        if (!h) break;
        const { list, score, whole } = h;
        // This list's run up to where another list's head comes first (all of it when sorting).
        const stop = merge ? nextStop(heads, h) : Number.POSITIVE_INFINITY;
        let i = h.at;
        for (; i < list.length; i += 3) {
          const info = list[i + 1] as number;
          if (keyAt(list, i) > stop) break;
          if ((info & need) !== need) continue;
          if (only && only[base + (list[i] as number)] !== 1) continue;
          claim[n] = base + (list[i] as number);
          infos[n] = info;
          extra[n] = list[i + 2] as number;
          // fuse.js scores a value that is exactly the pattern 0, any other match at least 0.001.
          scores[n] = whole && (info & both) === both ? 0 : score;
          n++;
        }
        h.at = i;
      }
      out.size = n;
      return merge ? out : sortByValue(out, this.set.total);
    }
    // A phrase: consecutive words of one value, one space apart.
    const out = new Columns();
    const { kind, words } = matcher;
    const last = words.length - 1;
    const lists = words.map((_, p) => this.words(index, d, matcher, p));
    lists.forEach((ws) => {
      this.spend(index, ws.keys());
    });
    // Only claims with a word of every piece can hold the phrase. The claim lists narrow them
    // down, the piece with the fewest claims first; a piece whose lists are far longer than the
    // claims left (the "on" of "talks on energy") is not read here: its occurrences are looked
    // up below for those claims only, which checks it anyway.
    const N = index.meta.claims;
    const inPlay = new Uint16Array(N);
    const claimsOf = lists.map((ws) => {
      let n = 0;
      for (const w of ws.keys()) n += index.claimListSize(w);
      return n;
    });
    const byClaims = lists
      .map((_, p) => p)
      .sort((a, b) => (claimsOf[a] as number) - (claimsOf[b] as number));
    let candidates: number[] = [];
    for (let step = 1; step <= byClaims.length; step++) {
      const p = byClaims[step - 1] as number;
      if (step > 1 && (claimsOf[p] as number) > 8 * candidates.length) break;
      const next: number[] = [];
      for (const w of (lists[p] as Map<number, number>).keys()) {
        const claims = index.claimList(w, false).claims;
        if (!narrow(claims, inPlay, step, next)) throw index.badClaim();
      }
      candidates = next;
    }
    // In claim order: each occurrence list is searched for them rather than read through.
    const inOrder = Uint32Array.from(candidates).sort();
    // Values and positions where piece p may stand, keyed by (claim, value, position of piece 0).
    let keys: Map<number, [number, number]> | undefined;
    const order = lists.map((_, p) => p);
    const size = (p: number) => {
      let n = 0;
      for (const w of (lists[p] as Map<number, number>).keys()) n += index.occurrenceCount(w);
      return n;
    };
    order.sort((a, b) => size(a) - size(b));
    for (const p of order) {
      const need =
        (p < last ? OCC_SPACE : 0) |
        (p === 0 && (kind === 'prefix' || kind === 'exact') ? OCC_STARTS : 0) |
        (p === last && (kind === 'suffix' || kind === 'exact') ? OCC_ENDS : 0);
      const next = new Map<number, [number, number]>();
      // The claims still in play, for a quick test before the exact key is looked up.
      let claimsLeft: Uint8Array | undefined;
      if (keys !== undefined) {
        claimsLeft = new Uint8Array(index.meta.claims);
        for (const key of keys.keys()) claimsLeft[Math.floor(key / 65536 / (OCC_MAX_SLOT + 1))] = 1;
      }
      for (const w of (lists[p] as Map<number, number>).keys()) {
        const list = index.occurrences(w, false);
        const m = list.length / 3;
        let lo = 0;
        for (let k = 0; k < inOrder.length; k++) {
          const c = inOrder[k] as number;
          if (claimsLeft && claimsLeft[c] !== 1) continue;
          // The first occurrence in claim c or later (the list is in claim order).
          let hi = m;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if ((list[3 * mid] as number) < c) lo = mid + 1;
            else hi = mid;
          }
          for (let i = 3 * lo; i < list.length && list[i] === c; i += 3) {
            const info = list[i + 1] as number;
            if ((info & need) !== need) continue;
            const extra = list[i + 2] as number;
            const pos = extra >>> OCC_POS_SHIFT;
            if (pos < p) continue;
            const key =
              ((list[i] as number) * (OCC_MAX_SLOT + 1) + (info & OCC_MAX_SLOT)) * 65536 + pos - p;
            if (keys === undefined || keys.has(key)) next.set(key, [info, extra]);
          }
        }
      }
      keys = next;
      if (keys.size === 0) break;
    }
    const seen = new Set<number>();
    const found: [number, number, number][] = [];
    for (const [key, [info, extra]] of keys ?? []) {
      const value = Math.floor(key / 65536);
      if (seen.has(value)) continue;
      seen.add(value);
      found.push([value, info, extra]);
    }
    found.sort((a, b) => a[0] - b[0]);
    for (const [value, info, extra] of found)
      out.push(base + Math.floor(value / (OCC_MAX_SLOT + 1)), info, extra, 0);
    return out;
  }

  /**
   * A term's hits among some claims only (`only[c]` is 1 for those): what an AND group needs of
   * its commoner terms once its rarer ones have narrowed the claims down. Not remembered.
   */
  hitsAmong(term: string, only: Uint8Array): TermHits {
    return this.cache.get(term) ?? this.evaluate(matcherOf(term) as Matcher, only);
  }

  /**
   * A term of one word (fuzzy, or an exact kind of one word) from the words' claim lists: each
   * group's signature is scored once; a claim holding two or more of the matched words is
   * scored from their signatures merged value by value, as fuse.js takes the best word of
   * each value. The loops over claims are small functions of their own (see markNew and
   * below): V8 optimises each in a millisecond or two, where this whole method took it 60 to
   * 270 ms on another thread, while the loops ran unoptimised.
   */
  private fromLists(index: WordIndex, d: number, matcher: Matcher, only?: Uint8Array): TermHits {
    const base = this.set.bases[d] as number;
    const words = this.words(index, d, matcher, 0);
    this.spend(index, words.keys(), true);
    const need = signatureNeed(matcher);
    const norms = index.norms();
    const { data, offsets } = index.signatureTable();
    const factor = new Factors(norms);
    const lists: WordList[] = [...words].map(([w, score]) => ({
      ...this.claimList(index, d, w),
      score,
      whole: wholeWord(matcher, index.word(w)),
    }));
    // Each group's score and tier (computed once); group ids run over the lists in order.
    let groups = 0;
    const firstId: number[] = [];
    for (const l of lists) {
      firstId.push(groups);
      groups += l.sigs.length;
    }
    const groupScore: number[] = [];
    const groupTier: number[] = [];
    const groupSig: number[] = [];
    const groupWord: number[] = [];
    // The state of a claim found in this group only: the group (-1 when no value of its
    // signature meets the term's kind, and its claims do not match).
    const own = new Int32Array(groups);
    const scored = { groupScore, groupTier, groupSig, groupWord, own };
    for (let li = 0; li < lists.length; li++)
      scoreGroups(
        lists[li] as WordList,
        li,
        firstId[li] as number,
        data,
        offsets,
        need,
        factor,
        scored,
      );
    // A list with the same claims in the same groups as an earlier one (the words for a claim
    // kind, "report", "reports", "reporting", are in the same values of the same claims), or
    // with the same claims in one group (an alias beside its name, in every claim naming the
    // actor), is folded into it: each group of the earlier list is combined with the matching
    // group of this one once, rather than claim by claim.
    const N = index.meta.claims;
    const mark = this.scratch(N);
    const folded = new Uint8Array(lists.length);
    const members: number[][] = [];
    const foldMembers = new Map<number, number[]>();
    for (let li = 1; li < lists.length; li++) {
      const l = lists[li] as WordList;
      for (let r = 0; r < li; r++) {
        const earlier = lists[r] as WordList;
        if (folded[r] === 1) continue;
        const same = sameList(earlier, l);
        if (!same && !(l.sigs.length === 1 && sameClaims(earlier.claims, l.claims, N))) continue;
        folded[li] = 1;
        for (let g = 0; g < earlier.sigs.length; g++) {
          const rid = (firstId[r] as number) + g;
          const lid = (firstId[li] as number) + (same ? g : 0);
          let m = foldMembers.get(rid);
          if (!m) {
            m = own[rid] === -1 ? [] : [rid];
            foldMembers.set(rid, m);
          }
          if (own[lid] !== -1) m.push(lid);
        }
        break;
      }
    }
    for (const [rid, m] of foldMembers) {
      if (m.length === 0) own[rid] = -1;
      else if (m.length === 1) own[rid] = m[0] as number;
      else {
        own[rid] = groups + members.length;
        members.push(m);
      }
    }
    // States: the groups, then the folded combinations, then those the marking makes.
    const fixed = groups + members.length;
    const kept = lists.filter((_, li) => folded[li] === 0);
    const keptFirst = firstId.filter((_, li) => folded[li] === 0);
    // A claim in two lists or more (an alias and the name, "talk" and "talks") is marked with
    // a combination of states instead, each (state, state) step numbered once.
    const steps = new Steps(groups, fixed, members);
    // How many claims each state known before the marking took first.
    const sizes = new Int32Array(fixed);
    const shared: number[] = [];
    let entries = 0;
    // One list, every claim wanted: its groups are already the groups of the answer, in order,
    // and nothing needs marking (the usual case: most words match one word).
    const alone = kept.length === 1 && !only;
    for (let k = 0; k < kept.length && !alone; k++) {
      // The first list's claims are all new (a list has each claim once).
      const marking = { mark, n: N, only, base, steps, shared, sizes, first: k === 0 && !only };
      const added = markList(kept[k] as WordList, keptFirst[k] as number, own, marking);
      if (added < 0) throw index.badClaim();
      entries += added;
    }
    for (const ids of steps.members) {
      const [score, tier] = mergedScore(
        ids,
        groupSig,
        groupWord,
        lists,
        data,
        offsets,
        need,
        factor,
      );
      groupScore.push(score);
      groupTier.push(tier);
    }
    // The claims grouped by state, ascending within each; the claims in order, with their
    // scores, only when asked for (a one-term query never asks).
    const states = groupScore.length;
    const starts = new Int32Array(states + 1);
    if (alone) {
      const l = kept[0] as WordList;
      for (let g = 0, at = 0; g < l.sigs.length; g++) {
        const count = l.counts[g] as number;
        const state = own[(keptFirst[0] as number) + g] as number;
        if (state !== -1) {
          if (!allBelow(l.claims, at, at + count, N)) throw index.badClaim();
          starts[state + 1] = count;
          entries += count;
        }
        at += count;
      }
    } else {
      for (let x = 0; x < fixed; x++)
        starts[x + 1] = (sizes[x] as number) - (steps.leaving[x] as number);
      countStates(shared, mark, starts);
    }
    for (let s = 0; s < states; s++)
      starts[s + 1] = (starts[s + 1] as number) + (starts[s] as number);
    if (starts[states] !== entries) throw new Error('the claim lists were counted wrongly');
    const fill = starts.slice(0, states);
    const grouped = new Uint32Array(entries);
    for (let k = 0; k < kept.length; k++)
      fillList(kept[k] as WordList, keptFirst[k] as number, own, mark, fill, grouped, base, alone);
    // Claims of combinations, in claim order (one native sort), so each group is in order.
    if (shared.length > 0) fillShared(Uint32Array.from(shared).sort(), mark, fill, grouped, base);
    return hitsOf(
      { scores: groupScore, tiers: groupTier, starts, claims: grouped },
      this.set.total,
    );
  }

  /** Word `w`'s claim list in index `d`, read once (its claims are checked by the caller). */
  private claimList(index: WordIndex, d: number, w: number): StoredList {
    const key = w * this.set.indexes.length + d;
    let found = this.claimLists.get(key);
    if (!found) {
      found = index.claimList(w, false);
      this.claimLists.set(key, found);
    }
    return found;
  }

  /**
   * What counting a one-word term's claims needs, index by index: its matched words' claim
   * lists, and the tier of each of their groups (-1 where no value of the signature meets the
   * term's kind: those claims do not match through it). Undefined for any other term.
   */
  termLists(term: string): TermLists[] | undefined {
    const matcher = matcherOf(term);
    if (!matcher || !(matcher.kind === 'fuzzy' || matcher.words.length === 1)) return undefined;
    const need = signatureNeed(matcher);
    return this.set.indexes.map((index, d) => {
      const words = this.words(index, d, matcher, 0);
      const { data, offsets } = index.signatureTable();
      const lists: WordList[] = [];
      const tiers: Int8Array[] = [];
      for (const [w, score] of words) {
        const stored = this.claimList(index, d, w);
        const t = new Int8Array(stored.sigs.length);
        for (let g = 0; g < stored.sigs.length; g++) {
          const sig = stored.sigs[g] as number;
          t[g] = signatureTier(data, offsets[sig] as number, offsets[sig + 1] as number, need);
        }
        lists.push({
          ...stored,
          score,
          whole: wholeWord(matcher, index.word(w)),
        });
        tiers.push(t);
      }
      return { index, base: this.set.bases[d] as number, need, lists, tiers };
    });
  }

  /** Remembers how many claims a term matches, as a count of its claims found. */
  countedAs(term: string, claims: number): void {
    this.counted.set(term, claims);
  }

  private scratches = new Map<number, Int32Array>();

  /** A zeroed Int32Array of `size` numbers, reused (callers leave it zeroed). */
  private scratch(size: number): Int32Array {
    let found = this.scratches.get(size);
    if (!found) {
      found = new Int32Array(size);
      this.scratches.set(size, found);
    }
    return found;
  }

  private evaluate(matcher: Matcher, only?: Uint8Array): TermHits {
    const single = matcher.kind === 'fuzzy' || matcher.words.length === 1;
    const parts = this.set.indexes.map((index, d) => {
      if (single) return this.fromLists(index, d, matcher, only);
      const norms = index.norms();
      const v = this.values(index, d, matcher, only);
      const claims = new Uint32Array(v.size);
      const scores = new Float64Array(v.size);
      const tiers = new Uint8Array(v.size);
      const { claim: vc, info: vi, extra: ve, score: vs } = v;
      // Each (score, field, norm) factor is computed once: a term's values take few scores.
      const fields = SEARCH_FIELDS.length;
      const factors = new Map<number, Float64Array>();
      const factor = (best: number, field: number, normId: number): number => {
        let row = factors.get(best);
        if (!row) {
          row = new Float64Array(fields * norms.length).fill(Number.NaN);
          factors.set(best, row);
        }
        const at = field * norms.length + normId;
        let f = row[at] as number;
        if (Number.isNaN(f)) {
          f = scoreFactor(best, field, norms[normId] as number);
          row[at] = f;
        }
        return f;
      };
      let n = 0;
      let i = 0;
      while (i < v.size) {
        const claim = vc[i] as number;
        let total = 1;
        let tier = 2;
        while (i < v.size && vc[i] === claim) {
          // The best of this value's words; then the value's factor, as fuse.js computes it.
          const info = vi[i] as number;
          const slot = info & OCC_MAX_SLOT;
          let best = vs[i] as number;
          i++;
          while (i < v.size && vc[i] === claim && ((vi[i] as number) & OCC_MAX_SLOT) === slot) {
            if ((vs[i] as number) < best) best = vs[i] as number;
            i++;
          }
          const field = (info >>> OCC_FIELD_SHIFT) & 7;
          total *= factor(best, field, (ve[i - 1] as number) & OCC_MAX_NORM);
          if (field === TEXT || field === QUOTE) tier = 0;
          else if (!(info & OCC_ALIAS) && field !== CONTEXT && tier > 1) tier = 1;
        }
        claims[n] = claim;
        scores[n] = total;
        tiers[n] = tier;
        n++;
      }
      return {
        claims: claims.subarray(0, n),
        scores: scores.subarray(0, n),
        tiers: tiers.subarray(0, n),
      };
    });
    if (parts.length === 1) return parts[0] as TermHits;
    const size = parts.reduce((k, p) => k + p.claims.length, 0);
    const out: TermHits = {
      claims: new Uint32Array(size),
      scores: new Float64Array(size),
      tiers: new Uint8Array(size),
    };
    let at = 0;
    for (const p of parts) {
      out.claims.set(p.claims, at);
      out.scores.set(p.scores, at);
      out.tiers.set(p.tiers, at);
      at += p.claims.length;
    }
    return out;
  }

  /** Whether claim `n` (global) has a date. */
  dated(n: number): boolean {
    let d = this.set.indexes.length - 1;
    while (d > 0 && (this.set.bases[d] as number) > n) d--;
    const index = this.set.indexes[d] as WordIndex;
    return ((index.claimFlags()[n - (this.set.bases[d] as number)] as number) & CLAIM_DATED) !== 0;
  }
}

/**
 * fuse.js's factor of one value: its score raised to the field's weight times its norm, each
 * (score, field, norm) computed once. A term's values take a few scores: each has a row of
 * factors by field and norm, and the row of the last score asked for is at hand.
 */
class Factors {
  private readonly rows = new Map<number, Float64Array>();
  private lastBest = Number.NaN;
  private lastRow: Float64Array | undefined;
  constructor(private readonly norms: Float64Array) {}

  /** The factor of a value (as a signature lists it) whose best word scores `best`. */
  of(best: number, value: number): number {
    const field = (value >>> OCC_FIELD_SHIFT) & 7;
    const normId = value >>> SIG_NORM_SHIFT;
    const size = this.norms.length;
    // A norm the table does not have (a damaged index) is computed as before, not kept.
    if (normId >= size) return power(best, field, this.norms[normId] as number);
    let row = this.lastRow;
    if (best !== this.lastBest || row === undefined) {
      row = this.rows.get(best);
      if (!row) {
        row = new Float64Array(8 * size).fill(Number.NaN);
        this.rows.set(best, row);
      }
      this.lastBest = best;
      this.lastRow = row;
    }
    const at = field * size + normId;
    let f = row[at] as number;
    if (Number.isNaN(f)) {
      f = power(best, field, this.norms[normId] as number);
      row[at] = f;
    }
    return f;
  }
}

/** A value's factor as fuse.js computes it. */
function power(best: number, field: number, norm: number): number {
  return scoreFactor(best, field, norm);
}

/** A word's claims grouped by signature, as the index stores them (see WordIndex.claimList). */
interface StoredList {
  sigs: Uint32Array;
  counts: Uint32Array;
  claims: Uint32Array;
}

/** A one-word term's matched words in one index, for counting its claims (see termLists). */
export interface TermLists {
  index: WordIndex;
  /** The first global claim number of the index. */
  base: number;
  /** What a value of a signature must have to match (SIG_ bits). */
  need: number;
  lists: WordList[];
  /** Each list's groups' tiers (-1: the group's claims do not match through this word). */
  tiers: Int8Array[];
}

/** One matched word's claim list, with the word's score for the term. */
interface WordList {
  sigs: Uint32Array;
  counts: Uint32Array;
  claims: Uint32Array;
  score: number;
  /** The word is the term itself (a value that is the word scores 0). */
  whole: boolean;
}

/** True when two words' claim lists have the same claims in the same groups. */
function sameList(a: WordList, b: WordList): boolean {
  return sameNumbers(a.counts, b.counts) && sameNumbers(a.claims, b.claims);
}

/** True when two arrays hold the same numbers (compared as bytes, by native code). */
function sameNumbers(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

/**
 * True when two lists of distinct claims hold the same claims, in whatever order, all below
 * `n`: sorted copies compared, by native code (these lists run to thousands of claims, and a
 * loop V8 has not optimised yet took milliseconds).
 */
export function sameClaims(a: Uint32Array, b: Uint32Array, n: number): boolean {
  if (a.length !== b.length) return false;
  const x = a.slice().sort();
  if (x.length > 0 && !((x[x.length - 1] as number) < n)) return false;
  return sameNumbers(x, b.slice().sort());
}

/** The tier of a signature's values that meet `need`, or -1 when none does. */
function signatureTier(data: Uint32Array, from: number, to: number, need: number): number {
  let any = false;
  let tier = 2;
  for (let k = from; k < to; k++) {
    const value = data[k] as number;
    if ((value & need) !== need) continue;
    any = true;
    const field = (value >>> OCC_FIELD_SHIFT) & 7;
    if (field === TEXT || field === QUOTE) tier = 0;
    else if (!(value & OCC_ALIAS) && field !== CONTEXT && tier > 1) tier = 1;
  }
  return any ? tier : -1;
}

/** fuse.js's score of a claim whose values holding the word are the signature's (1: none). */
function signatureScore(
  data: Uint32Array,
  from: number,
  to: number,
  need: number,
  whole: boolean,
  score: number,
  factor: Factors,
): number {
  let total = 1;
  for (let k = from; k < to; k++) {
    const value = data[k] as number;
    if ((value & need) !== need) continue;
    total *= factor.of(whole && value & SIG_WHOLE ? 0 : score, value);
  }
  return total;
}

/**
 * The score and tier of a claim in several groups (of different words' lists): their
 * signatures merged value by value, each value taking the best score among the words in it,
 * as fuse.js takes the best match of a value.
 */
function mergedScore(
  ids: number[],
  groupSig: number[],
  groupWord: number[],
  lists: WordList[],
  data: Uint32Array,
  offsets: Uint32Array,
  need: number,
  factor: Factors,
): [number, number] {
  const k = ids.length;
  const heads = new Int32Array(k);
  const ends = new Int32Array(k);
  const bests = new Float64Array(k);
  const wholes = new Uint8Array(k);
  for (let h = 0; h < k; h++) {
    const g = ids[h] as number;
    const sig = groupSig[g] as number;
    const l = lists[groupWord[g] as number] as WordList;
    heads[h] = offsets[sig] as number;
    ends[h] = offsets[sig + 1] as number;
    bests[h] = l.score;
    wholes[h] = l.whole ? 1 : 0;
  }
  let total = 1;
  let tier = 2;
  for (;;) {
    let slot = OCC_MAX_SLOT + 1;
    let value = 0;
    for (let h = 0; h < k; h++) {
      while ((heads[h] as number) < (ends[h] as number)) {
        const v = data[heads[h] as number] as number;
        if ((v & need) === need) break;
        heads[h] = (heads[h] as number) + 1;
      }
      if ((heads[h] as number) >= (ends[h] as number)) continue;
      const v = data[heads[h] as number] as number;
      if ((v & OCC_MAX_SLOT) < slot) {
        slot = v & OCC_MAX_SLOT;
        value = v;
      }
    }
    if (slot > OCC_MAX_SLOT) break;
    let best = Number.POSITIVE_INFINITY;
    for (let h = 0; h < k; h++) {
      if ((heads[h] as number) >= (ends[h] as number)) continue;
      const v = data[heads[h] as number] as number;
      if ((v & OCC_MAX_SLOT) !== slot) continue;
      const score = wholes[h] === 1 && v & SIG_WHOLE ? 0 : (bests[h] as number);
      if (score < best) best = score;
      heads[h] = (heads[h] as number) + 1;
    }
    total *= factor.of(best, value);
    const field = (value >>> OCC_FIELD_SHIFT) & 7;
    if (field === TEXT || field === QUOTE) tier = 0;
    else if (!(value & OCC_ALIAS) && field !== CONTEXT && tier > 1) tier = 1;
  }
  return [total, tier];
}

/**
 * The states of claims found in several groups: a group (below `groups`), a combination of
 * groups known before the marking (folded lists: from `groups` to `fixed`), or one made by the
 * marking; each (state, state) step is numbered once.
 */
class Steps {
  /** The groups of each state from `groups` on. */
  readonly members: number[][];
  /** Claims markMore found marked already (reused from call to call). */
  readonly later: number[] = [];
  /** How many claims of each state known before the marking left it for a combination. */
  readonly leaving: Int32Array;
  private pairs: Int32Array | undefined;
  private readonly combos = new Map<number, number>();
  constructor(
    private readonly groups: number,
    readonly fixed: number,
    folded: number[][],
  ) {
    this.members = folded.slice();
    this.leaving = new Int32Array(fixed);
  }

  /** The state of a claim in state `was` that is found in state `add` (below `fixed`) too. */
  next(was: number, add: number): number {
    const step = was * this.fixed + add;
    // The usual step, from one state known before the marking to another, is looked up in a
    // table when there are few of them.
    const pairs = this.table();
    if (was < this.fixed && pairs !== undefined) {
      const known = pairs[step] as number;
      if (known !== 0) return known - 1;
      const made = this.make(was, add);
      pairs[step] = made + 1;
      return made;
    }
    let found = this.combos.get(step);
    if (found === undefined) {
      found = this.make(was, add);
      this.combos.set(step, found);
    }
    return found;
  }

  /** The table of steps between states known before the marking, when they are few. */
  table(): Int32Array | undefined {
    if (this.fixed <= 1024) this.pairs ??= new Int32Array(this.fixed * this.fixed);
    return this.pairs;
  }

  private make(was: number, add: number): number {
    const made = this.groups + this.members.length;
    this.members.push([...this.of(was), ...this.of(add)]);
    return made;
  }

  private of(state: number): number[] {
    return state < this.groups ? [state] : (this.members[state - this.groups] as number[]);
  }
}

/** Scores each group of one word's list (see fromLists), and says which match at all. */
function scoreGroups(
  l: WordList,
  li: number,
  first: number,
  data: Uint32Array,
  offsets: Uint32Array,
  need: number,
  factor: Factors,
  out: {
    groupScore: number[];
    groupTier: number[];
    groupSig: number[];
    groupWord: number[];
    own: Int32Array;
  },
): void {
  for (let g = 0; g < l.sigs.length; g++) {
    const sig = l.sigs[g] as number;
    const from = offsets[sig] as number;
    const to = offsets[sig + 1] as number;
    const tier = signatureTier(data, from, to, need);
    out.groupScore.push(signatureScore(data, from, to, need, l.whole, l.score, factor));
    out.groupTier.push(tier < 0 ? 2 : tier);
    out.groupSig.push(sig);
    out.groupWord.push(li);
    out.own[first + g] = tier < 0 ? -1 : first + g;
  }
}

/** What marking the lists of a term shares from list to list. */
interface Marking {
  mark: Int32Array;
  n: number;
  only: Uint8Array | undefined;
  base: number;
  steps: Steps;
  shared: number[];
  /** How many claims each state known before the marking took first. */
  sizes: Int32Array;
  /** The first list: none of its claims is marked yet. */
  first: boolean;
}

/** Marks one list's claims, group by group: how many were new, or -1 for a claim past the last. */
function markList(l: WordList, first: number, own: Int32Array, m: Marking): number {
  let entries = 0;
  for (let g = 0, at = 0; g < l.sigs.length; g++) {
    const count = l.counts[g] as number;
    const state = own[first + g] as number;
    const from = at;
    at += count;
    if (state === -1) continue;
    const added = m.first
      ? markNew(l.claims, from, at, m.mark, state + 1, m.n)
      : markMore(l.claims, from, at, m.mark, state, m.n, m.only, m.base, m.steps, m.shared);
    if (added < 0) return -1;
    m.sizes[state] = (m.sizes[state] as number) + added;
    entries += added;
  }
  return entries;
}

/** Adds the claims of `shared` to the counts of their states (`starts[state + 1]`). */
function countStates(shared: number[], mark: Int32Array, starts: Int32Array): void {
  for (let i = 0; i < shared.length; i++) {
    const m = mark[shared[i] as number] as number;
    starts[m] = (starts[m] as number) + 1;
  }
}

/**
 * Puts one list's claims that stayed in their group's own state at the next places of that
 * state (all of them when the list is `alone`: nothing was marked).
 */
function fillList(
  l: WordList,
  first: number,
  own: Int32Array,
  mark: Int32Array,
  fill: Int32Array,
  grouped: Uint32Array,
  base: number,
  alone: boolean,
): void {
  for (let g = 0, at = 0; g < l.sigs.length; g++) {
    const count = l.counts[g] as number;
    const state = own[first + g] as number;
    if (state !== -1) {
      const to = fill[state] as number;
      fill[state] = alone
        ? copyShifted(l.claims, at, at + count, grouped, to, base)
        : fillMarked(l.claims, at, at + count, mark, state + 1, grouped, to, base);
    }
    at += count;
  }
}

/** Marks the claims of `list[from, to)` (none marked yet) with `value`: how many, or -1 for a claim past `n`. */
function markNew(
  list: Uint32Array,
  from: number,
  to: number,
  mark: Int32Array,
  value: number,
  n: number,
): number {
  for (let i = from; i < to; i++) {
    const c = list[i] as number;
    if (c >= n) return -1;
    mark[c] = value;
  }
  return to - from;
}

/**
 * Marks the claims of `list[from, to)` found in `state`: a claim not yet marked takes it; a
 * marked one moves to the combination of its state and this one (see combine). How many
 * claims were new, or -1 for a claim past `n`.
 */
function markMore(
  list: Uint32Array,
  from: number,
  to: number,
  mark: Int32Array,
  state: number,
  n: number,
  only: Uint8Array | undefined,
  base: number,
  steps: Steps,
  shared: number[],
): number {
  const seen = steps.later;
  const added = markOrSee(list, from, to, mark, state + 1, n, only, base, seen);
  if (added >= 0 && seen.length > 0) combine(seen, mark, state, steps, shared);
  seen.length = 0;
  return added;
}

/**
 * Marks the claims of `list[from, to)` not yet marked with `value` and lists the others in
 * `seen`: the loop does nothing else, so that V8 optimises it early and for good (a branch it
 * has not yet run when it compiles the loop throws the compiled code away when first taken).
 */
function markOrSee(
  list: Uint32Array,
  from: number,
  to: number,
  mark: Int32Array,
  value: number,
  n: number,
  only: Uint8Array | undefined,
  base: number,
  seen: number[],
): number {
  let added = 0;
  for (let i = from; i < to; i++) {
    const c = list[i] as number;
    if (c >= n) return -1;
    if (only !== undefined && only[base + c] !== 1) continue;
    if (mark[c] === 0) {
      mark[c] = value;
      added++;
    } else seen.push(c);
  }
  return added;
}

/**
 * Moves the claims of `seen` from their state to its combination with `state`, listing in
 * `shared` (and counting as leaving their state) those that were in a state known before the
 * marking.
 */
function combine(
  seen: number[],
  mark: Int32Array,
  state: number,
  steps: Steps,
  shared: number[],
): void {
  const fixed = steps.fixed;
  const pairs = steps.table();
  const leaving = steps.leaving;
  for (let k = 0; k < seen.length; k++) {
    const c = seen[k] as number;
    const was = (mark[c] as number) - 1;
    let next = -1;
    if (was < fixed) {
      shared.push(c);
      leaving[was] = (leaving[was] as number) + 1;
      if (pairs !== undefined) next = (pairs[was * fixed + state] as number) - 1;
    }
    mark[c] = (next === -1 ? steps.next(was, state) : next) + 1;
  }
}

/**
 * Copies the claims of `list[from, to)` marked `value` into `out` from `at` (each plus
 * `base`), unmarking them; where the next one would go.
 */
function fillMarked(
  list: Uint32Array,
  from: number,
  to: number,
  mark: Int32Array,
  value: number,
  out: Uint32Array,
  at: number,
  base: number,
): number {
  let put = at;
  for (let i = from; i < to; i++) {
    const c = list[i] as number;
    if (mark[c] !== value) continue;
    out[put++] = c + base;
    mark[c] = 0;
  }
  return put;
}

/** Puts each claim of `sorted` at the next place of its state (its mark less one), unmarking it. */
function fillShared(
  sorted: Uint32Array,
  mark: Int32Array,
  fill: Int32Array,
  out: Uint32Array,
  base: number,
): void {
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i] as number;
    const m = (mark[c] as number) - 1;
    mark[c] = 0;
    out[fill[m] as number] = c + base;
    fill[m] = (fill[m] as number) + 1;
  }
}

/**
 * The claims of `claims` in play before step `step` (`inPlay[c]` is `step - 1`) go on to it,
 * each once, and are added to `next`. False for a claim past the end of `inPlay`.
 */
function narrow(claims: Uint32Array, inPlay: Uint16Array, step: number, next: number[]): boolean {
  const n = inPlay.length;
  for (let i = 0; i < claims.length; i++) {
    const c = claims[i] as number;
    if (c >= n) return false;
    if (inPlay[c] !== step - 1) continue;
    inPlay[c] = step;
    next.push(c);
  }
  return true;
}

/** True when every number of `list[from, to)` is below `n`. */
function allBelow(list: Uint32Array, from: number, to: number, n: number): boolean {
  for (let i = from; i < to; i++) if ((list[i] as number) >= n) return false;
  return true;
}

/** Copies `list[from, to)` into `out` at `at`, each number plus `shift`; where the copy ends. */
function copyShifted(
  list: Uint32Array,
  from: number,
  to: number,
  out: Uint32Array,
  at: number,
  shift: number,
): number {
  if (shift === 0) out.set(list.subarray(from, to), at);
  else for (let i = from; i < to; i++) out[at + i - from] = (list[i] as number) + shift;
  return at + to - from;
}

/** The (claim, value) key of the occurrence at `i`. */
function keyAt(list: Uint32Array, i: number): number {
  return (list[i] as number) * (OCC_MAX_SLOT + 1) + ((list[i + 1] as number) & OCC_MAX_SLOT);
}

/** The smallest key among the heads of the other lists. */
function nextStop(
  heads: { list: Uint32Array; at: number }[],
  h: { list: Uint32Array; at: number },
): number {
  let stop = Number.POSITIVE_INFINITY;
  for (const x of heads) {
    if (x === h || x.at >= x.list.length) continue;
    const key = keyAt(x.list, x.at);
    if (key < stop) stop = key;
  }
  return stop;
}

/** The columns sorted by claim, then value (a counting sort by claim, then by value within). */
function sortByValue(c: Columns, claims: number): Columns {
  const count = new Uint32Array(claims + 1);
  for (let i = 0; i < c.size; i++) (count[(c.claim[i] as number) + 1] as number)++;
  for (let k = 0; k < claims; k++) count[k + 1] = (count[k + 1] as number) + (count[k] as number);
  const out = new Columns();
  out.claim = new Uint32Array(c.size);
  out.info = new Uint32Array(c.size);
  out.extra = new Uint32Array(c.size);
  out.score = new Float64Array(c.size);
  out.size = c.size;
  for (let i = 0; i < c.size; i++) {
    const at = (count[c.claim[i] as number] as number)++;
    out.claim[at] = c.claim[i] as number;
    out.info[at] = c.info[i] as number;
    out.extra[at] = c.extra[i] as number;
    out.score[at] = c.score[i] as number;
  }
  // Within a claim, by value number (few entries: insertion sort, stable).
  for (let i = 1; i < out.size; i++) {
    const claim = out.claim[i] as number;
    const slot = (out.info[i] as number) & OCC_MAX_SLOT;
    let j = i;
    while (
      j > 0 &&
      out.claim[j - 1] === claim &&
      ((out.info[j - 1] as number) & OCC_MAX_SLOT) > slot
    ) {
      j--;
    }
    if (j < i) {
      const row = [out.info[i], out.extra[i], out.score[i]] as [number, number, number];
      out.info.copyWithin(j + 1, j, i);
      out.extra.copyWithin(j + 1, j, i);
      out.score.copyWithin(j + 1, j, i);
      out.info[j] = row[0];
      out.extra[j] = row[1];
      out.score[j] = row[2];
    }
  }
  return out;
}

/** One group's (or the whole query's) claims with score and tier, sorted by claim. */
interface Scored {
  claims: Uint32Array;
  scores: Float64Array;
  tiers: Uint8Array;
  /** In a partial match, how many words each claim matches. */
  words?: Uint8Array;
}

const EMPTY: Scored = {
  claims: new Uint32Array(0),
  scores: new Float64Array(0),
  tiers: new Uint8Array(0),
};

/** Every claim, score 0, tier 0 (a query or group with nothing to match). */
function everything(total: number): Scored {
  const claims = new Uint32Array(total);
  for (let i = 0; i < total; i++) claims[i] = i;
  return { claims, scores: new Float64Array(total), tiers: new Uint8Array(total) };
}

/** `s` without the claims in `out` (both sorted). */
function without(s: Scored, out: Uint32Array): Scored {
  if (out.length === 0) return s;
  const keep: number[] = [];
  let j = 0;
  for (let i = 0; i < s.claims.length; i++) {
    const c = s.claims[i] as number;
    while (j < out.length && (out[j] as number) < c) j++;
    if (j < out.length && out[j] === c) continue;
    keep.push(i);
  }
  return pick(s, keep);
}

function pick(s: Scored, rows: number[]): Scored {
  const claims = new Uint32Array(rows.length);
  const scores = new Float64Array(rows.length);
  const tiers = new Uint8Array(rows.length);
  const words = s.words ? new Uint8Array(rows.length) : undefined;
  rows.forEach((r, k) => {
    claims[k] = s.claims[r] as number;
    scores[k] = s.scores[r] as number;
    tiers[k] = s.tiers[r] as number;
    if (words && s.words) words[k] = s.words[r] as number;
  });
  return { claims, scores, tiers, ...(words ? { words } : {}) };
}

/** Union of sorted arrays of claims. */
function unionOf(lists: Uint32Array[]): Uint32Array {
  if (lists.length === 1) return lists[0] as Uint32Array;
  const all = new Set<number>();
  for (const l of lists) for (const c of l) all.add(c);
  return Uint32Array.from([...all].sort((a, b) => a - b));
}

/** The claims of `small` also in `large`, as row numbers of each (both sorted). */
function common(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    const c = a[i] as number;
    while (j < b.length && (b[j] as number) < c) j++;
    if (j < b.length && b[j] === c) out.push(c);
  }
  return Uint32Array.from(out);
}

/** What ranking from the index found: the claims to show, and what was left out. */
export interface Ranked extends Chosen {
  total: number;
  weak: number;
  partial?: PartialOf;
}

/** The signature bits a value must have for a term of this kind to match in it (0: any). */
function signatureNeed(matcher: Matcher): number {
  return matcher.kind === 'prefix'
    ? SIG_STARTS
    : matcher.kind === 'suffix'
      ? SIG_ENDS
      : matcher.kind === 'exact'
        ? SIG_WHOLE
        : 0;
}

/**
 * The claims to show, best first, each with what ranked it: fuse.js's score, the tier and,
 * in a partial match, how many of the words it matches (`scores[i]`, `tiers[i]` and
 * `words[i]` are those of `chosen[i]`).
 */
export interface Chosen {
  /** Global claim numbers of the hits shown, best first. */
  chosen: number[];
  scores: number[];
  tiers: number[];
  /** In a partial match only. */
  words?: number[];
  /**
   * In a partial match: the most words a claim kept matched in its own words or names (not
   * only through an alias or an agreement), shown or not (0: none did). A limit may leave
   * only weak claims on the page.
   */
  strongWords?: number;
}

/**
 * A query's groups without the terms that would read more of the index than `budget` allows
 * (the costliest are left out first), and those terms.
 */
export function withinBudget(
  terms: RankedTerms,
  groups: QueryGroup[],
): { groups: QueryGroup[]; dropped: string[] } {
  // Exclusions are named as typed (`!word`, `!^word`, `!word$`).
  const named = (e: Exclusion) =>
    e.at === 'prefix' ? `!^${e.text}` : e.at === 'suffix' ? `!${e.text}$` : `!${e.text}`;
  const distinct = [
    ...new Set([
      ...groups.flatMap((g) => g.terms),
      ...groups.flatMap((g) => g.exclusions.map(named)),
    ]),
  ];
  const costs = new Map<string, number>();
  const exclusion = new Map(groups.flatMap((g) => g.exclusions.map((e) => [named(e), e] as const)));
  for (const t of distinct) {
    try {
      const e = exclusion.get(t);
      costs.set(t, e ? terms.exclusionCost(e) : terms.cost(t));
    } catch (error) {
      if (!(error instanceof OverBudget)) throw error;
      costs.set(t, Number.POSITIVE_INFINITY);
    }
  }
  const cost = (t: string) => costs.get(t) as number;
  // Each group keeps its cheapest term whatever it costs (a common name is still searched),
  // unless nothing can rank it (a one-letter word); the other terms and the exclusions are
  // kept, cheapest first, while the total stays within the budget.
  const anchors = new Set<string>();
  for (const g of groups) {
    const [cheapest] = [...g.terms].sort((a, b) => cost(a) - cost(b));
    if (cheapest !== undefined && Number.isFinite(cost(cheapest))) anchors.add(cheapest);
  }
  let sum = 0;
  for (const t of anchors) sum += cost(t);
  const dropped = new Set<string>();
  distinct.sort((a, b) => cost(a) - cost(b));
  for (const t of distinct) {
    if (anchors.has(t)) continue;
    sum += cost(t);
    if (!(sum <= terms.budget)) dropped.add(t);
  }
  if (dropped.size === 0) return { groups, dropped: [] };
  const kept = groups
    .map((g) => ({
      terms: g.terms.filter((t) => !dropped.has(t)),
      exclusions: g.exclusions.filter((e) => !dropped.has(named(e))),
    }))
    // A group left with exclusions only would match nearly everything: it goes too.
    .filter((g) => g.terms.length > 0);
  return { groups: kept, dropped: distinct.filter((t) => dropped.has(t)) };
}

/** One group: claims every term matches (product of the terms' scores, in order), less exclusions. */
function groupHits(terms: RankedTerms, group: QueryGroup, total: number): Scored {
  let result: Scored;
  if (group.terms.length === 0) result = everything(total);
  else {
    const order = [...group.terms].sort((a, b) => terms.cost(a) - terms.cost(b));
    let claims: Uint32Array | undefined;
    const got = new Map<string, TermHits>();
    for (const t of order) {
      let h: TermHits;
      // Once the claims are few beside a term's occurrences, only those claims are scored.
      if (claims !== undefined && claims.length * 8 < terms.cost(t)) {
        const only = new Uint8Array(total);
        for (const c of claims) only[c] = 1;
        h = terms.hitsAmong(t, only);
      } else h = terms.hits(t);
      got.set(t, h);
      claims = claims === undefined ? h.claims : common(claims, h.claims);
      if (claims.length === 0) return EMPTY;
    }
    const found = claims as Uint32Array;
    if (group.terms.length === 1) result = got.get(group.terms[0] as string) as TermHits;
    else {
      const scores = new Float64Array(found.length);
      const tiers = new Uint8Array(found.length);
      group.terms.forEach((t, k) => {
        const h = got.get(t) as TermHits;
        let j = 0;
        for (let i = 0; i < found.length; i++) {
          const c = found[i] as number;
          while ((h.claims[j] as number) < c) j++;
          const s = h.scores[j] as number;
          scores[i] = k === 0 ? s : (scores[i] as number) * s;
          tiers[i] = Math.max(tiers[i] as number, h.tiers[j] as number);
        }
      });
      result = { claims: found, scores, tiers };
    }
  }
  if (group.exclusions.length === 0) return result;
  return without(result, unionOf(group.exclusions.map((e) => terms.excluded(e))));
}

/** The better of each claim's results across groups (lower tier, then lower score; first wins ties). */
function offer(a: Scored, b: Scored): Scored {
  const size = a.claims.length + b.claims.length;
  const claims = new Uint32Array(size);
  const scores = new Float64Array(size);
  const tiers = new Uint8Array(size);
  let n = 0;
  let i = 0;
  let j = 0;
  const take = (s: Scored, k: number) => {
    claims[n] = s.claims[k] as number;
    scores[n] = s.scores[k] as number;
    tiers[n] = s.tiers[k] as number;
    n++;
  };
  while (i < a.claims.length || j < b.claims.length) {
    const x = i < a.claims.length ? (a.claims[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.claims.length ? (b.claims[j] as number) : Number.POSITIVE_INFINITY;
    if (x < y) take(a, i++);
    else if (y < x) take(b, j++);
    else {
      const better =
        (b.tiers[j] as number) < (a.tiers[i] as number) ||
        (b.tiers[j] === a.tiers[i] && (b.scores[j] as number) < (a.scores[i] as number));
      if (better) take(b, j);
      else take(a, i);
      i++;
      j++;
    }
  }
  return {
    claims: claims.subarray(0, n),
    scores: scores.subarray(0, n),
    tiers: tiers.subarray(0, n),
  };
}

/**
 * Claims matching some of a group's words: how many, product of their scores, weakest tier.
 * A claim that matches only words for a kind of claim is left out (see runPartial).
 */
function partialHits(terms: RankedTerms, group: QueryGroup): Scored {
  // Columns over every claim number: the terms' products are taken in the group's order.
  const total = terms.claimCount;
  const words = new Uint8Array(total);
  const scores = new Float64Array(total);
  const tiers = new Uint8Array(total);
  // 1 for a claim some word that is not a word for a kind of claim matches.
  const answers = new Uint8Array(total);
  let count = 0;
  for (const t of group.terms) {
    const h = terms.hits(t);
    const answering = !isKindWord(t);
    for (let i = 0; i < h.claims.length; i++) {
      const c = h.claims[i] as number;
      if (answering) answers[c] = 1;
      if (words[c] === 0) {
        count++;
        scores[c] = h.scores[i] as number;
        tiers[c] = h.tiers[i] as number;
        words[c] = 1;
      } else {
        scores[c] = (scores[c] as number) * (h.scores[i] as number);
        if ((h.tiers[i] as number) > (tiers[c] as number)) tiers[c] = h.tiers[i] as number;
        if ((words[c] as number) < 255) words[c] = (words[c] as number) + 1;
      }
    }
  }
  for (let c = 0; c < total; c++) {
    if (words[c] !== 0 && answers[c] === 0) {
      words[c] = 0;
      count--;
    }
  }
  const result = {
    claims: new Uint32Array(count),
    scores: new Float64Array(count),
    tiers: new Uint8Array(count),
    words: new Uint8Array(count),
  };
  let k = 0;
  for (let c = 0; c < total; c++) {
    if (words[c] === 0) continue;
    result.claims[k] = c;
    result.scores[k] = scores[c] as number;
    result.tiers[k] = tiers[c] as number;
    result.words[k] = words[c] as number;
    k++;
  }
  if (group.exclusions.length === 0) return result;
  return without(result, unionOf(group.exclusions.map((e) => terms.excluded(e))));
}

/**
 * What partialHits and choose give together, for terms in groups that score alike and a
 * short list to show: how many words each claim matches and its weakest tier are counted
 * group by group (whole numbers only), and scores are multiplied out only for the claims
 * whose word count and tier can reach the list. Undefined when that does not apply.
 * `complete`: the count of words at which weak claims are kept too (see choosePartial).
 */
function partialFromGroups(
  terms: RankedTerms,
  group: QueryGroup,
  limit: number,
  all: boolean,
  dated: boolean,
  complete?: number,
): PartialChoice | undefined {
  if (group.exclusions.length > 0 || !(limit <= 1000)) return undefined;
  const list: ScoreGroups[] = [];
  for (const t of group.terms) {
    const g = terms.hits(t).groups;
    if (!g) return undefined;
    list.push(g);
  }
  const total = terms.claimCount;
  const words = new Uint8Array(total);
  const tiers = new Uint8Array(total);
  // Each claim's product of its terms' scores, in the group's order, taken in the same pass.
  const scores = new Float64Array(total);
  let matched = 0;
  for (const g of list) matched += addTerm(g, words, tiers, scores);
  // A claim only words for a kind of claim match is no part of the match (see partialHits).
  if (group.terms.some(isKindWord)) {
    const answers = new Uint8Array(total);
    group.terms.forEach((t, k) => {
      if (isKindWord(t)) return;
      const g = list[k] as ScoreGroups;
      const to = g.starts[g.starts.length - 1] as number;
      for (let i = g.starts[0] as number; i < to; i++) answers[g.claims[i] as number] = 1;
    });
    for (let c = 0; c < total; c++) {
      if (words[c] !== 0 && answers[c] === 0) {
        words[c] = 0;
        matched--;
      }
    }
  }
  // How many claims have each (words, tier), counted once for both cases of `keepAll`.
  const counts = new Uint32Array(1024);
  const best = countWordsAndTiers(words, tiers, counts);
  return choosePartial(
    counts,
    words,
    tiers,
    matched,
    best,
    limit,
    all,
    dated,
    terms,
    () => scores,
    complete,
  );
}

/** How many of a group's terms each claim matches, and its weakest tier (see countWords). */
export interface WordCounts {
  words: Uint8Array;
  tiers: Uint8Array;
  /** Bit k of a claim's mask: term k (below 32) matches it. */
  masks: Uint32Array;
  /** Each term's lists (see RankedTerms.termLists), in the group's order. */
  lists: TermLists[][];
  /** How many claims have each (words, tier), as countWordsAndTiers counts them. */
  counts: Uint32Array;
  /** The most terms any claim matches. */
  best: number;
}

/**
 * Counts, claim by claim, how many of a group's terms match it and its weakest tier, from the
 * terms' claim lists alone, computing no score: enough to tell whether any claim matches
 * every term, and what a partial match ranks by first. Each term's groups are taken best tier
 * first, so that the first group a claim is found in carries its tier for the term (a claim
 * several of a term's words match takes the best tier of their values, as their merged
 * signature does). A list with the same claims in the same groups as an earlier list of the
 * term (the words of a claim kind) is counted with it, each group at the better of the two
 * tiers. Undefined when a term is not one word.
 */
export function countWords(terms: RankedTerms, group: QueryGroup): WordCounts | undefined {
  const lists: TermLists[][] = [];
  for (const t of group.terms) {
    const l = terms.termLists(t);
    if (!l) return undefined;
    lists.push(l);
  }
  const total = terms.claimCount;
  const words = new Uint8Array(total);
  const tiers = new Uint8Array(total);
  const masks = new Uint32Array(total);
  // The last term (numbered from 1) each claim was found in.
  const seen = new Int32Array(total);
  for (let k = 0; k < lists.length; k++) {
    let claims = 0;
    const bit = k < 32 ? 1 << k : 0;
    for (const part of lists[k] as TermLists[]) {
      const n = part.index.meta.claims;
      const { kept, tiers: keptTiers } = distinctLists(part);
      for (let tier = 0; tier <= 2; tier++)
        for (let x = 0; x < kept.length; x++) {
          const l = part.lists[kept[x] as number] as WordList;
          const groupTiers = keptTiers[x] as Int8Array;
          for (let g = 0, at = 0; g < l.sigs.length; g++) {
            const count = l.counts[g] as number;
            if (groupTiers[g] === tier) {
              const added = countGroup(
                l.claims,
                at,
                at + count,
                n,
                part.base,
                tier,
                k + 1,
                bit,
                seen,
                words,
                tiers,
                masks,
              );
              if (added < 0) throw part.index.badClaim();
              claims += added;
            }
            at += count;
          }
        }
    }
    terms.countedAs(group.terms[k] as string, claims);
  }
  const counts = new Uint32Array(1024);
  const best = countWordsAndTiers(words, tiers, counts);
  return { words, tiers, masks, lists, counts, best };
}

/**
 * A term's lists in one index less those with the same claims in the same groups as an
 * earlier one: the lists kept, each with its groups' tiers, the better of its own and those of
 * the lists it stands for (-1 where none matches).
 */
function distinctLists(part: TermLists): { kept: number[]; tiers: Int8Array[] } {
  const kept: number[] = [];
  const tiers: Int8Array[] = [];
  part.lists.forEach((l, li) => {
    const own = part.tiers[li] as Int8Array;
    const x = kept.findIndex((r) => sameList(part.lists[r] as WordList, l));
    if (x === -1) {
      kept.push(li);
      tiers.push(own);
      return;
    }
    const merged = (tiers[x] as Int8Array).slice();
    for (let g = 0; g < merged.length; g++) {
      const t = own[g] as number;
      if (t !== -1 && (merged[g] === -1 || t < (merged[g] as number))) merged[g] = t;
    }
    tiers[x] = merged;
  });
  return { kept, tiers };
}

/**
 * Counts the claims of `list[from, to)` (plus `base`) not yet found in term `term`: each one's
 * count of terms goes up, its weakest tier takes `tier` and its mask `bit`. How many there
 * were, or -1 for a claim past `n`.
 */
function countGroup(
  list: Uint32Array,
  from: number,
  to: number,
  n: number,
  base: number,
  tier: number,
  term: number,
  bit: number,
  seen: Int32Array,
  words: Uint8Array,
  tiers: Uint8Array,
  masks: Uint32Array,
): number {
  let added = 0;
  for (let i = from; i < to; i++) {
    const c = list[i] as number;
    if (c >= n) return -1;
    const g = base + c;
    if (seen[g] === term) continue;
    seen[g] = term;
    added++;
    // Every access runs on every claim, without branches (a claim not found before has tier
    // 0 and no words), so that V8's compiled loop meets no access it has not seen yet.
    tiers[g] = Math.max(tiers[g] as number, tier);
    words[g] = Math.min((words[g] as number) + 1, 255);
    masks[g] = (masks[g] as number) | bit;
  }
  return added;
}

/**
 * What partialFromGroups gives, from the counts of countWords: the claims that can be shown
 * are found from the counts of words and tiers, and only their scores are computed (each
 * term's product in the group's order, as addTerm takes it). Undefined where partialFromGroups
 * does not apply.
 */
function partialFromCounts(
  terms: RankedTerms,
  group: QueryGroup,
  counted: WordCounts,
  limit: number,
  all: boolean,
  dated: boolean,
): PartialChoice | undefined {
  if (group.exclusions.length > 0 || !(limit <= 1000)) return undefined;
  const { tiers } = counted;
  let { words, best } = counted;
  let counts = counted.counts.slice();
  // A claim only words for a kind of claim match is no part of the match (see partialHits):
  // told by its mask, which has a bit for each of the first 32 terms only.
  if (group.terms.some(isKindWord)) {
    let answering = 0;
    for (let k = 0; k < group.terms.length; k++) {
      if (isKindWord(group.terms[k] as string)) continue;
      if (k >= 32) return undefined;
      answering |= 1 << k;
    }
    words = words.slice();
    for (let c = 0; c < words.length; c++)
      if (words[c] !== 0 && ((counted.masks[c] as number) & answering) === 0) words[c] = 0;
    counts = new Uint32Array(1024);
    best = countWordsAndTiers(words, tiers, counts);
  }
  let matched = 0;
  for (let x = 0; x < 1024; x++) matched += counts[x] as number;
  const scoresOf = (pool: number[]) => poolScores(counted, pool, terms.claimCount);
  return choosePartial(counts, words, tiers, matched, best, limit, all, dated, terms, scoresOf);
}

/** What a partial match shows: the chosen claims, with the totals the output reports. */
type PartialChoice = Chosen & { total: number; weak: number; best: number };

/**
 * The claims a partial match shows, from how many claims have each (words, tier) (`counts`,
 * as countWordsAndTiers counts them; changed here): the strong tiers only (and the weak
 * claims matching `complete` words, when given) unless none has a claim or `all` asks for
 * every tier, then the claims whose word count and tier can reach the list, in the order of
 * the ranking, scored by `scoresOf` (which need score only those claims). Undefined when
 * every claim kept fits the list (the caller ranks them all).
 */
function choosePartial(
  counts: Uint32Array,
  words: Uint8Array,
  tiers: Uint8Array,
  matched: number,
  best: number,
  limit: number,
  all: boolean,
  dated: boolean,
  terms: RankedTerms,
  scoresOf: (pool: number[]) => ArrayLike<number>,
  complete?: number,
): PartialChoice | undefined {
  let strongWords = 0;
  for (let w = 255; w >= 1 && strongWords === 0; w--)
    if ((counts[(255 - w) * 4] as number) + (counts[(255 - w) * 4 + 1] as number) > 0)
      strongWords = w;
  const keepAll = all || strongWords === 0;
  if (!keepAll) for (let w = 1; w < 256; w++) if (w !== complete) counts[(255 - w) * 4 + 2] = 0;
  let kept = 0;
  for (let x = 0; x < 1024; x++) kept += counts[x] as number;
  if (limit >= kept) return undefined;
  let last = 0;
  for (let seen = 0; last < 1024; last++) {
    seen += counts[last] as number;
    if (seen >= limit) break;
  }
  // The claims that can be shown.
  const pool = poolOf(words, tiers, keepAll, last, complete);
  const scores = scoresOf(pool);
  const undated = (c: number) => (dated && !terms.dated(c) ? 1 : 0);
  pool.sort(
    (a, b) =>
      (words[b] as number) - (words[a] as number) ||
      (tiers[a] as number) - (tiers[b] as number) ||
      undated(a) - undated(b) ||
      (scores[a] as number) - (scores[b] as number) ||
      a - b,
  );
  const chosen = pool.slice(0, limit);
  return {
    chosen,
    scores: chosen.map((c) => scores[c] as number),
    tiers: chosen.map((c) => tiers[c] as number),
    words: chosen.map((c) => words[c] as number),
    strongWords,
    total: kept,
    weak: matched - kept,
    best,
  };
}

/** Up to this many claims to score, each is looked for in its terms' lists (see poolScores). */
export const POOL_BY_SEARCH = 64;

/**
 * fuse.js's scores of the claims of `pool` (global numbers) for a group's terms: each term's
 * score of a claim is its group's signature score, or the merged score of its groups where
 * several of the term's words match it (as fromLists scores it), and a claim's score is the
 * product of its terms' scores in the group's order. Other claims are left 0. A small pool's
 * claims are looked for in the lists of the terms their masks name (a native search of each
 * list); a larger pool is found by one pass over every list.
 */
export function poolScores(
  counted: WordCounts,
  pool: number[],
  total: number,
  bySearch = pool.length <= POOL_BY_SEARCH,
): Float64Array {
  const scores = new Float64Array(total);
  const started = new Uint8Array(total);
  const inPool = bySearch ? undefined : new Uint8Array(total);
  if (inPool) for (const c of pool) inPool[c] = 1;
  // Without a search: a pool claim's group in the current term, plus one.
  const at = new Int32Array(bySearch ? 0 : total);
  counted.lists.forEach((termLists, k) => {
    const bit = k < 32 ? 1 << k : 0;
    for (const part of termLists) {
      const scorer = new GroupScorer(part);
      const n = part.index.meta.claims;
      if (!inPool) {
        for (const c of pool) {
          if (c < part.base || c >= part.base + n) continue;
          if (bit !== 0 && ((counted.masks[c] as number) & bit) === 0) continue;
          const ids = scorer.groupsOf(c - part.base);
          if (ids.length === 0) continue;
          const score = scorer.score(ids);
          scores[c] = started[c] === 1 ? (scores[c] as number) * score : score;
          started[c] = 1;
        }
        continue;
      }
      const found = { touched: [] as number[], multi: new Map<number, number[]>() };
      part.lists.forEach((l, li) => {
        const groupTiers = part.tiers[li] as Int8Array;
        for (let g = 0, from = 0; g < l.sigs.length; g++) {
          const count = l.counts[g] as number;
          if (groupTiers[g] !== -1)
            collectPool(
              l.claims,
              from,
              from + count,
              part.base,
              inPool,
              at,
              scorer.id(li, g),
              found,
            );
          from += count;
        }
      });
      for (const c of found.touched) {
        const score = scorer.score(found.multi.get(c) ?? [(at[c] as number) - 1]);
        scores[c] = started[c] === 1 ? (scores[c] as number) * score : score;
        started[c] = 1;
        at[c] = 0;
      }
    }
  });
  return scores;
}

/**
 * The scores of one term's groups in one index, each (and each combination of groups)
 * computed once. Groups are numbered over the lists in order.
 */
class GroupScorer {
  private readonly firsts: number[] = [];
  private readonly groupSig: number[] = [];
  private readonly groupWord: number[] = [];
  private readonly groupFrom: number[] = [];
  private readonly factor: Factors;
  private readonly data: Uint32Array;
  private readonly offsets: Uint32Array;
  private readonly known = new Map<string, number>();
  constructor(private readonly part: TermLists) {
    const { data, offsets } = part.index.signatureTable();
    this.data = data;
    this.offsets = offsets;
    this.factor = new Factors(part.index.norms());
    part.lists.forEach((l, li) => {
      this.firsts.push(this.groupSig.length);
      for (let g = 0, from = 0; g < l.sigs.length; g++) {
        this.groupSig.push(l.sigs[g] as number);
        this.groupWord.push(li);
        this.groupFrom.push(from);
        from += l.counts[g] as number;
      }
    });
  }

  /** The number of group `g` of list `li`. */
  id(li: number, g: number): number {
    return (this.firsts[li] as number) + g;
  }

  /** The groups (that match) holding claim `c` of this index, list by list. */
  groupsOf(c: number): number[] {
    const ids: number[] = [];
    this.part.lists.forEach((l, li) => {
      const at = l.claims.indexOf(c);
      if (at === -1) return;
      // The group whose claims hold place `at`.
      let g = 0;
      for (let end = l.counts[0] as number; end <= at; end += l.counts[g] as number) g++;
      if ((this.part.tiers[li] as Int8Array)[g] !== -1) ids.push(this.id(li, g));
    });
    return ids;
  }

  /** The term's score of a claim found in groups `ids`. */
  score(ids: number[]): number {
    const key =
      ids.length === 1
        ? String(ids[0])
        : ids
            .slice()
            .sort((a, b) => a - b)
            .join(' ');
    let found = this.known.get(key);
    if (found === undefined) {
      const { data, offsets, factor, part } = this;
      if (ids.length === 1) {
        const id = ids[0] as number;
        const sig = this.groupSig[id] as number;
        const l = part.lists[this.groupWord[id] as number] as WordList;
        found = signatureScore(
          data,
          offsets[sig] as number,
          offsets[sig + 1] as number,
          part.need,
          l.whole,
          l.score,
          factor,
        );
      } else
        [found] = mergedScore(
          ids,
          this.groupSig,
          this.groupWord,
          part.lists,
          data,
          offsets,
          part.need,
          factor,
        );
      this.known.set(key, found);
    }
    return found;
  }
}

/**
 * Notes the claims of `list[from, to)` (plus `base`) that are in the pool as found in group
 * `id`: the first group of a claim in `at`, the claim in `touched`; a claim's further groups in
 * `multi`, with its first.
 */
function collectPool(
  list: Uint32Array,
  from: number,
  to: number,
  base: number,
  inPool: Uint8Array,
  at: Int32Array,
  id: number,
  found: { touched: number[]; multi: Map<number, number[]> },
): void {
  for (let i = from; i < to; i++) {
    const g = base + (list[i] as number);
    if (inPool[g] !== 1) continue;
    const was = at[g] as number;
    if (was === 0) {
      at[g] = id + 1;
      found.touched.push(g);
    } else {
      const m = found.multi.get(g);
      if (m) m.push(id);
      else found.multi.set(g, [was - 1, id]);
    }
  }
}

/**
 * Adds one term's claims to a partial match: each claim's count of words, weakest tier and
 * product of scores. How many claims it adds that no earlier term had.
 */
function addTerm(
  g: ScoreGroups,
  words: Uint8Array,
  tiers: Uint8Array,
  scores: Float64Array,
): number {
  let matched = 0;
  for (let k = 0; k + 1 < g.starts.length; k++) {
    const tier = g.tiers[k] as number;
    const score = g.scores[k] as number;
    const claims = g.claims;
    const to = g.starts[k + 1] as number;
    for (let i = g.starts[k] as number; i < to; i++) {
      const c = claims[i] as number;
      const w = words[c] as number;
      if (w === 0) {
        matched++;
        tiers[c] = tier;
        scores[c] = score;
      } else {
        if (tier > (tiers[c] as number)) tiers[c] = tier;
        scores[c] = (scores[c] as number) * score;
      }
      if (w < 255) words[c] = w + 1;
    }
  }
  return matched;
}

/** Counts the claims of each (words, tier) into `counts` (best first); the most words any claim has. */
function countWordsAndTiers(words: Uint8Array, tiers: Uint8Array, counts: Uint32Array): number {
  let best = 0;
  for (let c = 0; c < words.length; c++) {
    const w = words[c] as number;
    if (w === 0) continue;
    if (w > best) best = w;
    const x = (255 - w) * 4 + (tiers[c] as number);
    counts[x] = (counts[x] as number) + 1;
  }
  return best;
}

/**
 * The claims whose (words, tier) is at `last` or better, and strong, of `complete` words or
 * `keepAll`.
 */
function poolOf(
  words: Uint8Array,
  tiers: Uint8Array,
  keepAll: boolean,
  last: number,
  complete?: number,
): number[] {
  const pool: number[] = [];
  for (let c = 0; c < words.length; c++) {
    const w = words[c] as number;
    if (w === 0) continue;
    const tier = tiers[c] as number;
    if (!(keepAll || tier < 2 || w === complete)) continue;
    if ((255 - w) * 4 + tier <= last) pool.push(c);
  }
  return pool;
}

/**
 * Hits in rank order (as ClaimSearcher ranks), weak ones left out unless `all` (or, in a
 * partial match, they match `complete` words), at most `limit`.
 */
function choose(
  terms: RankedTerms,
  s: Scored,
  limit: number,
  all: boolean,
  dated: boolean,
  complete?: number,
): Chosen & { total: number; weak: number } {
  let strong = false;
  // In a partial match, the most words of a strong claim (see Chosen.strongWords).
  let strongWords = 0;
  for (let i = 0; i < s.tiers.length; i++) {
    if ((s.tiers[i] as number) >= 2) continue;
    strong = true;
    if (!s.words) break;
    strongWords = Math.max(strongWords, s.words[i] as number);
  }
  const keepAll = all || !strong;
  const keep = (i: number) =>
    keepAll || (s.tiers[i] as number) < 2 || (s.words !== undefined && s.words[i] === complete);
  let kept = 0;
  for (let i = 0; i < s.claims.length; i++) if (keep(i)) kept++;
  const rows = new Uint32Array(kept);
  for (let i = 0, k = 0; i < s.claims.length; i++) if (keep(i)) rows[k++] = i;
  const undated = (r: number) => (dated && !terms.dated(s.claims[r] as number) ? 1 : 0);
  const w = (r: number) => (s.words ? (s.words[r] as number) : 0);
  const before = (a: number, b: number) =>
    w(b) - w(a) ||
    (s.tiers[a] as number) - (s.tiers[b] as number) ||
    undated(a) - undated(b) ||
    (s.scores[a] as number) - (s.scores[b] as number) ||
    (s.claims[a] as number) - (s.claims[b] as number);
  let top: number[];
  // Rows are ordered by words matched, then tier, first: only the rows up to the (words, tier)
  // where the first `limit` end can be among the best (counted with a histogram).
  let pool: ArrayLike<number> = rows;
  if (limit < rows.length && limit <= 1000) {
    const { words, tiers } = s;
    const rank = new Uint16Array(rows.length);
    const counts = new Uint32Array(1024);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as number;
      const x = (255 - (words ? (words[r] as number) : 0)) * 4 + (tiers[r] as number);
      rank[i] = x;
      (counts[x] as number)++;
    }
    let last = 0;
    for (let seen = 0; last < 1024; last++) {
      seen += counts[last] as number;
      if (seen >= limit) break;
    }
    const some: number[] = [];
    for (let i = 0; i < rows.length; i++)
      if ((rank[i] as number) <= last) some.push(rows[i] as number);
    pool = some;
  }
  if (limit >= rows.length || limit > 1000) top = Array.from(rows).sort(before).slice(0, limit);
  else if (!dated && !s.words) {
    // The common case, compared inline: tier, score, claim number.
    const { tiers, scores } = s;
    top = [];
    for (const r of pool as number[]) {
      if (top.length === limit) {
        const last = top[limit - 1] as number;
        const t = (tiers[r] as number) - (tiers[last] as number);
        if (t > 0 || (t === 0 && (scores[r] as number) >= (scores[last] as number))) continue;
      }
      let k = top.length;
      while (k > 0 && before(r, top[k - 1] as number) < 0) k--;
      top.splice(k, 0, r);
      if (top.length > limit) top.pop();
    }
  } else {
    // The best `limit` rows, kept sorted as they come.
    top = [];
    for (const r of pool as number[]) {
      if (top.length === limit && before(r, top[limit - 1] as number) >= 0) continue;
      let k = top.length;
      while (k > 0 && before(r, top[k - 1] as number) < 0) k--;
      top.splice(k, 0, r);
      if (top.length > limit) top.pop();
    }
  }
  return {
    chosen: top.map((r) => s.claims[r] as number),
    scores: top.map((r) => s.scores[r] as number),
    tiers: top.map((r) => s.tiers[r] as number),
    ...(s.words
      ? { words: top.map((r) => (s.words as Uint8Array)[r] as number), strongWords }
      : {}),
    total: rows.length,
    weak: s.claims.length - rows.length,
  };
}

/**
 * The groups of an OR of terms: a claim several terms match belongs to the better group
 * (lower tier, then lower score; the first on a tie), as `offer` takes the better result.
 */
function eitherOf(list: ScoreGroups[], total: number): ScoreGroups {
  const scores: number[] = [];
  const tiers: number[] = [];
  for (const g of list) {
    for (const x of g.scores) scores.push(x);
    for (const x of g.tiers) tiers.push(x);
  }
  const mark = new Int32Array(total);
  let base = 0;
  for (const g of list) {
    for (let k = 0; k < g.scores.length; k++) {
      const id = base + k;
      for (let i = g.starts[k] as number; i < (g.starts[k + 1] as number); i++) {
        const c = g.claims[i] as number;
        const was = (mark[c] as number) - 1;
        if (
          was === -1 ||
          (tiers[id] as number) < (tiers[was] as number) ||
          (tiers[id] === tiers[was] && (scores[id] as number) < (scores[was] as number))
        )
          mark[c] = id + 1;
      }
    }
    base += g.scores.length;
  }
  const starts = new Int32Array(scores.length + 1);
  let n = 0;
  const claims: number[] = [];
  base = 0;
  for (const g of list) {
    for (let k = 0; k < g.scores.length; k++) {
      const id = base + k;
      for (let i = g.starts[k] as number; i < (g.starts[k + 1] as number); i++) {
        const c = g.claims[i] as number;
        if (mark[c] === id + 1) {
          claims.push(c);
          n++;
        }
      }
      starts[id + 1] = n;
    }
    base += g.scores.length;
  }
  return { scores, tiers, starts, claims: Uint32Array.from(claims) };
}

/**
 * What choose gives, for a term whose claims come in groups that score alike: the groups are
 * ordered by tier and score, and only the claims shown are taken from them (claims of groups
 * that tie are merged by claim number), so the work grows with the groups, not the claims.
 */
function chooseFromGroups(
  g: ScoreGroups,
  limit: number,
  all: boolean,
): Chosen & { total: number; weak: number } {
  const count = (k: number) => (g.starts[k + 1] as number) - (g.starts[k] as number);
  const states = g.scores.length;
  let strong = false;
  for (let k = 0; k < states; k++) if (count(k) > 0 && (g.tiers[k] as number) < 2) strong = true;
  const keepAll = all || !strong;
  const kept: number[] = [];
  let total = 0;
  for (let k = 0; k < states; k++) {
    if (count(k) === 0 || !(keepAll || (g.tiers[k] as number) < 2)) continue;
    kept.push(k);
    total += count(k);
  }
  kept.sort(
    (a, b) =>
      (g.tiers[a] as number) - (g.tiers[b] as number) ||
      (g.scores[a] as number) - (g.scores[b] as number) ||
      a - b,
  );
  const chosen: number[] = [];
  const scores: number[] = [];
  const tiers: number[] = [];
  for (let i = 0; i < kept.length && chosen.length < limit; ) {
    const first = kept[i] as number;
    let j = i + 1;
    while (
      j < kept.length &&
      g.tiers[kept[j] as number] === g.tiers[first] &&
      g.scores[kept[j] as number] === g.scores[first]
    )
      j++;
    const need = limit - chosen.length;
    const take = (k: number) =>
      g.claims.subarray(
        g.starts[k] as number,
        Math.min(g.starts[k + 1] as number, (g.starts[k] as number) + need),
      );
    const from = chosen.length;
    if (j === i + 1) for (const c of take(first)) chosen.push(c);
    else {
      const pool: number[] = [];
      for (let x = i; x < j; x++) for (const c of take(kept[x] as number)) pool.push(c);
      pool.sort((a, b) => a - b);
      for (let x = 0; x < pool.length && x < need; x++) chosen.push(pool[x] as number);
    }
    // Groups that tie have the same score and tier.
    for (let x = from; x < chosen.length; x++) {
      scores.push(g.scores[first] as number);
      tiers.push(g.tiers[first] as number);
    }
    i = j;
  }
  return { chosen, scores, tiers, total, weak: (g.starts[states] as number) - total };
}

/** From this many terms, a group's claims are counted before anything is scored (see rankQuery). */
export const COUNT_FIRST = 4;

/**
 * Ranks a query's claims from the index: the claims to show (global numbers, best first), how
 * many match, how many only through an alias, and, when no claim matches every word of a
 * one-group query, the partial match ClaimSearcher.runPartial would give.
 */
export function rankQuery(
  terms: RankedTerms,
  groups: QueryGroup[],
  options: { limit: number; all: boolean; dated: boolean },
): Ranked {
  const { limit, all, dated } = options;
  const total = terms.claimCount;
  // A term, or an OR of terms, in groups that score alike: the best claims group by group.
  if (
    !dated &&
    groups.length > 0 &&
    groups.every((g) => g.terms.length === 1 && g.exclusions.length === 0)
  ) {
    const hits = groups.map((g) => terms.hits(g.terms[0] as string));
    const scored = hits.map((h) => h.groups);
    if (scored.every((g) => g !== undefined)) {
      const merged = scored.length === 1 ? scored[0] : eitherOf(scored, total);
      if (merged) return chooseFromGroups(merged, limit, all);
    }
  }
  // One group of many one-word terms: the claims each term matches are counted first,
  // without scores. When no claim matches them all (twenty common words), the group gives
  // nothing, and the partial match is ranked from the counts. A group of a few terms is
  // intersected as below, which reads less of a common word's claims when another is rarer.
  const [one] = groups;
  if (
    groups.length === 1 &&
    one &&
    one.terms.length >= COUNT_FIRST &&
    one.terms.length < 255 &&
    one.exclusions.length === 0
  ) {
    const counted = countWords(terms, one);
    if (counted && counted.best < one.terms.length) {
      const ranked = choose(terms, EMPTY, limit, all, dated);
      const quick = partialFromCounts(terms, one, counted, limit, all, dated);
      if (quick) {
        const { best, ...partial } = quick;
        if (partial.total === 0) return ranked;
        return { ...partial, partial: { best, of: one.terms.length, terms: one.terms } };
      }
      return partialOf(terms, one, ranked, limit, all, dated);
    }
  }
  let s: Scored = groups.length === 0 ? everything(total) : EMPTY;
  groups.forEach((g, k) => {
    const h = groupHits(terms, g, total);
    s = k === 0 ? h : offer(s, h);
  });
  const ranked = choose(terms, s, limit, all, dated);
  const [group] = groups;
  if (groups.length !== 1 || !group || group.terms.length < 2) return ranked;
  // Claims that match every word only through aliases or agreements do not hide those that
  // match some of the words in their own (see weakOnly in search.ts).
  const weak = ranked.total > 0 && ranked.tiers[0] === WEAK;
  if (ranked.total > 0 && !weak) return ranked;
  // Beside weak claims that match every word, those are kept too (see withPartial).
  const complete = weak ? group.terms.length : undefined;
  const quick = partialFromGroups(terms, group, limit, all, dated, complete);
  let partial: Ranked;
  if (quick) {
    const { best, ...rest } = quick;
    if (rest.total === 0) return ranked;
    partial = { ...rest, partial: { best, of: group.terms.length, terms: group.terms } };
  } else partial = partialOf(terms, group, ranked, limit, all, dated, complete);
  if (!weak) return partial;
  // Some claim must match part of the words strongly, shown or cut off by the limit.
  if (!partial.partial || !((partial.strongWords ?? 0) > 0)) return ranked;
  return { ...partial, partial: { ...partial.partial, weak: ranked.total } };
}

/** The partial match of a group's terms, claim by claim (or `ranked` when no claim matches any). */
function partialOf(
  terms: RankedTerms,
  group: QueryGroup,
  ranked: Ranked,
  limit: number,
  all: boolean,
  dated: boolean,
  complete?: number,
): Ranked {
  const p = partialHits(terms, group);
  let best = 0;
  for (const n of p.words ?? []) best = Math.max(best, n);
  const partial = choose(terms, p, limit, all, dated, complete);
  if (partial.total === 0) return ranked;
  return { ...partial, partial: { best, of: group.terms.length, terms: group.terms } };
}
