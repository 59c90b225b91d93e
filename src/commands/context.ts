import type { View } from '../render/view.js';

/** What every command receives from the CLI: where to print, and which dataset to load. */
export interface CommandContext {
  view: View;
  /** Dataset path from --data or ARMRU_DATA; undefined for the built-in dataset. */
  dataPath: string | undefined;
}

/** How a command ended, for the CLI to turn into an exit status. */
export type Outcome = { status: 'ok' } | { status: 'no-match'; message: string };

export const OK: Outcome = { status: 'ok' };
