import { disputes } from '../core/browse/relations.js';
import { loadCorpus } from '../core/store/load.js';
import { type Selection, selectedSet } from '../core/store/select.js';
import { printDisputes } from '../render/browse.js';
import { type CommandContext, listed, type Outcome, printLimited } from './context.js';

/** `armru disputes`: claims that dispute or qualify others (one of the pair kept by the filters). */
export async function disputesCommand(
  ctx: CommandContext,
  options: Selection & { limit?: number },
): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  const found = disputes(corpus, selectedSet(corpus, options));
  printLimited(ctx, found, options.limit, 'pairs', (shown) =>
    printDisputes(ctx.view, corpus, shown),
  );
  return listed(found.length, 'disputes or qualifications recorded');
}
