/**
 * Where a dataset's index lives, kept apart from the index itself so that the small entry
 * (src/entry.ts) can look for one without loading the index's code.
 */

/** Where the index of a dataset file lives. */
export function indexDirectory(datasetFile: string): string {
  return `${datasetFile}.armru-index`;
}
