import { type Cell, type Column, renderPlain, renderTable } from './table.js';
import { printJson, type View } from './view.js';

/** How one kind of item is listed: its table columns, its cells, and its JSON form. */
export interface Listing<T> {
  columns: Column[];
  /** One cell per column; the same texts make the tab-separated line in a pipe. */
  cells: (item: T) => Cell[];
  /** The item as JSON: the dataset's own field names plus derived fields. */
  json: (item: T) => unknown;
}

/**
 * Prints items the way every listing command does: a fitted table in a terminal, tab-separated
 * lines in a pipe, a JSON array with --json.
 */
export function printListing<T>(view: View, listing: Listing<T>, items: T[]): void {
  if (view.mode === 'json') {
    printJson(view, items.map(listing.json));
    return;
  }
  const rows = items.map(listing.cells);
  if (view.mode === 'plain') {
    view.write(renderPlain(rows.map((row) => row.map((cell) => cell.text))));
    return;
  }
  view.write(renderTable(listing.columns, rows, view.width, view.colors));
}
