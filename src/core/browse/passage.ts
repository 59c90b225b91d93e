import type { Dataset, Quote } from '../model/types.js';
import { CodePoints } from '../text/code-points.js';

/** The article text around a quote: what comes before, the quoted words, what comes after. */
export interface Passage {
  before: string;
  exact: string;
  after: string;
  /** Whether text was cut off before `before` / after `after`. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

/**
 * The paragraph holding a quote, cut to about `context` code points on each side at a word
 * boundary, so `show` can print the quote in its place in the article.
 */
export function passage(dataset: Dataset, quote: Quote, context = 240): Passage {
  const cps = new CodePoints(dataset.text);
  const NL = 0x0a;
  const SPACE = 0x20;
  let from = quote.start;
  while (
    from > 0 &&
    !(cps.codeAt(from - 1) === NL && cps.codeAt(from - 2) === NL) &&
    quote.start - from < context
  )
    from--;
  let to = quote.end;
  while (
    to < cps.length &&
    !(cps.codeAt(to) === NL && cps.codeAt(to + 1) === NL) &&
    to - quote.end < context
  )
    to++;
  // Cut at a space so no word is split; keep going to the paragraph edge if that is near.
  const clippedStart = from > 0 && !(cps.codeAt(from - 1) === NL);
  if (clippedStart) while (from < quote.start && cps.codeAt(from - 1) !== SPACE) from++;
  const clippedEnd = to < cps.length && cps.codeAt(to) !== NL;
  if (clippedEnd) while (to > quote.end && cps.codeAt(to) !== SPACE) to--;
  return {
    before: cps.slice(from, quote.start).trimStart(),
    exact: quote.exact,
    after: cps.slice(quote.end, to).trimEnd(),
    clippedStart,
    clippedEnd,
  };
}
