import type { Dataset, Quote } from '../model/types.js';

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
  const cps = Array.from(dataset.text);
  let from = quote.start;
  while (
    from > 0 &&
    !(cps[from - 1] === '\n' && cps[from - 2] === '\n') &&
    quote.start - from < context
  )
    from--;
  let to = quote.end;
  while (to < cps.length && !(cps[to] === '\n' && cps[to + 1] === '\n') && to - quote.end < context)
    to++;
  // Cut at a space so no word is split; keep going to the paragraph edge if that is near.
  const clippedStart = from > 0 && !(cps[from - 1] === '\n');
  if (clippedStart) while (from < quote.start && cps[from - 1] !== ' ') from++;
  const clippedEnd = to < cps.length && cps[to] !== '\n';
  if (clippedEnd) while (to > quote.end && cps[to] !== ' ') to--;
  return {
    before: cps.slice(from, quote.start).join('').trimStart(),
    exact: quote.exact,
    after: cps.slice(quote.end, to).join('').trimEnd(),
    clippedStart,
    clippedEnd,
  };
}
