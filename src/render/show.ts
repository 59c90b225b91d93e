import type { Passage } from '../core/browse/passage.js';
import type { Related } from '../core/browse/relations.js';
import { type AgreementRef, type ClaimRef, type Corpus, qualify } from '../core/model/corpus.js';
import { precisionOf } from '../core/model/dates.js';
import type { When } from '../core/model/types.js';
import { agreementListing, agreementNotes } from './browse.js';
import { actorNames, asserterName, topicNames } from './claims.js';
import type { Doc, Field } from './document.js';
import { listingBlock } from './document.js';
import type { Listing } from './listing.js';
import { agreementJson, claimJson } from './refs.js';
import type { View } from './view.js';

/** Everything `armru show` prints about one claim. */
export interface ClaimDetail {
  ref: ClaimRef;
  passage: Passage;
  related: Related[];
  agreements: AgreementRef[];
}

/** A date as people read it: `2019-10-29 (day, context: "October 29th"; source …)`. */
export function describeWhen(when: When): string {
  const source = when.source ? `; source ${when.source}` : '';
  return `${when.date} (${precisionOf(when.date)}, ${when.basis}: "${when.text}"${source})`;
}

const arrow = (r: Related) => (r.direction === 'out' ? `${r.type} →` : `← ${r.type}`);

/** The claims linked to the one shown: which way, which claim, its text, the relation's note. */
function relatedListing(view: View, corpus: Corpus): Listing<Related> {
  return {
    columns: [
      { header: 'RELATION', style: view.colors.kind },
      { header: 'ID', style: view.colors.id },
      { header: 'CLAIM', wrap: true, flex: true, min: 16 },
    ],
    // The relation's note reads best under the claim it is about.
    cells: (r) => [
      { text: arrow(r) },
      { text: qualify(corpus, r.other.dataset, r.other.claim.id) },
      { text: r.note ? `${r.other.claim.text}\nnote: ${r.note}` : r.other.claim.text },
    ],
    // In a line the note is a field of its own (empty when the relation has none).
    line: {
      columns: ['RELATION', 'ID', 'CLAIM', 'NOTE'].map((header) => ({ header })),
      values: (r) => [
        arrow(r),
        qualify(corpus, r.other.dataset, r.other.claim.id),
        r.other.claim.text,
        r.note ?? '',
      ],
    },
    json: (r) => ({
      type: r.type,
      direction: r.direction,
      id: qualify(corpus, r.other.dataset, r.other.claim.id),
      text: r.other.claim.text,
      ...(r.note !== undefined ? { note: r.note } : {}),
    }),
  };
}

/**
 * `armru show`: one claim in full. A terminal gets its text, its labelled details, the quote
 * in its place in the article, and the claims and agreements linked to it; a pipe gets one
 * `FIELD<TAB>VALUE` line per detail, the passage, then `related` and `agreement` lines.
 */
export function showDocument(view: View, corpus: Corpus, detail: ClaimDetail): Doc {
  const { ref, passage, related, agreements } = detail;
  const { dataset, claim } = ref;
  const id = qualify(corpus, dataset, claim.id);
  const field = (label: string, value: string): Field => ({ key: label, label, value });
  const details: Field[] = [
    field('asserted by', `${asserterName(dataset, claim)}${claim.cue ? ` (“${claim.cue}”)` : ''}`),
    field('hedged', claim.hedged ? 'yes' : 'no'),
    field('actors', actorNames(dataset, claim).join(', ')),
    field('topics', topicNames(dataset, claim).join(', ')),
    field('date', claim.when ? describeWhen(claim.when) : '—'),
    field('quote at', `${claim.quote.start}..${claim.quote.end} (code points)`),
    ...(claim.cameo ? [field('CAMEO', claim.cameo)] : []),
    ...(claim.note ? [field('note', claim.note)] : []),
  ];
  const relations = relatedListing(view, corpus);
  const evidence = agreementListing(view, corpus);
  return {
    json: {
      ...claimJson(corpus, ref),
      related: related.map(relations.json),
      agreements: agreements.map((a) => agreementJson(corpus, a.dataset, a.agreement)),
    },
    blocks: [
      {
        type: 'title',
        id,
        badges: [claim.kind],
        ...(claim.hedged ? { note: 'hedged' } : {}),
        text: claim.text,
        pipe: [
          ['id', id],
          ['kind', claim.kind],
          ['text', claim.text],
        ],
      },
      { type: 'fields', fields: details },
      { type: 'heading', text: 'In the article' },
      { type: 'passage', passage },
      ...(related.length > 0
        ? [
            { type: 'heading' as const, text: 'Related claims' },
            listingBlock('related', relations, related),
          ]
        : []),
      ...(agreements.length > 0
        ? [
            { type: 'heading' as const, text: 'Evidence for agreements' },
            listingBlock('agreement', evidence, agreements),
            ...agreementNotes(corpus, agreements),
          ]
        : []),
    ],
  };
}
