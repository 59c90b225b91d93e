import type { Palette } from './color.js';
import { toJson } from './json.js';
import type { renderPairs, renderTable } from './table.js';
import type { wrap } from './text-width.js';

/** Where and how a command's result is printed, decided once by the CLI. */
export interface View {
  /** `table` in a terminal, `plain` (tab-separated) in a pipe, `json` with --json. */
  mode: 'table' | 'plain' | 'json';
  /** Terminal width in columns (80 when unknown). */
  width: number;
  colors: Palette;
  write: (text: string) => void;
  /** The table layout code, present when mode is `table` (loaded only then). */
  kit?: TableKit;
}

/** Table and wrapping functions, which bring cli-table3 and string-width with them. */
export interface TableKit {
  renderTable: typeof renderTable;
  renderPairs: typeof renderPairs;
  wrap: typeof wrap;
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
