/**
 * Candidate filtering for fuse.js terms: cheap exact-substring tests that every record
 * fuse.js could match must pass, so fuse.js need only score the records that pass.
 *
 * The guarantee is the pigeonhole principle for edit distance: if a pattern matches some text
 * with at most k edits, then of any k+1 disjoint pieces of the pattern at least one occurs
 * unchanged in the text. fuse.js's fuzzy matcher allows k edits when k / length is within
 * the threshold, so splitting a fuzzy word into k+1 pieces gives needles one of which every
 * matching record contains. The other matchers (exact, include, prefix, suffix) need their
 * whole literal to occur. Filtering therefore never changes what matches or how it scores.
 */

import { wordForms } from './inflect.js';

/** The most edits fuse.js's bitap matcher accepts for a pattern of `length` at `threshold`. */
export function maxErrors(length: number, threshold: number): number {
  // The same arithmetic as fuse.js: errors / length compared with the threshold.
  let k = 0;
  while (k + 1 < length && (k + 1) / length <= threshold) k++;
  return k;
}

/** `text` split into `parts` nearly equal, disjoint pieces. */
export function pieces(text: string, parts: number): string[] {
  const out: string[] = [];
  const size = text.length / parts;
  for (let i = 0; i < parts; i++)
    out.push(text.slice(Math.round(i * size), Math.round((i + 1) * size)));
  return out;
}

const unquote = (s: string) =>
  s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;

/** A term's matcher and literal: fuzzy terms may lose up to `errors` characters. */
export function termLiteral(term: string, threshold: number): { literal: string; errors: number } {
  if (term.startsWith('=') || term.startsWith("'") || term.startsWith('^')) {
    return { literal: unquote(term.slice(1)), errors: 0 };
  }
  if (term.endsWith('$')) return { literal: unquote(term.slice(0, -1)), errors: 0 };
  const literal = unquote(term);
  return { literal, errors: maxErrors(literal.length, threshold) };
}

/**
 * The needles for one positive extended-search term (already folded): a record can match the
 * term only if it contains at least one of them. `undefined` means no useful needle (every
 * record is a candidate).
 */
export function termNeedles(term: string, threshold: number): string[] | undefined {
  const { literal, errors } = termLiteral(term, threshold);
  if (literal === '') return undefined;
  const needles = pieces(literal, errors + 1);
  // A record may also match through another form of the word (inflect.ts), found whole.
  return needles.some((n) => n === '') ? undefined : [...needles, ...wordForms(term)];
}

/** Indices of the haystacks that contain at least one needle. */
export function filterByNeedles(
  haystacks: readonly string[],
  needles: readonly string[],
): number[] {
  const out: number[] = [];
  for (let i = 0; i < haystacks.length; i++) {
    const hay = haystacks[i] as string;
    if (needles.some((n) => hay.includes(n))) out.push(i);
  }
  return out;
}
