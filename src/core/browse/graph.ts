import { type Corpus, qualify } from '../model/corpus.js';
import type { Claim } from '../model/types.js';
import { type EntityType, parentIds } from '../model/types.js';

/**
 * An actor in the network; or an agreement of more than PAIRED_PARTIES parties, drawn as a
 * node of its own (type `Agreement`, id `agreement:` and the agreement's id); or a claim that
 * names more than PAIRED_ACTORS actors (type `Claim`, id `claim:` and the claim's id, named
 * `claim` and that id).
 */
export interface GraphNode {
  id: string;
  name: string;
  type: EntityType | 'Agreement' | 'Claim';
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

/**
 * A party `a` of an agreement of more than PAIRED_PARTIES parties, linked to the agreement's
 * node `b`: its parties are not paired, as n parties make n(n-1)/2 pairs.
 */
export interface PartyEdge {
  kind: 'party';
  a: string;
  b: string;
  agreement: string;
  label: string;
}

/**
 * An actor `a` named by a claim of more than PAIRED_ACTORS actors, linked to the claim's node
 * `b`: its actors are not paired, as n actors make n(n-1)/2 pairs.
 */
export interface NamedEdge {
  kind: 'named';
  a: string;
  b: string;
  claim: string;
}

/** Organisational membership: `a` is a member of `b` (directed). */
export interface MemberEdge {
  kind: 'member';
  a: string;
  b: string;
}

export type GraphEdge = CoOccurrence | AgreementEdge | PartyEdge | NamedEdge | MemberEdge;

/**
 * An agreement with at most this many parties links each pair of them; one with more is a
 * node of its own linked to each party.
 */
export const PAIRED_PARTIES = 6;

/**
 * A claim that names at most this many actors links each pair of them (and counts in the
 * pair's weight); one that names more is a node of its own linked to each actor.
 */
export const PAIRED_ACTORS = 6;

/**
 * The actors among a network's nodes: every node but those of agreements (PAIRED_PARTIES)
 * and of claims (PAIRED_ACTORS).
 */
export function actorCount(graph: Pick<ActorGraph, 'nodes'>): number {
  let count = 0;
  for (const node of graph.nodes) if (node.type !== 'Agreement' && node.type !== 'Claim') count++;
  return count;
}

/** The network of actors: who appears with whom, and who is party to what with whom. */
export interface ActorGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The order `Array.prototype.sort` gives strings by default (UTF-16 code units). */
function compareIds(a: string | undefined, b: string | undefined): number {
  return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
}

function pairs<T>(items: T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) out.push([items[i] as T, items[j] as T]);
  }
  return out;
}

/** What `actorGraph` includes beyond the network's shape. */
export interface GraphOptions {
  /**
   * Whether each co-occurrence lists the claims its two actors share (default true). A caller
   * that needs only the weights (the report's picture) leaves them out, and each `claims` is
   * then empty.
   */
  claimIds?: boolean;
}

/**
 * Builds the actor network: an edge for each pair of entities that share a claim, weighted
 * by how many claims they share (a claim of more than PAIRED_ACTORS actors instead becomes a
 * node with an edge from each of its actors, and counts in no pair's weight), and one labelled
 * edge per agreement for each pair of its parties (or, past PAIRED_PARTIES parties, a node for
 * the agreement and an edge from each party to it), and a directed "member of" edge from each entity to what it belongs to (so the chain
 * from a minister to the country is drawn). Only entities in some claim or agreement, and the
 * entities they belong to, are nodes. With `only`, the subgraph of those claims and of the
 * agreements they evidence.
 */
export function actorGraph(
  corpus: Corpus,
  only?: ReadonlySet<Claim>,
  options: GraphOptions = {},
): ActorGraph {
  const withIds = options.claimIds !== false;
  const nodes = new Map<string, GraphNode>();
  const shared: CoOccurrence[] = [];
  const named: NamedEdge[] = [];
  const edges: GraphEdge[] = [];
  for (const dataset of corpus.datasets) {
    const q = (id: string) => qualify(corpus, dataset, id);
    const node = (id: string) => {
      const entity = dataset.entityById.get(id);
      if (entity && !nodes.has(q(id)))
        nodes.set(q(id), { id: q(id), name: entity.name, type: entity.type });
    };
    const chosen = only
      ? new Set(dataset.doc.claims.filter((c) => only.has(c)).map((c) => c.id))
      : undefined;
    // Each actor gets a number in the order of its shown id, so a pair is one number (smaller
    // first) and a claim's actors sort as numbers: no key string per pair of actors. One pass
    // numbers them as first met (the only lookups by id) and keeps each claim's numbers.
    const numbers = new Map<string, number>();
    const names: string[] = [];
    const claims = dataset.doc.claims;
    const starts = new Int32Array(claims.length + 1);
    let met = new Int32Array(64);
    let total = 0;
    for (let c = 0; c < claims.length; c++) {
      const actors = (claims[c] as Claim).actors;
      if (total + actors.length > met.length) {
        const grown = new Int32Array(Math.max(met.length * 2, total + actors.length));
        grown.set(met);
        met = grown;
      }
      for (let k = 0; k < actors.length; k++) {
        const id = actors[k] as string;
        let n = numbers.get(id);
        if (n === undefined) {
          n = names.length;
          numbers.set(id, n);
          names.push(id);
        }
        met[total++] = n;
      }
      starts[c + 1] = total;
    }
    const shown = names.map(q);
    const order = shown.map((_, i) => i).sort((i, j) => compareIds(shown[i], shown[j]));
    const span = order.length;
    const rankOf = new Int32Array(span);
    order.forEach((n, rank) => {
      rankOf[n] = rank;
    });
    const byRank = order.map((n) => shown[n] as string);
    const local = new Map<number, CoOccurrence>();
    // Actors become nodes in the order the chosen claims first name them: marked by number
    // here, made into nodes once each after the loop.
    const seen = new Uint8Array(span);
    const firstNamed: number[] = [];
    const hubs: GraphNode[] = [];
    const ranks: number[] = [];
    // The claim each actor was last counted for, to count a long list's actors once each.
    const lastIn = new Int32Array(span).fill(-1);
    for (let c = 0; c < claims.length; c++) {
      const claim = claims[c] as Claim;
      if (chosen && !chosen.has(claim.id)) continue;
      const from = starts[c] as number;
      const to = starts[c + 1] as number;
      if (to - from > PAIRED_ACTORS) {
        let distinct = 0;
        for (let k = from; k < to; k++) {
          const n = rankOf[met[k] as number] as number;
          if (lastIn[n] !== c) {
            lastIn[n] = c;
            distinct++;
          }
        }
        if (distinct > PAIRED_ACTORS) {
          // Too many actors to pair: the claim is a node, linked to each actor once, in the
          // order of their ids (as an agreement's parties).
          const id = q(claim.id);
          const hub = `claim:${id}`;
          hubs.push({ id: hub, name: `claim ${id}`, type: 'Claim' });
          const list = new Int32Array(distinct);
          let at = 0;
          for (let k = from; k < to; k++) {
            const n = rankOf[met[k] as number] as number;
            if (seen[n] === 0) {
              seen[n] = 1;
              firstNamed.push(n);
            }
            // Marked afresh with a value no other claim uses, so each actor is listed once.
            if (lastIn[n] === c) {
              lastIn[n] = -2 - c;
              list[at++] = n;
            }
          }
          list.sort();
          for (const n of list)
            named.push({ kind: 'named', a: byRank[n] as string, b: hub, claim: id });
          continue;
        }
      }
      // The claim's actors as numbers, each once, in order: an insertion sort, as a claim
      // names a handful.
      let count = 0;
      for (let k = from; k < to; k++) {
        const n = rankOf[met[k] as number] as number;
        if (seen[n] === 0) {
          seen[n] = 1;
          firstNamed.push(n);
        }
        let at = count;
        while (at > 0 && (ranks[at - 1] as number) > n) at--;
        if (at > 0 && ranks[at - 1] === n) continue;
        for (let m = count; m > at; m--) ranks[m] = ranks[m - 1] as number;
        ranks[at] = n;
        count++;
      }
      if (count < 2) continue;
      const id = withIds ? q(claim.id) : '';
      for (let i = 0; i < count; i++) {
        for (let j = i + 1; j < count; j++) {
          const a = ranks[i] as number;
          const b = ranks[j] as number;
          const key = a * span + b;
          const edge = local.get(key);
          if (edge) {
            edge.weight++;
            if (withIds) edge.claims.push(id);
          } else {
            const made: CoOccurrence = {
              kind: 'claims',
              a: byRank[a] as string,
              b: byRank[b] as string,
              weight: 1,
              claims: withIds ? [id] : [],
            };
            local.set(key, made);
            shared.push(made);
          }
        }
      }
    }
    for (const n of firstNamed) node(names[order[n] as number] as string);
    for (const hub of hubs) if (!nodes.has(hub.id)) nodes.set(hub.id, hub);
    for (const agreement of dataset.doc.agreements) {
      // With a selection, only the agreements one of the chosen claims evidences.
      if (chosen && !agreement.claims.some((id) => chosen.has(id))) continue;
      agreement.parties.forEach(node);
      const parties = [...new Set(agreement.parties)].map(q).sort();
      const id = q(agreement.id);
      if (parties.length > PAIRED_PARTIES) {
        const hub = `agreement:${id}`;
        if (!nodes.has(hub)) nodes.set(hub, { id: hub, name: agreement.name, type: 'Agreement' });
        for (const a of parties) {
          edges.push({ kind: 'party', a, b: hub, agreement: id, label: agreement.name });
        }
        continue;
      }
      for (const [a, b] of pairs(parties)) {
        edges.push({ kind: 'agreement', a, b, agreement: id, label: agreement.name });
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
  return { nodes: [...nodes.values()], edges: [...shared, ...named, ...edges, ...members] };
}
