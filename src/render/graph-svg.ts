import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type { ActorGraph } from '../core/browse/graph.js';
import { crc32 } from '../core/text/checksum.js';
import { dotKeyAttributes, dotString, dotText, NAMED_STYLE, PARTY_STYLE, SHAPES } from './graph.js';

/**
 * DOT for a picture: as `toDot` (membership a dotted arrow), except that the agreements two actors share become one
 * dashed edge whose label lists them one per line, instead of parallel edges whose labels
 * pile up on each other.
 *
 * neato minimises the same stress (drawn distances against the network's distances) either by
 * majorization, its default, or by stochastic gradient descent (`mode=sgd`), which reaches a
 * layout of the same kind in less time: measured on the pictures armru draws, the 40-actor
 * network of the built-in article 41-74 ms against 76-132 ms, of a 10^4-claim benchmark corpus
 * 49-66 ms against 113-197 ms, and 100 actors 214-241 ms against 280-323 ms. Its random
 * start has a fixed seed, so the same network is drawn the same way every time.
 *
 * With `key`, the drawing has a key under it, of what it holds (see dotKey); `graph --format
 * svg` asks for one, the report's page says in words what its picture shows.
 */
export function toPictureDot(
  graph: ActorGraph,
  title: string,
  options: { key?: boolean } = {},
): string {
  const lines = [
    `graph ${dotString(title)} {`,
    '  graph [layout=neato, mode=sgd, overlap=false, splines=line, sep="+12", fontname="Helvetica"];',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
    ...(options.key ? dotKeyAttributes(graph, 10) : []),
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
    } else if (e.kind === 'party') {
      lines.push(`  ${dotString(e.a)} -- ${dotString(e.b)} [${PARTY_STYLE}];`);
    } else if (e.kind === 'named') {
      lines.push(`  ${dotString(e.a)} -- ${dotString(e.b)} [${NAMED_STYLE}];`);
    } else {
      const key = `${e.a}\u0000${e.b}`;
      const entry = agreements.get(key) ?? { a: e.a, b: e.b, labels: [] };
      if (!entry.labels.includes(e.label)) entry.labels.push(e.label);
      agreements.set(key, entry);
    }
  }
  for (const { a, b, labels } of agreements.values()) {
    // \l ends each line left-aligned; the names are escaped first, so no DOT escape is forged.
    const label = labels.map(dotText);
    lines.push(
      `  ${dotString(a)} -- ${dotString(b)} [label="${label.join('\\l')}\\l", style=dashed, color="#1f6feb", fontcolor="#1f6feb"];`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/**
 * Graphviz is run once per process, so V8 is told to keep its first, quick compilation of the
 * WebAssembly (Liftoff) rather than compile hot functions again with its optimizing compiler.
 * For the networks armru draws, at most 100 actors (the report 40, `graph --format svg` 100),
 * that second compilation costs more processor time than it saves: measured on the 10^4-claim
 * benchmark corpus, 40 actors 155 ms against 278 ms, 70 actors 236 against 708, 100 actors
 * 575 against 695; past that it pays (150 actors: 1,848 against 1,357), which is one more
 * reason the drawings stop at 100. The flag is the process's, read when WebAssembly is
 * compiled; Graphviz is the only WebAssembly armru runs.
 */
const BASELINE_ONLY = '--liftoff-only';

type Viz = Awaited<ReturnType<typeof import('@viz-js/viz').instance>>;

/**
 * Where Graphviz is loaded from: beside the CLI's bundle, the build's copy of @viz-js/viz
 * with its WebAssembly in a file of its own (quicker to start, see scripts/build.mjs);
 * elsewhere (the library, the tests), the package itself.
 */
const BESIDE_BUNDLE = './graphviz.cjs';
const WASM_BESIDE = './viz.wasm';

/**
 * What the build adds to graphviz.cjs: its WebAssembly file's name, length and CRC-32 as the
 * build wrote it, and a way to hand the script the bytes already read.
 */
interface WasmBeside {
  file: string;
  sum: { length: number; crc: number } | undefined;
  use(bytes: Uint8Array): void;
}

/** Starts Graphviz compiled to WebAssembly (@viz-js/viz, loaded only here). */
export function graphviz(): Promise<Viz> {
  setFlagsFromString(BASELINE_ONLY);
  // require, not import(): the CLI bundle runs in a vm script, which has no dynamic import.
  const beside = fileURLToPath(new URL(BESIDE_BUNDLE, import.meta.url));
  const ready = existsSync(beside) && existsSync(new URL(WASM_BESIDE, import.meta.url));
  const viz = createRequire(import.meta.url)(
    ready ? beside : '@viz-js/viz',
  ) as typeof import('@viz-js/viz') & { armruWasm?: WasmBeside };
  if (ready && viz.armruWasm) checkedWasm(viz.armruWasm, dirname(beside));
  return viz.instance();
}

/**
 * Reads Graphviz's WebAssembly beside the bundle, checks it is the file the build wrote, and
 * hands it to the script. A damaged file (a bad disk, a broken copy) is an error that names
 * it, before Emscripten meets it (which printed lines of its own and aborted, or could run a
 * module damaged where it still validates).
 */
function checkedWasm(wasm: WasmBeside, folder: string): void {
  const file = join(folder, wasm.file);
  const bytes = readFileSync(file);
  const { sum } = wasm;
  if (sum && (bytes.length !== sum.length || crc32(bytes) !== sum.crc)) {
    throw new Error(
      `${file} is damaged (not the ${sum.length.toLocaleString('en')} bytes the build wrote); reinstall armru`,
    );
  }
  wasm.use(bytes);
}

/** Lays out DOT and returns the SVG document. Throws when Graphviz reports an error. */
export function layoutSvg(viz: Viz, dot: string): string {
  const result = viz.render(dot, { format: 'svg', engine: 'neato' });
  if (result.status !== 'success') {
    throw new Error(
      `Graphviz could not lay out the graph: ${result.errors.map((e) => e.message).join('; ')}`,
    );
  }
  return result.output;
}

/** Lays out DOT with Graphviz on this thread and returns the SVG document. */
export async function dotToSvg(dot: string): Promise<string> {
  return layoutSvg(await graphviz(), dot);
}
