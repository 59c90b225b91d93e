import { type ClaimRef, type Corpus, qualify } from '../core/corpus.js';
import { foldKeepsPositions } from '../core/fold.js';
import type { SearchHit } from '../core/search.js';
import type { Claim, Dataset } from '../core/types.js';
import { AUTHOR } from '../core/verify.js';
import type { Palette } from './color.js';
import { type Listing, printListing, withDataset } from './listing.js';
import type { Column } from './plain.js';
import type { View } from './view.js';

/** Display name of whoever asserts a claim. */
export function asserterName(dataset: Dataset, claim: Claim): string {
  return claim.assertedBy === AUTHOR
    ? AUTHOR
    : (dataset.entityById.get(claim.assertedBy)?.name ?? claim.assertedBy);
}

/** Display names of a claim's actors. */
export function actorNames(dataset: Dataset, claim: Claim): string[] {
  return claim.actors.map((id) => dataset.entityById.get(id)?.name ?? id);
}

/** Display names of a claim's topics. */
export function topicNames(dataset: Dataset, claim: Claim): string[] {
  return claim.topics.map((id) => dataset.topicById.get(id)?.name ?? id);
}

/** The claim object as JSON output carries it: as stored (plus `dataset` when several are loaded). */
export function claimJson(corpus: Corpus, ref: ClaimRef): Record<string, unknown> {
  return withDataset(corpus, ref.dataset, { ...ref.claim });
}

/** The columns every claim list shares: id, kind, asserted by, claim, actors. */
export function claimColumns(colors: Palette): Column[] {
  return [
    { header: 'ID', style: colors.id },
    { header: 'KIND', style: colors.kind },
    { header: 'ASSERTED BY', wrap: true, max: 24, min: 8 },
    { header: 'CLAIM', wrap: true, flex: true, min: 20 },
    { header: 'ACTORS', wrap: true, max: 28, min: 8, optional: true },
  ];
}

/** A claim list whose rows may carry search matches to highlight in the claim text. */
function claimListing(view: View, corpus: Corpus): Listing<ClaimRef & Partial<SearchHit>> {
  return {
    columns: claimColumns(view.colors),
    cells: (ref) => [
      { text: qualify(corpus, ref.dataset, ref.claim.id) },
      { text: ref.claim.kind },
      { text: asserterName(ref.dataset, ref.claim) },
      {
        text: ref.claim.text,
        // Match positions are positions in the folded text: usable only where folding kept them.
        marks: foldKeepsPositions(ref.claim.text)
          ? ref.matches?.filter((m) => m.field === 'text').flatMap((m) => m.indices)
          : undefined,
      },
      { text: actorNames(ref.dataset, ref.claim).join(', ') },
    ],
    dataset: (ref) => ref.dataset,
    json: (ref) =>
      ref.score === undefined
        ? claimJson(corpus, ref)
        : { ...claimJson(corpus, ref), score: ref.score },
  };
}

/** Prints search hits: with --json the claim objects as stored plus `score`, best first. */
export function printHits(view: View, corpus: Corpus, hits: SearchHit[]): void {
  printListing(view, claimListing(view, corpus), hits, corpus);
}

/** Prints claims in the order given (article order for `armru claims`). */
export function printClaims(view: View, corpus: Corpus, refs: ClaimRef[]): void {
  printListing(view, claimListing(view, corpus), refs, corpus);
}
