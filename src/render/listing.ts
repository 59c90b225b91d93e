import type { Corpus } from '../core/model/corpus.js';
import { ArmruError } from '../core/model/errors.js';
import type { Dataset } from '../core/model/types.js';
import { type Cell, type Column, renderPlain, renderPlainCells } from './cells.js';
import { csvField } from './export.js';
import { toJson } from './json.js';
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
  const format =
    view.format ?? (view.mode === 'json' ? 'json' : view.mode === 'plain' ? 'tsv' : 'table');
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
  let columns: Column[];
  let rows: Cell[][];
  if (fields) {
    // The chosen fields as columns: values as JSON gives them, lists joined with commas.
    columns = fields.map((f, i) => ({
      header: f,
      wrap: true,
      ...(i === fields.length - 1 ? { flex: true } : {}),
    }));
    rows = items.map((item) => {
      const value = jsonOf(item) as Record<string, unknown>;
      return fields.map((f) => ({ text: fieldText(value[f]) }));
    });
  } else {
    columns = datasetOf
      ? [{ header: 'SOURCE', wrap: true, max: 24, min: 8, optional: true }, ...listing.columns]
      : listing.columns;
    rows = items.map((item) => {
      const cells = listing.cells(item);
      return datasetOf ? [{ text: datasetOf(item).doc.source.title }, ...cells] : cells;
    });
  }
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
  const kit = tableKit(view);
  view.write(
    format === 'cards'
      ? kit.renderCards(columns, rows, view.width, view.colors)
      : kit.renderTable(columns, rows, view.width, view.colors),
  );
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
