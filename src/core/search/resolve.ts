import { AUTHOR } from '../dataset/verify.js';
import type { Corpus } from '../model/corpus.js';
import { ArmruError } from '../model/errors.js';
import type { Dataset } from '../model/types.js';
import { fold } from '../text/fold.js';
import { closest } from '../text/suggest.js';
import { namedStep, type Reach, reach } from './hierarchy.js';

interface Named {
  id: string;
  name: string;
  aliases: string[];
}

// Names compare folded and with runs of spaces, dots, quotes, hyphens collapsed: "U.S." is "u s".
function key(s: string): string {
  return fold(s)
    .replace(/[\s.\-_'"]+/g, ' ')
    .trim();
}

/** The items whose id, name or one of whose aliases is `input` (folded); maybe several, maybe none. */
export function matchNamed<T extends Named>(items: T[], input: string): T[] {
  const wanted = key(input);
  return items.filter(
    (item) =>
      key(item.id) === wanted ||
      key(item.name) === wanted ||
      item.aliases.some((a) => key(a) === wanted),
  );
}

/** The error for a name nothing answers to, naming the closest names. */
function unknownName(input: string, what: 'actor' | 'topic', items: Named[]): ArmruError {
  const names = items.flatMap((item) => [item.name, ...item.aliases]);
  const near = closest(input, names, 3, key);
  const hint = near.length > 0 ? `; closest: ${near.map((n) => `"${n}"`).join(', ')}` : '';
  return new ArmruError('unknown-name', `no ${what} is named "${input}"${hint}`, {
    unknown: what,
  });
}

/** Ids matched in each dataset; datasets where nothing matched are absent. */
export type Resolved = Map<Dataset, Set<string>>;

function resolveIn(
  corpus: Corpus,
  input: string,
  what: 'actor' | 'topic',
  itemsOf: (dataset: Dataset) => Named[],
): Resolved {
  const resolved: Resolved = new Map();
  for (const dataset of corpus.datasets) {
    const found = matchNamed(itemsOf(dataset), input);
    if (found.length > 0) resolved.set(dataset, new Set(found.map((item) => item.id)));
  }
  // A name no loaded dataset knows is a typo, never silently an empty result.
  if (resolved.size === 0) throw unknownName(input, what, corpus.datasets.flatMap(itemsOf));
  return resolved;
}

/**
 * Resolves an actor name through ids, names and aliases in every dataset. Several entities
 * can answer to one name (an alias shared by a state and its government).
 */
export function resolveActor(corpus: Corpus, input: string): Resolved {
  return resolveIn(corpus, input, 'actor', (d) => d.doc.entities);
}

/** Resolves a topic name through ids, names and aliases in every dataset. */
export function resolveTopic(corpus: Corpus, input: string): Resolved {
  return resolveIn(corpus, input, 'topic', (d) => d.doc.topics);
}

/** What an actor name reaches in each dataset; datasets where it names nothing are absent. */
export type Reached = Map<Dataset, Reach>;

/** `=Name` asks for the entity itself, not its members. */
export function exactName(input: string): { name: string; exact: boolean } {
  const trimmed = input.trim();
  return trimmed.startsWith('=')
    ? { name: trimmed.slice(1).trim(), exact: true }
    : { name: trimmed, exact: false };
}

/**
 * Resolves an actor name (id, name or alias; `author` for the writer) and follows membership
 * down from what it names, unless `exact` or the name starts with `=`. An unknown name throws
 * with the closest names.
 */
export function reachActor(corpus: Corpus, input: string, exact = false): Reached {
  const { name, exact: marked } = exactName(input);
  const out: Reached = new Map();
  if (key(name) === AUTHOR) {
    for (const dataset of corpus.datasets) {
      const found = reach(dataset, [], true);
      found.set(AUTHOR, namedStep(AUTHOR));
      out.set(dataset, found);
    }
    return out;
  }
  for (const [dataset, ids] of resolveActor(corpus, name)) {
    out.set(dataset, reach(dataset, ids, exact || marked));
  }
  return out;
}
