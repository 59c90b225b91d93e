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
 * At most `limit` actors, chosen by the heaviest links: agreements and memberships first, then pairs that
 * share the most claims, then the actors of claims drawn as nodes (PAIRED_ACTORS), taking each link whose two ends still fit (ties in edge order).
 * The result is the densest part of the network, which a page can lay out and a reader
 * can take in; the edges are those among the chosen actors.
 */
export function busiestActors(graph: ActorGraph, limit: number): ActorGraph {
  if (graph.nodes.length <= limit) return graph;
  // Agreements and memberships first (they are few and say the most), then shared claims,
  // heaviest first; ties keep the edges' order. Weights are whole numbers, so the edges are
  // put in order by counting rather than by comparing.
  const ranked: GraphEdge[] = [];
  const byWeight: GraphEdge[][] = [];
  // A claim that names too many actors to pair says least about any two of them: last.
  const named: GraphEdge[] = [];
  for (const e of graph.edges) {
    if (e.kind === 'named') named.push(e);
    else if (e.kind !== 'claims') ranked.push(e);
    else {
      const same = byWeight[e.weight];
      if (same) same.push(e);
      else byWeight[e.weight] = [e];
    }
  }
  for (let w = byWeight.length - 1; w >= 0; w--) {
    for (const e of byWeight[w] ?? []) ranked.push(e);
  }
  for (const e of named) ranked.push(e);
  const keep = new Set<string>();
  for (const e of ranked) {
    if (keep.size >= limit) break;
    const extra = (keep.has(e.a) ? 0 : 1) + (keep.has(e.b) ? 0 : 1);
    if (keep.size + extra > limit) continue;
    keep.add(e.a);
    keep.add(e.b);
  }
  return {
    nodes: graph.nodes.filter((n) => keep.has(n.id)),
    edges: graph.edges.filter((e) => keep.has(e.a) && keep.has(e.b)),
  };
}
