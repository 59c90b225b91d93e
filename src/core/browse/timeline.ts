import type { AgreementRef, ClaimRef, Corpus } from '../model/corpus.js';
import { compareDates, type Precision, precisionOf } from '../model/dates.js';
import type { Claim, When } from '../model/types.js';

/** A dated claim or agreement. */
export type TimelineEntry = (
  | ({ item: 'claim' } & ClaimRef)
  | ({ item: 'agreement' } & AgreementRef)
) & { when: When; precision: Precision };

/**
 * Every dated claim and agreement of the corpus, in date order (stable within a date). With
 * `only`, just those claims, and the agreements that one of them evidences.
 */
export function timeline(corpus: Corpus, only?: ReadonlySet<Claim>): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const dataset of corpus.datasets) {
    const chosen = only ? new Set([...only].map((c) => c.id)) : undefined;
    for (const claim of dataset.doc.claims) {
      if (claim.when && (!only || only.has(claim))) {
        entries.push({
          item: 'claim',
          dataset,
          claim,
          when: claim.when,
          precision: precisionOf(claim.when.date),
        });
      }
    }
    for (const agreement of dataset.doc.agreements) {
      if (agreement.when && (!chosen || agreement.claims.some((id) => chosen.has(id)))) {
        entries.push({
          item: 'agreement',
          dataset,
          agreement,
          when: agreement.when,
          precision: precisionOf(agreement.when.date),
        });
      }
    }
  }
  return entries.sort((a, b) => compareDates(a.when, b.when));
}
