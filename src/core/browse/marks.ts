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
  // Offsets are code points. Text without surrogates (most articles) has one code unit per
  // code point, which a native search finds at once; otherwise the UTF-16 string is walked
  // once, cut point by cut point, rather than made into an array of every character.
  const pairs = SURROGATE.test(text);
  let length = text.length;
  if (pairs) {
    length = 0;
    for (let u = 0; u < text.length; u++) {
      const code = text.charCodeAt(u);
      if (code >= 0xd800 && code <= 0xdbff && u + 1 < text.length) {
        const next = text.charCodeAt(u + 1);
        if (next >= 0xdc00 && next <= 0xdfff) u++;
      }
      length++;
    }
  }
  const sorted: Ranked[] = [];
  for (const s of spans) {
    if (s.start < s.end && s.start >= 0 && s.end <= length)
      sorted.push({ id: s.id, start: s.start, end: s.end, rank: sorted.length });
  }
  sorted.sort((a, b) => compareSpans(a, b) || a.rank - b.rank);
  for (let i = 0; i < sorted.length; i++) (sorted[i] as Ranked).rank = i;
  // Every start and end, and both ends of the text, in order and each once: sorted natively
  // as numbers, then the repeats squeezed out in place.
  const all = new Float64Array(2 * sorted.length + 2);
  all[0] = 0;
  all[1] = length;
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i] as Ranked;
    // + 0 makes a -0 offset 0, as the Set of cut points used to.
    all[2 * i + 2] = s.start + 0;
    all[2 * i + 3] = s.end + 0;
  }
  all.sort();
  let distinct = 0;
  for (let i = 0; i < all.length; i++) {
    if (distinct === 0 || all[i] !== all[distinct - 1]) all[distinct++] = all[i] as number;
  }
  const points = all.subarray(0, distinct);
  let cp = 0;
  let unit = 0;
  /** The UTF-16 index of code point `target` (never behind the last one asked for). */
  const unitAt = (target: number) => {
    if (!pairs) return target;
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
  // The covering spans are the first `open` of `active`: its length is never set (shrinking
  // an array's length is a call into the runtime, once per run).
  const active: Ranked[] = [];
  let open = 0;
  let next = 0;
  let fromUnit = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    // The spans that ended leave in place, keeping the others in order; the spans that start
    // here come next in `sorted`, whose ranks only grow, so `active` stays outermost first
    // without sorting. Plain loops: at archive scale this runs for every one of 10^5 runs.
    let kept = 0;
    for (let k = 0; k < open; k++) {
      const s = active[k] as Ranked;
      if (s.end > from) active[kept++] = s;
    }
    open = kept;
    while (next < sorted.length && (sorted[next] as Span).start === from) {
      active[open++] = sorted[next] as Ranked;
      next++;
    }
    const ids: string[] = new Array(open);
    for (let k = 0; k < open; k++) ids[k] = (active[k] as Ranked).id;
    const toUnit = unitAt(to);
    runs.push({ start: from, end: to, text: text.slice(fromUnit, toUnit), claims: ids });
    fromUnit = toUnit;
  }
  return runs;
}

/** A span with its place in the outermost-first order. */
interface Ranked extends Span {
  rank: number;
}

const SURROGATE = /[\ud800-\udfff]/;
