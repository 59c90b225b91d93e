/**
 * What the report's second thread and those who start it share, kept apart from both so the
 * small entry (src/entry.ts) can start the thread without loading either.
 */
import type { Worker } from 'node:worker_threads';

/** What the report passes its worker, so that the module does nothing on other threads. */
export const WORKER_DATA = 'armru-report-worker';

/** The file of the thread's bundle, beside the CLI's bundle. */
export const WORKER_FILE = 'report-worker.cjs';

/** A thread started before the CLI loaded, and what befell it before anyone listened. */
export interface EarlyThread {
  worker: Worker;
  error?: Error;
  exit?: number;
}

const EARLY = Symbol.for('armru.report-thread');

/** Leaves a started thread for the report to take (see `takeEarlyThread`). */
export function leaveEarlyThread(thread: EarlyThread): void {
  (globalThis as { [EARLY]?: EarlyThread })[EARLY] = thread;
}

/** The thread the entry started for this run, once; undefined when it started none. */
export function takeEarlyThread(): EarlyThread | undefined {
  const holder = globalThis as { [EARLY]?: EarlyThread };
  const thread = holder[EARLY];
  delete holder[EARLY];
  return thread;
}

/**
 * Whether the arguments (after node and the script) run `armru report`: the first word that
 * is neither an option nor the value of a global option is `report`, and no help is asked.
 */
export function runsReport(args: string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--help' || arg === '-h' || arg === '--') return false;
    if (arg === '--data' || arg === '--color') {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return arg === 'report' && !args.slice(i + 1).some((a) => a === '--help' || a === '-h');
  }
  return false;
}
