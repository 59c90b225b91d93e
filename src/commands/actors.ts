import { entitySummaries, findEntityProfiles } from '../core/browse/profiles.js';
import { loadCorpus } from '../core/store/load.js';
import { entityProfilesDocument, printEntities } from '../render/browse.js';
import { printDocument } from '../render/document.js';
import { type CommandContext, listed, OK, type Outcome } from './context.js';

/** `armru actors [NAME]`: all entities, or the profile of the ones NAME answers to. */
export async function actorsCommand(
  ctx: CommandContext,
  name: string | undefined,
  exact = false,
): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  if (name === undefined) {
    const all = entitySummaries(corpus);
    printEntities(ctx.view, corpus, all);
    return listed(all.length, 'actors in this dataset');
  }
  const profiles = findEntityProfiles(corpus, name, exact);
  printDocument(ctx.view, entityProfilesDocument(ctx.view, corpus, profiles), corpus);
  return OK;
}
