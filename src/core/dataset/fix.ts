import { ArmruError, type DataProblem } from '../model/errors.js';
import type { DatasetDocument } from '../model/types.js';
import { jsonPath } from '../text/json-path.js';
import { articleText } from './files.js';
import { sha256 } from './verify.js';

/** Values `validate --fix` set on one object of the document: where it is, and what. */
export interface FixEdit {
  /** Keys and indexes from the document's root to the object. */
  at: (string | number)[];
  /** The properties set on it, in order. */
  values: Record<string, unknown>;
}

/** What `validate --fix` did to one file, and what it could not do. */
export interface FixReport {
  /** One entry per value filled in (`message` says what was filled in). */
  fixed: DataProblem[];
  /** The same, as edits of the document (see fixedText, which writes them into its text). */
  edits: FixEdit[];
  /** Quotes it would not guess for: absent from the text, or found more than once. */
  problems: DataProblem[];
}

/**
 * Code-point offsets of every occurrence of each of `needles` in `text`, keyed by needle.
 *
 * A few passes over the text, not one a needle (indexOf per quote made `--fix` on 20,000
 * quotes take 5.8 s). Each needle of ANCHOR units or more is looked for only where the text
 * has one stretch of it, its anchor: the stretch of ANCHOR units whose hash the text holds the
 * fewest times (counted in a table first), so that quotes written from one template ("The
 * minister said …"), which share their first words, are not all tried wherever those words
 * occur. The cost is the text's length, the needles' lengths, and one comparison wherever a
 * needle's anchor occurs. Shorter needles, rare in a dataset, are searched one by one.
 * `codePoints`, when given, is codePointIndex(text).
 */
export function occurrencesOfAll(
  text: string,
  needles: readonly string[],
  codePoints?: Int32Array,
): Map<string, number[]> {
  const found = new Map<string, number[]>();
  // An article without surrogates counts code points as it counts UTF-16 units: no table (4
  // bytes a character) is made for it.
  const index = codePoints ?? (/[\ud800-\udfff]/.test(text) ? codePointIndex(text) : undefined);
  const cp = (i: number) => (index === undefined ? i : (index[i] as number));
  const long: string[] = [];
  for (const needle of needles) {
    if (found.has(needle)) continue;
    const at: number[] = [];
    found.set(needle, at);
    if (needle === '') continue;
    if (needle.length >= ANCHOR) {
      long.push(needle);
      continue;
    }
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
      at.push(cp(i));
    }
  }
  if (long.length === 0 || text.length < ANCHOR) return found;
  // How often each hash of ANCHOR units occurs in the text (slots shared by several hashes
  // only make a stretch look commoner than it is).
  const counts = new Uint32Array(TABLE_SIZE);
  forEachHash(text, (h) => {
    const slot = h & TABLE_MASK;
    counts[slot] = (counts[slot] as number) + 1;
  });
  // Each needle's rarest stretch, by hash: the needles anchored there and where in them.
  const anchored = new Map<number, { needle: string; offset: number }[]>();
  const wanted = new Uint8Array(TABLE_SIZE);
  for (const needle of long) {
    let best = -1;
    let bestHash = 0;
    let bestCount = Number.POSITIVE_INFINITY;
    forEachHash(needle, (h, i) => {
      const n = counts[h & TABLE_MASK] as number;
      if (n < bestCount) {
        bestCount = n;
        best = i;
        bestHash = h;
      }
    });
    // A stretch the text never holds: the needle is not there.
    if (bestCount === 0) continue;
    const list = anchored.get(bestHash);
    if (list) list.push({ needle, offset: best });
    else anchored.set(bestHash, [{ needle, offset: best }]);
    wanted[bestHash & TABLE_MASK] = 1;
  }
  forEachHash(text, (h, i) => {
    if (wanted[h & TABLE_MASK] === 0) return;
    const list = anchored.get(h);
    if (list === undefined) return;
    for (const { needle, offset } of list) {
      const start = i - offset;
      if (start >= 0 && text.startsWith(needle, start))
        (found.get(needle) as number[]).push(cp(start));
    }
  });
  return found;
}

/** How many UTF-16 units of a needle occurrencesOfAll anchors it by. */
const ANCHOR = 12;
const TABLE_SIZE = 1 << 20;
const TABLE_MASK = TABLE_SIZE - 1;
/** The rolling hash's base, and the base to the power ANCHOR - 1 (mod 2^32), to take a unit out. */
const BASE = 0x01000193;
let power = 1;
for (let k = 1; k < ANCHOR; k++) power = Math.imul(power, BASE);
const TOP = power;

/**
 * Calls `visit` with the hash of every stretch of ANCHOR units of `s` and where it starts, in
 * order: a polynomial hash modulo 2^32, rolled one unit at a time.
 */
function forEachHash(s: string, visit: (hash: number, at: number) => void): void {
  let h = 0;
  for (let k = 0; k < ANCHOR; k++) h = (Math.imul(h, BASE) + s.charCodeAt(k)) | 0;
  visit(h >>> 0, 0);
  for (let i = 1; i + ANCHOR <= s.length; i++) {
    h = (h - Math.imul(s.charCodeAt(i - 1), TOP)) | 0;
    h = (Math.imul(h, BASE) + s.charCodeAt(i + ANCHOR - 1)) | 0;
    visit(h >>> 0, i);
  }
}

/** Code-point offsets of every occurrence of `needle` in `text` (see occurrencesOfAll). */
export function occurrences(text: string, needle: string, codePoints?: Int32Array): number[] {
  return occurrencesOfAll(text, [needle], codePoints).get(needle) as number[];
}

/** For each UTF-16 offset of `text` (and its end), the code points before it. */
export function codePointIndex(text: string): Int32Array {
  const index = new Int32Array(text.length + 1);
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    index[i] = count;
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point with it.
    const pair = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) index[++i] = count;
    count++;
  }
  index[text.length] = count;
  return index;
}

/**
 * How many places of a quote found more than once are named: the words of 10^4 claims that each
 * occur 20,000 times made 10^4 lines of 20,000 places (3.7 GB, four minutes).
 */
const SHOWN_PLACES = 5;

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Fills in what can be computed without judgement, in place: `source.textSha256` when
 * missing, and `start`/`end` of each quote that lacks them and whose words occur exactly once
 * in the article. A quote found zero or several times is reported, never guessed. A quote
 * with both offsets is left alone (the normal checks report them if they are wrong); one with
 * only one, or one that is not a number, gets both, and the report says what was there.
 */
export function fixOffsets(doc: unknown, file: string): FixReport {
  const report: FixReport = { fixed: [], edits: [], problems: [] };
  if (!isObject(doc) || !isObject(doc.source)) {
    report.problems.push({
      file,
      code: 'fix',
      path: '$.source',
      message: "missing; expected the article's source object",
    });
    return report;
  }
  let text: string;
  try {
    text = articleText(doc as unknown as Pick<DatasetDocument, 'source'>, file);
  } catch (error) {
    report.problems.push(
      ...(error instanceof ArmruError && error.details.length > 0
        ? error.details
        : [{ file, code: 'io' as const, message: (error as Error).message }]),
    );
    return report;
  }
  if (typeof doc.source.textSha256 !== 'string') {
    doc.source.textSha256 = sha256(text);
    report.edits.push({ at: ['source'], values: { textSha256: doc.source.textSha256 } });
    report.fixed.push({
      file,
      code: 'fix',
      path: '$.source.textSha256',
      message: 'filled in from the article text',
    });
  }
  const claims = Array.isArray(doc.claims) ? doc.claims : [];
  // The quotes to place, found in one pass over the text.
  const unplaced = (claim: unknown): claim is Loose & { quote: Loose & { exact: string } } =>
    isObject(claim) &&
    isObject(claim.quote) &&
    typeof claim.quote.exact === 'string' &&
    !(typeof claim.quote.start === 'number' && typeof claim.quote.end === 'number');
  const needles = claims.filter(unplaced).map((claim) => claim.quote.exact);
  const found = needles.length > 0 ? occurrencesOfAll(text, needles) : new Map<string, number[]>();
  claims.forEach((claim, i) => {
    if (!unplaced(claim)) return;
    const quote = claim.quote;
    const where = {
      file,
      code: 'fix' as const,
      path: jsonPath('claims', i, 'quote'),
      ...(typeof claim.id === 'string' ? { claimId: claim.id } : {}),
    };
    const exact = quote.exact;
    const at = found.get(exact) as number[];
    const length = Array.from(exact).length;
    if (at.length === 1) {
      const start = at[0] as number;
      // Rebuild the quote so the keys keep the order exact, start, end.
      claim.quote = { ...quote, exact, start, end: start + length };
      report.edits.push({
        at: ['claims', i, 'quote'],
        values: { start, end: start + length },
      });
      // A value written there before (a start without its end) is said to be replaced.
      const was = (key: 'start' | 'end', now: number) =>
        quote[key] !== undefined && quote[key] !== now
          ? ` (was ${JSON.stringify(quote[key])})`
          : '';
      report.fixed.push({
        ...where,
        message: `filled in start ${start}${was('start', start)}, end ${start + length}${was('end', start + length)}`,
      });
    } else if (at.length === 0) {
      report.problems.push({
        ...where,
        message: 'the quoted words do not occur in the article; expected an exact copy of its text',
      });
    } else {
      const list = at
        .slice(0, SHOWN_PLACES)
        .map((s) => `${s}..${s + length}`)
        .join(', ');
      const more =
        at.length > SHOWN_PLACES
          ? ` and ${(at.length - SHOWN_PLACES).toLocaleString('en')} more`
          : '';
      report.problems.push({
        ...where,
        message: `the quoted words occur ${at.length.toLocaleString('en')} times (at ${list}${more}); set start and end by hand, or quote more words`,
      });
    }
  });
  return report;
}
