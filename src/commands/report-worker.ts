/**
 * The report's second thread (bundled as dist/armru/report-worker.cjs). While the main thread
 * builds the page, it starts Graphviz and lays out the actor network, and it runs the checks
 * of a dataset's text that need nothing but the text: the scan for what JSON.parse lets
 * through (a key given twice, a lone surrogate) and the JSON Schema. It answers only whether
 * the text is clean; when it is not, the main thread runs every check itself, in order, and
 * reports exactly what a plain load reports.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scanJson } from '../core/dataset/json-scan.js';
import { checkSchema } from '../core/dataset/schema.js';
import { graphviz, layoutSvg } from '../render/graph-svg.js';

/** What the main thread asks. */
export type WorkerRequest = { type: 'layout'; dot: string } | { type: 'check'; text: string };

/** What the worker answers, one answer per request, in the order asked. */
export type WorkerAnswer =
  | { type: 'layout'; svg: string }
  | { type: 'layout'; error: string }
  | { type: 'check'; clean: boolean };

/** True when the text parses, the scan finds nothing, and the document meets the schema. */
export function cleanText(text: string): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return false;
  }
  return scanJson(text, () => '').length === 0 && checkSchema(doc).length === 0;
}

/** What the report passes its worker, so that the module does nothing on other threads. */
export const WORKER_DATA = 'armru-report-worker';

const port = parentPort;
if (port && workerData === WORKER_DATA) {
  // Compiling Graphviz starts at once, to be ready when the network is.
  const ready = graphviz();
  ready.catch(() => undefined);
  port.on('message', async (request: WorkerRequest) => {
    if (request.type === 'check') {
      port.postMessage({ type: 'check', clean: cleanText(request.text) } satisfies WorkerAnswer);
      return;
    }
    try {
      const svg = layoutSvg(await ready, request.dot);
      port.postMessage({ type: 'layout', svg } satisfies WorkerAnswer);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ type: 'layout', error: message } satisfies WorkerAnswer);
    }
  });
}
