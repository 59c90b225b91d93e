import type { AgreementRef, ClaimRef, Corpus } from '../model/corpus.js';
import { type Precision, precisionOf } from '../model/dates.js';
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
    const chosen = only ? new Set(Array.from(only, (c) => c.id)) : undefined;
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
  // The order of compareDates, with each date's start taken once rather than at every
  // comparison (10^5 dated claims make millions of comparisons).
  const keyed = entries.map((entry) => ({ entry, start: dateStart(entry.when) }));
  keyed.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return keyed.map((k) => k.entry);
}

/** Where a date or interval starts: what compareDates orders by. */
function dateStart(when: When): string {
  const slash = when.date.indexOf('/');
  return slash === -1 ? when.date : when.date.slice(0, slash);
}
