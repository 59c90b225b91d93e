import { allClaims } from '../core/corpus.js';
import { type ClaimFilterInput, claimFilter } from '../core/filter.js';
import { loadCorpus } from '../core/load.js';
import { printClaims } from '../render/claims.js';
import { type CommandContext, listed, type Outcome } from './context.js';

/** `armru claims`: every claim passing the filters, in article order. */
export async function claimsCommand(
  ctx: CommandContext,
  options: ClaimFilterInput,
): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  const { keep, via } = claimFilter(corpus, options);
  const refs = allClaims(corpus)
    .filter(keep)
    .map((ref) => ({ ...ref, via: via(ref) }));
  printClaims(ctx.view, corpus, refs);
  return listed(refs.length, 'claims match these filters');
}
