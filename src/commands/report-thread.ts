/**
 * What the report's second thread and those who start it share, kept apart from both so the
 * small entry (src/entry.ts) can start the thread without loading either.
 */
import type { Worker } from 'node:worker_threads';

/** What marks the report's worker, so that the module does nothing on other threads. */
export const WORKER_DATA = 'armru-report-worker';

/** What the report's worker is started with. */
export interface WorkerStart {
  armru: typeof WORKER_DATA;
  /**
   * The dataset file the run probably reports on, for the thread to read and check while the
   * main thread is still loading: only a guess from the arguments. The thread sends back the
   * text it read, which the main thread uses when it is the very file it loads; for any other
   * text, what the thread found does not count.
   */
  guess?: string;
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
  /** Its first message (the text it read ahead, see report-worker.ts), if it came before. */
  first?: unknown;
  /** The file it was told to read ahead (see `WorkerStart`). */
  guess?: string;
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
 * ahead then. A wrong guess costs only time: the thread's findings are used only for the
 * very text the main thread reads.
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
