import type { AgreementRef, Corpus } from '../model/corpus.js';
import { chooseEnum } from '../model/enums.js';
import { AGREEMENT_STATUSES } from '../model/types.js';
import { reachedBy, type Via, viaOf } from '../search/hierarchy.js';
import { reachActor } from '../search/resolve.js';

/** Filters of `armru agreements`, as typed. */
export interface AgreementFilterInput {
  /** Status must be one of these (any case). */
  status?: string[];
  /**
   * Each named entity, or one of its members, must be a party (repeated: all of them).
   * `=Name` means the entity itself only.
   */
  party?: string[];
  /** Party names mean the entity itself, not its members. */
  exactParty?: boolean;
}

/** An agreement a filter kept, and how its parties matched through membership. */
export interface FoundAgreement extends AgreementRef {
  via: Via[];
}

/** The corpus's agreements that pass the filters, in dataset order. */
export function findAgreements(corpus: Corpus, input: AgreementFilterInput = {}): FoundAgreement[] {
  const statuses = new Set(
    (input.status ?? []).map((s) => chooseEnum('status', s, AGREEMENT_STATUSES)),
  );
  const parties = (input.party ?? []).map((name) => ({
    name,
    found: reachActor(corpus, name, Boolean(input.exactParty)),
  }));
  return corpus.datasets.flatMap((dataset) =>
    dataset.doc.agreements
      .filter((a) => statuses.size === 0 || statuses.has(a.status))
      .map((agreement) => {
        const via: Via[] = [];
        for (const { name, found } of parties) {
          const chain = reachedBy(found.get(dataset), agreement.parties);
          if (chain === undefined) return undefined;
          if (chain) via.push(viaOf(dataset, 'party', name, chain));
        }
        return { dataset, agreement, via };
      })
      .filter((found): found is FoundAgreement => found !== undefined),
  );
}
