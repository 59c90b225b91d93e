import { AUTHOR } from '../dataset/verify.js';
import { type Corpus, qualify } from '../model/corpus.js';
import type { Claim, Dataset } from '../model/types.js';
import { CodePoints, isSpaceCode } from '../text/code-points.js';

const NEWLINE = 0x0a;

/** How many claims have a given kind, asserter, topic or actor. */
export interface Count {
  /** The id counted (a kind, `author`, or an entity or topic id, qualified with several datasets). */
  key: string;
  /** Its display name. */
  name: string;
  count: number;
}

/** How much of the article body the claims' quotes cover, counted in non-space characters. */
export interface Coverage {
  covered: number;
  total: number;
  /** covered / total, 0..1. */
  share: number;
}

/** Counts over the whole corpus. */
export interface Stats {
  datasets: number;
  claims: number;
  hedged: number;
  entities: number;
  topics: number;
  agreements: number;
  relations: number;
  byKind: Count[];
  byAssertedBy: Count[];
  byTopic: Count[];
  byActor: Count[];
  coverage: Coverage;
}

function tally(counts: Map<string, Count>, key: string, name: string): void {
  const seen = counts.get(key);
  if (seen) seen.count++;
  else counts.set(key, { key, name, count: 1 });
}

const ranked = (counts: Map<string, Count>) =>
  [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

/**
 * Where the body starts: the first paragraph (blank-line separated) that any claim quotes.
 * Title and byline lines that no claim rests on are not body text.
 */
function bodyStart(dataset: Dataset, cps: CodePoints): number {
  // A loop, not Math.min(...starts): spreading 10^5 arguments overflows the stack.
  let first = Number.POSITIVE_INFINITY;
  for (const claim of dataset.doc.claims) if (claim.quote.start < first) first = claim.quote.start;
  if (!Number.isFinite(first)) return 0;
  for (let i = first; i > 1; i--) {
    if (cps.codeAt(i - 1) === NEWLINE && cps.codeAt(i - 2) === NEWLINE) return i;
  }
  return 0;
}

/**
 * Share of the body's non-space characters that lie inside at least one quote (of `claims`,
 * by default every claim).
 */
export function coverage(
  dataset: Dataset,
  claims: readonly Claim[] = dataset.doc.claims,
): Coverage {
  const cps = new CodePoints(dataset.text);
  // Where quotes open (+1) and close (-1), in order of position, summed as we go: linear however
  // much the quotes overlap (filling each quote's range would cost the sum of their lengths),
  // and memory for the quotes only, not a count per character (4 bytes a character of a 200 MB
  // article).
  // Each boundary as one number: its position times two, plus 1 for an opening (so that at
  // one position a close, -1, comes before an open; the sum at each character is the same).
  const all = new Float64Array(claims.length * 2);
  let n = 0;
  for (const { quote } of claims) {
    if (quote.end <= quote.start) continue;
    all[n++] = Math.min(quote.start, cps.length) * 2 + 1;
    all[n++] = Math.min(quote.end, cps.length) * 2;
  }
  const events = all.subarray(0, n);
  events.sort();
  let covered = 0;
  let total = 0;
  let depth = 0;
  let next = 0;
  const from = bodyStart(dataset, cps);
  const apply = (upTo: number) => {
    while (next < events.length && (events[next] as number) < upTo * 2 + 2) {
      depth += (events[next] as number) % 2 === 1 ? 1 : -1;
      next++;
    }
  };
  if (from > 0) apply(from - 1);
  for (let i = from; i < cps.length; i++) {
    apply(i);
    if (isSpaceCode(cps.codeAt(i))) continue;
    total++;
    if (depth > 0) covered++;
  }
  return { covered, total, share: total === 0 ? 0 : covered / total };
}

/**
 * Counts by kind, by who asserts, by topic and by actor, and the body text covered: of every
 * claim, or with `only` of those claims (facet counts of a filtered set).
 */
export function stats(corpus: Corpus, only?: ReadonlySet<Claim>): Stats {
  const byKind = new Map<string, Count>();
  const byAssertedBy = new Map<string, Count>();
  const byTopic = new Map<string, Count>();
  const byActor = new Map<string, Count>();
  let claims = 0;
  let hedged = 0;
  let covered = 0;
  let total = 0;
  for (const dataset of corpus.datasets) {
    const q = (id: string) => qualify(corpus, dataset, id);
    const chosen = only ? dataset.doc.claims.filter((c) => only.has(c)) : dataset.doc.claims;
    for (const claim of chosen) {
      claims++;
      if (claim.hedged) hedged++;
      tally(byKind, claim.kind, claim.kind);
      const asserter = claim.assertedBy;
      tally(
        byAssertedBy,
        asserter === AUTHOR ? AUTHOR : q(asserter),
        asserter === AUTHOR ? AUTHOR : (dataset.entityById.get(asserter)?.name ?? asserter),
      );
      for (const id of claim.topics) tally(byTopic, q(id), dataset.topicById.get(id)?.name ?? id);
      for (const id of claim.actors) tally(byActor, q(id), dataset.entityById.get(id)?.name ?? id);
    }
    const c = coverage(dataset, chosen);
    covered += c.covered;
    total += c.total;
  }
  const sum = (pick: (d: Dataset) => unknown[]) =>
    corpus.datasets.reduce((n, d) => n + pick(d).length, 0);
  return {
    datasets: corpus.datasets.length,
    claims,
    hedged,
    entities: sum((d) => d.doc.entities),
    topics: sum((d) => d.doc.topics),
    agreements: sum((d) => d.doc.agreements),
    relations: sum((d) => d.doc.relations),
    byKind: ranked(byKind),
    byAssertedBy: ranked(byAssertedBy),
    byTopic: ranked(byTopic),
    byActor: ranked(byActor),
    coverage: { covered, total, share: total === 0 ? 0 : covered / total },
  };
}
