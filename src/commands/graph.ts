import { actorCount, actorGraph } from '../core/browse/graph.js';
import { busiestActors, filterGraph } from '../core/browse/graph-filter.js';
import { type Corpus, qualify } from '../core/model/corpus.js';
import { resolveActor } from '../core/search/resolve.js';
import { loadCorpus } from '../core/store/load.js';
import { type Selection, selectedSet } from '../core/store/select.js';
import type { GraphFormat } from '../render/format-names.js';
import { printGraphTable, toDot, toMermaid } from '../render/graph.js';
import { printJson } from '../render/view.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/** Checked options of `armru graph`: the claim filters (not --actor, which draws a neighbourhood). */
export interface GraphOptions extends Omit<Selection, 'actor'> {
  /** Unset: a table of the edges in a terminal, DOT in a pipe. */
  format?: GraphFormat;
  /** Only the neighbourhood of these actors (names, aliases or ids). */
  actor?: string[];
  /** Only co-occurrence edges shared by at least this many claims. */
  minWeight?: number;
}

function actorIds(corpus: Corpus, names: string[]): Set<string> {
  const ids = new Set<string>();
  for (const name of names) {
    for (const [dataset, found] of resolveActor(corpus, name)) {
      for (const id of found) ids.add(qualify(corpus, dataset, id));
    }
  }
  return ids;
}

/**
 * How many actors `--format svg` draws at most (the most connected; see busiestActors). Also
 * the size up to which Graphviz runs best without V8's optimizing compiler (graph-svg.ts).
 */
export const SVG_ACTORS = 100;

/** `armru graph`: the actor network as DOT, Mermaid, JSON or SVG (laid out in-process). */
export async function graphCommand(ctx: CommandContext, options: GraphOptions): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  const { actor: _around, ...selection } = options;
  const graph = filterGraph(actorGraph(corpus, selectedSet(corpus, selection)), {
    ...(options.actor ? { around: actorIds(corpus, options.actor) } : {}),
    ...(options.minWeight !== undefined ? { minWeight: options.minWeight } : {}),
  });
  const title = corpus.datasets.map((d) => d.doc.source.title).join(' + ');
  // A person at a terminal gets the edges as a table; programs get the format they name.
  if (options.format === undefined && ctx.view.mode === 'table') printGraphTable(ctx.view, graph);
  else if (options.format === 'json') printJson(ctx.view, graph);
  else if (options.format === 'mermaid') ctx.view.write(toMermaid(graph));
  else if (options.format === 'svg') {
    // Graphviz's layout grows much faster than the network: 40 actors take a third of a
    // second, 120 over a second, 200 some ten seconds, and 1,350 ran for twenty minutes and
    // then failed. The picture shows the most connected part, and says so.
    const drawn = busiestActors(graph, SVG_ACTORS);
    if (drawn.nodes.length < graph.nodes.length) {
      ctx.note(
        `the picture shows the ${actorCount(drawn)} most connected of ${actorCount(graph)} actors; narrow the network with --actor, --min-weight or the claim filters, or lay out the whole of it from DOT (armru graph | sfdp -Tsvg)`,
      );
    }
    const { dotToSvg, toPictureDot } = await import('../render/graph-svg.js');
    ctx.view.write(await dotToSvg(toPictureDot(drawn, title, { key: true })));
  } else ctx.view.write(toDot(graph, title));
  return graph.nodes.length === 0 ? { status: 'ok', message: 'no actors left in the graph' } : OK;
}
