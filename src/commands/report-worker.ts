/**
 * The report's second thread (bundled as dist/armru/report-worker.cjs). While the main thread
 * checks the dataset and lays out the article, it starts Graphviz, parses the text the main
 * thread read (sent with its go-ahead when the entry read it, see `readGuess`, or with a
 * request),
 * checks that parse against the JSON Schema, and plans and lays out the actor network from
 * it, in the order asked (a text sent early is checked at once). It answers only whether the
 * document meets the schema; when it does not, the main thread runs every check itself, in
 * order, and reports exactly what a plain load reports. Nothing is written before every check
 * has passed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkSchema } from '../core/dataset/schema.js';
import type { DatasetDocument } from '../core/model/types.js';
import { graphviz, layoutSvg } from '../render/graph-svg.js';
import { networkPlan } from './report-network.js';
import { isReportThread } from './report-thread.js';

/** What the main thread asks; each request but `start` has one answer, of the same type. */
export type WorkerRequest =
  /**
   * The go-ahead, sent once and first, when the main thread has loaded its code (see
   * `startReportWork` in src/entry.ts): Graphviz starts then, and not before, since it sets a
   * V8 flag that would make V8 refuse the CLI's code cache. With the dataset's text when the
   * entry read one (see `readGuess`): parsed and checked against the schema at once. No
   * answer; the requests that come without a text are about the text held.
   */
  | { type: 'start'; text?: string }
  /**
   * The page's picture of the actor network, planned from this thread's parse of a dataset's
   * text and laid out; without `text`, of the text it holds (sent last).
   */
  | { type: 'network'; text?: string }
  /**
   * A dataset's text as read: whether it is clean (its document meets the schema). Without
   * `text`, the text it holds (sent last).
   */
  | { type: 'check'; text?: string };

/** What the worker answers, one answer per request, in the order asked. */
export type WorkerAnswer =
  /** How many actors the picture shows of how many, and Graphviz's SVG when there are any. */
  | { type: 'network'; shown: number; total: number; svg?: string }
  | { type: 'network'; error: string }
  | { type: 'check'; clean: boolean };

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
 * A dataset's text, parsed once, and whether it is clean (found when first asked, or as soon
 * as the text came, for a text sent early).
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
 * The prepared text for a request: `last` when it was made of exactly this text (sent early,
 * or with an earlier request), otherwise a new parse. What was found for one text never answers for
 * another: the file may have changed between two reads.
 */
export function preparedFor(last: Prepared | undefined, text: string): Prepared {
  return last !== undefined && last.text === text ? last : { text, doc: parse(text) };
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
    // Without a text, the one this thread holds: sent early, or with an earlier request.
    if (request.text !== undefined) last = preparedFor(last, request.text);
    const prepared = last as Prepared;
    if (request.type === 'start') {
      // Graphviz first: its module takes tens of milliseconds of this thread, and its
      // WebAssembly then compiles elsewhere while the text is parsed and checked here. The
      // checks are awaited only when the page is complete, as is the network.
      viz().catch(() => undefined);
      if (request.text !== undefined) checkOf(prepared);
    } else if (request.type === 'check') port.postMessage(checkOf(prepared));
    else port.postMessage(await networkOf(prepared, viz));
  });
}
