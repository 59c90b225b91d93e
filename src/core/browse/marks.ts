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
  // Code points are counted by walking the UTF-16 string once, cut point by cut point, rather
  // than by making an array of every character: a long article would make that much garbage.
  let length = 0;
  for (let u = 0; u < text.length; u++) {
    const code = text.charCodeAt(u);
    if (code >= 0xd800 && code <= 0xdbff && u + 1 < text.length) {
      const next = text.charCodeAt(u + 1);
      if (next >= 0xdc00 && next <= 0xdfff) u++;
    }
    length++;
  }
  const sorted = spans
    .filter((s) => s.start < s.end && s.start >= 0 && s.end <= length)
    .map((s, order) => ({ ...s, order }))
    .sort((a, b) => compareSpans(a, b) || a.order - b.order);
  const rank = new Map(sorted.map((s, i) => [s, i]));
  const cuts = new Set<number>([0, length]);
  for (const s of sorted) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let cp = 0;
  let unit = 0;
  /** The UTF-16 index of code point `target` (never behind the last one asked for). */
  const unitAt = (target: number) => {
    while (cp < target) {
      const code = text.charCodeAt(unit);
      const pair =
        code >= 0xd800 &&
        code <= 0xdbff &&
        unit + 1 < text.length &&
        text.charCodeAt(unit + 1) >= 0xdc00 &&
        text.charCodeAt(unit + 1) <= 0xdfff;
      unit += pair ? 2 : 1;
      cp++;
    }
    return unit;
  };
  const runs: Run[] = [];
  let active: typeof sorted = [];
  let next = 0;
  let fromUnit = 0;
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
    const toUnit = unitAt(to);
    runs.push({
      start: from,
      end: to,
      text: text.slice(fromUnit, toUnit),
      claims: active.map((s) => s.id),
    });
    fromUnit = toUnit;
  }
  return runs;
}
