/**
 * The report page's data block: every claim as a row, the names a search finds things by,
 * the filters' choices and the timeline, as the JSON the page's script reads. Made on the
 * report's second thread (report-worker.ts) from its own parse of the dataset's text, while
 * the main thread checks the dataset and lays out the article.
 */
import { timeline } from '../core/browse/timeline.js';
import { AUTHOR } from '../core/dataset/verify.js';
import type { Corpus } from '../core/model/corpus.js';
import { type Agreement, CLAIM_KINDS, type Claim, type Dataset } from '../core/model/types.js';
import { LETTERS, PUNCTUATION } from '../core/text/fold.js';
import { asserterName } from '../render/claims.js';
import type { ClaimRow, ClientData, TimelineRow } from '../render/html/client.js';
import { scriptJson } from '../render/html/page.js';
import { sanitize } from '../render/sanitize.js';

/** A relation as the page lists it: type, direction, the other claim's id, the note. */
type RelationRow = ClaimRow[11][number];

/** Relations and agreements by claim id, found once instead of once per claim. */
interface Links {
  related: Map<string, RelationRow[]>;
  agreements: Map<string, Agreement[]>;
}

function links(dataset: Dataset): Links {
  const related = new Map<string, RelationRow[]>();
  const add = (id: string, row: RelationRow) => {
    const list = related.get(id);
    if (list) list.push(row);
    else related.set(id, [row]);
  };
  for (const relation of dataset.doc.relations) {
    const from = dataset.claimById.get(relation.from);
    const to = dataset.claimById.get(relation.to);
    if (!from || !to) continue;
    const note = relation.note !== undefined ? sanitize(relation.note) : null;
    add(from.id, [relation.type, 'out', to.id, note]);
    add(to.id, [relation.type, 'in', from.id, note]);
  }
  const agreements = new Map<string, Agreement[]>();
  for (const agreement of dataset.doc.agreements) {
    for (const id of new Set(agreement.claims)) {
      const list = agreements.get(id);
      if (list) list.push(agreement);
      else agreements.set(id, [agreement]);
    }
  }
  return { related, agreements };
}

function claimRow(dataset: Dataset, claim: Claim, linked: Links): ClaimRow {
  const note = (claim as { note?: unknown }).note;
  return [
    claim.id,
    sanitize(claim.text),
    claim.kind,
    sanitize(asserterName(dataset, claim)),
    claim.assertedBy,
    claim.cue !== undefined ? sanitize(claim.cue) : null,
    claim.hedged,
    claim.when
      ? {
          date: sanitize(claim.when.date),
          text: sanitize(claim.when.text),
          basis: claim.when.basis,
          source: claim.when.source !== undefined ? sanitize(claim.when.source) : null,
        }
      : null,
    claim.actors,
    claim.topics,
    typeof note === 'string' ? sanitize(note) : null,
    linked.related.get(claim.id) ?? [],
    (linked.agreements.get(claim.id) ?? []).map((agreement) => [
      sanitize(agreement.name),
      agreement.status,
      agreement.note !== undefined ? sanitize(agreement.note) : null,
    ]),
  ];
}

/**
 * The data block of one dataset's report, ready to stand inside `<script>`. A report shows
 * one dataset, so ids are the dataset's own (nothing to qualify).
 */
export function pageData(dataset: Dataset): string {
  const corpus: Corpus = { datasets: [dataset] };
  const { doc } = dataset;
  // Added one by one: a flattened list of every claim's actors would be made only to be
  // thrown away.
  const usedActors = new Set<string>();
  const usedTopics = new Set<string>();
  const usedKinds = new Set<string>();
  for (const claim of doc.claims) {
    for (const id of claim.actors) usedActors.add(id);
    for (const id of claim.topics) usedTopics.add(id);
    usedKinds.add(claim.kind);
  }
  const linked = links(dataset);
  const names: Record<string, string> = { [AUTHOR]: `${AUTHOR}\n${doc.source.author}` };
  const labels: Record<string, string> = {};
  for (const e of doc.entities) {
    names[e.id] = [e.name, ...e.aliases].join('\n');
    labels[e.id] = sanitize(e.name);
  }
  for (const t of doc.topics) {
    names[t.id] = [t.name, ...t.aliases].join('\n');
    labels[t.id] = sanitize(t.name);
  }
  const data: ClientData = {
    claims: doc.claims.map((claim) => claimRow(dataset, claim, linked)),
    names,
    labels,
    fold: { ...PUNCTUATION, ...LETTERS },
    actors: doc.entities
      .filter((e) => usedActors.has(e.id))
      .map((e): [string, string] => [e.id, sanitize(e.name)]),
    topics: doc.topics
      .filter((t) => usedTopics.has(t.id))
      .map((t): [string, string] => [t.id, sanitize(t.name)]),
    kinds: CLAIM_KINDS.filter((k) => usedKinds.has(k)),
    timeline: timeline(corpus).map((entry): TimelineRow => {
      const { when } = entry;
      const opens =
        entry.item === 'claim' ? entry.claim.id : (entry.agreement.claims[0] ?? undefined);
      return [
        sanitize(when.date),
        when.basis,
        sanitize(when.text),
        when.source !== undefined ? sanitize(when.source) : null,
        opens ?? null,
        // A claim's text is in the claims already.
        entry.item === 'claim' ? null : sanitize(entry.agreement.name),
      ];
    }),
  };
  return scriptJson(data);
}
