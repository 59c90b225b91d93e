import type { Corpus } from '../core/model/corpus.js';
import { ArmruError } from '../core/model/errors.js';
import type { Dataset } from '../core/model/types.js';
import { type Cell, type Column, renderPlain, renderPlainCells } from './cells.js';
import { csvField } from './export.js';
import { toJson } from './json.js';
import { type ListingFormat, printJson, tableKit, type View } from './view.js';

/** How one kind of item is listed: its table columns, its cells, and its JSON form. */
export interface Listing<T> {
  columns: Column[];
  /** One cell per column; the same texts make the tab-separated line in a pipe. */
  cells: (item: T) => Cell[];
  /** The item as JSON: the dataset's own field names plus derived fields. */
  json: (item: T) => unknown;
  /** The dataset an item comes from, for the SOURCE column when several are loaded. */
  dataset?: (item: T) => Dataset;
  /**
   * The fields of a tab-separated or CSV line, when they differ from the table's cells: a
   * table may put two values in one cell (a date and its basis, a note under the name) where
   * a line gives each its own field.
   */
  line?: { columns: Column[]; values: (item: T) => string[] };
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

/** The format a listing is printed in: the one --format asks for, else the mode's. */
export function listingFormat(view: View): ListingFormat {
  return view.format ?? (view.mode === 'json' ? 'json' : view.mode === 'plain' ? 'tsv' : 'table');
}

/** True when a listing is drawn for people to read (a table or cards), not printed as data. */
export function drawn(view: View): boolean {
  const format = listingFormat(view);
  return format === 'table' || format === 'cards';
}

/**
 * Prints items the way every listing command does: a fitted table in a terminal (cards when
 * no table fits), tab-separated lines in a pipe, a JSON array with --json; or exactly the
 * format asked for with --format (table, cards, tsv, json, jsonl, csv). With several
 * datasets loaded, tables and lines start with the item's source, and JSON objects carry
 * `dataset`. With --fields, every format shows those JSON fields, in that order.
 */
export function printListing<T>(
  view: View,
  listing: Listing<T>,
  items: T[],
  corpus?: Corpus,
): void {
  const datasetOf = corpus && corpus.datasets.length > 1 ? listing.dataset : undefined;
  const jsonOf = (item: T): unknown => {
    const value = listing.json(item);
    return datasetOf && corpus ? withDataset(corpus, datasetOf(item), value) : value;
  };
  const fields = view.fields;
  if (fields) checkFields(fields, items.map(jsonOf));
  const pick = (value: unknown): unknown =>
    fields
      ? Object.fromEntries(fields.map((f) => [f, (value as Record<string, unknown>)[f]]))
      : value;
  const format = listingFormat(view);
  if (format === 'json') {
    printJson(
      view,
      items.map((item) => pick(jsonOf(item))),
    );
    return;
  }
  if (format === 'jsonl') {
    view.write(items.map((item) => `${toJson(pick(jsonOf(item)))}\n`).join(''));
    return;
  }
  const { columns, rows } = fields
    ? chosenFields(fields, items.map(jsonOf))
    : tabulate(listing, items, format === 'tsv' || format === 'csv', datasetOf);
  if (format === 'csv') {
    const line = (cells: string[]) => `${cells.map(csvField).join(',')}\r\n`;
    view.write(
      line(columns.map((c) => c.header)) + rows.map((row) => line(row.map((c) => c.text))).join(''),
    );
    return;
  }
  if (format === 'tsv') {
    const head = view.header ? renderPlain([columns.map((c) => c.header)]) : '';
    view.write(head + renderPlainCells(columns, rows, view.colors));
    return;
  }
  // Long listings are written a slice at a time as they are laid out (see writeTable).
  const kit = tableKit(view);
  if (format === 'cards') kit.writeCards(columns, rows, view.width, view.colors, view.write);
  else kit.writeTable(columns, rows, view.width, view.colors, view.write);
}

/**
 * The columns and cells of a listing: the table's, or with `asLines` the fields of a line
 * (`Listing.line`) where they differ. With `datasetOf`, a SOURCE column comes first.
 */
export function tabulate<T>(
  listing: Listing<T>,
  items: T[],
  asLines: boolean,
  datasetOf?: (item: T) => Dataset,
): { columns: Column[]; rows: Cell[][] } {
  const own = asLines ? listing.line : undefined;
  const base = own ? own.columns : listing.columns;
  const columns = datasetOf
    ? [{ header: 'SOURCE', wrap: true, max: 24, min: 8, optional: true }, ...base]
    : base;
  const rows = items.map((item) => {
    const cells = own ? own.values(item).map((text) => ({ text })) : listing.cells(item);
    return datasetOf ? [{ text: datasetOf(item).doc.source.title }, ...cells] : cells;
  });
  return { columns, rows };
}

/** The fields --fields chose as columns: values as JSON gives them, lists joined with commas. */
function chosenFields(fields: string[], values: unknown[]): { columns: Column[]; rows: Cell[][] } {
  const columns = fields.map((f, i) => ({
    header: f,
    wrap: true,
    ...(i === fields.length - 1 ? { flex: true } : {}),
  }));
  const rows = values.map((value) =>
    fields.map((f) => ({ text: fieldText((value as Record<string, unknown>)[f]) })),
  );
  return { columns, rows };
}

/** A JSON value as cell text: strings as they are, lists joined with commas, the rest as JSON. */
function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(fieldText).join(', ');
  return typeof value === 'object' ? toJson(value) : String(value);
}

/** Refuses a --fields name no item has, listing the names there are. */
function checkFields(fields: string[], values: unknown[]): void {
  if (values.length === 0) return;
  const known = new Set(values.flatMap((v) => (v && typeof v === 'object' ? Object.keys(v) : [])));
  const unknown = fields.filter((f) => !known.has(f));
  if (unknown.length > 0) {
    throw new ArmruError(
      'usage',
      `--fields: no field named ${unknown.map((f) => `"${f}"`).join(', ')}; expected some of ${[...known].join(', ')}`,
    );
  }
}
