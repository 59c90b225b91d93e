import { passage } from '../core/browse/passage.js';
import { agreementsOf, relatedTo } from '../core/browse/relations.js';
import { findClaim } from '../core/model/corpus.js';
import { loadCorpus } from '../core/store/load.js';
import { printShow } from '../render/show.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/** `armru show ID`: one claim in full. */
export async function showCommand(ctx: CommandContext, id: string): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  const ref = findClaim(corpus, id);
  printShow(ctx.view, corpus, {
    ref,
    passage: passage(ref.dataset, ref.claim.quote),
    related: relatedTo(ref),
    agreements: agreementsOf(ref).map((a) => a.agreement),
  });
  return OK;
}
