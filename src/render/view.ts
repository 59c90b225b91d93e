import type { Palette } from './color.js';
import { toJson } from './json.js';
import type { renderPairs, writeCards, writeTable } from './table.js';
import type { displayWidth, wrap } from './text-width.js';

/** The output formats a listing can be asked for with `--format`. */
export const LISTING_FORMATS = ['table', 'cards', 'tsv', 'json', 'jsonl', 'csv'] as const;
export type ListingFormat = (typeof LISTING_FORMATS)[number];

/** Where and how a command's result is printed, decided once by the CLI. */
export interface View {
  /** `table` in a terminal, `plain` (tab-separated) in a pipe, `json` with --json. */
  mode: 'table' | 'plain' | 'json';
  /** The exact format asked for with --format (listings honour it; others follow `mode`). */
  format?: ListingFormat;
  /** With --fields: the JSON fields to print, in this order (JSON and tabular output). */
  fields?: string[];
  /** With --header: a first line of column names in tab-separated output. */
  header?: boolean;
  /** Terminal width in columns (80 when unknown). */
  width: number;
  colors: Palette;
  write: (text: string) => void;
  /** The table layout code, present when mode is `table` (loaded only then). */
  kit?: TableKit;
}

/** Table and wrapping functions, which bring cli-table3 and string-width with them. */
export interface TableKit {
  writeTable: typeof writeTable;
  writeCards: typeof writeCards;
  renderPairs: typeof renderPairs;
  wrap: typeof wrap;
  displayWidth: typeof displayWidth;
}

/** The view's table kit; a terminal view always has one. */
export function tableKit(view: View): TableKit {
  if (!view.kit) throw new Error('a terminal view needs the table kit');
  return view.kit;
}

/** Prints a value as JSON, the same in every mode that asks for it. */
export function printJson(view: View, value: unknown): void {
  view.write(`${toJson(value, 2)}\n`);
}
