/**
 * The report's picture of the actor network, planned from a dataset document alone: which
 * actors it shows and the DOT that Graphviz lays out.
 */
import { actorCount, actorGraph } from '../core/browse/graph.js';
import { busiestActors } from '../core/browse/graph-filter.js';
import { corpusOf } from '../core/model/corpus.js';
import type { Dataset } from '../core/model/types.js';
import { dotKey, type KeyEntry } from '../render/graph.js';
import { toPictureDot } from '../render/graph-svg.js';

/** How many actors the page's network shows at most: more cannot be read, or laid out quickly. */
export const NETWORK_LIMIT = 40;

/** What the page shows of the network: how many actors of how many, and how to draw them. */
export interface NetworkPlan {
  /** Actors drawn (at most NETWORK_LIMIT). */
  shown: number;
  /** Actors in the whole network. */
  total: number;
  /** The picture's DOT; undefined when there is no actor to draw. */
  dot: string | undefined;
  /** What the picture's shapes and lines stand for: only those it draws. */
  key: KeyEntry[];
}

/**
 * The network of one article's dataset, cut down to its busiest actors. It shows how many
 * claims two actors share, never which: no lists of claim ids are made.
 */
export function networkPlan(dataset: Dataset): NetworkPlan {
  // One dataset: ids are shown as they are stored.
  const full = actorGraph(corpusOf(dataset), undefined, { claimIds: false });
  const graph = busiestActors(full, NETWORK_LIMIT);
  return {
    shown: actorCount(graph),
    total: actorCount(full),
    dot: graph.nodes.length > 0 ? toPictureDot(graph, dataset.doc.source.title) : undefined,
    key: dotKey(graph),
  };
}
