/**
 * How the property tests of the search write a word of a generated query: two letters swapped
 * (typo), with an operator (exact, include, prefix, suffix), cut short, or as it is. `other` is a second word for a
 * phrase, `r` a random number that picks between the forms.
 */
export function queryWord(kind: string, w: string, other: string, r: number): string {
  switch (kind) {
    case 'typo':
      return w.length > 4 ? `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}` : w;
    case 'exact':
      return r % 2 ? `=${w}` : `="${w} ${other}"`;
    case 'include':
      return r % 2 ? `'${w.slice(1)}` : `'"${w.slice(2)} ${other}"`;
    case 'prefix':
      return `^${w.slice(0, 3)}`;
    case 'suffix':
      return `${w.slice(-3)}$`;
    case 'cut':
      return w.slice(0, Math.max(2, w.length - 2));
    case 'letter':
      return w.slice(0, 1);
    default:
      return w;
  }
}
