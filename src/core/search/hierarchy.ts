import { AUTHOR } from '../dataset/verify.js';
import { type Dataset, type Entity, parentIds } from '../model/types.js';
import { fold } from '../text/fold.js';

/**
 * The actor hierarchy: organisational membership (`memberOf`) read downwards. A name given to
 * a filter reaches the entity it names and everything that belongs to it, transitively (a
 * country reaches its government, the government its ministries, a ministry its minister).
 */

/**
 * How an entity was reached: the next entity up its shortest chain (`undefined` for a named
 * entity itself), the chain's length in entities, and the last few ids of the chain (shared
 * with the entity above once the chain is long enough), so that neither reaching nor showing a
 * chain costs more than a constant per entity, however deep the membership goes.
 */
export interface Step {
  /** The entity the chain starts from (the reached one). */
  id: string;
  /** The next entity up the chain, towards the named one. */
  up: Step | undefined;
  /** Entities in the chain, this one and the named one included. */
  length: number;
  /** The last `min(length, ENDS)` ids of the chain, the named entity last. */
  tail: string[];
}

/** Entity ids reached from a named entity, each with how (its chain up to it). */
export type Reach = Map<string, Step>;

/** A chain longer than this many entities is shown as its first and last `ENDS` entities. */
export const CHAIN_SHOWN = 8;
/** How many entities of a long chain are shown at each end. */
export const ENDS = 3;

/** The step of an entity named itself (a chain of one). */
export function namedStep(id: string): Step {
  return { id, up: undefined, length: 1, tail: [id] };
}

function stepBelow(id: string, up: Step): Step {
  const length = up.length + 1;
  return { id, up, length, tail: up.length >= ENDS ? up.tail : [id, ...up.tail] };
}

/**
 * A chain as shown: its entity ids (member first, named entity last) and how many entities
 * were left out between `path[ENDS - 1]` and `path[ENDS]` (0 when the path is whole).
 */
export interface Chain {
  path: string[];
  omitted: number;
}

/** The chain of a step, whole up to CHAIN_SHOWN entities, else its two ends. */
export function chainOf(step: Step): Chain {
  const path: string[] = [];
  if (step.length <= CHAIN_SHOWN) {
    for (let at: Step | undefined = step; at; at = at.up) path.push(at.id);
    return { path, omitted: 0 };
  }
  let at: Step | undefined = step;
  for (let i = 0; i < ENDS && at; i++, at = at.up) path.push(at.id);
  path.push(...step.tail);
  return { path, omitted: step.length - 2 * ENDS };
}

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
      out.set(id, namedStep(id));
      queue.push(id);
    }
  }
  // Breadth first, so the first chain found to a member is a shortest one. Each member keeps
  // only a pointer up its chain: storing whole chains made a deep hierarchy cost its depth
  // squared per call.
  for (let next = 0; !exact && next < queue.length; next++) {
    const at = queue[next] as string;
    const step = out.get(at) as Step;
    for (const child of children(dataset).get(at) ?? []) {
      if (out.has(child)) continue;
      out.set(child, stepBelow(child, step));
      queue.push(child);
    }
  }
  const writer = authorEntity(dataset);
  if (writer) {
    const step = out.get(writer.id);
    if (step && !out.has(AUTHOR)) out.set(AUTHOR, step);
  }
  return out;
}

/**
 * The chain as names: "Sergey Shoygu → Ministry of Defense of Russia → Russia"; a long one as
 * its ends and the count between: "A → B → C → … 994 more … → X → Y → Z".
 */
export function chainText(dataset: Dataset, chain: Chain): string {
  const names = chain.path.map((id) =>
    id === AUTHOR
      ? (authorEntity(dataset)?.name ?? AUTHOR)
      : (dataset.entityById.get(id)?.name ?? id),
  );
  if (chain.omitted > 0) names.splice(ENDS, 0, `… ${chain.omitted} more …`);
  return names.join(' → ');
}

/** A membership match as a Via: `how` is "via" or "asserted via". */
export function viaOf(
  dataset: Dataset,
  option: string,
  name: string,
  chain: Chain,
  how = 'via',
): Via {
  return {
    option,
    name,
    path: chain.path,
    ...(chain.omitted > 0 ? { omitted: chain.omitted } : {}),
    text: `${how} ${chainText(dataset, chain)}`,
  };
}

/** How a record matched a filter through membership. */
export interface Via {
  /** The option that matched (`actor`, `asserted-by`, `party`). */
  option: string;
  /** The name as the user typed it. */
  name: string;
  /**
   * Entity ids from the record's own entity up to the named one; for a chain of more than
   * CHAIN_SHOWN entities only its first and last ENDS, `omitted` counting those between.
   */
  path: string[];
  /** How many entities of a long chain `path` leaves out (absent when it is whole). */
  omitted?: number;
  /** The path in words, e.g. "via Sergey Shoygu → Ministry of Defense of Russia → Russia". */
  text: string;
}

/**
 * Whether any of `ids` is reached, and how: `undefined` when none is, `null` when one is the
 * named entity itself (a direct match needs no explanation), else the shortest chain.
 */
export function reachedBy(found: Reach | undefined, ids: string[]): Chain | null | undefined {
  if (!found) return undefined;
  let best: Step | undefined;
  for (const id of ids) {
    const step = found.get(id);
    if (!step) continue;
    if (step.length === 1) return null;
    if (!best || step.length < best.length) best = step;
  }
  return best && chainOf(best);
}
