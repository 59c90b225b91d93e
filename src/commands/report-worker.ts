/**
 * The report's second thread (bundled as dist/armru/report-worker.cjs). While the main thread
 * checks the dataset and lays out the article, it starts Graphviz, parses the text the main
 * thread read (or the same text it read itself ahead of the main thread, see `readAhead`),
 * checks that parse against the JSON Schema, and plans and lays out the actor network from
 * it, in the order asked (when the text was read ahead, the schema comes first). It answers
 * only whether the document meets the schema; when it does not, the main thread runs every
 * check itself, in order, and reports exactly what a plain load reports. Nothing is written
 * before every check has passed.
 */
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { readText } from '../core/dataset/files.js';
import { checkSchema } from '../core/dataset/schema.js';
import type { DatasetDocument } from '../core/model/types.js';
import { indexDirectory } from '../core/store/index-store.js';
import { graphviz, layoutSvg } from '../render/graph-svg.js';
import { networkPlan } from './report-network.js';
import { isReportThread } from './report-thread.js';

/** What the main thread asks; each request has one answer, of the same type. */
export type WorkerRequest =
  /**
   * The page's picture of the actor network, planned from this thread's parse of a dataset's
   * text and laid out; without `text`, of the text it holds (read ahead, or sent last).
   */
  | { type: 'network'; text?: string }
  /**
   * A dataset's text as read: whether it is clean (its document meets the schema). Without
   * `text`, the text it holds (read ahead, see `readAhead`, or sent last).
   */
  | { type: 'check'; text?: string };

/** What the worker answers, one answer per request, in the order asked. */
export type WorkerAnswer =
  /** How many actors the picture shows of how many, and Graphviz's SVG when there are any. */
  | { type: 'network'; shown: number; total: number; svg?: string }
  | { type: 'network'; error: string }
  | { type: 'check'; clean: boolean }
  /**
   * Sent once, unasked, as soon as the read ahead has read the file it was told of (`text`)
   * or found nothing to read: the main thread uses that text rather than read and decode the
   * file a second time.
   */
  | { type: 'text'; text?: string };

/** True when the text parses and the document meets the schema: this thread's check. */
export function meetsSchema(doc: unknown): boolean {
  return doc !== undefined && checkSchema(doc).length === 0;
}

/**
 * The whole check of a text on this thread: it parses and the document meets the schema.
 * What JSON.parse lets through is looked for on the main thread (see load.ts).
 */
export function cleanText(text: string): boolean {
  return meetsSchema(parse(text));
}

/** The document, or undefined when the text is not JSON. */
export function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A dataset's text, parsed once, and whether it is clean (found when first asked, or ahead of
 * time by `readAhead`).
 */
export interface Prepared {
  text: string;
  doc: unknown;
  check?: WorkerAnswer;
}

/** Whether a prepared text is clean: its document meets the schema. */
export function checkOf(prepared: Prepared): WorkerAnswer {
  prepared.check ??= { type: 'check', clean: meetsSchema(prepared.doc) };
  return prepared.check;
}

/**
 * The prepared text for a request: `last` when it was made of exactly this text (read ahead,
 * or asked before), otherwise a new parse. What was found for one text never answers for
 * another: the file may have changed between two reads.
 */
export function preparedFor(last: Prepared | undefined, text: string): Prepared {
  return last !== undefined && last.text === text ? last : { text, doc: parse(text) };
}

/**
 * Reads and checks the dataset the run probably reports on (see `reportDataGuess`) while the
 * main thread is still loading, and sends the main thread the text as soon as it is read (or
 * says that it read nothing). Nothing when there is no guess, when the file cannot be read
 * (the main thread reads it and says what is wrong), or when an index lies beside it: a fresh
 * index vouches for the checks, and then nobody asks.
 */
export function readAhead(
  guess: string | undefined,
  sendText: (answer: WorkerAnswer) => void = () => undefined,
  afterRead: () => void = () => undefined,
): Prepared | undefined {
  let text: string | undefined;
  if (guess !== undefined && !existsSync(indexDirectory(guess))) {
    try {
      text = readText(guess, 'dataset');
    } catch {
      // The main thread reads it and says what is wrong.
    }
  }
  sendText(text === undefined ? { type: 'text' } : { type: 'text', text });
  afterRead();
  if (text === undefined) return undefined;
  const prepared: Prepared = { text, doc: parse(text) };
  checkOf(prepared);
  return prepared;
}

/**
 * The network of a prepared text, planned from this thread's own parse and laid out. The main
 * thread awaits every check of the text before it takes the picture, and ends this thread
 * when one fails, so a document that has not passed them is never drawn into a page; one
 * that trips the planning gets an error for an answer.
 */
export async function networkOf(
  prepared: Prepared,
  viz: () => ReturnType<typeof graphviz>,
): Promise<WorkerAnswer> {
  try {
    const plan = networkPlan(prepared.doc as DatasetDocument);
    const answer = { type: 'network' as const, shown: plan.shown, total: plan.total };
    if (plan.dot === undefined) return answer;
    return { ...answer, svg: layoutSvg(await viz(), plan.dot) };
  } catch (error) {
    return { type: 'network', error: message(error) };
  }
}

const port = parentPort;
if (port && isReportThread(workerData)) {
  // Messages wait in the port while this thread works.
  let last: Prepared | undefined;
  let ready: ReturnType<typeof graphviz> | undefined;
  const viz = () => {
    ready ??= graphviz();
    return ready;
  };
  port.on('message', async (request: WorkerRequest) => {
    // Without a text, the one this thread holds: read ahead, or sent last.
    if (request.text !== undefined) last = preparedFor(last, request.text);
    const prepared = last as Prepared;
    if (request.type === 'check') port.postMessage(checkOf(prepared));
    else port.postMessage(await networkOf(prepared, viz));
  });
  // The dataset is read first, since the main thread waits for that text; then Graphviz
  // starts (its module takes tens of milliseconds of this thread, and its WebAssembly
  // compiles elsewhere while the text is parsed and checked here). The checks are awaited
  // only when the page is complete, as is the network.
  const startGraphviz = () => {
    viz().catch(() => undefined);
  };
  last = readAhead(workerData.guess, (answer) => port.postMessage(answer), startGraphviz);
}
