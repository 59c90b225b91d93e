import { ALIAS_ONLY, type Tier } from '../model/tiers.js';
import type { Claim, Dataset } from '../model/types.js';
import { fold, unfoldRanges } from '../text/fold.js';
import { termNeedles } from './candidates.js';
import { termSearcher } from './fuse-score.js';
import type { Exclusion, HitMatch, Matched, QueryGroup } from './search.js';
import {
  type EntryOrigin,
  FUSE_OPTIONS,
  recordEntries,
  SEARCH_FIELDS,
  type SearchField,
} from './search-record.js';

// Where a claim already known to match a query matched: the match details of a search hit
// (the positions to highlight, the values that matched and whether through an alias), for
// one claim at a time, without scoring it or any other claim again.
//
// fuse.js finds a term's matches in a record by asking the term's searcher about each field
// value in turn (the keys in order, a list's entries in order, blank values skipped) and
// keeping each value it says matches, with the positions it reports. The searcher used here
// is the one fuse.js itself makes for the term (`Fuse.parseQuery`, with the options a search
// runs with), asked about the same folded values in the same order, so the positions are
// fuse.js's own. Values that hold none of the term's needles are not asked: they cannot match
// (see candidates.ts), and a value that does not match contributes nothing.

/** The searcher fuse.js makes for one term of a logical query. */
type TermSearcher = {
  searchIn(text: string): { isMatch: boolean; indices?: readonly (readonly [number, number])[] };
};

/** Whether fuse.js's index leaves a value out (it skips blank strings). */
const blank = (value: string) => value.trim().length === 0;

/** True when some folded field value in the record's haystack meets an exclusion. */
export function excluded(haystack: string, exclusions: readonly Exclusion[]): boolean {
  if (exclusions.length === 0) return false;
  // The haystack already holds every field value folded, NUL-separated: no folding again.
  const values = haystack.split('\u0000');
  return exclusions.some(({ text, at }) =>
    values.some((v) =>
      at === 'prefix' ? v.startsWith(text) : at === 'suffix' ? v.endsWith(text) : v.includes(text),
    ),
  );
}

/**
 * The `matched` list of a hit from its matches: each field value that matched, and how (an
 * alias of whom, a record value of which agreement), one entry per field and owner. `value`
 * gives a field's raw value (an entry of a list field), `origin` where a list entry comes from.
 * `aliasOnly`: the hit matched only through an alias (its tier, see tiers.ts), so an owner's
 * first alias that matched is kept beside its name: in "velvet revolution", a topic's name
 * matches "revolution" and only its alias "Velvet Revolution" matches "velvet", and the alias
 * is what the hit's mark must name.
 */
export function matchedList(
  matches: readonly HitMatch[],
  value: (field: SearchField, entry: number) => string,
  origin: (field: SearchField, entry: number) => EntryOrigin | undefined,
  aliasOnly = false,
): Matched[] {
  const out: Matched[] = [];
  const keys: string[] = [];
  for (const m of matches) {
    let item: Matched;
    const own = m.field === 'text' || m.field === 'quote';
    const from = own ? undefined : origin(m.field, m.entry ?? 0);
    if (own) {
      const text = value(m.field, 0);
      // Positions in the folded text, taken back to the raw text's own.
      const spans = (unfoldRanges(text, m.indices) ?? m.indices).map(([a, b]) =>
        text.slice(a, b + 1),
      );
      item = { field: m.field, value: [...new Set(spans)].join(' … ') };
    } else {
      const raw = value(m.field, m.entry ?? 0);
      const via = !from
        ? undefined
        : from.alias
          ? `alias of ${from.of}`
          : ['actors', 'topics'].includes(m.field) || from.of === 'author'
            ? undefined
            : from.of;
      item = { field: m.field, value: raw, ...(via !== undefined && via !== raw ? { via } : {}) };
    }
    // One entry per field and owner: an actor's name, else its first alias that matched (and
    // both when the hit is alias-only).
    const key = from
      ? `${m.field}\u0000${from.of}${aliasOnly && from.alias ? '\u0000alias' : ''}`
      : JSON.stringify(item);
    const at = keys.indexOf(key);
    if (at === -1) {
      keys.push(key);
      out.push(item);
    } else if (from && !from.alias && out[at]?.via?.startsWith('alias of ')) {
      out[at] = item;
    }
  }
  return out;
}

/** A claim's search values, folded, with their raw values and origins. */
interface Values {
  /** Per field (in SEARCH_FIELDS order): each entry's folded value. */
  folded: string[][];
  raw: string[][];
  origins: EntryOrigin[][];
}

function valuesOf(dataset: Dataset, claim: Claim): Values {
  const entries = recordEntries(dataset, claim);
  const folded: string[][] = [];
  const raw: string[][] = [];
  const origins: EntryOrigin[][] = [];
  for (const field of SEARCH_FIELDS) {
    const list = entries[field];
    const f: string[] = new Array(list.length);
    const r: string[] = new Array(list.length);
    const o: EntryOrigin[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const entry = list[i] as { value: string; origin: EntryOrigin };
      r[i] = entry.value;
      f[i] = fold(entry.value);
      o[i] = entry.origin;
    }
    folded.push(f);
    raw.push(r);
    origins.push(o);
  }
  return { folded, raw, origins };
}

/** One term: fuse.js's searcher for it and the needles a matching value must hold. */
interface Term {
  searcher: TermSearcher;
  needles: string[] | undefined;
}

/** A claim's match details: its matches (as HitMatch) and the `matched` list made from them. */
export interface MatchDetails {
  matches: HitMatch[];
  matched: Matched[];
}

/**
 * Works out the match details of claims a query is known to match, one claim at a time.
 * `partial`: the ranking was a partial match (no claim matched every word of the one group):
 * a claim's matches are those of each word it matches, in the query's order. Otherwise a
 * claim's matches are those of the group that matched it; `explain` returns undefined when
 * several groups match it, since which one counts depends on their scores (the caller then
 * asks fuse.js).
 */
export class MatchExplainer {
  private readonly terms = new Map<string, Term>();
  constructor(
    private readonly groups: readonly QueryGroup[],
    private readonly partial: boolean,
  ) {}

  private term(text: string): Term {
    let found = this.terms.get(text);
    if (!found) {
      // The searcher fuse.js makes for the leaf of `{ $and: [term] }`, with the options its
      // search runs with (its defaults under ours), as in a search of every claim, and the
      // term's other forms as the search scores them (see termSearcher).
      const searcher = termSearcher(text);
      found = { searcher, needles: termNeedles(text, FUSE_OPTIONS.threshold ?? 0.6) };
      this.terms.set(text, found);
    }
    return found;
  }

  /** One term's matches in a claim's values, as fuse.js reports them (empty: no match). */
  private termMatches(values: Values, text: string): HitMatch[] {
    const { searcher, needles } = this.term(text);
    const out: HitMatch[] = [];
    for (let f = 0; f < SEARCH_FIELDS.length; f++) {
      const field = SEARCH_FIELDS[f] as SearchField;
      const list = values.folded[f] as string[];
      const single = field === 'text' || field === 'quote';
      for (let i = 0; i < list.length; i++) {
        const value = list[i] as string;
        if (needles && !needles.some((n) => value.includes(n))) continue;
        if (blank(value)) continue;
        const result = searcher.searchIn(value);
        if (!result.isMatch || !result.indices || result.indices.length === 0) continue;
        const indices = result.indices.map(([a, b]) => [a, b] as [number, number]);
        out.push(single ? { field, indices } : { field, entry: i, indices });
      }
    }
    return out;
  }

  /** The details of one claim, or undefined when they depend on scores (see the class). */
  explain(dataset: Dataset, claim: Claim): MatchDetails | undefined {
    const values = valuesOf(dataset, claim);
    let matches: HitMatch[] | undefined;
    // The hit's tier is its weakest matching term's (as the search ranks it): alias-only when
    // some term matched nothing but aliases.
    let aliasOnly = false;
    const weakest = (term: readonly HitMatch[]) => {
      if (term.length > 0 && tierOfTerm(term, values) === ALIAS_ONLY) aliasOnly = true;
    };
    if (this.partial) {
      const [group] = this.groups;
      matches = [];
      for (const t of group?.terms ?? []) {
        const m = this.termMatches(values, t);
        weakest(m);
        matches.push(...m);
      }
    } else {
      let haystack: string | undefined;
      for (const group of this.groups) {
        const found: HitMatch[] = [];
        let all = true;
        let weak = false;
        for (const t of group.terms) {
          const m = this.termMatches(values, t);
          if (m.length === 0) {
            all = false;
            break;
          }
          if (tierOfTerm(m, values) === ALIAS_ONLY) weak = true;
          found.push(...m);
        }
        if (!all) continue;
        if (group.exclusions.length > 0) {
          haystack ??= haystackOf(values);
          if (excluded(haystack, group.exclusions)) continue;
        }
        // Two groups match: the better scored one counts, which this does not know.
        if (matches) return undefined;
        matches = found;
        aliasOnly = weak;
      }
      if (this.groups.length === 0) matches = [];
    }
    if (!matches) throw new Error(`claim ${claim.id} does not match the query it was found by`);
    const found = matches;
    return {
      matches: found,
      matched: matchedList(
        found,
        (field, entry) => values.raw[SEARCH_FIELDS.indexOf(field)]?.[entry] ?? '',
        (field, entry) => values.origins[SEARCH_FIELDS.indexOf(field)]?.[entry],
        aliasOnly,
      ),
    };
  }
}

/**
 * One term's tier in a claim from its matches, by the rule ClaimSearcher's `searchTerm` ranks
 * with: 0 for the claim's own words, 1 for a value that is not an alias nor an agreement's or
 * the note's, else weak (alias-only)
 * (every match here has positions: termMatches keeps no other).
 */
function tierOfTerm(matches: readonly HitMatch[], values: Values): Tier {
  let tier: Tier = ALIAS_ONLY;
  for (const m of matches) {
    if (m.field === 'text' || m.field === 'quote') return 0;
    const origin = values.origins[SEARCH_FIELDS.indexOf(m.field)]?.[m.entry ?? 0];
    if (origin && !origin.alias && m.field !== 'context') tier = 1;
  }
  return tier;
}

/** The record's folded values that are not blank, joined by NUL, as `foldedHaystack` makes them. */
function haystackOf(values: Values): string {
  let out = '';
  for (const list of values.folded)
    for (const v of list) if (!blank(v)) out = out === '' ? v : `${out}\u0000${v}`;
  return out;
}
