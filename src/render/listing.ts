import type { Corpus } from '../core/corpus.js';
import type { Dataset } from '../core/types.js';
import { type Cell, type Column, renderPlainCells } from './plain.js';
import { printJson, tableKit, type View } from './view.js';

/** How one kind of item is listed: its table columns, its cells, and its JSON form. */
export interface Listing<T> {
  columns: Column[];
  /** One cell per column; the same texts make the tab-separated line in a pipe. */
  cells: (item: T) => Cell[];
  /** The item as JSON: the dataset's own field names plus derived fields. */
  json: (item: T) => unknown;
  /** The dataset an item comes from, for the SOURCE column when several are loaded. */
  dataset?: (item: T) => Dataset;
}

/**
 * With several datasets loaded, an object gains `dataset` (its source id) so that JSON
 * consumers can tell two `c01` apart; with one, objects stay exactly as stored.
 */
export function withDataset<V>(corpus: Corpus, dataset: Dataset, value: V): V {
  if (
    corpus.datasets.length < 2 ||
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value)
  ) {
    return value;
  }
  return { ...value, dataset: dataset.doc.source.id };
}

/**
 * Prints items the way every listing command does: a fitted table in a terminal, tab-separated
 * lines in a pipe, a JSON array with --json. With several datasets loaded, tables and lines
 * start with the item's source, and JSON objects carry `dataset`.
 */
export function printListing<T>(
  view: View,
  listing: Listing<T>,
  items: T[],
  corpus?: Corpus,
): void {
  const datasetOf = corpus && corpus.datasets.length > 1 ? listing.dataset : undefined;
  if (view.mode === 'json') {
    printJson(
      view,
      items.map((item) => {
        const value = listing.json(item);
        return datasetOf && corpus ? withDataset(corpus, datasetOf(item), value) : value;
      }),
    );
    return;
  }
  const columns: Column[] = datasetOf
    ? [{ header: 'SOURCE', wrap: true, max: 24, min: 8, optional: true }, ...listing.columns]
    : listing.columns;
  const rows = items.map((item) => {
    const cells = listing.cells(item);
    return datasetOf ? [{ text: datasetOf(item).doc.source.title }, ...cells] : cells;
  });
  if (view.mode === 'plain') {
    view.write(renderPlainCells(columns, rows, view.colors));
    return;
  }
  view.write(tableKit(view).renderTable(columns, rows, view.width, view.colors));
}
