import type { AgreementRef, Corpus } from './corpus.js';
import { ArmruError } from './errors.js';
import { resolveActor } from './resolve.js';
import { AGREEMENT_STATUSES, type AgreementStatus } from './types.js';

/** Filters of `armru agreements`, as typed. */
export interface AgreementFilterInput {
  /** Status must be one of these. */
  status?: string[];
  /** Each named entity must be a party (repeated: all of them). */
  party?: string[];
}

/** The corpus's agreements that pass the filters, in dataset order. */
export function findAgreements(corpus: Corpus, input: AgreementFilterInput = {}): AgreementRef[] {
  const statuses = new Set((input.status ?? []).map(checkStatus));
  const parties = (input.party ?? []).map((name) => resolveActor(corpus, name));
  return corpus.datasets.flatMap((dataset) =>
    dataset.doc.agreements
      .filter((a) => statuses.size === 0 || statuses.has(a.status))
      .filter((a) =>
        parties.every((resolved) => a.parties.some((id) => resolved.get(dataset)?.has(id))),
      )
      .map((agreement) => ({ dataset, agreement })),
  );
}

function checkStatus(status: string): AgreementStatus {
  if ((AGREEMENT_STATUSES as readonly string[]).includes(status)) return status as AgreementStatus;
  throw new ArmruError(
    'usage',
    `unknown status "${status}"; expected one of ${AGREEMENT_STATUSES.join(', ')}`,
  );
}
