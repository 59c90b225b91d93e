import { closest } from '../text/suggest.js';
import { ArmruError } from './errors.js';

/**
 * A value of an enumerated option as the user typed it, in any case (`Quote` is `quote`).
 * An unknown value is a usage error naming the nearest value and the whole list.
 */
export function chooseEnum<T extends string>(
  what: string,
  value: string,
  choices: readonly T[],
): T {
  const wanted = value.trim().toLowerCase();
  const found = choices.find((c) => c.toLowerCase() === wanted);
  if (found) return found;
  const [near] = closest(wanted, [...choices], 1);
  const hint = near ? `did you mean "${near}"? ` : '';
  throw new ArmruError(
    'usage',
    `unknown ${what} "${value}"; ${hint}expected one of ${choices.join(', ')}`,
  );
}
