import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { articleRuns } from '../core/browse/marks.js';
import { corpusInputs, writeFileAtomic } from '../core/dataset/write-file.js';
import type { Corpus } from '../core/model/corpus.js';
import { ArmruError } from '../core/model/errors.js';
import { VERSION } from '../core/model/paths.js';
import type { ClaimKind, Dataset } from '../core/model/types.js';
import { indexDirectory } from '../core/store/index-store.js';
import { loadCorpusChecking } from '../core/store/load.js';
import type { NetworkPicture } from '../render/html/page.js';
import { type CommandContext, OK, type Outcome } from './context.js';
import {
  type EarlyThread,
  takeEarlyThread,
  WORKER_DATA,
  WORKER_FILE,
  type WorkerStart,
} from './report-thread.js';
import type { WorkerAnswer, WorkerRequest } from './report-worker.js';

/** Checked options of `armru report`. */
export interface ReportOptions {
  /** File to write (atomically); stdout when absent or `-`. */
  output?: string;
}

/**
 * `armru report`: the article as one self-contained HTML page, with its claims highlighted,
 * a searchable list, the actor network and a timeline. The page is built whole in memory and
 * then written atomically, so an error never leaves half a file.
 */
export async function reportCommand(ctx: CommandContext, options: ReportOptions): Promise<Outcome> {
  const toStdout = !options.output || options.output === '-';
  if (toStdout && ctx.view.mode === 'table') {
    throw new ArmruError(
      'usage',
      'the report is an HTML page: write it to a file with -o FILE, or redirect stdout',
    );
  }
  // Graphviz compiles on another thread while the dataset loads here.
  const helper = startHelper();
  try {
    return await writeReport(ctx, options, toStdout, helper);
  } finally {
    await helper.close();
  }
}

/** The report's second thread (report-worker.ts): the checks of the text, and the network. */
interface Helper {
  /**
   * The actor network of a dataset's text as read, planned and laid out on the thread;
   * rejects with Graphviz's errors (or the thread's failure).
   */
  network(text: string): Promise<NetworkPicture>;
  /**
   * Whether the document of a dataset's text as read meets the JSON Schema, checked on the
   * thread's own parse (rejects if the thread fails).
   */
  check(text: string): Promise<boolean>;
  /**
   * The text of `file` as the entry read it (and sent to the thread), or undefined when it
   * read another file or none, or an index now lies beside it: then the file is read here.
   */
  textOf(file: string): Promise<string | undefined>;
  /** Stops the thread (also when nothing was asked). */
  close(): Promise<void>;
}

function startHelper(): Helper {
  // Started by the entry while the CLI loaded, when it saw `report`; otherwise now. Beside
  // this file: the bundle's report-worker.cjs, or the library's report-worker.js.
  const here = import.meta.url;
  const early: EarlyThread = takeEarlyThread() ?? startThread(here);
  const { worker } = early;
  // Kept referenced: the answers are awaited, and `close` ends the thread in every case.
  worker.ref();
  const waiting: {
    type: WorkerAnswer['type'];
    resolve: (a: WorkerAnswer) => void;
    reject: (e: unknown) => void;
  }[] = [];
  // Once the thread has failed or ended, every question, asked or still to come, fails at
  // once instead of waiting for an answer that cannot come.
  let gone: Error | undefined;
  const fail = (error: Error) => {
    gone ??= error;
    for (const w of waiting.splice(0)) w.reject(gone);
  };
  const ended = (code: number) =>
    fail(new Error(`the report's second thread ended (status ${code})`));
  // The text the thread holds (sent early by the entry, or last sent): a question about it
  // goes without it.
  let held = early.text;
  const about = (text: string) => {
    if (text === held) return {};
    held = text;
    return { text };
  };
  worker.on('message', (answer: WorkerAnswer) => {
    const at = waiting.findIndex((w) => w.type === answer.type);
    if (at !== -1) waiting.splice(at, 1)[0]?.resolve(answer);
  });
  worker.on('error', fail);
  worker.on('exit', ended);
  // What befell an early thread before these listeners.
  if (early.error) fail(early.error);
  else if (early.exit !== undefined) ended(early.exit);
  /** An answer of this type, the next to come (the thread answers in the order asked). */
  const answer = (type: WorkerAnswer['type']) =>
    new Promise<WorkerAnswer>((resolve, reject) => {
      if (gone) reject(gone);
      else waiting.push({ type, resolve, reject });
    });
  const ask = (request: WorkerRequest) => {
    if (!gone) worker.postMessage(request);
  };
  return {
    network: async (text) => {
      const picture = answer('network');
      ask({ type: 'network', ...about(text) });
      const got = await picture;
      if ('shown' in got) return { shown: got.shown, total: got.total, svg: got.svg };
      throw new Error('error' in got ? got.error : 'Graphviz gave no answer');
    },
    check: async (text) => {
      const verdict = answer('check');
      // The text the thread holds (sent early, or last) is not sent to it again.
      ask({ type: 'check', ...about(text) });
      const got = await verdict;
      return 'clean' in got && got.clean;
    },
    textOf: async (file) => {
      // Only the file the entry read, and only without an index beside it (a fresh one
      // spares the checks, and is checked against the text read with it).
      if (file !== early.guess || existsSync(indexDirectory(file))) return undefined;
      return early.text;
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

/** The thread, started here (not by the entry), with its go-ahead (this code is loaded). */
function startThread(here: string): EarlyThread {
  const worker = new Worker(
    new URL(here.endsWith('.cjs') ? `./${WORKER_FILE}` : './report-worker.js', here),
    { workerData: { armru: WORKER_DATA } satisfies WorkerStart },
  );
  worker.postMessage({ type: 'start' } satisfies WorkerRequest);
  return { worker };
}

async function writeReport(
  ctx: CommandContext,
  options: ReportOptions,
  toStdout: boolean,
  helper: Helper,
): Promise<Outcome> {
  // Without a fresh index, the helper thread checks its own parse of the text (often sent by
  // the entry, see readGuess) against the schema, and the loader here looks for what JSON.parse
  // let through, while the page is made. Nothing is written until every check has passed.
  // The page carries the dataset's text as read.
  let json: string | undefined;
  let network: Promise<NetworkPicture> | undefined;
  const { corpus, checked } = await loadCorpusChecking(ctx.dataPaths, {
    check: (text) => helper.check(text),
    read: (text) => {
      if (json !== undefined) return;
      json = text;
      // The network is planned and laid out on the other thread, from its own parse of this
      // very text, while this thread checks it, marks the article and writes the rest of the
      // page. Asked at once, so that the thread parses while this one does. Awaited last;
      // until then a failure must not count as unhandled.
      network = helper.network(text);
      network.catch(() => undefined);
    },
    early: (file) => helper.textOf(file),
  });
  try {
    const page = { json: json as string, network: network as Promise<NetworkPicture> };
    return await makeReport(ctx, options, toStdout, corpus, checked, page);
  } catch (error) {
    // A document that has not met the schema yet can fail anywhere: the checks say why.
    await checked;
    throw error;
  }
}

async function makeReport(
  ctx: CommandContext,
  options: ReportOptions,
  toStdout: boolean,
  corpus: Corpus,
  checked: Promise<void>,
  /** The dataset's text as read, and the network the other thread makes of it. */
  made: { json: string; network: Promise<NetworkPicture> },
): Promise<Outcome> {
  if (corpus.datasets.length !== 1) {
    throw new ArmruError(
      'usage',
      `a report shows one article, but ${corpus.datasets.length} datasets are loaded (${corpus.datasets.map((d) => d.doc.source.id).join(', ')}); choose one with --data`,
    );
  }
  const dataset = corpus.datasets[0] as Dataset;
  const { claims, agreements } = dataset.doc;
  // One dataset: ids are shown as they are stored.
  const kinds = new Map<string, ClaimKind>();
  const quotes: { id: string; start: number; end: number }[] = [];
  let dated = false;
  for (const claim of claims) {
    kinds.set(claim.id, claim.kind);
    quotes.push({ id: claim.id, start: claim.quote.start, end: claim.quote.end });
    if (claim.when) dated = true;
  }
  for (const agreement of agreements) if (agreement.when) dated = true;
  const runs = articleRuns(dataset.text, quotes);

  const { fillData, fillNetwork, renderReport } = await import('../render/html/page.js');
  const page = renderReport({
    source: dataset.doc.source,
    runs,
    kinds,
    dated,
    version: VERSION,
  });
  // One dataset was loaded, from this text.
  fillData(page, made.json);
  // For a file, the pieces in hand are encoded now, while the other thread may still be at
  // work on the network (the strings let go as they are done); the network's comes last.
  const bytes: (string | Uint8Array)[] = [];
  if (!toStdout) {
    page.pieces.forEach((piece, i) => {
      bytes.push(i === page.networkAt ? '' : Buffer.from(piece, 'utf8'));
      page.pieces[i] = '';
    });
  }
  // The checks first: a document that fails them is never drawn into a page.
  await checked;
  const pieces = fillNetwork(page, await made.network);
  if (toStdout) for (const piece of pieces) ctx.view.write(piece);
  else {
    bytes[page.networkAt] = pieces[page.networkAt] as string;
    await writeFileAtomic(options.output as string, bytes, { keep: corpusInputs(corpus) });
  }
  return OK;
}
