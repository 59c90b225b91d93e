import { timeline } from '../core/browse/timeline.js';
import { loadCorpus } from '../core/store/load.js';
import { type Selection, selectedSet } from '../core/store/select.js';
import { printTimeline } from '../render/browse.js';
import { type CommandContext, listed, type Outcome, printLimited } from './context.js';

/** `armru timeline`: dated claims (those the filters keep) and their agreements, in date order. */
export async function timelineCommand(
  ctx: CommandContext,
  options: Selection & { limit?: number },
): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  const entries = timeline(corpus, selectedSet(corpus, options));
  printLimited(ctx, entries, options.limit, 'dated items', (shown) =>
    printTimeline(ctx.view, corpus, shown),
  );
  return listed(entries.length, 'dated claims or agreements');
}
