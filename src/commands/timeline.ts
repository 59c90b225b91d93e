import { loadCorpus } from '../core/load.js';
import { timeline } from '../core/timeline.js';
import { printTimeline } from '../render/browse.js';
import { type CommandContext, listed, type Outcome } from './context.js';

/** `armru timeline`: dated claims and agreements in date order. */
export async function timelineCommand(ctx: CommandContext): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  const entries = timeline(corpus);
  printTimeline(ctx.view, corpus, entries);
  return listed(entries.length, 'dated claims or agreements');
}
