import { ArmruError } from './errors.js';
import { fold } from './fold.js';
import { closest } from './suggest.js';
import type { Dataset } from './types.js';

interface Named {
  id: string;
  name: string;
  aliases: string[];
}

// Names compare folded and with runs of spaces, dots and hyphens collapsed, so "U.S." is "us".
function key(s: string): string {
  return fold(s)
    .replace(/[\s.\-_'"]+/g, ' ')
    .trim();
}

/**
 * Finds the items whose id, name or one of whose aliases is `input` (folded). Several can
 * match (an alias shared by a state and its government); none is an error naming the
 * closest names, so a typo is never silently an empty result.
 */
export function resolveNamed<T extends Named>(items: T[], input: string, what: string): T[] {
  const wanted = key(input);
  const found = items.filter(
    (item) =>
      key(item.id) === wanted ||
      key(item.name) === wanted ||
      item.aliases.some((a) => key(a) === wanted),
  );
  if (found.length > 0) return found;
  const names = items.flatMap((item) => [item.name, ...item.aliases]);
  const near = closest(input, names, 3, key);
  const hint =
    near.length > 0
      ? `closest: ${near.map((n) => `"${n}"`).join(', ')}`
      : `run 'armru ${what === 'actor' ? 'actors' : 'topics'}' to list them`;
  throw new ArmruError('unknown-name', `no ${what} is named "${input}"; ${hint}`);
}

/** Entity ids for an `--actor`/`--asserted-by` value. */
export function resolveActor(dataset: Dataset, input: string): string[] {
  return resolveNamed(dataset.doc.entities, input, 'actor').map((e) => e.id);
}

/** Topic ids for a `--topic` value. */
export function resolveTopic(dataset: Dataset, input: string): string[] {
  return resolveNamed(dataset.doc.topics, input, 'topic').map((t) => t.id);
}
