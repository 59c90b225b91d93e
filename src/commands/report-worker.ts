/**
 * The report's second thread (bundled as dist/armru/report-worker.cjs). While the main thread
 * checks the dataset and lays out the article, it starts Graphviz and lays out the actor
 * network, checks the document against the JSON Schema, and makes the page's data block, all
 * from its own parse of the text the main thread read, or of the same text it read itself
 * ahead of the main thread (see `readAhead`). (The other check that needs nothing
 * but the text, the scan for what JSON.parse lets through, runs on the main thread while it
 * waits for this one.) It answers only whether the document meets the schema; when it does
 * not, the main thread runs every check itself, in order, and reports exactly what a plain
 * load reports. Nothing it makes is written before every check has passed.
 */
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { datasetOf, readText } from '../core/dataset/files.js';
import { scanJson } from '../core/dataset/json-scan.js';
import { checkSchema } from '../core/dataset/schema.js';
import type { DatasetDocument } from '../core/model/types.js';
import { indexDirectory } from '../core/store/index-store.js';
import { graphviz, layoutSvg } from '../render/graph-svg.js';
import { pageData } from './report-data.js';
import { isReportThread } from './report-thread.js';

/** What the main thread asks; each request has one answer, of the same type. */
export type WorkerRequest =
  | { type: 'layout'; dot: string }
  /** A dataset's text as read: its data block. */
  | { type: 'data'; text: string }
  /**
   * A dataset's text as read: whether it meets the schema. Without `text`, the text of the
   * latest request that carried one (a text of megabytes is copied to this thread once).
   */
  | { type: 'check'; text?: string };

/** What the worker answers, one answer per request, in the order asked. */
export type WorkerAnswer =
  | { type: 'layout'; svg: string }
  | { type: 'layout'; error: string }
  | { type: 'check'; clean: boolean }
  | { type: 'data'; json: string }
  | { type: 'data'; error: string };

/** True when the scan of the text finds nothing JSON.parse let through. */
export function scanClean(text: string): boolean {
  return scanJson(text, () => '').length === 0;
}

/** True when the text parses and the document meets the schema: this thread's check. */
export function meetsSchema(doc: unknown): boolean {
  return doc !== undefined && checkSchema(doc).length === 0;
}

/**
 * The whole check of a text that the report's two threads share (this one the schema, the
 * main one the scan): it parses, the scan finds nothing, and the document meets the schema.
 */
export function cleanText(text: string): boolean {
  return meetsSchema(parse(text)) && scanClean(text);
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

/** The data block of a parsed document, or why it could not be made. */
export function dataAnswer(doc: unknown): WorkerAnswer {
  if (doc === undefined) return { type: 'data', error: 'the text is not JSON' };
  try {
    // The data block needs neither the file's name nor the article: the dataset has none.
    return { type: 'data', json: pageData(datasetOf('', doc as DatasetDocument, '')) };
  } catch (error) {
    // A document the schema refuses can break anywhere; the main thread's checks say why.
    return { type: 'data', error: message(error) };
  }
}

/**
 * A dataset's text, parsed once, and the answers made of it so far (each is made when first
 * asked, or ahead of time by `readAhead`).
 */
export interface Prepared {
  text: string;
  doc: unknown;
  data?: WorkerAnswer;
  check?: WorkerAnswer;
}

/** The data block of a prepared text, made once. */
export function dataOf(prepared: Prepared): WorkerAnswer {
  prepared.data ??= dataAnswer(prepared.doc);
  return prepared.data;
}

/** Whether a prepared text meets the schema, found once. */
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
 * Reads and prepares the dataset the run probably reports on (see `reportDataGuess`) while the
 * main thread is still loading: parses it, makes its data block and checks it against the
 * schema. Nothing when there is no guess, when the file cannot be read (the main thread reads
 * it and says what is wrong), or when an index lies beside it: a fresh index vouches for the
 * schema, and then the main thread makes the data block itself from its own parse, which
 * costs less than waiting for this thread's.
 */
export function readAhead(guess: string | undefined): Prepared | undefined {
  if (guess === undefined || existsSync(indexDirectory(guess))) return undefined;
  let text: string;
  try {
    text = readText(guess, 'dataset');
  } catch {
    return undefined;
  }
  const prepared: Prepared = { text, doc: parse(text) };
  dataOf(prepared);
  checkOf(prepared);
  return prepared;
}

const port = parentPort;
if (port && isReportThread(workerData)) {
  // Messages wait in the port while this thread works.
  let last: Prepared | undefined;
  let ready: ReturnType<typeof graphviz> | undefined;
  port.on('message', async (request: WorkerRequest) => {
    if (request.type === 'data' || request.type === 'check') {
      if (request.text !== undefined) last = preparedFor(last, request.text);
      // A check without a text comes only after a request with one, which set `last`.
      const prepared = last as Prepared;
      port.postMessage(request.type === 'data' ? dataOf(prepared) : checkOf(prepared));
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
  // Graphviz starts compiling first: its module takes tens of milliseconds of this thread,
  // and the compiling goes on elsewhere while the dataset is read ahead. The page's data
  // block and the checks are awaited only when the page is complete, as is the network.
  ready = graphviz();
  ready.catch(() => undefined);
  last = readAhead(workerData.guess);
}
