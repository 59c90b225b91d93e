import { allClaims } from '../core/model/corpus.js';
import { claimFilter } from '../core/search/filter.js';
import { loadCorpus } from '../core/store/load.js';
import { type Selection, selectedSet } from '../core/store/select.js';
import { printClaims } from '../render/claims.js';
import { type CommandContext, listed, type Outcome, printLimited } from './context.js';

/** `armru claims`: every claim passing the filters (and --query), in article order. */
export async function claimsCommand(
  ctx: CommandContext,
  options: Selection & { limit?: number },
): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  const { keep, via } = claimFilter(corpus, options);
  const matched = options.query === undefined ? undefined : selectedSet(corpus, options);
  const refs = allClaims(corpus)
    .filter((ref) => keep(ref) && (!matched || matched.has(ref.claim)))
    .map((ref) => ({ ...ref, via: via(ref) }));
  printLimited(ctx, refs, options.limit, 'claims', (shown) => printClaims(ctx.view, corpus, shown));
  return listed(refs.length, 'claims match these filters');
}
