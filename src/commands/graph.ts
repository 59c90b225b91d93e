import { actorGraph } from '../core/browse/graph.js';
import { loadCorpus } from '../core/store/load.js';
import type { GraphFormat } from '../render/format-names.js';
import { toDot, toMermaid } from '../render/graph.js';
import { printJson } from '../render/view.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/** `armru graph`: the actor network as DOT, Mermaid or JSON. */
export async function graphCommand(ctx: CommandContext, format: GraphFormat): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  const graph = actorGraph(corpus);
  if (format === 'json') printJson(ctx.view, graph);
  else if (format === 'mermaid') ctx.view.write(toMermaid(graph));
  else {
    const title = corpus.datasets.map((d) => d.doc.source.title).join(' + ');
    ctx.view.write(toDot(graph, title));
  }
  return OK;
}
