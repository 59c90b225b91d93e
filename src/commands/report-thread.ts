/**
 * What the report's second thread and those who start it share, kept apart from both so the
 * small entry (src/entry.ts) can start the thread without loading either.
 */
import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { readText } from '../core/dataset/read-text.js';
import { indexDirectory } from '../core/store/index-path.js';

/** What marks the report's worker, so that the module does nothing on other threads. */
export const WORKER_DATA = 'armru-report-worker';

/** What the report's worker is started with. */
export interface WorkerStart {
  armru: typeof WORKER_DATA;
}

/** Whether a thread's `workerData` is the report's. */
export function isReportThread(data: unknown): data is WorkerStart {
  return (data as { armru?: unknown } | null)?.armru === WORKER_DATA;
}

/** The file of the thread's bundle, beside the CLI's bundle. */
export const WORKER_FILE = 'report-worker.cjs';

/** A thread started before the CLI loaded, and what befell it before anyone listened. */
export interface EarlyThread {
  worker: Worker;
  error?: Error;
  exit?: number;
  /** The dataset file the run probably reports on (see `reportDataGuess`). */
  guess?: string;
  /**
   * The text of `guess` as the entry read it (see `readGuess`), sent to the thread at once:
   * the report uses it only when it loads that very file.
   */
  text?: string;
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

/**
 * The dataset file a report run names, when it names exactly one: the value of its only
 * `--data` option, or else the only path in ARMRU_DATA (`delimiter`-separated, as the CLI
 * reads it). Undefined otherwise (the built-in dataset, several paths), and nothing is read
 * early then. A wrong guess costs only time: the text read early is used only when the
 * report loads that very file.
 */
export function reportDataGuess(
  args: string[],
  env: Record<string, string | undefined>,
  delimiter: string,
): string | undefined {
  const given: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') break;
    if (arg === '--data' && i + 1 < args.length) given.push(args[++i] as string);
    else if (arg.startsWith('--data=')) given.push(arg.slice('--data='.length));
  }
  const paths = given.length > 0 ? given : (env.ARMRU_DATA ?? '').split(delimiter).filter(Boolean);
  return paths.length === 1 ? paths[0] : undefined;
}

/**
 * The text of the file a report run names (see `reportDataGuess`), read by the entry once the
 * CLI's code is loaded and before the CLI runs, while the second thread starts; undefined when
 * there is nothing to read: no guess, an index beside the file (a fresh one vouches for the
 * checks, and then the text is read where the index is checked), or a file that cannot be read
 * (the CLI reads it again and says what is wrong).
 */
export function readGuess(guess: string | undefined): string | undefined {
  if (guess === undefined || existsSync(indexDirectory(guess))) return undefined;
  try {
    return readText(guess, 'dataset');
  } catch {
    return undefined;
  }
}
