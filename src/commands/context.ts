import type { Notice, Remedy } from '../core/model/errors.js';
import { printFooter } from '../render/claims.js';
import type { View } from '../render/view.js';

/** What every command receives from the CLI: where to print, and which dataset to load. */
export interface CommandContext {
  view: View;
  /** Dataset files or directories from --data or ARMRU_DATA; empty for the built-in dataset. */
  dataPaths: string[];
  /** Writes one human-readable line to stdout, sanitised like every line a person reads. */
  line: (text: string) => void;
  /** Writes a message to stderr as `armru: MESSAGE` (sanitised by the CLI). */
  note: (message: string) => void;
  /** Writes an indented detail line under a message (one problem of several). */
  detail: (line: string) => void;
  /**
   * Shows progress on stderr: one line rewritten in place on a terminal, occasional lines
   * otherwise; an empty string ends it.
   */
  progress: (text: string) => void;
  /**
   * The pager the output will go through when the command ends (stdout a terminal), if any:
   * its command, and a way to ask it to open at a line (`less` can; see render/pager.ts).
   */
  pager?: { command: string; startAt: (line: number) => void };
}

/**
 * How a command ended, for the CLI to turn into an exit status. `message` goes to stderr
 * (an empty listing is still a success, but the user hears about it).
 */
export interface Outcome {
  /** `invalid`: a dataset failed its checks, reported line by line already (exit 2). */
  status: 'ok' | 'no-match' | 'invalid';
  message?: string;
}

export const OK: Outcome = { status: 'ok' };

/** Success, with a note on stderr when there was nothing to list. */
export function listed(count: number, what: string): Outcome {
  return count === 0 ? { status: 'ok', message: `no ${what}` } : OK;
}

/**
 * Prints the first `limit` items (all without one) with `print`, then says how many were
 * left out the way `search` does: under the table in a terminal, on stderr otherwise.
 */
export function printLimited<T>(
  ctx: CommandContext,
  items: T[],
  limit: number | undefined,
  what: string,
  print: (shown: T[]) => void,
): void {
  if (limit === undefined || items.length <= limit) {
    print(items);
    return;
  }
  print(items.slice(0, limit));
  printFooter(
    ctx.view,
    [`showing ${limit} of ${items.length} ${what} (--limit N to change, or leave it out for all)`],
    ctx.note,
  );
}

/** What armru's commands let a person do about a problem the core names by its code. */
const REMEDIES: Record<Remedy, string> = {
  reindex: "run 'armru index' to rebuild it",
  index: "run 'armru index' to build one",
};

/** A message with what to do about it: `MESSAGE; run 'armru index' to rebuild it`. */
export function withRemedy({ message, remedy }: Notice): string {
  return remedy ? `${message}; ${REMEDIES[remedy]}` : message;
}
