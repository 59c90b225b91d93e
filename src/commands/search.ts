import { confirmQuotes } from '../core/confirm.js';
import type { Corpus } from '../core/corpus.js';
import { buildFilter, type ClaimFilterInput } from '../core/filter.js';
import { IndexDamaged } from '../core/index-store.js';
import { indexedSearch, openWordIndexes } from '../core/indexed-search.js';
import { datasetFiles, loadCorpus } from '../core/load.js';
import { ClaimSearcher, type SearchHit } from '../core/search.js';
import { printHits } from '../render/claims.js';
import { printJson } from '../render/view.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/** Checked options of `armru search`. */
export interface SearchOptions extends ClaimFilterInput {
  limit: number;
}

/**
 * `armru search <query...>`: words joined by spaces form one fzf-style query. Datasets with a
 * fresh word index (`armru index`) are searched through it; the rest are loaded whole.
 */
export async function searchCommand(
  ctx: CommandContext,
  words: string[],
  options: SearchOptions,
): Promise<Outcome> {
  const query = words.join(' ');
  let result: { corpus: Corpus; hits: SearchHit[] } | undefined;
  if (ctx.dataPaths.length > 0) {
    const lookup = openWordIndexes(ctx.dataPaths.flatMap(datasetFiles));
    if (lookup.usable) {
      try {
        result = indexedSearch(lookup.indexes, query, options, options.limit);
      } catch (error) {
        // An index that was fresh when opened but whose bytes do not match what it recorded
        // is not believed: one note, and the search runs on the dataset itself.
        if (!(error instanceof IndexDamaged)) throw error;
        ctx.note(
          `the index of ${error.datasetFile} is stale (${error.reason}); searching without it. Run 'armru index' to rebuild it`,
        );
      }
      // What the index says must still be what the article says.
      if (result) await confirmQuotes(result.hits);
    } else for (const note of lookup.notes) ctx.note(note);
  }
  if (!result) {
    const corpus = await loadCorpus(ctx.dataPaths);
    const filter = buildFilter(corpus, options);
    result = {
      corpus,
      hits: new ClaimSearcher(corpus).search(query, { filter, limit: options.limit }),
    };
  }
  if (result.hits.length === 0) {
    // Scripts reading --json always get a JSON document, even when nothing matched.
    if (ctx.view.mode === 'json') printJson(ctx.view, []);
    return { status: 'no-match', message: `no claims match "${query}"` };
  }
  printHits(ctx.view, result.corpus, result.hits);
  return OK;
}
