import type { ClaimRef, Corpus } from '../model/corpus.js';
import type { Dataset } from '../model/types.js';
import { fold } from '../text/fold.js';
import { closest } from '../text/suggest.js';
import type { Reach } from './hierarchy.js';
import { reach } from './hierarchy.js';
import { wordForms } from './inflect.js';
import { matchNamed } from './resolve.js';
import { KIND_WORDS, wordPattern } from './search-record.js';

/**
 * Question and function words: what a journalist types around the words that matter
 * ("what did Shoygu announce", "who reported on the biolabs", "claims about the base").
 * Words that name a kind of claim (said, say, announced, reported, denied) are not here:
 * they are searched.
 */
export const QUESTION_WORDS = new Set([
  'a',
  'about',
  'all',
  'an',
  'and',
  'any',
  'anything',
  'are',
  'as',
  'at',
  'be',
  'been',
  'by',
  'can',
  'claim',
  'claims',
  'could',
  'did',
  'do',
  'does',
  'ever',
  'everything',
  'find',
  'for',
  'from',
  'has',
  'have',
  'how',
  'i',
  'in',
  'into',
  'is',
  'it',
  'its',
  'list',
  'many',
  'me',
  'much',
  'of',
  'on',
  'or',
  'show',
  'something',
  'tell',
  'that',
  'the',
  'their',
  'there',
  'these',
  'this',
  'those',
  'to',
  'was',
  'were',
  'what',
  'whats',
  'when',
  'where',
  'which',
  'who',
  'whom',
  'whose',
  'why',
  'with',
]);

/** A query as read: the words kept, and the question words left out. */
export interface ReadQuery {
  query: string;
  dropped: string[];
  /**
   * Kept words that come right after "by" (an article between them aside): where a question
   * names its asserter after the kind word ("what was denied by Pashinyan", "statements by
   * the Kremlin"); see askedAsserters.
   */
  agents: string[];
}

/** The word before an agent ("denied by Pashinyan"), and the words that may stand between. */
const AGENT = 'by';
const ARTICLES = new Set(['the', 'a', 'an']);

/** Characters that make a word an operator term of the extended search. */
const OPERATOR = /^[!'^=]|\$$|^\|$/;

/** Punctuation around a word pasted from prose: `(Gyumri),` is the word Gyumri. */
const LEADING = /^[([{\u00BF\u00A1\u201C\u2018\u00AB\u201E]+/;
const TRAILING = /[,.;:!?)\]}\u2026\u201D\u2019\u00BB]+$/;
/** A possessive ending: `Shoygu's`, `Shoygu’s` (the apostrophe alone is TRAILING's). */
const POSSESSIVE = /(?<=\p{L})['\u2019][sS]$/u;

/**
 * Reads the words of a search. A query written with operators is taken as written. Otherwise
 * the punctuation of prose around each word goes (question marks, commas, full stops,
 * brackets, typographic quotes: a word pasted with its comma would match a little worse and
 * could not be looked up in an index, so a pasted sentence searched every claim one by one),
 * and so does a possessive ending (`Kynzyn's` is searched as `Kynzyn`: an apostrophe inside
 * a word cannot be decided from the index, and at 10^5 claims its fuse.js fallback read
 * every claim naming Kynzyn, 1.5 s a word),
 * and question and function words are left out, unless nothing would be left ("who is who"
 * stays as typed).
 */
export function readQuery(words: string[]): ReadQuery {
  const parts = words.join(' ').split(/\s+/).filter(Boolean);
  if (parts.some((p) => OPERATOR.test(p) || p.includes('"'))) {
    return { query: parts.join(' '), dropped: [], agents: [] };
  }
  const cleaned = parts
    .map((p) => p.replace(TRAILING, '').replace(LEADING, '').replace(POSSESSIVE, ''))
    .filter(Boolean);
  const kept: string[] = [];
  const dropped: string[] = [];
  const agents: string[] = [];
  // After "by" (and any article after it), until the next word is read.
  let byWhom = false;
  for (const word of cleaned) {
    const bare = fold(word).replace(/['\u2019]/g, '');
    if (QUESTION_WORDS.has(bare)) {
      dropped.push(word);
      byWhom = bare === AGENT || (byWhom && ARTICLES.has(bare));
    } else {
      kept.push(word);
      if (byWhom) agents.push(word);
      byWhom = false;
    }
  }
  if (kept.length === 0) return { query: cleaned.join(' '), dropped: [], agents: [] };
  return { query: kept.join(' '), dropped, agents };
}

/** True when a query is written but holds only operators (! ' ^ $ = | and quotes): nothing to match. */
export function onlyOperators(query: string): boolean {
  return query.trim() !== '' && /^[\s!'^$=|"]*$/.test(query);
}

const vocabularies = new WeakMap<Corpus, string[]>();

/** The names and words of a corpus: entity and topic names and aliases, words of claims. */
export function vocabulary(corpus: Corpus): string[] {
  let words = vocabularies.get(corpus);
  if (!words) {
    const set = new Set<string>();
    for (const { doc } of corpus.datasets) {
      for (const item of [...doc.entities, ...doc.topics]) {
        for (const name of [item.name, ...item.aliases]) {
          set.add(name);
          for (const w of name.match(wordPattern()) ?? []) if (w.length > 2) set.add(w);
        }
      }
      for (const claim of doc.claims) {
        for (const w of `${claim.text} ${claim.quote.exact}`.match(wordPattern()) ?? [])
          if (w.length > 2) set.add(w);
      }
    }
    words = [...set];
    vocabularies.set(corpus, words);
  }
  return words;
}

/** The nearest names and words to one that matched nothing (`Tonoyyan` → Tonoyan). */
export function suggestWords(corpus: Corpus, word: string): string[] {
  return suggestFrom(vocabulary(corpus), word);
}

/**
 * The nearest entries of `words` to a (parsed) query word; none for words under 3 letters.
 * `folded` says the words are already folded (an index's vocabulary), which saves folding
 * tens of thousands of them.
 */
export function suggestFrom(
  /** The words, or how to make the list of them (not needed when `table` serves). */
  words: string[] | (() => string[]),
  word: string,
  folded = false,
  /** The same words as one text, when the caller has it (see WordTable). */
  table?: WordTable,
): string[] {
  const bare = word.replace(/^[!'^=]+|\$$/g, '').replace(/^"|"$/g, '');
  if (bare.length < 3) return [];
  const key = folded ? (s: string) => s : (s: string) => fold(s);
  const needle = fold(bare);
  // Only words of about the same length can be within the edit budget `closest` allows;
  // longer or shorter ones can still count by containing the word or being contained in it.
  const budget = Math.max(2, Math.floor(needle.length / 3));
  // Within `budget` edits, a word shares at least (length - 1) - 2 * budget of the word's
  // two-letter pieces (the q-gram lemma): a cheap test before the edit distance, which matters
  // over the vocabulary of a large archive.
  const grams = Array.from({ length: Math.max(0, bare.length - 1) }, (_, i) =>
    bare.slice(i, i + 2),
  );
  const need = bare.length - 1 - 2 * budget;
  // Each edit changes the counts of the letters by two at most (a transposition not at all),
  // so a word whose counts differ from the word's by more than twice the budget of `closest`
  // is too far: a test far cheaper than the edit distance `closest` would compute for nothing.
  // (Counted on the word as `closest` compares it, in UTF-16 units as it does.)
  const target = key(bare);
  const reach = Math.max(2, Math.floor(target.length / 3));
  const tally = new Int16Array(65536);
  for (let i = 0; i < target.length; i++) (tally[target.charCodeAt(i)] as number)++;
  const taken: number[] = [];
  const tooFar = (k: string): boolean => {
    let extra = 0;
    for (let i = 0; i < k.length; i++) {
      const code = k.charCodeAt(i);
      if ((tally[code] as number) > 0) {
        (tally[code] as number)--;
        taken.push(code);
      } else extra++;
    }
    const missing = target.length - taken.length;
    for (const code of taken) (tally[code] as number)++;
    taken.length = 0;
    return extra + missing > 2 * reach;
  };
  if (folded && table && need > 0 && needle !== '') {
    const near = nearInTable(table, needle, bare, grams, need, budget, tooFar);
    return closest(
      bare,
      near.filter((w) => !QUESTION_WORDS.has(w)),
      3,
      key,
    );
  }
  const seen = new Set<string>();
  const near = (typeof words === 'function' ? words() : words).filter((w) => {
    if (w.length < 3) return false; // under 3 letters a word is "contained" in almost any
    const k = key(w);
    // A question or function word is left out of every query that asks in words, so it is
    // no answer to a word that matched nothing ("true" is not a misspelt "the"); and words
    // alike once folded ("The", "the") are one answer, the first.
    if (QUESTION_WORDS.has(k) || seen.has(k)) return false;
    seen.add(k);
    // A word can contain the needle only when longer, or be in it only when shorter.
    if (k.length > needle.length ? k.includes(needle) : needle.includes(k)) return true;
    if (Math.abs(k.length - needle.length) > budget) return false;
    if (need > 0 && folded) {
      let n = 0;
      for (const g of grams) if (k.includes(g) && ++n >= need) break;
      if (n < need) return false;
    }
    return !tooFar(k);
  });
  return closest(bare, near, 3, key);
}

/**
 * A vocabulary as one text: word i is `text.slice(starts[i], starts[i + 1] - 1)` (each word is
 * followed by one character that is not part of it), as an index stores its vocabulary.
 */
export interface WordTable {
  text: string;
  starts: Int32Array;
}

/**
 * The words suggestFrom keeps for `needle` when it has a table of the words (folded, and
 * `need` > 0): the same words in the same order as its tests of every word would keep. Only
 * words that can pass are looked at, each found where it occurs in the text with `indexOf`:
 * those holding the needle, those the needle holds (a word of three letters or more), and
 * those holding at least `need` of the two-letter pieces. A word of none of these fails the
 * tests anyway, and the words are read from the text, so the vocabulary is not split into
 * tens of thousands of strings. Measured on the benchmark's archives of 10^5 claims (some
 * 28,000 words; medians of 15 fresh processes, run alternately with the former code), the
 * suggestions for a typo of seven letters take 12 ms instead of 20, and for one of nine letters
 * 21 ms instead of 27 (3,000 words hold two of its pieces and 600 of them reach the edit
 * distance: that is most of what is left).
 */
function nearInTable(
  { text, starts }: WordTable,
  needle: string,
  bare: string,
  grams: readonly string[],
  need: number,
  budget: number,
  tooFar: (k: string) => boolean,
): string[] {
  const count = starts.length - 1;
  const wordAt = (i: number) => text.slice(starts[i] as number, (starts[i + 1] as number) - 1);
  const seen = new Uint8Array(count);
  const contained = new Uint8Array(count);
  const pieces = new Int32Array(count);
  const candidates: number[] = [];
  const add = (i: number) => {
    if (seen[i] === 0) {
      seen[i] = 1;
      candidates.push(i);
    }
  };
  // Words holding the needle (for one as long as the needle or longer, the test of holding).
  for (
    let i = wordWith(text, starts, needle, 0);
    i !== -1;
    i = wordWith(text, starts, needle, i + 1)
  ) {
    contained[i] = 1;
    add(i);
  }
  // Words shorter than the needle that it holds. When the pieces are the needle's own, such a
  // word of n letters holds n - 1 of them and is found with those below once n - 1 >= need:
  // only the shorter ones are looked for here.
  const longest = bare === needle ? Math.min(need, needle.length - 1) : needle.length - 1;
  const inside = new Set<string>();
  for (let length = 3; length <= longest; length++)
    for (let at = 0; at + length <= needle.length; at++) inside.add(needle.slice(at, at + length));
  for (const part of inside) {
    for (
      let i = wordWith(text, starts, part, 0);
      i !== -1;
      i = wordWith(text, starts, part, i + 1)
    ) {
      if ((starts[i + 1] as number) - 1 - (starts[i] as number) === part.length) {
        contained[i] = 1;
        add(i);
      }
    }
  }
  // Words holding `need` of the pieces, counted as often as listed.
  for (const gram of grams) {
    for (
      let i = wordWith(text, starts, gram, 0);
      i !== -1;
      i = wordWith(text, starts, gram, i + 1)
    ) {
      const n = (pieces[i] as number) + 1;
      pieces[i] = n;
      if (n === need) add(i);
    }
  }
  const order = Int32Array.from(candidates).sort();
  const near: string[] = [];
  for (let c = 0; c < order.length; c++) {
    const i = order[c] as number;
    const k = wordAt(i);
    if (k.length < 3) continue;
    // A word the needle holds may have been found by its pieces only.
    if (contained[i] === 1 || (k.length < needle.length && needle.includes(k))) near.push(k);
    else if (Math.abs(k.length - needle.length) > budget) continue;
    else if ((pieces[i] as number) >= need && !tooFar(k)) near.push(k);
  }
  return near;
}

/**
 * The first word numbered `from` or later that contains `part` (not empty), or -1: found by
 * searching the text from that word's start; a match that runs past the end of the word it
 * starts in does not count.
 */
function wordWith(text: string, starts: Int32Array, part: string, from: number): number {
  const last = starts.length - 2;
  if (from > last) return -1;
  let i = from;
  for (let at = text.indexOf(part, starts[from] as number); at !== -1; ) {
    if ((starts[i + 1] as number) <= at) {
      // The word the match starts in: the next one, or found by binary search.
      if ((starts[i + 2] as number) > at) i++;
      else {
        let lo = i + 1;
        let hi = last;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if ((starts[mid] as number) <= at) lo = mid;
          else hi = mid - 1;
        }
        i = lo;
      }
    }
    if (at + part.length <= (starts[i + 1] as number) - 1) return i;
    at = text.indexOf(part, at + 1);
  }
  return -1;
}

/** The words for kinds of claim (say, said, denied, reported…), folded. */
const KIND_TERMS = new Set(Object.values(KIND_WORDS).flatMap((words) => words.map(fold)));

/**
 * True when a (parsed) term is a word for a kind of claim: in a question ("what did Lavrov
 * say") it asks for someone's claims, and matches the kind of every claim of that kind.
 */
export function isKindWord(term: string): boolean {
  // Its other forms meet the same claims ("tells", "quotes", "denials"), so they ask the same.
  return KIND_TERMS.has(term) || wordForms(term).some((form) => KIND_TERMS.has(form));
}

/** An entity a question names as the one who asserts, and what it reaches in each dataset. */
export interface AskedAsserter {
  /** The entity's name (of the first dataset that knows it). */
  name: string;
  /** The terms that named it. */
  terms: string[];
  /** The entity and its members (their claims are its claims), per dataset. */
  reach: Map<Dataset, Reach>;
}

/**
 * The entities a question names as asserters: a name or alias of an entity, in one to three
 * of the (parsed) terms, before the question's first kind word ("what did Pashinyan deny",
 * "Kommersant reported"), or starting at a term that came after "by" (`agents`, as readQuery
 * gives them: "what was denied by Pashinyan", "statements by Shoygu"). A place says nothing,
 * so it is never one; a question with no kind word names none (the names in "Gyumri base"
 * are what the claims are about, and "the base operated by Russia" asks nothing of Russia's).
 */
export function askedAsserters(
  corpus: Corpus,
  terms: readonly string[],
  agents: readonly string[] = [],
): AskedAsserter[] {
  const verb = terms.findIndex(isKindWord);
  if (verb === -1) return [];
  const out: AskedAsserter[] = [];
  const take = (i: number, end: number): number => {
    let taken = 0;
    for (let n = Math.min(3, end - i); n >= 1 && taken === 0; n--) {
      const span = terms.slice(i, i + n);
      const named = new Map<Dataset, string[]>();
      let name: string | undefined;
      for (const dataset of corpus.datasets) {
        const found = matchNamed(dataset.doc.entities, span.join(' ')).filter(
          (e) => e.type !== 'Place',
        );
        if (found.length === 0) continue;
        named.set(
          dataset,
          found.map((e) => e.id),
        );
        name ??= found[0]?.name;
      }
      if (name === undefined) continue;
      taken = n;
      // The same entity named twice ("Did Pashinyan deny what was denied by Pashinyan") is one.
      if (out.some((a) => a.name === name)) continue;
      const reached = new Map<Dataset, Reach>();
      for (const [dataset, ids] of named) reached.set(dataset, reach(dataset, ids));
      out.push({ name, terms: span, reach: reached });
    }
    return taken;
  };
  for (let i = 0; i < verb; ) i += Math.max(1, take(i, verb));
  // An agent's name runs up to the next kind word ("statements by Shoygu denied by…").
  const starts = new Set(agents.map(fold));
  for (let i = verb + 1; i < terms.length; i++) {
    if (!starts.has(terms[i] as string) || isKindWord(terms[i] as string)) continue;
    const next = terms.findIndex((t, k) => k > i && isKindWord(t));
    take(i, next === -1 ? terms.length : next);
  }
  return out;
}

/** True when the claim is asserted by the asserter or one of its members. */
export function assertedBy(ref: ClaimRef, asserter: AskedAsserter): boolean {
  return asserter.reach.get(ref.dataset)?.has(ref.claim.assertedBy) ?? false;
}
