/**
 * Where a dataset's index lives, and from what size it holds a word index: kept apart from
 * the index itself so that the small entry (src/entry.ts) and a search that never opens an
 * index can know them without loading the index's code.
 */

/** Where the index of a dataset file lives. */
export function indexDirectory(datasetFile: string): string {
  return `${datasetFile}.armru-index`;
}

/** From this many claims, an index also holds the word index. */
export const LARGE_INDEX_CLAIMS = 5000;
