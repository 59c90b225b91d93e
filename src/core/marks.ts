/**
 * The article cut into runs of text that the same claims cover, so a printer can mark every
 * claim's words even where quotes overlap, nest or cross. Offsets are code points, as in the
 * dataset; the runs partition the text, so joining them gives the article back exactly.
 */

/** A claim's place in the article, under the id users see. */
export interface Span {
  id: string;
  start: number;
  end: number;
}

/** A run of article text and the claims whose quotes cover all of it. */
export interface Run {
  start: number;
  end: number;
  text: string;
  /** Ids of the covering claims, outermost first (earlier start, then longer). */
  claims: string[];
}

/** Orders spans outermost first: earlier start, then the longer one, then input order. */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end;
}

/**
 * Cuts `text` at every start and end of `spans` and lists, for each run, the spans that
 * cover it. Empty spans and spans outside the text are ignored (a verified dataset has none).
 */
export function articleRuns(text: string, spans: Span[]): Run[] {
  const cps = Array.from(text);
  const sorted = spans
    .filter((s) => s.start < s.end && s.start >= 0 && s.end <= cps.length)
    .map((s, order) => ({ ...s, order }))
    .sort((a, b) => compareSpans(a, b) || a.order - b.order);
  const rank = new Map(sorted.map((s, i) => [s, i]));
  const cuts = new Set<number>([0, cps.length]);
  for (const s of sorted) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  // Spans by end, to drop them from the active list as the cut points pass.
  const runs: Run[] = [];
  let active: typeof sorted = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    active = active.filter((s) => s.end > from);
    let added = false;
    while (next < sorted.length && (sorted[next] as Span).start === from) {
      active.push(sorted[next] as (typeof sorted)[number]);
      next++;
      added = true;
    }
    if (added) active.sort((a, b) => (rank.get(a) as number) - (rank.get(b) as number));
    runs.push({
      start: from,
      end: to,
      text: cps.slice(from, to).join(''),
      claims: active.map((s) => s.id),
    });
  }
  return runs;
}
