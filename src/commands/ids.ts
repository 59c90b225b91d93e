import { allClaims, qualify } from '../core/corpus.js';
import { loadCorpus } from '../core/load.js';
import { sanitizeInline } from '../render/sanitize.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/** `armru __complete-ids`: every claim id users can type, one per line, for shell completion. */
export async function idsCommand(ctx: CommandContext): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  ctx.view.write(
    allClaims(corpus)
      .map((r) => `${sanitizeInline(qualify(corpus, r.dataset, r.claim.id))}\n`)
      .join(''),
  );
  return OK;
}
