import { entityProfiles, findEntityProfiles } from '../core/browse/profiles.js';
import { loadCorpus } from '../core/store/load.js';
import { printEntities, printEntityProfiles } from '../render/browse.js';
import { type CommandContext, listed, OK, type Outcome } from './context.js';

/** `armru actors [NAME]`: all entities, or the profile of the ones NAME answers to. */
export async function actorsCommand(
  ctx: CommandContext,
  name: string | undefined,
  exact = false,
): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  if (name === undefined) {
    const all = entityProfiles(corpus);
    printEntities(ctx.view, corpus, all);
    return listed(all.length, 'actors in this dataset');
  }
  printEntityProfiles(ctx.view, corpus, findEntityProfiles(corpus, name, exact));
  return OK;
}
