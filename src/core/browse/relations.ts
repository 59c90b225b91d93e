import type { AgreementRef, ClaimRef, Corpus } from '../model/corpus.js';
import type { Claim, RelationType } from '../model/types.js';

/** A claim linked to another, seen from one end: `out` when this claim is the relation's `from`. */
export interface Related {
  type: RelationType;
  direction: 'out' | 'in';
  other: ClaimRef;
  note?: string;
}

/** Every claim linked to `ref`, in both directions, in the dataset's relation order. */
export function relatedTo(ref: ClaimRef): Related[] {
  const { dataset, claim } = ref;
  const out: Related[] = [];
  for (const relation of dataset.doc.relations) {
    const direction =
      relation.from === claim.id ? 'out' : relation.to === claim.id ? 'in' : undefined;
    if (!direction) continue;
    const otherId = direction === 'out' ? relation.to : relation.from;
    const other = dataset.claimById.get(otherId);
    if (!other) continue; // cannot happen in a verified dataset
    out.push({
      type: relation.type,
      direction,
      other: { dataset, claim: other },
      ...(relation.note !== undefined ? { note: relation.note } : {}),
    });
  }
  return out;
}

/** The agreements a claim is evidence for. */
export function agreementsOf(ref: ClaimRef): AgreementRef[] {
  return ref.dataset.doc.agreements
    .filter((agreement) => agreement.claims.includes(ref.claim.id))
    .map((agreement) => ({ dataset: ref.dataset, agreement }));
}

/** Two claims where one disputes or qualifies the other. */
export interface Dispute {
  type: 'disputes' | 'qualifies';
  from: ClaimRef;
  to: ClaimRef;
  note?: string;
}

/**
 * Every `disputes` and `qualifies` relation of the corpus, disputes first. With `only`, the
 * relations one of whose claims is among them.
 */
export function disputes(corpus: Corpus, only?: ReadonlySet<Claim>): Dispute[] {
  const found: Dispute[] = [];
  for (const dataset of corpus.datasets) {
    for (const relation of dataset.doc.relations) {
      if (relation.type !== 'disputes' && relation.type !== 'qualifies') continue;
      const from = dataset.claimById.get(relation.from);
      const to = dataset.claimById.get(relation.to);
      if (!from || !to) continue;
      if (only && !only.has(from) && !only.has(to)) continue;
      found.push({
        type: relation.type,
        from: { dataset, claim: from },
        to: { dataset, claim: to },
        ...(relation.note !== undefined ? { note: relation.note } : {}),
      });
    }
  }
  const rank = (d: Dispute) => (d.type === 'disputes' ? 0 : 1);
  return found.sort((a, b) => rank(a) - rank(b));
}
