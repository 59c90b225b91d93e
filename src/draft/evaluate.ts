/**
 * Scores a draft dataset against a gold one for the same article text (`npm run eval:draft`).
 * Each gold claim is paired with the drafted claim whose quote overlaps it most; the scores
 * are counted over those pairs. Pure: the caller loads both datasets.
 */
import type { Claim, DatasetDocument, Entity } from '../core/model/types.js';

/** A count out of a total. */
export interface Ratio {
  hit: number;
  of: number;
}

export interface Evaluation {
  /** Gold claims whose words some drafted claim covers. */
  covered: Ratio;
  /** Gold claims asserted by a source other than the writer, attributed to that source. */
  attribution: Ratio;
  /** Which reported or quoted gold claims were attributed right, for the report. */
  attributed: { id: string; gold: string; draft: string; right: boolean }[];
  /** Gold claims in the writer's voice that the draft also gives to the writer. */
  authorVoice: Ratio;
  /** Named gold entities (not groups) that the body text names, found by the draft. */
  entities: Ratio;
  /** Gold entities the draft missed, by name. */
  missedEntities: string[];
  /** Hedges over the pairs: drafted and gold flags. */
  hedgePrecision: Ratio;
  hedgeRecall: Ratio;
  kinds: Ratio;
  /** Gold dates whose words are inside the gold claim's quote, resolved to the same value. */
  dates: Ratio;
}

const fold = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase()
    .trim();

function names(e: Entity | undefined): Set<string> {
  return new Set(e ? [e.name, ...e.aliases].map(fold) : []);
}

function overlap(a: Claim, b: Claim): number {
  return Math.min(a.quote.end, b.quote.end) - Math.max(a.quote.start, b.quote.start);
}

/** Compares `draft` with `gold`; `bodyStart` is the code-point offset where the body begins. */
export function evaluate(
  gold: DatasetDocument,
  draft: DatasetDocument,
  text: string,
  bodyStart: number,
): Evaluation {
  const goldEntity = new Map(gold.entities.map((e) => [e.id, e]));
  const draftEntity = new Map(draft.entities.map((e) => [e.id, e]));
  const pairs: [Claim, Claim | undefined][] = gold.claims.map((g) => {
    let best: Claim | undefined;
    let most = 0;
    for (const d of draft.claims) {
      const o = overlap(g, d);
      if (o > most) {
        most = o;
        best = d;
      }
    }
    return [g, best];
  });
  const ratio = (): Ratio => ({ hit: 0, of: 0 });
  const result: Evaluation = {
    covered: ratio(),
    attribution: ratio(),
    attributed: [],
    authorVoice: ratio(),
    entities: ratio(),
    missedEntities: [],
    hedgePrecision: ratio(),
    hedgeRecall: ratio(),
    kinds: ratio(),
    dates: ratio(),
  };
  const count = (r: Ratio, hit: boolean) => {
    r.of++;
    if (hit) r.hit++;
  };
  const nameOf = (map: Map<string, Entity>, id: string | undefined) =>
    id === undefined ? '(none)' : id === 'author' ? 'author' : (map.get(id)?.name ?? id);

  for (const [g, d] of pairs) {
    count(result.covered, d !== undefined);
    if (g.assertedBy !== 'author') {
      const want = names(goldEntity.get(g.assertedBy));
      const got = names(d && d.assertedBy !== 'author' ? draftEntity.get(d.assertedBy) : undefined);
      const right = [...got].some((n) => want.has(n));
      count(result.attribution, right);
      result.attributed.push({
        id: g.id,
        gold: nameOf(goldEntity, g.assertedBy),
        draft: nameOf(draftEntity, d?.assertedBy),
        right,
      });
    } else count(result.authorVoice, d?.assertedBy === 'author');
    if (!d) continue;
    if (d.hedged) count(result.hedgePrecision, g.hedged);
    if (g.hedged) count(result.hedgeRecall, d.hedged);
    count(result.kinds, d.kind === g.kind);
    if (g.when && g.quote.exact.includes(g.when.text))
      count(result.dates, d.when?.date === g.when.date);
  }

  const body = fold(Array.from(text).slice(bodyStart).join(''));
  // A name counts as in the body only as whole words ("US" is not in "use").
  const inBody = (n: string) =>
    new RegExp(
      `(?:^|[^\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|[^\\p{L}\\p{N}])`,
      'u',
    ).test(body);
  const found = new Set(draft.entities.flatMap((e) => [...names(e)]));
  for (const e of gold.entities) {
    if (e.type === 'Group') continue;
    const all = [...names(e)];
    if (!all.some(inBody)) continue;
    const hit = all.some((n) => found.has(n));
    count(result.entities, hit);
    if (!hit) result.missedEntities.push(e.name);
  }
  return result;
}

/** "12/14 (86%)". */
export function formatRatio(r: Ratio): string {
  if (r.of === 0) return 'n/a';
  return `${r.hit}/${r.of} (${Math.round((r.hit / r.of) * 100)}%)`;
}
