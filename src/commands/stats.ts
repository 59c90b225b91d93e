import { stats } from '../core/browse/stats.js';
import { type Selection, selectedSet } from '../core/search/select.js';
import { loadCorpus } from '../core/store/load.js';
import { printStats } from '../render/browse.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/** `armru stats`: counts and coverage, of every claim or of those the filters keep. */
export async function statsCommand(ctx: CommandContext, options: Selection): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  printStats(ctx.view, stats(corpus, selectedSet(corpus, options)));
  return OK;
}
