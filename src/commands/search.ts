import { buildFilter, type ClaimFilterInput } from '../core/filter.js';
import { loadCorpus } from '../core/load.js';
import { ClaimSearcher } from '../core/search.js';
import { printHits } from '../render/claims.js';
import { printJson } from '../render/view.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/** Checked options of `armru search`. */
export interface SearchOptions extends ClaimFilterInput {
  limit: number;
}

/** `armru search <query...>`: words joined by spaces form one fzf-style query. */
export async function searchCommand(
  ctx: CommandContext,
  words: string[],
  options: SearchOptions,
): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  const filter = buildFilter(corpus, options);
  const query = words.join(' ');
  const hits = new ClaimSearcher(corpus).search(query, { filter, limit: options.limit });
  if (hits.length === 0) {
    // Scripts reading --json always get a JSON document, even when nothing matched.
    if (ctx.view.mode === 'json') printJson(ctx.view, []);
    return { status: 'no-match', message: `no claims match "${query}"` };
  }
  printHits(ctx.view, corpus, hits);
  return OK;
}
