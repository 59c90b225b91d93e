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

/** The article's cut points and its spans in order, and how to find a code point's unit. */
interface Cuts {
  /** The spans inside the text, outermost first, each with its place in that order. */
  sorted: Ranked[];
  /** Every start and end, and both ends of the text, in order and each once. */
  points: Float64Array;
  /** The UTF-16 index of a code point (asked in increasing order). */
  unitAt: (target: number) => number;
}

function cut(text: string, spans: Span[]): Cuts {
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
  let cp = 0;
  let unit = 0;
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
  return { sorted, points: all.subarray(0, distinct), unitAt };
}

/**
 * Cuts `text` at every start and end of `spans` and lists, for each run, the spans that
 * cover it. Empty spans and spans outside the text are ignored (a verified dataset has none).
 * The lists together grow as runs times depth (the report needs every id over every run);
 * articleMarks says the same in changes only.
 */
export function articleRuns(text: string, spans: Span[]): Run[] {
  const { sorted, points, unitAt } = cut(text, spans);
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

/**
 * A run of article text told by what changes at its edges: the claims whose words begin
 * with it and those whose words end with it, so that a printer marking each claim's start and
 * end once does work in proportion to the article and the claims, however deep they nest.
 */
export interface MarkedRun {
  start: number;
  end: number;
  text: string;
  /** Ids of the claims that begin here (the first run: all that cover it), outermost first. */
  opens: string[];
  /** Ids of the claims that end with this run, innermost first (later start, then shorter). */
  closes: string[];
  /** The id of the innermost claim over this run; undefined when none covers it. */
  innermost: string | undefined;
  /** How many claims cover this run. */
  depth: number;
}

/**
 * The runs of articleRuns from code point `from` on (the first cut at `from`), each with the
 * claims that begin and end there rather than every claim over it.
 */
export function articleMarks(text: string, spans: Span[], from = 0): MarkedRun[] {
  const { sorted, points, unitAt } = cut(text, spans);
  // The spans in the order they end: by end, then innermost first (the later in `sorted`).
  const byEnd = sorted.slice().sort((a, b) => a.end - b.end || b.rank - a.rank);
  // The open spans as a stack in `sorted` order (starts come in that order), outermost at the
  // bottom; a span that ends below the top is marked closed and left until it surfaces.
  const stack: Ranked[] = [];
  const closed = new Uint8Array(sorted.length);
  const top = (): Ranked | undefined => {
    while (stack.length > 0 && closed[(stack[stack.length - 1] as Ranked).rank] === 1) stack.pop();
    return stack[stack.length - 1];
  };
  const runs: MarkedRun[] = [];
  let depth = 0;
  let next = 0;
  let ending = 0;
  let fromUnit = 0;
  let first = true;
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const opens: string[] = [];
    while (next < sorted.length && (sorted[next] as Span).start === start) {
      const s = sorted[next] as Ranked;
      stack.push(s);
      opens.push(s.id);
      depth++;
      next++;
    }
    const innermost = top()?.id;
    const kept = end > from;
    let startUnit = fromUnit;
    if (kept && first && from > 0) {
      // The first run shown: every claim over it begins here for the reader, and a run begun
      // before `from` is cut there.
      opens.length = 0;
      for (const s of stack) if (closed[s.rank] === 0) opens.push(s.id);
      if (start < from) startUnit = unitAt(from);
    }
    const closes: string[] = [];
    while (ending < byEnd.length && (byEnd[ending] as Span).end === end) {
      const s = byEnd[ending] as Ranked;
      closed[s.rank] = 1;
      closes.push(s.id);
      ending++;
    }
    const covering = depth;
    depth -= closes.length;
    const toUnit = unitAt(end);
    fromUnit = toUnit;
    if (!kept) continue;
    const run: MarkedRun = {
      start: Math.max(start, from),
      end,
      text: text.slice(startUnit, toUnit),
      opens,
      closes,
      innermost,
      depth: covering,
    };
    first = false;
    runs.push(run);
  }
  return runs;
}

/** A span with its place in the outermost-first order. */
interface Ranked extends Span {
  rank: number;
}

const SURROGATE = /[\ud800-\udfff]/;
