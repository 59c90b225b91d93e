import type { Palette } from './color.js';
import { toJson } from './json.js';

/** Where and how a command's result is printed, decided once by the CLI. */
export interface View {
  /** `table` in a terminal, `plain` (tab-separated) in a pipe, `json` with --json. */
  mode: 'table' | 'plain' | 'json';
  /** Terminal width in columns (80 when unknown). */
  width: number;
  colors: Palette;
  write: (text: string) => void;
}

/** Prints a value as JSON, the same in every mode that asks for it. */
export function printJson(view: View, value: unknown): void {
  view.write(`${toJson(value, 2)}\n`);
}
