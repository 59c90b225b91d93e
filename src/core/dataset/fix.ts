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
 * Code-point offsets of every occurrence of `needle` in `text`. `codePoints`, when given, is
 * codePointIndex(text): a file of thousands of quotes counts the text's code points once, not
 * once a quote (each count made an array of the text up to the quote: 6 of the 7 s that
 * `--fix` took on 4,000 quotes).
 */
export function occurrences(text: string, needle: string, codePoints?: Int32Array): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  const index = codePoints ?? codePointIndex(text);
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    found.push(index[at] as number);
  }
  return found;
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
  let codePoints: Int32Array | undefined;
  // Quotes of the same words are looked for once: a draft of 10^4 claims quoting one phrase of
  // the article each searched the whole article for it again.
  const searched = new Map<string, { count: number; first: number[] }>();
  claims.forEach((claim, i) => {
    if (!isObject(claim) || !isObject(claim.quote) || typeof claim.quote.exact !== 'string') return;
    const quote = claim.quote;
    if (typeof quote.start === 'number' && typeof quote.end === 'number') return;
    const where = {
      file,
      code: 'fix' as const,
      path: jsonPath('claims', i, 'quote'),
      ...(typeof claim.id === 'string' ? { claimId: claim.id } : {}),
    };
    const exact = quote.exact as string;
    let found = searched.get(exact);
    if (found === undefined) {
      codePoints ??= codePointIndex(text);
      const at = occurrences(text, exact, codePoints);
      found = { count: at.length, first: at.slice(0, SHOWN_PLACES) };
      searched.set(exact, found);
    }
    const { count, first } = found;
    const length = Array.from(exact).length;
    if (count === 1) {
      const start = first[0] as number;
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
    } else if (count === 0) {
      report.problems.push({
        ...where,
        message: 'the quoted words do not occur in the article; expected an exact copy of its text',
      });
    } else {
      const list = first.map((s) => `${s}..${s + length}`).join(', ');
      const more =
        count > first.length ? ` and ${(count - first.length).toLocaleString('en')} more` : '';
      report.problems.push({
        ...where,
        message: `the quoted words occur ${count.toLocaleString('en')} times (at ${list}${more}); set start and end by hand, or quote more words`,
      });
    }
  });
  return report;
}
