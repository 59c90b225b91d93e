import type { ActorGraph, GraphEdge } from './graph.js';

/** Ways to narrow the actor network. */
export interface GraphFilter {
  /** Keep only these actors (qualified ids), their neighbours, and the edges among them. */
  around?: Set<string>;
  /** Drop co-occurrence edges shared by fewer claims (agreement edges stay). */
  minWeight?: number;
}

function nodesOnEdges(graph: ActorGraph, edges: GraphEdge[], keep: Set<string>): ActorGraph {
  const used = new Set(keep);
  for (const e of edges) {
    used.add(e.a);
    used.add(e.b);
  }
  return { nodes: graph.nodes.filter((n) => used.has(n.id)), edges };
}

/**
 * The network narrowed by weight, then to the neighbourhood of the given actors. With a
 * minimum weight, actors left without any edge are dropped too; the chosen actors stay.
 */
export function filterGraph(graph: ActorGraph, filter: GraphFilter): ActorGraph {
  let edges = graph.edges;
  const min = filter.minWeight;
  if (min !== undefined && min > 1) {
    edges = edges.filter((e) => e.kind !== 'claims' || e.weight >= min);
  }
  const around = filter.around;
  if (around) {
    const hood = new Set(around);
    for (const e of edges) {
      if (around.has(e.a)) hood.add(e.b);
      if (around.has(e.b)) hood.add(e.a);
    }
    edges = edges.filter((e) => hood.has(e.a) && hood.has(e.b));
    return nodesOnEdges(
      { nodes: graph.nodes.filter((n) => hood.has(n.id)), edges },
      edges,
      new Set(graph.nodes.filter((n) => around.has(n.id)).map((n) => n.id)),
    );
  }
  if (min !== undefined && min > 1) return nodesOnEdges(graph, edges, new Set());
  return { nodes: graph.nodes, edges };
}

/**
 * The `limit` actors with the most shared claims and agreements (ties in node order) and the
 * edges among them: a network a page can lay out and a reader can take in.
 */
export function busiestActors(graph: ActorGraph, limit: number): ActorGraph {
  if (graph.nodes.length <= limit) return graph;
  const degree = new Map<string, number>();
  for (const e of graph.edges) {
    const w = e.kind === 'claims' ? e.weight : 1;
    degree.set(e.a, (degree.get(e.a) ?? 0) + w);
    degree.set(e.b, (degree.get(e.b) ?? 0) + w);
  }
  const order = graph.nodes.map((n, i) => ({ n, i, d: degree.get(n.id) ?? 0 }));
  order.sort((x, y) => y.d - x.d || x.i - y.i);
  const keep = new Set(order.slice(0, limit).map((x) => x.n.id));
  return {
    nodes: graph.nodes.filter((n) => keep.has(n.id)),
    edges: graph.edges.filter((e) => keep.has(e.a) && keep.has(e.b)),
  };
}
