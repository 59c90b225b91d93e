/**
 * The report's second thread (bundled as dist/armru/report-worker.cjs). While the main thread
 * checks the dataset and lays out the article, it starts Graphviz and lays out the actor
 * network, and checks its own parse of the text the main thread read (or of the same text it
 * read itself ahead of the main thread, see `readAhead`) for what JSON.parse lets through
 * (the scan) and against the JSON Schema. It answers only whether the text is clean; when it
 * is not, the main thread runs every check itself, in order, and reports exactly what a plain
 * load reports. Nothing is written before every check has passed.
 */
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { readText } from '../core/dataset/files.js';
import { countedClean, scanJson } from '../core/dataset/json-scan.js';
import { checkSchema } from '../core/dataset/schema.js';
import { indexDirectory } from '../core/store/index-store.js';
import { graphviz, layoutSvg } from '../render/graph-svg.js';
import { isReportThread } from './report-thread.js';

/** What the main thread asks; each request has one answer, of the same type. */
export type WorkerRequest =
  | { type: 'layout'; dot: string }
  /**
   * A dataset's text as read: whether it is clean (the scan and the schema). Without `text`,
   * the text this thread read ahead and sent (see `readAhead`).
   */
  | { type: 'check'; text?: string };

/** What the worker answers, one answer per request, in the order asked. */
export type WorkerAnswer =
  | { type: 'layout'; svg: string }
  | { type: 'layout'; error: string }
  | { type: 'check'; clean: boolean }
  /**
   * Sent once, unasked, as soon as the read ahead has read the file it was told of (`text`)
   * or found nothing to read: the main thread uses that text rather than read and decode the
   * file a second time.
   */
  | { type: 'text'; text?: string };

/** True when the scan of the text finds nothing JSON.parse let through. */
export function scanClean(text: string): boolean {
  return scanJson(text, () => '').length === 0;
}

/** True when the text parses and the document meets the schema: this thread's check. */
export function meetsSchema(doc: unknown): boolean {
  return doc !== undefined && checkSchema(doc).length === 0;
}

/** Whether a text and the document parsed from it are clean: this thread's whole check. */
function isClean(doc: unknown, text: string): boolean {
  return meetsSchema(doc) && (countedClean(text, doc) || scanClean(text));
}

/** The whole check of a text: it parses, the scan finds nothing, the document meets the schema. */
export function cleanText(text: string): boolean {
  return isClean(parse(text), text);
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

/** Whether a prepared text is clean: the scan finds nothing and the document meets the schema. */
export function checkOf(prepared: Prepared): WorkerAnswer {
  prepared.check ??= { type: 'check', clean: isClean(prepared.doc, prepared.text) };
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

const port = parentPort;
if (port && isReportThread(workerData)) {
  // Messages wait in the port while this thread works.
  let last: Prepared | undefined;
  let ready: ReturnType<typeof graphviz> | undefined;
  port.on('message', async (request: WorkerRequest) => {
    if (request.type === 'check') {
      // Without a text, the one read ahead: the main thread asks so only after it came.
      if (request.text !== undefined) last = preparedFor(last, request.text);
      port.postMessage(checkOf(last as Prepared));
      return;
    }
    try {
      ready ??= graphviz();
      const svg = layoutSvg(await ready, request.dot);
      port.postMessage({ type: 'layout', svg } satisfies WorkerAnswer);
    } catch (error) {
      port.postMessage({ type: 'layout', error: message(error) } satisfies WorkerAnswer);
    }
  });
  // The dataset is read first, since the main thread waits for that text; then Graphviz
  // starts (its module takes tens of milliseconds of this thread, and its WebAssembly
  // compiles elsewhere while the text is parsed and checked here). The checks are awaited
  // only when the page is complete, as is the network.
  const startGraphviz = () => {
    ready = graphviz();
    ready.catch(() => undefined);
  };
  last = readAhead(workerData.guess, (answer) => port.postMessage(answer), startGraphviz);
}
