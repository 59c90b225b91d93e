/**
 * Search folding: invisible characters dropped (ZERO_WIDTH), Unicode compatibility
 * normalisation (NFKC: composed and decomposed accents alike, full-width letters, ligatures
 * such as U+FB03 ffi), lower case, no diacritics, one form of each typographic punctuation mark.
 * Queries and haystacks are folded alike.
 *
 * After that, folding maps each UTF-16 unit to exactly one unit. So when NFKC leaves a text's
 * length alone (always for ASCII, and for nearly all real text), a match position found in
 * folded text is a position in the original once the dropped characters are counted back in:
 * `foldPositions` gives that map (made only for text that holds such a character), and
 * `unfoldRanges` applies it, for the code that highlights matches.
 */

/**
 * Characters folding drops, as if they were not there: zero-width space U+200B, zero-width
 * non-joiner U+200C and joiner U+200D, word joiner U+2060, zero-width no-break space (byte
 * order mark) U+FEFF and soft hyphen U+00AD. They are invisible, so a reader types the word
 * without them ("ABC" for A, ZWJ, B, ZWNJ, C); other format characters (bidi controls, tags)
 * are left alone. Also shipped to `armru report` pages, whose search box folds the same way.
 */
export const ZERO_WIDTH = '\u00AD\u200B\u200C\u200D\u2060\uFEFF';

const HAS_ZERO_WIDTH = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;
const EVERY_ZERO_WIDTH = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

const isZeroWidth = (code: number) =>
  code === 0xad || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;

/** Typographic punctuation and the ASCII it folds to (also shipped to `armru report` pages). */
export const PUNCTUATION: Record<string, string> = {
  '\u2018': "'", // left single quotation mark
  '\u2019': "'", // right single quotation mark
  '\u201A': "'", // single low-9 quotation mark
  '\u201B': "'", // single high-reversed-9 quotation mark
  '\u2032': "'", // prime
  '\u02BC': "'", // modifier letter apostrophe
  '\u00B4': "'", // acute accent
  '\u0060': "'", // `
  '\u201C': '"', // left double quotation mark
  '\u201D': '"', // right double quotation mark
  '\u201E': '"', // double low-9 quotation mark
  '\u201F': '"', // double high-reversed-9 quotation mark
  '\u00AB': '"', // left-pointing double angle quotation mark
  '\u00BB': '"', // right-pointing double angle quotation mark
  '\u2033': '"', // double prime
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // figure dash
  '\u2013': '-', // en dash
  '\u2014': '-', // em dash
  '\u2212': '-', // minus sign
  '\u00A0': ' ', // no-break space
  '\u202F': ' ', // narrow no-break space
  '\u2026': '.', // horizontal ellipsis (one unit stands for three dots; good enough for matching)
};

// Letters that carry no decomposable diacritic but that readers type without it (o with
// stroke, l with stroke, d with stroke, h with stroke, dotless i). Written as escapes, like the
// table above, so that the CLI's bundle stays ASCII (see scripts/build.mjs).
export const LETTERS: Record<string, string> = {
  '\u00F8': 'o',
  '\u00D8': 'o',
  '\u0142': 'l',
  '\u0141': 'l',
  '\u0111': 'd',
  '\u0110': 'd',
  '\u0127': 'h',
  '\u0131': 'i',
};

/** Version of the folding rules; bump when they change, so indexes built with old rules go stale. */
export const FOLD_RULES = 4;

const cache = new Map<string, string>();

const MARKS = /\p{M}+/gu;

/**
 * `text` without its combining marks. The common cases are answered without the `\p{M}`
 * class, whose first use costs V8 most of a millisecond: a letter below U+0300 or a Cyrillic
 * letter (U+0400 to U+0482), neither of them a mark, followed only by combining diacritical
 * marks (U+0300 to U+036F), all of them marks: the decomposition of e-acute, of Cyrillic
 * short i, of u-umlaut.
 */
function withoutMarks(text: string): string {
  const first = text.charCodeAt(0);
  if (first < 0x300 || (first >= 0x400 && first <= 0x482)) {
    let i = 1;
    while (i < text.length && text.charCodeAt(i) >= 0x300 && text.charCodeAt(i) <= 0x36f) i++;
    if (i === text.length) return text.slice(0, 1);
  }
  return text.replace(MARKS, '');
}

/** How one UTF-16 unit folds (exported for its test, which checks every unit). */
export function foldUnit(unit: string): string {
  const cached = cache.get(unit);
  if (cached !== undefined) return cached;
  let out = PUNCTUATION[unit] ?? LETTERS[unit];
  if (out === undefined) {
    const decomposed = unit.normalize('NFD');
    // A unit that does not decompose folds to its lower case whether or not it is a mark.
    const base = (decomposed === unit ? unit : withoutMarks(decomposed)).toLowerCase();
    const lower = unit.toLowerCase();
    out = base.length === 1 ? base : lower.length === 1 ? lower : unit;
  }
  cache.set(unit, out);
  return out;
}

// Printable ASCII folds by lower-casing alone, which is the common case and much faster.
const PLAIN_ASCII = /^[\x20-\x5f\x61-\x7e\t\n]*$/;

const SURROGATE = /[\ud800-\udfff]/;

// Characters the tables above rewrite (in lower case, since they are tested after lowering).
const SPECIAL = new RegExp(
  `[${[...Object.keys(PUNCTUATION), ...Object.keys(LETTERS)]
    .map((c) => c.toLowerCase())
    .join('')
    .replace(/[\\\]^-]/g, '\\$&')}]`,
);

// Names, aliases and topic names recur across thousands of claims: remember short results.
const memo = new Map<string, string>();
const MEMO_LENGTH = 64;
const MEMO_SIZE = 200_000;

/**
 * Folds text for matching. The result has the same length (in UTF-16 units) as the input
 * unless the input holds ZERO_WIDTH characters, which are dropped, or NFKC changes its length.
 */
export function fold(text: string): string {
  if (text.length > MEMO_LENGTH) return foldText(text);
  let folded = memo.get(text);
  if (folded === undefined) {
    folded = foldText(text);
    if (memo.size < MEMO_SIZE) memo.set(text, folded);
  }
  return folded;
}

/** `fold` for text met once (a claim's own words): the same result, not remembered. */
export function foldOnce(text: string): string {
  return foldText(text);
}

/**
 * True when folding keeps every UTF-16 position of `text`: nothing is dropped and NFKC does
 * not change its length.
 */
export function foldKeepsPositions(text: string): boolean {
  return (
    PLAIN_ASCII.test(text) ||
    (!HAS_ZERO_WIDTH.test(text) && text.normalize('NFKC').length === text.length)
  );
}

/**
 * Where each UTF-16 unit of `fold(text)` comes from in `text`: null when folding keeps every
 * position (see foldKeepsPositions), the original position of each folded unit when only
 * dropped ZERO_WIDTH characters move them, undefined when NFKC changes the length (no map).
 */
export function foldPositions(text: string): Int32Array | null | undefined {
  if (PLAIN_ASCII.test(text)) return null;
  if (!HAS_ZERO_WIDTH.test(text))
    return text.normalize('NFKC').length === text.length ? null : undefined;
  const kept = text.replace(EVERY_ZERO_WIDTH, '');
  if (kept.normalize('NFKC').length !== kept.length) return undefined;
  const map = new Int32Array(kept.length);
  let j = 0;
  for (let i = 0; i < text.length; i++) if (!isZeroWidth(text.charCodeAt(i))) map[j++] = i;
  return map;
}

/**
 * Match ranges found in `fold(text)` (inclusive, UTF-16 units) as ranges of `text` itself: a
 * range keeps the dropped characters inside it. Undefined when no map exists (foldPositions).
 */
export function unfoldRanges(
  text: string,
  ranges: readonly (readonly [number, number])[],
): [number, number][] | undefined {
  const map = foldPositions(text);
  if (map === undefined) return undefined;
  const at = (i: number) => (map === null ? i : (map[Math.min(i, map.length - 1)] ?? i));
  return ranges.map(([a, b]) => [at(a), at(b)]);
}

function foldText(raw: string): string {
  if (PLAIN_ASCII.test(raw)) return raw.toLowerCase();
  const text = (HAS_ZERO_WIDTH.test(raw) ? raw.replace(EVERY_ZERO_WIDTH, '') : raw).normalize(
    'NFKC',
  );
  // Most other text (Cyrillic, Armenian, ...) has nothing to strip: lowering gives the answer
  // when it keeps the length, nothing decomposes, no special character is present, and no
  // character lies beyond the first 65,536 (which folding leaves as it is, and lowering would
  // not: U+10400 to U+10428).
  const lower = text.toLowerCase();
  if (
    lower.length === text.length &&
    !SPECIAL.test(lower) &&
    !SURROGATE.test(lower) &&
    lower === lower.normalize('NFD')
  ) {
    return lower;
  }
  // ASCII other than the backtick folds by lowering: runs of it are lowered whole, and only the
  // units between them are looked up one by one.
  let out = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128 && code !== 0x60) continue;
    if (run < i) out += text.slice(run, i).toLowerCase();
    // Surrogate halves are left alone: an astral character is never folded to anything else.
    out += code >= 0xd800 && code <= 0xdfff ? (text[i] as string) : foldUnit(text[i] as string);
    run = i + 1;
  }
  if (run < text.length) out += text.slice(run).toLowerCase();
  return out;
}
