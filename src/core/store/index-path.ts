/**
 * Where a dataset's index lives, kept apart from the index itself so that the small entry
 * (src/entry.ts) can look for one before the CLI loads.
 */

/** Where the index of a dataset file lives. */
export function indexDirectory(datasetFile: string): string {
  return `${datasetFile}.armru-index`;
}
