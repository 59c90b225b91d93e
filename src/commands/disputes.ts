import { loadCorpus } from '../core/load.js';
import { disputes } from '../core/relations.js';
import { printDisputes } from '../render/browse.js';
import { type CommandContext, listed, type Outcome } from './context.js';

/** `armru disputes`: claims that dispute or qualify others. */
export async function disputesCommand(ctx: CommandContext): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  const found = disputes(corpus);
  printDisputes(ctx.view, corpus, found);
  return listed(found.length, 'disputes or qualifications recorded');
}
