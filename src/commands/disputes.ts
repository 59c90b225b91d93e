import { disputes } from '../core/browse/relations.js';
import { type Selection, selectedSet } from '../core/search/select.js';
import { loadCorpus } from '../core/store/load.js';
import { printDisputes } from '../render/browse.js';
import { type CommandContext, limited, listed, type Outcome } from './context.js';

/** `armru disputes`: claims that dispute or qualify others (one of the pair kept by the filters). */
export async function disputesCommand(
  ctx: CommandContext,
  options: Selection & { limit?: number },
): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  const found = disputes(corpus, selectedSet(corpus, options));
  printDisputes(ctx.view, corpus, limited(ctx, found, options.limit, 'pairs'));
  return listed(found.length, 'disputes or qualifications recorded');
}
