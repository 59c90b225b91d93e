import { passage } from '../core/browse/passage.js';
import { agreementsOf, relatedTo } from '../core/browse/relations.js';
import { findClaim } from '../core/model/corpus.js';
import { loadCorpus } from '../core/store/load.js';
import { printDocument } from '../render/document.js';
import { showDocument } from '../render/show.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/** `armru show ID`: one claim in full. */
export async function showCommand(ctx: CommandContext, id: string): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  const ref = findClaim(corpus, id);
  const detail = {
    ref,
    passage: passage(ref.dataset, ref.claim.quote),
    related: relatedTo(ref),
    agreements: agreementsOf(ref),
  };
  printDocument(ctx.view, showDocument(ctx.view, corpus, detail), corpus);
  return OK;
}
