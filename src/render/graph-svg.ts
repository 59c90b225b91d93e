import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { ActorGraph } from '../core/browse/graph.js';
import { dotString, SHAPES } from './graph.js';
import { sanitizeInline } from './sanitize.js';

/**
 * DOT for a picture: as `toDot` (membership a dotted arrow), except that the agreements two actors share become one
 * dashed edge whose label lists them one per line, instead of parallel edges whose labels
 * pile up on each other.
 */
export function toPictureDot(graph: ActorGraph, title: string): string {
  const lines = [
    `graph ${dotString(title)} {`,
    '  graph [layout=neato, overlap=false, splines=line, sep="+12", fontname="Helvetica"];',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const n of graph.nodes) {
    lines.push(`  ${dotString(n.id)} [label=${dotString(n.name)}, shape=${SHAPES[n.type]}];`);
  }
  const agreements = new Map<string, { a: string; b: string; labels: string[] }>();
  for (const e of graph.edges) {
    if (e.kind === 'claims') {
      const width = Math.min(6, 1 + Math.log2(e.weight)).toFixed(1);
      lines.push(
        `  ${dotString(e.a)} -- ${dotString(e.b)} [label="${e.weight}", weight=${e.weight}, penwidth=${width}, color="#57606a", fontcolor="#57606a"];`,
      );
    } else if (e.kind === 'member') {
      lines.push(
        `  ${dotString(e.a)} -- ${dotString(e.b)} [label="member of", dir=forward, style=dotted, color="#6e7781", fontcolor="#6e7781"];`,
      );
    } else {
      const key = `${e.a}\u0000${e.b}`;
      const entry = agreements.get(key) ?? { a: e.a, b: e.b, labels: [] };
      if (!entry.labels.includes(e.label)) entry.labels.push(e.label);
      agreements.set(key, entry);
    }
  }
  for (const { a, b, labels } of agreements.values()) {
    // \l ends each line left-aligned; the names are escaped first, so no DOT escape is forged.
    const label = labels.map((l) => sanitizeInline(l).replace(/\\/g, '\\\\').replace(/"/g, '\\"'));
    lines.push(
      `  ${dotString(a)} -- ${dotString(b)} [label="${label.join('\\l')}\\l", style=dashed, color="#1f6feb", fontcolor="#1f6feb"];`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/**
 * Lays out DOT with Graphviz compiled to WebAssembly (@viz-js/viz, loaded only here) and
 * returns the SVG document. Throws when Graphviz reports an error.
 */
export async function dotToSvg(dot: string): Promise<string> {
  // require, not import(): the CLI bundle runs in a vm script, which has no dynamic import.
  setFlagsFromString(BASELINE_ONLY);
  const { instance } = createRequire(import.meta.url)(
    '@viz-js/viz',
  ) as typeof import('@viz-js/viz');
  const viz = await instance();
  const result = viz.render(dot, { format: 'svg', engine: 'neato' });
  if (result.status !== 'success') {
    throw new Error(
      `Graphviz could not lay out the graph: ${result.errors.map((e) => e.message).join('; ')}`,
    );
  }
  return result.output;
}

/** A Graphviz started ahead of need on another thread: it gets ready while the data loads. */
export interface BackgroundLayout {
  /** Lays out DOT on the worker; rejects with Graphviz's errors. */
  svg(dot: string): Promise<string>;
  /** Stops the worker (also when nothing was laid out). */
  close(): Promise<void>;
}

/**
 * Graphviz is run once per process, so V8 is told to keep its first, quick compilation of the
 * WebAssembly (Liftoff) rather than compile hot functions again with its optimizing compiler:
 * for the graphs armru draws, that second compilation costs more processor time than it saves
 * (a 40-actor layout: about 70 ms instead of 250 ms, measured with `node bench/run.mjs --only
 * report`'s corpus). The flag is the process's, read when WebAssembly is compiled; Graphviz is
 * the only WebAssembly armru runs.
 */
const BASELINE_ONLY = '--liftoff-only';

// The worker's script: CommonJS, as Node runs `eval` workers; Graphviz comes by path.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
require('node:v8').setFlagsFromString(workerData.flag);
const ready = require(workerData.viz).instance();
parentPort.on('message', async (dot) => {
  try {
    const result = (await ready).render(dot, { format: 'svg', engine: 'neato' });
    parentPort.postMessage(result.status === 'success'
      ? { svg: result.output }
      : { error: result.errors.map((e) => e.message).join('; ') });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
});
`;

/**
 * Starts Graphviz (WebAssembly) on a worker thread now, so that compiling it overlaps with
 * loading the dataset and writing the page on this thread. The layout is the same as
 * `dotToSvg`'s.
 */
export async function startBackgroundLayout(): Promise<BackgroundLayout> {
  const viz = createRequire(import.meta.url).resolve('@viz-js/viz');
  const worker = new Worker(WORKER, { eval: true, workerData: { viz, flag: BASELINE_ONLY } });
  worker.unref();
  return {
    svg: (dot) =>
      new Promise((resolve, reject) => {
        worker.once('message', (m: { svg?: string; error?: string }) => {
          if (m.svg !== undefined) resolve(m.svg);
          else reject(new Error(`Graphviz could not lay out the graph: ${m.error}`));
        });
        worker.once('error', reject);
        worker.postMessage(dot);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
