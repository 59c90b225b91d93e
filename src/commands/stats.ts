import { stats } from '../core/browse/stats.js';
import { loadCorpus } from '../core/store/load.js';
import { type Selection, selectedSet } from '../core/store/select.js';
import { statsDocument } from '../render/browse.js';
import { printDocument } from '../render/document.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/** `armru stats`: counts and coverage, of every claim or of those the filters keep. */
export async function statsCommand(ctx: CommandContext, options: Selection): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  const counted = stats(corpus, selectedSet(corpus, options));
  printDocument(ctx.view, statsDocument(counted), corpus);
  return OK;
}
