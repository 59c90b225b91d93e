import { loadCorpus } from '../core/load.js';
import { stats } from '../core/stats.js';
import { printStats } from '../render/browse.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/** `armru stats`: counts and coverage. */
export async function statsCommand(ctx: CommandContext): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  printStats(ctx.view, stats(corpus));
  return OK;
}
