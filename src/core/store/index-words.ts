import { isNormSpace as isSpace, normOfTokens } from '../search/fuse-score.js';
import { fold, foldOnce } from '../text/fold.js';
import {
  OCC_ENDS,
  OCC_MAX_NORM,
  OCC_MAX_POS,
  OCC_POS_SHIFT,
  OCC_SPACE,
  OCC_STARTS,
} from './index-store.js';

export { fieldNorm, normOfTokens } from '../search/fuse-score.js';

// Cutting the values of search records into the word index's words, for `armru index`.
// Most of an index build is spent here, over millions of values, so a value is read as char
// codes once: its words are found, hashed and looked up in the vocabulary without a string
// or an array per word (a string is made only for a word seen for the first time).

/** ASCII letters and digits: the word characters (wordPattern) below 128. */
const ASCII_WORD = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++)
    table[c] = /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(c)) ? 1 : 0;
  return table;
})();
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** Whether each UTF-16 unit outside the surrogates is a word character: 0 unknown, 1 yes, 2 no. */
let unitIsWord: Uint8Array | undefined;

/**
 * The width (1 or 2 units) of the character at `i`, negated when it is not a word character
 * (the word pattern: a letter, digit or mark).
 */
function wordChar(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c] === 1 ? 1 : -1;
  if (c >= 0xd800 && c <= 0xdfff) {
    let width = 1;
    if (c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) width = 2;
    }
    return WORD_CHAR.test(text.slice(i, i + width)) ? width : -width;
  }
  unitIsWord ??= new Uint8Array(0x10000);
  let known = unitIsWord[c] as number;
  if (known === 0) {
    known = WORD_CHAR.test(text[i] as string) ? 1 : 2;
    unitIsWord[c] = known;
  }
  return known === 1 ? 1 : -1;
}

/**
 * The [start, end) of every word of `text` (as `text.matchAll(wordPattern())` finds them), without a
 * match object per word.
 */
export function wordSpans(text: string): number[] {
  const out: number[] = [];
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const w = wordChar(text, i);
    if (w > 0) {
      if (start === -1) start = i;
    } else if (start !== -1) {
      out.push(start, i);
      start = -1;
    }
    i += w > 0 ? w : -w;
  }
  if (start !== -1) out.push(start, text.length);
  return out;
}

/** Growable scratch arrays. */
function grown(array: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= array.length) return array;
  const next = new Int32Array(Math.max(need, 2 * array.length));
  next.set(array);
  return next;
}

/**
 * The vocabulary being built: every distinct folded word gets a number in the order first
 * seen. Words are found by a hash of their char codes in an open-addressing table and
 * compared unit by unit with the text they occur in, so a word already known costs no string.
 */
export class Vocabulary {
  readonly words: string[] = [];
  private hashes = new Int32Array(1 << 12);
  private slots = new Int32Array(1 << 13);

  /** The number of the word `text[start, end)`, whose hash is `hash`, added if new. */
  find(text: string, start: number, end: number, hash: number): number {
    let mask = this.slots.length - 1;
    let at = hash & mask;
    const length = end - start;
    for (;;) {
      const held = this.slots[at] as number;
      if (held === 0) break;
      const id = held - 1;
      if (this.hashes[id] === hash) {
        const word = this.words[id] as string;
        if (word.length === length) {
          let k = 0;
          while (k < length && word.charCodeAt(k) === text.charCodeAt(start + k)) k++;
          if (k === length) return id;
        }
      }
      at = (at + 1) & mask;
    }
    const id = this.words.length;
    this.words.push(text.slice(start, end));
    this.hashes = grown(this.hashes, id + 1);
    this.hashes[id] = hash;
    this.slots[at] = id + 1;
    if (2 * (id + 1) > this.slots.length) {
      // Rehashed into a table twice as large, so that it stays at most half full.
      const slots = new Int32Array(2 * this.slots.length);
      mask = slots.length - 1;
      for (let w = 0; w <= id; w++) {
        let i = (this.hashes[w] as number) & mask;
        while (slots[i] !== 0) i = (i + 1) & mask;
        slots[i] = w + 1;
      }
      this.slots = slots;
    }
    return id;
  }
}

/**
 * Cuts folded values into words. `cut` leaves in `out` three numbers per word, as the word
 * index stores them: the word's number, its flags (OCC_STARTS, OCC_ENDS, OCC_SPACE) and its
 * position with the value's norm number (OCC_POS_SHIFT); it returns the number of words, or
 * -1 for a value that is only white space (which fuse.js skips: it takes no place in the
 * record). `once` says the value is not expected again (its folding is not remembered).
 */
export class WordCutter {
  readonly vocabulary = new Vocabulary();
  /** Each norm met, by its number (numbered in the order first met). */
  readonly norms: number[] = [];
  /** False once a position or norm number did not fit an occurrence. */
  rankable = true;
  out = new Int32Array(256);
  private spans = new Int32Array(256);
  private readonly normIds = new Map<number, number>();
  /** The norm number of a value with each number of tokens (-1: not yet known). */
  private normByTokens = new Int32Array(64).fill(-1);

  private normId(tokens: number): number {
    if (tokens >= this.normByTokens.length) {
      const next = new Int32Array(Math.max(tokens + 1, 2 * this.normByTokens.length)).fill(-1);
      next.set(this.normByTokens);
      this.normByTokens = next;
    }
    let id = this.normByTokens[tokens] as number;
    if (id === -1) {
      const norm = normOfTokens(tokens);
      id = this.normIds.get(norm) ?? -1;
      if (id === -1) {
        id = this.norms.length;
        this.norms.push(norm);
        this.normIds.set(norm, id);
      }
      this.normByTokens[tokens] = id;
    }
    return id;
  }

  cut(raw: string, once = false): number {
    const value = once ? foldOnce(raw) : fold(raw);
    const n = value.length;
    // One pass: the words' spans and hashes, and fuse.js's count of tokens.
    let spans = this.spans;
    let words = 0;
    let tokens = 0;
    let inToken = false;
    let start = -1;
    let hash = 0;
    for (let i = 0; i < n; ) {
      const c = value.charCodeAt(i);
      let width = 1;
      let word: boolean;
      if (c < 128) word = ASCII_WORD[c] === 1;
      else {
        const w = wordChar(value, i);
        word = w > 0;
        width = word ? w : -w;
      }
      if (isSpace(c)) inToken = false;
      else {
        if (!inToken) tokens++;
        inToken = true;
      }
      if (word) {
        if (start === -1) {
          start = i;
          hash = 0x811c9dc5;
        }
        hash = Math.imul(hash ^ c, 0x01000193);
        if (width === 2) hash = Math.imul(hash ^ value.charCodeAt(i + 1), 0x01000193);
      } else if (start !== -1) {
        spans = grown(spans, 3 * words + 3);
        spans[3 * words] = start;
        spans[3 * words + 1] = i;
        spans[3 * words + 2] = hash;
        words++;
        start = -1;
      }
      i += width;
    }
    if (start !== -1) {
      spans = grown(spans, 3 * words + 3);
      spans[3 * words] = start;
      spans[3 * words + 1] = n;
      spans[3 * words + 2] = hash;
      words++;
    }
    this.spans = spans;
    if (words === 0 && value.trim().length === 0) return -1;
    const normId = this.normId(tokens);
    const out = grown(this.out, 3 * words);
    this.out = out;
    for (let pos = 0; pos < words; pos++) {
      const from = spans[3 * pos] as number;
      const to = spans[3 * pos + 1] as number;
      let f = 0;
      if (from === 0) f |= OCC_STARTS;
      if (to === n) f |= OCC_ENDS;
      if (pos + 1 < words && spans[3 * pos + 3] === to + 1 && value.charCodeAt(to) === 32)
        f |= OCC_SPACE;
      if (pos > OCC_MAX_POS || normId > OCC_MAX_NORM) this.rankable = false;
      out[3 * pos] = this.vocabulary.find(value, from, to, spans[3 * pos + 2] as number);
      out[3 * pos + 1] = f;
      out[3 * pos + 2] =
        (Math.min(pos, OCC_MAX_POS) << OCC_POS_SHIFT) | Math.min(normId, OCC_MAX_NORM);
    }
    return words;
  }
}
