import { AUTHOR } from '../dataset/verify.js';
import { type Dataset, type Entity, parentIds } from '../model/types.js';
import { fold } from '../text/fold.js';

/**
 * The actor hierarchy: organisational membership (`memberOf`) read downwards. A name given to
 * a filter reaches the entity it names and everything that belongs to it, transitively (a
 * country reaches its government, the government its ministries, a ministry its minister).
 */

/** Entity ids reached from a named entity, each with its chain up to it (`[id]` for itself). */
export type Reach = Map<string, string[]>;

const childrenCache = new WeakMap<Dataset, Map<string, string[]>>();

function children(dataset: Dataset): Map<string, string[]> {
  let map = childrenCache.get(dataset);
  if (!map) {
    map = new Map();
    for (const entity of dataset.doc.entities) {
      for (const parent of parentIds(entity)) {
        const list = map.get(parent) ?? [];
        list.push(entity.id);
        map.set(parent, list);
      }
    }
    childrenCache.set(dataset, map);
  }
  return map;
}

/**
 * The entity of a dataset that wrote the article: the one named as `source.author` (folded).
 * `assertedBy: "author"` is that entity's voice.
 */
export function authorEntity(dataset: Dataset): Entity | undefined {
  // Looked up once per dataset: profiling every entity asks for it once per entity.
  if (authorCache.has(dataset)) return authorCache.get(dataset);
  const author = fold(dataset.doc.source.author).trim();
  const found =
    author === ''
      ? undefined
      : dataset.doc.entities.find(
          (e) => fold(e.name).trim() === author || e.aliases.some((a) => fold(a).trim() === author),
        );
  authorCache.set(dataset, found);
  return found;
}

const authorCache = new WeakMap<Dataset, Entity | undefined>();

/**
 * What the entities `ids` reach: themselves and, unless `exact`, their members at any depth,
 * each with the shortest chain (member first, named entity last). Reaching the author entity
 * also reaches the reserved asserter `author`.
 */
export function reach(dataset: Dataset, ids: Iterable<string>, exact = false): Reach {
  const out: Reach = new Map();
  const queue: string[] = [];
  for (const id of ids) {
    if (!out.has(id)) {
      out.set(id, [id]);
      queue.push(id);
    }
  }
  // Breadth first, so the first chain found to a member is a shortest one.
  for (let next = 0; !exact && next < queue.length; next++) {
    const at = queue[next] as string;
    const chain = out.get(at) as string[];
    for (const child of children(dataset).get(at) ?? []) {
      if (out.has(child)) continue;
      out.set(child, [child, ...chain]);
      queue.push(child);
    }
  }
  const writer = authorEntity(dataset);
  if (writer) {
    const chain = out.get(writer.id);
    if (chain && !out.has(AUTHOR)) out.set(AUTHOR, chain);
  }
  return out;
}

/** The chain as names: "Sergey Shoygu → Ministry of Defense of Russia → Russia". */
export function chainText(dataset: Dataset, chain: string[]): string {
  return chain
    .map((id) =>
      id === AUTHOR
        ? (authorEntity(dataset)?.name ?? AUTHOR)
        : (dataset.entityById.get(id)?.name ?? id),
    )
    .join(' → ');
}

/** How a record matched a filter through membership. */
export interface Via {
  /** The option that matched (`actor`, `asserted-by`, `party`). */
  option: string;
  /** The name as the user typed it. */
  name: string;
  /** Entity ids from the record's own entity up to the named one. */
  path: string[];
  /** The path in words, e.g. "via Sergey Shoygu → Ministry of Defense of Russia → Russia". */
  text: string;
}

/**
 * Whether any of `ids` is reached, and how: `undefined` when none is, `null` when one is the
 * named entity itself (a direct match needs no explanation), else the shortest chain.
 */
export function reachedBy(found: Reach | undefined, ids: string[]): string[] | null | undefined {
  if (!found) return undefined;
  let best: string[] | undefined;
  for (const id of ids) {
    const chain = found.get(id);
    if (!chain) continue;
    if (chain.length === 1) return null;
    if (!best || chain.length < best.length) best = chain;
  }
  return best;
}
