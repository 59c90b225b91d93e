/**
 * Sentence splitting for `armru draft`, by hand-written rules: offsets must be exact, and
 * neither compromise nor wink-nlp handled quotations the way a news article uses them
 * (see the README's measurement). Spans are UTF-16 indices into the text, end exclusive.
 */

/** A stretch of the text, as UTF-16 indices (end exclusive). */
export interface Span {
  start: number;
  end: number;
}

// Words whose full stop never ends a sentence: titles and honorifics before a name.
const TITLES = new Set(
  'mr mrs ms dr prof sen rep gov gen col lt sgt capt maj adm cmdr rev hon st mt ft messrs mme mlle sr jr no nos vs'.split(
    ' ',
  ),
);
// Abbreviations that end a sentence only when an ordinary sentence opener follows them.
const ABBREVIATIONS = new Set(
  'inc corp ltd co bros dept est approx jan feb mar apr jun jul aug sep sept oct nov dec etc'.split(
    ' ',
  ),
);
// Words that commonly open a sentence; after "U.S." or "Inc." they mean a new sentence.
const OPENERS = new Set(
  'the a an he she it they we i you this that these those there his her its their our but and or so yet however meanwhile in on at for after before during since while when if as by from to with without officials some many most both one two three four five then still also such no not never'.split(
    ' ',
  ),
);

// With the Armenian full stop (U+0589), which Armenian writes where English writes a full stop.
const TERMINALS = '.!?…؟。։';
const CLOSERS = ')]}”’"»›';
const OPENING_QUOTES = '“«„‹';
const CLOSING_QUOTES = '”»‹›';
// A blank line (any line ending, spaces allowed on it) always ends a paragraph.
const PARAGRAPH = /\r?\n[^\S\r\n]*(?:\r?\n\s*)+|\r[^\S\r\n]*\r\s*/g;

/** Paragraphs of `text` between `from` and `to`: stretches between blank lines, trimmed. */
export function paragraphs(text: string, from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  const slice = text.slice(from, to);
  let last = 0;
  PARAGRAPH.lastIndex = 0;
  for (let m = PARAGRAPH.exec(slice); m !== null; m = PARAGRAPH.exec(slice)) {
    pushTrimmed(spans, text, from + last, from + m.index);
    last = m.index + m[0].length;
  }
  pushTrimmed(spans, text, from + last, to);
  return spans;
}

function pushTrimmed(spans: Span[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  if (e > s) spans.push({ start: s, end: e });
}

/**
 * Splits the text between `from` and `to` into sentences. A sentence ends at `.`, `!`, `?` or
 * `…` (with any closing quotes and brackets after it) followed by white space and a capital,
 * digit, letter of a script without case, or opening quote. It does not end after an
 * abbreviation or initial, inside a decimal, or inside a quotation (a quotation of several
 * sentences stays with the sentence that frames it). A blank line always ends one.
 */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  for (const para of paragraphs(text, from, to)) splitParagraph(text, para, out);
  return out;
}

function splitParagraph(text: string, para: Span, out: Span[], quotes = true): void {
  const first = out.length;
  let start = para.start;
  let depth = 0; // open double quotation marks
  // Only quotation marks and terminals matter: jump from one to the next.
  const marks = /[.!?…؟。։“«„‹”»›"]/g;
  for (let i = para.start; i < para.end; i++) {
    marks.lastIndex = i;
    const found = marks.exec(text);
    if (found === null || found.index >= para.end) break;
    i = found.index;
    const ch = text[i] as string;
    if (OPENING_QUOTES.includes(ch)) depth++;
    else if (ch === '"') depth = opensStraightQuote(text, i, para.start) ? depth + 1 : depth - 1;
    else if (CLOSING_QUOTES.includes(ch) && ch !== '‹') depth = Math.max(0, depth - 1);
    if (!TERMINALS.includes(ch)) continue;

    // The end of the sentence's punctuation: more terminals, then closers.
    let j = i + 1;
    while (j < para.end && TERMINALS.includes(text[j] as string)) j++;
    let closedDepth = depth;
    while (j < para.end && CLOSERS.includes(text[j] as string)) {
      const c = text[j] as string;
      if (c === '”' || c === '»' || c === '"') closedDepth = Math.max(0, closedDepth - 1);
      j++;
    }
    if (j >= para.end) break;
    if (!/\s/.test(text[j] as string)) continue; // 3.5, U.S.-built, "end."said
    if (quotes && closedDepth > 0) continue; // inside a quotation that runs on
    let k = j;
    while (k < para.end && /\s/.test(text[k] as string)) k++;
    if (!startsSentence(text, k)) continue;
    if (ch === '.' && !endsWithFullStop(text, i, k)) continue;
    pushTrimmed(out, text, start, j);
    start = k;
    depth = 0;
    i = k - 1;
  }
  // A quotation left open (a quote that goes on in the next paragraph, or a stray mark) would
  // hold the rest of the paragraph in one sentence: split it as if it had no quotation marks.
  if (quotes && unbalanced(text.slice(start, para.end))) {
    out.length = first;
    splitParagraph(text, para, out, false);
    return;
  }
  pushTrimmed(out, text, start, para.end);
}

function unbalanced(chunk: string): boolean {
  const count = (re: RegExp) => chunk.match(re)?.length ?? 0;
  return count(/[“«„]/g) > count(/[”»]/g) || count(/"/g) % 2 === 1;
}

/** Whether a straight double quote at `i` opens a quotation (rather than closing one). */
function opensStraightQuote(text: string, i: number, paraStart: number): boolean {
  if (i === paraStart) return true;
  const before = text[i - 1] as string;
  return /[\s([{\u2014\u2013-]/.test(before);
}

function startsSentence(text: string, k: number): boolean {
  const cp = text.codePointAt(k);
  if (cp === undefined) return false;
  const c = String.fromCodePoint(cp);
  return /[\p{Lu}\p{Lt}\p{Lo}\p{N}"“‘'(«¿¡[]/u.test(c);
}

/** Whether the full stop at `i` ends a sentence, given the next sentence starts at `k`. */
function endsWithFullStop(text: string, i: number, k: number): boolean {
  // The word the full stop closes, with any inner full stops (U.S., a.m., J.).
  let w = i;
  while (w > 0 && /[\p{L}\p{M}.]/u.test(text[w - 1] as string)) w--;
  const word = text.slice(w, i);
  if (word === '') return true;
  const bare = word.toLowerCase();
  if (TITLES.has(bare)) return false;
  const next = nextWord(text, k);
  // An initial (J. R. Smith): one capital letter.
  if (/^\p{Lu}$/u.test(word)) return false;
  // An acronym or abbreviation with inner stops (U.S., a.m., e.g.): ends one only before an opener.
  if (word.includes('.') || ABBREVIATIONS.has(bare)) return OPENERS.has(next.toLowerCase());
  return true;
}

function nextWord(text: string, k: number): string {
  const m = /^[\p{L}\p{M}]+/u.exec(text.slice(k, k + 40).replace(/^["“‘'(«]+/, ''));
  return m ? m[0] : '';
}

/** A ‘ for left-out letters at a word's start: ‘til, ‘cause, ‘cos, ‘em, ‘n’ (rock ‘n’ roll). */
const ELIDED_START = /^‘(?:til|till|cause|cos|coz|em|n’|n\b|bout|tis|twas|ere)(?![\p{L}])/iu;

/** Before a ‘ that opens a quotation: the text's start, white space, a bracket or a dash. */
const BEFORE_OPENING = /[\s([{“"«—–/-]/u;

/**
 * The text with single curly quotation marks that quote (British style: ‘We will not yield,’
 * the minister said.) written as double ones, and the double marks inside them as single ones,
 * so that every rule that reads “…” reads them too. Each mark is one UTF-16 unit, so offsets
 * hold, and the claims' words are still taken from the text itself. A ‘ opens a quotation at a
 * word's start (not inside “…”, nor a ‘90s typed for ’90s); it closes, within its paragraph and
 * before the next opening ‘, at the first ’ that follows no white space and is followed by no
 * letter or digit: a ’ between letters (Russia’s, won’t) or before a digit (the ’90s) is an
 * apostrophe. A plural possessive (the workers’ union: s’ before a word) and a dropped g
 * (talkin’ to, bein’ treated: -in’ before a lower-case word) are passed over when another
 * closing ’ comes after them. A ‘ that stands for left-out letters (‘til, ‘cause, ‘em, rock
 * ‘n’ roll) opens nothing. A ‘ that nothing closes quotes nothing, unless it opens its paragraph:
 * then the quotation goes on in the next one, and is left open like an unclosed “.
 */
export function quoteMarks(text: string): string {
  if (!text.includes('‘')) return text;
  const marks = new Map<number, string>();
  const opens = (at: number) =>
    text[at] === '‘' &&
    (at === 0 || BEFORE_OPENING.test(text[at - 1] as string)) &&
    /^‘[^\s‘’]/u.test(text.slice(at, at + 2)) &&
    !/^‘\d+s\b/u.test(text.slice(at, at + 8)) &&
    !ELIDED_START.test(text.slice(at, at + 8));
  // A ’ that may end a word rather than a quotation: the workers’ union, talkin’ to.
  const possessive = (j: number) =>
    (/[sS]/.test(text[j - 1] as string) && /^[^\S\r\n]+\p{L}/u.test(text.slice(j + 1, j + 3))) ||
    (/(?:^|[^\p{L}])\p{Ll}{2,}in$/u.test(text.slice(Math.max(0, j - 16), j)) &&
      /^[^\S\r\n]+\p{Ll}/u.test(text.slice(j + 1, j + 3)));
  const QUOTES = /[“”"‘]/g;
  // A quotation left open at a paragraph's end (as newspapers print one that goes on) ends there.
  for (const para of paragraphs(text)) {
    let inDouble = false;
    QUOTES.lastIndex = para.start;
    for (let m = QUOTES.exec(text); m !== null && m.index < para.end; m = QUOTES.exec(text)) {
      const i = m.index;
      const c = m[0];
      if (c === '“') inDouble = true;
      else if (c === '”') inDouble = false;
      else if (c === '"') inDouble = !inDouble;
      if (inDouble || !opens(i)) continue;
      // The next opening ‘ ends the search for this one's closing mark.
      let limit = para.end;
      for (let k = text.indexOf('‘', i + 1); k >= 0 && k < para.end; k = text.indexOf('‘', k + 1))
        if (opens(k)) {
          limit = k;
          break;
        }
      const closes: number[] = [];
      for (let j = text.indexOf('’', i + 1); j >= 0 && j < limit; j = text.indexOf('’', j + 1)) {
        if (/\s/.test(text[j - 1] as string) || /[\p{L}\p{N}]/u.test(text[j + 1] ?? '')) continue;
        closes.push(j);
      }
      const close = closes.find((j) => !possessive(j)) ?? closes[0];
      if (close === undefined) {
        // A paragraph that opens with a quotation and does not close it goes on in the next
        // (as newspapers print it): open to the paragraph's end, as an unclosed “ is read.
        if (/^\s*$/.test(text.slice(para.start, i)) && limit === para.end) {
          marks.set(i, '“');
          for (let k = i + 1; k < para.end; k++) {
            const inner = text[k];
            if (inner === '“') marks.set(k, '‘');
            else if (inner === '”') marks.set(k, '’');
            else if (inner === '"') marks.set(k, "'");
          }
          break;
        }
        continue;
      }
      marks.set(i, '“');
      marks.set(close, '”');
      for (let k = i + 1; k < close; k++) {
        const inner = text[k];
        if (inner === '“') marks.set(k, '‘');
        else if (inner === '”') marks.set(k, '’');
        else if (inner === '"') marks.set(k, "'");
      }
      QUOTES.lastIndex = close + 1;
    }
  }
  if (marks.size === 0) return text;
  let out = '';
  let from = 0;
  for (const at of [...marks.keys()].sort((x, y) => x - y)) {
    out += text.slice(from, at) + (marks.get(at) as string);
    from = at + 1;
  }
  return out + text.slice(from);
}
