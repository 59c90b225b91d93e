import { accessSync, constants } from 'node:fs';
import Fuse from 'fuse.js';
import { checkInPieces } from '../dataset/confirm.js';
import { articleText } from '../dataset/files.js';
import type { ClaimRef, Corpus } from '../model/corpus.js';
import type { Notice } from '../model/errors.js';
import type { Tier } from '../model/tiers.js';
import type { Claim, Dataset, DatasetDocument } from '../model/types.js';
import { pieces, termLiteral, termNeedles } from '../search/candidates.js';
import { buildFilter, type ClaimFilterInput } from '../search/filter.js';
import { wordForms } from '../search/inflect.js';
import { type MatchDetails, MatchExplainer } from '../search/match-details.js';
import { suggestFrom } from '../search/question.js';
import {
  ClaimSearcher,
  parseQuery,
  type QueryGroup,
  type SearchHit,
  type SearchResult,
  weakOnly,
  withPartial,
} from '../search/search.js';
import { FUSE_OPTIONS, SEARCH_FINGERPRINT, wordPattern } from '../search/search-record.js';
import { IndexDamaged, openIndex, WordIndex } from './index-store.js';
import {
  type IndexSet,
  indexSet,
  perIndex,
  type Ranked,
  RankedTerms,
  rankable,
  rankQuery,
  withinBudget,
} from './ranked-search.js';

/**
 * How many word occurrences one search may read from the index (12 bytes each): the costliest
 * terms beyond this are left out of the query, and the search says so.
 */
export const SEARCH_BUDGET = 1_000_000;

/**
 * What the search command asks of a searcher after the search: how many claims a word matches.
 * Asked about the query's terms after an empty or partial result; the indexes are closed by
 * then, so a ranked search counts them before it returns.
 */
export interface TermCounter {
  termHits(term: string): number;
}

/** True when no claim filter is given. */
function noFilters(input: ClaimFilterInput): boolean {
  const { actor, topic, kind, assertedBy, review, from, to } = input;
  return (
    [actor, topic, kind, assertedBy, review].every((v) => v === undefined || v.length === 0) &&
    from === undefined &&
    to === undefined
  );
}

/** Claim numbers that may match, or every claim. */
type Candidates = Set<number> | 'all';

/** A literal made of word characters only (letters, digits, marks). */
const ONE_WORD = /^[\p{L}\p{N}\p{M}]+$/u;

/** Needle parts shorter than this select too much of the vocabulary to be worth looking up. */
const MIN_PART = 2;

function intersect(a: Candidates, b: Candidates): Candidates {
  if (a === 'all') return b;
  if (b === 'all') return a;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out = new Set<number>();
  for (const x of small) if (large.has(x)) out.add(x);
  return out;
}

function union(a: Candidates, b: Candidates): Candidates {
  if (a === 'all' || b === 'all') return 'all';
  for (const x of b) a.add(x);
  return a;
}

/**
 * Finds the claims a query can match from the word index alone, remembering what it has
 * looked up. A one-word term selects the vocabulary words it matches (see matchingWords);
 * other terms use their pigeonhole needles split into word parts: a needle occurs in a record
 * only if each part is inside one of the record's words. Sets combine as the query does:
 * union over a term's needles, intersection over a group's terms, union over groups.
 */
class CandidateFinder {
  private readonly words = new Map<string, number[]>();
  private readonly sets = new Map<string, Candidates>();
  constructor(private readonly index: WordIndex) {}

  /** Vocabulary words containing `part`. */
  private wordsWith(part: string): number[] {
    let found = this.words.get(part);
    if (!found) {
      found = this.index.wordsContaining(part);
      this.words.set(part, found);
    }
    return found;
  }

  private parts(needle: string): string[] {
    return (needle.match(wordPattern()) ?? []).filter((p) => p.length >= MIN_PART);
  }

  private part(text: string): Candidates {
    let found = this.sets.get(text);
    if (found === undefined) {
      const set = new Set<number>();
      for (const w of this.wordsWith(text))
        for (const claim of this.index.postings(w)) set.add(claim);
      found = set;
      this.sets.set(text, found);
    }
    return found;
  }

  private needle(text: string): Candidates {
    return this.parts(text).reduce<Candidates>((acc, p) => intersect(acc, this.part(p)), 'all');
  }

  /**
   * Vocabulary words a one-word term can match. Exact kinds (and fuzzy words too short for an
   * edit) need their literal inside the word. A fuzzy word needs one of its pigeonhole pieces
   * inside the word, and then fuse.js's own matcher (same threshold) decides, so only words the
   * term really matches contribute their claims.
   */
  private matchingWords(literal: string, errors: number): number[] {
    if (errors === 0) return this.wordsWith(literal);
    const parts = pieces(literal, errors + 1);
    const usable = parts.filter((p) => p.length >= MIN_PART);
    if (usable.length < parts.length) return Array.from({ length: this.index.words }, (_, w) => w);
    const near = [...new Set(usable.flatMap((p) => this.wordsWith(p)))];
    const words = near.map((w) => this.index.word(w));
    const fuse = new Fuse(words, {
      threshold: FUSE_OPTIONS.threshold,
      ignoreLocation: true,
      isCaseSensitive: true,
      minMatchCharLength: FUSE_OPTIONS.minMatchCharLength,
    });
    return fuse.search(literal).map((r) => near[r.refIndex] as number);
  }

  private termCandidates(term: string): Candidates {
    const { literal, errors } = termLiteral(term, FUSE_OPTIONS.threshold ?? 0.6);
    // A term that is one word is looked up word by word; anything else (punctuation, quoted
    // phrases) by its pigeonhole pieces alone.
    if (literal.length >= MIN_PART && ONE_WORD.test(literal)) {
      const set = new Set<number>();
      for (const w of this.matchingWords(literal, errors))
        for (const claim of this.index.postings(w)) set.add(claim);
      // Its other forms (inflect.ts) are met as whole words.
      for (const form of wordForms(term)) {
        const w = this.index.wordNumber(form);
        if (w !== -1) for (const claim of this.index.postings(w)) set.add(claim);
      }
      return set;
    }
    const needles = termNeedles(term, FUSE_OPTIONS.threshold ?? 0.6);
    return needles
      ? needles.reduce<Candidates>((acc, n) => union(acc, this.needle(n)), new Set())
      : 'all';
  }

  find(groups: QueryGroup[]): Candidates {
    if (groups.length === 0) return 'all';
    let all: Candidates = new Set();
    for (const group of groups) {
      let inGroup: Candidates = 'all';
      for (const term of group.terms) {
        inGroup = intersect(inGroup, this.termCandidates(term));
        if (inGroup !== 'all' && inGroup.size === 0) break;
      }
      all = union(all, inGroup);
      if (all === 'all') break;
    }
    return all;
  }
}

/** A dataset read from its index: the document with only the claims asked for. */
function partialDataset(
  file: string,
  doc: Omit<DatasetDocument, 'claims'>,
  claims: Claim[],
  relations: () => DatasetDocument['relations'],
): Dataset {
  let text: string | undefined;
  const full = { ...doc, claims } as DatasetDocument;
  // Search never needs the relations; anything else that asks reads them then.
  let related: DatasetDocument['relations'] | undefined;
  Object.defineProperty(full, 'relations', {
    enumerable: true,
    get: () => {
      related ??= relations();
      return related;
    },
  });
  return {
    file,
    doc: full,
    // Search never needs the article text; anything else that asks reads it then.
    get text() {
      text ??= articleText(full, file);
      return text;
    },
    entityById: new Map(doc.entities.map((e) => [e.id, e])),
    topicById: new Map(doc.topics.map((t) => [t.id, t])),
    claimById: new Map(claims.map((c) => [c.id, c])),
  };
}

/** The outcome of trying the word indexes of some dataset files. */
export type IndexedLookup =
  | { usable: true; indexes: { file: string; index: WordIndex }[] }
  /** `absent`: the files with no index at all. */
  | { usable: false; notes: Notice[]; absent: string[] };

/**
 * Opens the word indexes of every dataset file. They are used only when every file has a
 * fresh large index; a stale one is reported (and the caller searches without indexes).
 */
/** Whether this process may read `file`. */
function readable(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

export function openWordIndexes(files: string[]): IndexedLookup {
  const indexes: { file: string; index: WordIndex }[] = [];
  const notes: Notice[] = [];
  const absent: string[] = [];
  for (const file of files) {
    // A dataset that cannot be read (missing, or not allowed) is the loader's to report, in
    // one line; its index would only have been called stale first, a misleading note.
    if (!readable(file)) continue;
    let state = openIndex(file, SEARCH_FINGERPRINT);
    if (state.state === 'absent') absent.push(file);
    let opened: WordIndex | undefined;
    // A rebuild may swap the directory between reading meta.json and opening the files; the
    // files then disagree with the metadata, and a second look finds the new index whole.
    for (let attempt = 0; attempt < 2 && state.state === 'fresh' && !opened; attempt++) {
      if (state.meta.kind !== 'large' || !state.meta.doc) break;
      try {
        opened = new WordIndex(file, state.dir, state.meta);
      } catch (error) {
        if (!(error instanceof IndexDamaged)) throw error;
        state =
          attempt === 0
            ? openIndex(file, SEARCH_FINGERPRINT)
            : { state: 'stale', reason: error.reason };
      }
    }
    if (state.state === 'stale')
      notes.push({
        message: `the index of ${file} is stale (${state.reason}); searching without it`,
        remedy: 'reindex',
      });
    if (opened) indexes.push({ file, index: opened });
  }
  if (indexes.length === files.length && notes.length === 0) return { usable: true, indexes };
  for (const { index } of indexes) index.close();
  return { usable: false, notes, absent };
}

/** Reads the claims numbered `candidates` (and the entities they need) from one index. */
function readCandidates(
  file: string,
  index: WordIndex,
  candidates: Candidates,
  filterInput: ClaimFilterInput,
): Dataset {
  const numbers =
    candidates === 'all'
      ? Array.from({ length: index.meta.claims }, (_, i) => i)
      : [...candidates].sort((a, b) => a - b);
  const claims = index.claims(numbers);
  // Names in filters are resolved against every entity; otherwise only the ones these
  // claims name (as actors or asserters) are read.
  const needsAll = Boolean(filterInput.actor?.length || filterInput.assertedBy?.length);
  const entities = needsAll
    ? index.allEntities()
    : index.entities(claims.flatMap((c) => [...c.actors, c.assertedBy]));
  const doc = { ...(index.meta.doc as Omit<DatasetDocument, 'claims'>), entities };
  return partialDataset(file, doc, claims, () => index.relations());
}

/**
 * The hits of a ranking from the index, in its order, with its scores, tiers and word counts.
 * Where each matched (`matches`, `matched`: the positions to highlight and the values that
 * matched) is worked out only when first read, claim by claim, by `explain`: nothing is spent
 * on output that shows neither (tab-separated lines without colour), and a hit's details cost
 * only that claim's values (see match-details.ts).
 */
function rankedHits(
  corpus: Corpus,
  set: IndexSet,
  chosen: Set<number>[],
  ranked: Ranked,
  explain: (ref: ClaimRef) => MatchDetails,
): SearchHit[] {
  // Each dataset's claims were read in ascending order of their numbers.
  const refs = new Map<number, ClaimRef>();
  corpus.datasets.forEach((dataset, d) => {
    const base = set.bases[d] as number;
    const numbers = [...(chosen[d] as Set<number>)].sort((a, b) => a - b);
    numbers.forEach((n, i) => {
      refs.set(base + n, { dataset, claim: dataset.doc.claims[i] as Claim });
    });
  });
  return ranked.chosen.map((n, i) => {
    const ref = refs.get(n) as ClaimRef;
    let details: MatchDetails | undefined;
    const known = () => {
      details ??= explain(ref);
      return details;
    };
    // The keys in the order of ClaimSearcher's hits.
    const hit = { ...ref, score: ranked.scores[i] as number } as SearchHit;
    Object.defineProperty(hit, 'matches', {
      enumerable: true,
      configurable: true,
      get: () => known().matches,
    });
    hit.tier = ranked.tiers[i] as Tier;
    Object.defineProperty(hit, 'matched', {
      enumerable: true,
      configurable: true,
      get: () => known().matched,
    });
    if (ranked.words) hit.words = ranked.words[i] as number;
    return hit;
  });
}

/**
 * Searches indexed datasets: candidates from the word index, then the claims read from the
 * claims store and scored by the same ClaimSearcher as the plain path. fuse.js scores each
 * record on its own, so the hits, scores and their order are those of a search of every claim.
 * When no claim matches every word of a one-branch query, the candidates of each word are
 * read instead and ranked by how many words they match (ClaimSearcher.runPartial), as the
 * plain path does; `searcher` is then the one that ran it.
 */
export function indexedSearch(
  indexes: { file: string; index: WordIndex }[],
  query: string,
  filterInput: ClaimFilterInput,
  limit: number,
  all = false,
  dated = false,
  budget = SEARCH_BUDGET,
): {
  corpus: Corpus;
  hits: SearchHit[];
  result: SearchResult;
  searcher: TermCounter;
  /** The nearest words of the indexes' vocabularies to a word that matched nothing. */
  suggest: (term: string) => string[];
  /** Terms left out of the query as too broad to rank within the budget. */
  dropped: string[];
} {
  const groups = parseQuery(query);
  const finders = indexes.map(({ index }) => new CandidateFinder(index));
  // The vocabularies stay in memory after the indexes close; read only if asked.
  let vocabulary: string[] | undefined;
  const words = () => {
    vocabulary ??= indexes.flatMap(({ index }) => index.allWords());
    return vocabulary;
  };
  // One index's words are also one text, which finds the words worth comparing quickly
  // (without splitting it into tens of thousands of strings).
  const [only] = indexes;
  const table = indexes.length === 1 ? only?.index.wordTable() : undefined;
  const suggest = (term: string) => suggestFrom(words, term, true, table);
  try {
    const total = indexes.reduce((n, { index }) => n + index.meta.claims, 0);
    if (
      noFilters(filterInput) &&
      total < 2 ** 25 &&
      indexes.every(({ index }) => index.meta.rankable) &&
      rankable(groups)
    ) {
      const set = indexSet(indexes.map((i) => i.index));
      const terms = new RankedTerms(set, budget);
      const { groups: kept, dropped } = withinBudget(terms, groups);
      const counter: TermCounter = {
        termHits: (term) => (dropped.includes(term) ? 1 : terms.termHits(term)),
      };
      if (groups.length > 0 && kept.length === 0) {
        const corpus: Corpus = {
          datasets: indexes.map(({ file, index }) =>
            readCandidates(file, index, new Set(), filterInput),
          ),
        };
        const result = { hits: [], total: 0, weak: 0 };
        return { corpus, hits: [], result, searcher: counter, suggest, dropped };
      }
      const ranked = rankQuery(terms, kept, { limit, all, dated });
      // Only the claims shown are read, and fuse.js scores them again for their match positions.
      const chosen = perIndex(set, ranked.chosen);
      const corpus: Corpus = {
        datasets: indexes.map(({ file, index }, d) =>
          readCandidates(file, index, chosen[d] as Set<number>, filterInput),
        ),
      };
      corpus.datasets.forEach((dataset, d) => {
        const index = (indexes[d] as { index: WordIndex }).index;
        if (index.meta.articleCodePoints !== undefined && index.meta.textFile !== null) {
          index.mapArticle();
          checkInPieces(dataset, (spans) => index.articlePieces(spans));
        }
      });
      const explainer = new MatchExplainer(kept, Boolean(ranked.partial));
      const hits = rankedHits(corpus, set, chosen, ranked, (ref) => {
        const known = explainer.explain(ref.dataset, ref.claim);
        if (known) return known;
        // Several OR-branches match this claim, and the best scored one's matches count:
        // fuse.js scores this one claim (scores depend on nothing but the claim itself).
        const shown = { limit: Number.POSITIVE_INFINITY, all: true, dated };
        const [hit] = new ClaimSearcher(corpus, [ref]).runGroups(kept, shown).hits;
        if (!hit) throw new Error(`claim ${ref.claim.id}, ranked from the index, is not a match`);
        return { matches: hit.matches, matched: hit.matched };
      });
      const result: SearchResult = {
        hits,
        total: ranked.total,
        weak: ranked.weak,
        ...(ranked.partial ? { partial: ranked.partial } : {}),
      };
      // The notes about words that match nothing (an empty or partial result) ask how many
      // claims each term matches once the indexes are closed: a term the ranking did not need
      // to read (the other side of an empty intersection) is counted now, while they are open.
      if (result.total === 0 || result.partial) {
        const counts = new Map<string, number>();
        for (const group of groups) {
          for (const term of group.terms) {
            if (!counts.has(term)) counts.set(term, counter.termHits(term));
          }
        }
        const known: TermCounter = {
          termHits: (term) => counts.get(term) ?? counter.termHits(term),
        };
        return { corpus, hits: result.hits, result, searcher: known, suggest, dropped };
      }
      return { corpus, hits: result.hits, result, searcher: counter, suggest, dropped };
    }
    let corpus: Corpus = {
      datasets: indexes.map(({ file, index }, i) =>
        readCandidates(file, index, (finders[i] as CandidateFinder).find(groups), filterInput),
      ),
    };
    const filter = buildFilter(corpus, filterInput);
    let searcher = new ClaimSearcher(corpus);
    let result = searcher.run(query, { filter, limit, all, dated });
    const [group] = groups;
    if (
      (result.total === 0 || weakOnly(result)) &&
      groups.length === 1 &&
      group &&
      group.terms.length > 1
    ) {
      // Every claim that matches some word is among the union of the words' candidates.
      const wider: Corpus = {
        datasets: indexes.map(({ file, index }, i) => {
          const finder = finders[i] as CandidateFinder;
          const some = group.terms.reduce<Candidates>(
            (acc, term) => union(acc, finder.find([{ terms: [term], exclusions: [] }])),
            new Set(),
          );
          return readCandidates(file, index, some, filterInput);
        }),
      };
      const full = result;
      const wide = new ClaimSearcher(wider);
      const chosen = withPartial(full, (weak) =>
        wide.runPartial(query, {
          filter: buildFilter(wider, filterInput),
          limit,
          all,
          dated,
          complete: weak,
        }),
      );
      if (chosen !== full) {
        corpus = wider;
        result = chosen;
        searcher = wide;
      }
    }
    return { corpus, hits: result.hits, result, searcher, suggest, dropped: [] };
  } finally {
    for (const { index } of indexes) index.close();
  }
}
