import { type Corpus, qualify } from '../model/corpus.js';
import type { Claim } from '../model/types.js';
import { type EntityType, parentIds } from '../model/types.js';

/** An actor in the network. */
export interface GraphNode {
  id: string;
  name: string;
  type: EntityType;
}

/** Two actors that appear together in `weight` claims (ids in sorted order: undirected). */
export interface CoOccurrence {
  kind: 'claims';
  a: string;
  b: string;
  weight: number;
  /** The claims they share. */
  claims: string[];
}

/** Two parties of one agreement. */
export interface AgreementEdge {
  kind: 'agreement';
  a: string;
  b: string;
  agreement: string;
  label: string;
}

/** Organisational membership: `a` is a member of `b` (directed). */
export interface MemberEdge {
  kind: 'member';
  a: string;
  b: string;
}

export type GraphEdge = CoOccurrence | AgreementEdge | MemberEdge;

/** The network of actors: who appears with whom, and who is party to what with whom. */
export interface ActorGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function pairs<T>(items: T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) out.push([items[i] as T, items[j] as T]);
  }
  return out;
}

/**
 * Builds the actor network: an edge for each pair of entities that share a claim, weighted
 * by how many claims they share, and one labelled edge per agreement for each pair of its
 * parties, and a directed "member of" edge from each entity to what it belongs to (so the chain
 * from a minister to the country is drawn). Only entities in some claim or agreement, and the
 * entities they belong to, are nodes. With `only`, the subgraph of those claims and of the
 * agreements they evidence.
 */
export function actorGraph(corpus: Corpus, only?: ReadonlySet<Claim>): ActorGraph {
  const nodes = new Map<string, GraphNode>();
  // Co-occurrence edges in the order first met, and found by their two ends (a, then b):
  // a map of maps rather than a key string made for every pair of every claim.
  const shared: CoOccurrence[] = [];
  const byEnds = new Map<string, Map<string, CoOccurrence>>();
  const edges: GraphEdge[] = [];
  for (const dataset of corpus.datasets) {
    const q = (id: string) => qualify(corpus, dataset, id);
    const node = (id: string) => {
      const entity = dataset.entityById.get(id);
      if (!entity) return;
      const key = q(id);
      if (!nodes.has(key)) nodes.set(key, { id: key, name: entity.name, type: entity.type });
    };
    const chosen = only
      ? new Set(dataset.doc.claims.filter((c) => only.has(c)).map((c) => c.id))
      : undefined;
    for (const claim of dataset.doc.claims) {
      if (chosen && !chosen.has(claim.id)) continue;
      for (const id of claim.actors) node(id);
      if (claim.actors.length < 2) continue;
      const actors = [...new Set(claim.actors)].map(q).sort();
      const claimId = q(claim.id);
      for (let i = 0; i < actors.length; i++) {
        const a = actors[i] as string;
        let ends = byEnds.get(a);
        if (!ends) {
          ends = new Map();
          byEnds.set(a, ends);
        }
        for (let j = i + 1; j < actors.length; j++) {
          const b = actors[j] as string;
          const edge = ends.get(b);
          if (edge) {
            edge.weight++;
            edge.claims.push(claimId);
          } else {
            const made: CoOccurrence = { kind: 'claims', a, b, weight: 1, claims: [claimId] };
            ends.set(b, made);
            shared.push(made);
          }
        }
      }
    }
    for (const agreement of dataset.doc.agreements) {
      // With a selection, only the agreements one of the chosen claims evidences.
      if (chosen && !agreement.claims.some((id) => chosen.has(id))) continue;
      agreement.parties.forEach(node);
      const parties = [...new Set(agreement.parties)].map(q).sort();
      for (const [a, b] of pairs(parties)) {
        edges.push({ kind: 'agreement', a, b, agreement: q(agreement.id), label: agreement.name });
      }
    }
  }
  const members: MemberEdge[] = [];
  for (const dataset of corpus.datasets) {
    const q = (id: string) => qualify(corpus, dataset, id);
    const seen = new Set<string>();
    const up = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      const entity = dataset.entityById.get(id);
      for (const parent of entity ? parentIds(entity) : []) {
        const other = dataset.entityById.get(parent);
        if (!other) continue;
        if (!nodes.has(q(parent)))
          nodes.set(q(parent), { id: q(parent), name: other.name, type: other.type });
        members.push({ kind: 'member', a: q(id), b: q(parent) });
        up(parent);
      }
    };
    for (const entity of dataset.doc.entities) if (nodes.has(q(entity.id))) up(entity.id);
  }
  return { nodes: [...nodes.values()], edges: [...shared, ...edges, ...members] };
}
