import type { DataProblem } from '../model/errors.js';
import type { DatasetDocument } from '../model/types.js';
import { CodePoints } from '../text/code-points.js';

// A quote's offsets count code points, but a reader sees grapheme clusters: a flag is two
// regional indicators, an accented letter may be a letter and a combining mark, an emoji
// family is several emoji joined by zero-width joiners. A quote that starts or ends inside
// one is still the article's code points at its offsets, yet shows something the article does
// not (half a flag, a mark without its letter); `validate` warns about it.

/** How far back (UTF-16 units) a boundary test looks for a place segmentation may start. */
const LOOK_BACK = 4096;

const isAscii = (code: number) => code < 0x80;

/**
 * A place where segmentation may start: between two ASCII characters other than CR and LF,
 * the grapheme rules always break (none of them is a prepended mark, an extending mark, a
 * joiner, a regional indicator or a pictograph), and no cluster reaches back across it.
 */
function safeStart(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return isAscii(before) && isAscii(after) && !(before === 13 && after === 10);
}

/**
 * The grapheme cluster (Intl.Segmenter) around string offset `at` of `text` when `at` falls
 * inside one, else undefined. Only the text from the nearest safe start before `at` (within
 * LOOK_BACK units) is segmented, so checking every quote of a long article stays linear.
 */
export function clusterAround(
  text: string,
  at: number,
  segmenter: Intl.Segmenter,
): { from: number; to: number } | undefined {
  if (at <= 0 || at >= text.length || safeStart(text, at)) return undefined;
  const limit = Math.max(0, at - LOOK_BACK);
  let start = at - 1;
  while (start > limit && !safeStart(text, start)) start--;
  const end = Math.min(text.length, at + 64);
  for (const { index, segment } of segmenter.segment(text.slice(start, end))) {
    const from = start + index;
    const to = from + segment.length;
    if (from === at) return undefined;
    if (from < at && to > at) return { from, to };
    if (from > at) return undefined;
  }
  return undefined;
}

/** A cluster as its code points, for a message: `"🇦🇲" (U+1F1E6 U+1F1F2)`. */
function describe(cluster: string): string {
  const points = [...cluster].map(
    (c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`,
  );
  return `${JSON.stringify(cluster)} (${points.join(' ')})`;
}

/**
 * Warnings for quotes whose start or end falls inside a grapheme cluster of the article, with
 * the claim's JSON path and the offset. The quotes must already be the article's words at
 * their offsets (the checks every load runs).
 */
export function quoteCuts(file: string, doc: DatasetDocument, text: string): DataProblem[] {
  const warnings: DataProblem[] = [];
  const points = new CodePoints(text);
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  doc.claims.forEach((claim, i) => {
    for (const side of ['start', 'end'] as const) {
      const offset = claim.quote[side];
      const at = points.offset(offset);
      const cluster = clusterAround(text, at, segmenter);
      if (!cluster) continue;
      warnings.push({
        file,
        code: 'grapheme',
        path: `$.claims[${i}].quote.${side}`,
        claimId: claim.id,
        message: `offset ${offset} falls inside the character ${describe(text.slice(cluster.from, cluster.to))} as readers see it (a grapheme cluster), so the quote ${side === 'start' ? 'begins' : 'ends'} with part of it`,
      });
    }
  });
  return warnings;
}
