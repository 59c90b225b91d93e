import type { SearchHit } from '../core/search.js';
import type { Claim, Dataset } from '../core/types.js';
import { AUTHOR } from '../core/verify.js';
import { type Cell, type Column, renderPlain, renderTable } from './table.js';
import { printJson, type View } from './view.js';

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

function claimColumns(view: View): Column[] {
  return [
    { header: 'ID', style: view.colors.id },
    { header: 'KIND', style: view.colors.kind },
    { header: 'ASSERTED BY', wrap: true, max: 24, min: 8 },
    { header: 'CLAIM', wrap: true, flex: true, min: 20 },
    { header: 'ACTORS', wrap: true, max: 28, min: 8, optional: true },
  ];
}

/**
 * Prints search hits (or any claims, as hits with score 0): a table in a terminal,
 * tab-separated lines in a pipe, or with --json the claim objects exactly as stored plus `score`.
 */
export function printHits(view: View, dataset: Dataset, hits: SearchHit[]): void {
  if (view.mode === 'json') {
    printJson(
      view,
      hits.map((hit) => ({ ...hit.claim, score: hit.score })),
    );
    return;
  }
  const values = hits.map(({ claim }) => [
    claim.id,
    claim.kind,
    asserterName(dataset, claim),
    claim.text,
    actorNames(dataset, claim).join(', '),
  ]);
  if (view.mode === 'plain') {
    view.write(renderPlain(values));
    return;
  }
  const rows: Cell[][] = hits.map((hit, r) =>
    (values[r] as string[]).map((text, c) => ({
      text,
      marks:
        c === 3
          ? hit.matches.filter((m) => m.field === 'text').flatMap((m) => m.indices)
          : undefined,
    })),
  );
  view.write(renderTable(claimColumns(view), rows, view.width, view.colors));
}
