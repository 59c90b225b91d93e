import { termNeedles } from './candidates.js';
import type { Corpus } from './corpus.js';
import { buildFilter, type ClaimFilterInput } from './filter.js';
import { openIndex, WordIndex } from './index-store.js';
import { articleText } from './load.js';
import { ClaimSearcher, parseQuery, type QueryGroup, type SearchHit } from './search.js';
import { FUSE_OPTIONS, SEARCH_FINGERPRINT, WORD } from './search-record.js';
import type { Claim, Dataset, DatasetDocument } from './types.js';

/** Claim numbers that may match, or every claim. */
type Candidates = Set<number> | 'all';

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
 * Finds the claims a query can match from the word index alone. Each term's needles (see
 * candidates.ts) are split into their word parts; a needle occurs in a record only if each
 * part is inside one of the record's words, so the claims whose words contain every part are
 * a superset of the records the needle occurs in. The parts are looked up in the vocabulary
 * (a substring test over the index's distinct words) and their postings combined: union over
 * a term's needles, intersection over a group's terms, union over groups.
 */
export function candidateClaims(index: WordIndex, groups: QueryGroup[]): Candidates {
  if (groups.length === 0) return 'all';
  const partCache = new Map<string, Candidates>();
  const part = (text: string): Candidates => {
    let found = partCache.get(text);
    if (found === undefined) {
      const set = new Set<number>();
      index.vocabulary.forEach((word, w) => {
        if (word.includes(text)) for (const claim of index.postings(w)) set.add(claim);
      });
      found = set;
      partCache.set(text, found);
    }
    return found;
  };
  const needle = (text: string): Candidates => {
    const parts = (text.match(WORD) ?? []).filter((p) => p.length >= MIN_PART);
    return parts.reduce<Candidates>((acc, p) => intersect(acc, part(p)), 'all');
  };
  let all: Candidates = new Set();
  for (const group of groups) {
    let inGroup: Candidates = 'all';
    for (const term of group.terms) {
      const needles = termNeedles(term, FUSE_OPTIONS.threshold ?? 0.6);
      const forTerm = needles
        ? needles.reduce<Candidates>((acc, n) => union(acc, needle(n)), new Set())
        : 'all';
      inGroup = intersect(inGroup, forTerm);
      if (inGroup !== 'all' && inGroup.size === 0) break;
    }
    all = union(all, inGroup);
    if (all === 'all') break;
  }
  return all;
}

/** A dataset read from its index: the document with only the claims asked for. */
function partialDataset(
  file: string,
  doc: Omit<DatasetDocument, 'claims'>,
  claims: Claim[],
): Dataset {
  let text: string | undefined;
  const full = { ...doc, claims } as DatasetDocument;
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
  | { usable: false; notes: string[] };

/**
 * Opens the word indexes of every dataset file. They are used only when every file has a
 * fresh large index; a stale one is reported (and the caller searches without indexes).
 */
export function openWordIndexes(files: string[]): IndexedLookup {
  const indexes: { file: string; index: WordIndex }[] = [];
  const notes: string[] = [];
  for (const file of files) {
    const state = openIndex(file, SEARCH_FINGERPRINT);
    if (state.state === 'stale')
      notes.push(
        `the index of ${file} is stale (${state.reason}); searching without it. Run 'armru index' to rebuild it`,
      );
    if (state.state !== 'fresh' || state.meta.kind !== 'large' || !state.meta.doc) continue;
    indexes.push({ file, index: new WordIndex(state.dir, state.meta) });
  }
  if (indexes.length === files.length && notes.length === 0) return { usable: true, indexes };
  for (const { index } of indexes) index.close();
  return { usable: false, notes };
}

/**
 * Searches indexed datasets: candidates from the word index, then the claims read from the
 * claims store and scored by the same ClaimSearcher as the plain path. fuse.js scores each
 * record on its own, so the hits, scores and their order are those of a search of every claim.
 */
export function indexedSearch(
  indexes: { file: string; index: WordIndex }[],
  query: string,
  filterInput: ClaimFilterInput,
  limit: number,
): { corpus: Corpus; hits: SearchHit[] } {
  const groups = parseQuery(query);
  const datasets = indexes.map(({ file, index }) => {
    const candidates = candidateClaims(index, groups);
    const numbers =
      candidates === 'all'
        ? Array.from({ length: index.meta.claims }, (_, i) => i)
        : [...candidates].sort((a, b) => a - b);
    const claims = index.claims(numbers);
    index.close();
    return partialDataset(file, index.meta.doc as Omit<DatasetDocument, 'claims'>, claims);
  });
  const corpus: Corpus = { datasets };
  const filter = buildFilter(corpus, filterInput);
  return { corpus, hits: new ClaimSearcher(corpus).search(query, { filter, limit }) };
}
