import { loadCorpus } from '../core/load.js';
import { type Selection, selectedSet } from '../core/select.js';
import { stats } from '../core/stats.js';
import { printStats } from '../render/browse.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/** `armru stats`: counts and coverage, of every claim or of those the filters keep. */
export async function statsCommand(ctx: CommandContext, options: Selection): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  printStats(ctx.view, stats(corpus, selectedSet(corpus, options)));
  return OK;
}
