import Fuse, { type Expression } from 'fuse.js';
import { wordForms } from './inflect.js';
import { FUSE_OPTIONS, SEARCH_FIELDS } from './search-record.js';

// fuse.js's arithmetic, for code that scores records value by value instead of handing whole
// records to fuse.js: the normalised key weights, the field norm of a value, the factor a
// matched value contributes, and the searcher fuse.js makes for one term. Each repeats
// fuse.js 7.5 operation for operation, so products made from them are fuse.js's to the last bit.

/** fuse.js's weights, by field number (SEARCH_FIELDS), normalised as its KeyStore does. */
export const WEIGHTS: readonly number[] = (() => {
  const keys = (FUSE_OPTIONS.keys ?? []) as { name: string; weight: number }[];
  let total = 0;
  for (const key of keys) total += key.weight;
  return SEARCH_FIELDS.map((field) => {
    const key = keys.find((k) => k.name === field);
    if (!key) throw new Error(`no fuse.js key for ${field}`);
    return key.weight / total;
  });
})();

/** What fuse.js splits tokens at (its `SPACE` pattern, /[ \t\n\v\f\r\u00a0]/ and \s alike). */
export function isNormSpace(code: number): boolean {
  return (code >= 9 && code <= 13) || code === 32 || code === 160;
}

/** fuse.js's field norm of a value with `tokens` whitespace-separated tokens, to 3 places. */
export function normOfTokens(tokens: number): number {
  // The same arithmetic as fuse.js 7.5 (src/tools/fieldNorm.ts), so the product is the same.
  return Math.round(1000 / Math.max(1, tokens) ** 0.5) / 1000;
}

/** fuse.js's field norm of a folded value: 1/sqrt(its whitespace-separated tokens), to 3 places. */
export function fieldNorm(value: string): number {
  let tokens = 0;
  let inWord = false;
  for (let i = 0; i < value.length; i++) {
    if (!isNormSpace(value.charCodeAt(i))) {
      if (!inWord) tokens++;
      inWord = true;
    } else inWord = false;
  }
  return normOfTokens(tokens);
}

/** The factor a matched value adds to fuse.js's product: its score to the weight times norm. */
export function scoreFactor(score: number, field: number, norm: number): number {
  // biome-ignore lint/style/useExponentiationOperator: fuse.js calls Math.pow; so must this, to the last bit.
  return Math.pow(score === 0 ? Number.EPSILON : score, (WEIGHTS[field] as number) * norm);
}

/** What fuse.js's searcher of one term says about one value. */
export interface TermSearcher {
  searchIn(text: string): {
    isMatch: boolean;
    score: number;
    indices?: readonly (readonly [number, number])[];
  };
}

/**
 * The searcher fuse.js makes for the leaf of `{ $and: [term] }`, with the options a search
 * runs with (its defaults under ours), as in a search of every claim.
 */
export function termSearcher(term: string): TermSearcher {
  const node = Fuse.parseQuery({ $and: [term] } as Expression, {
    ...Fuse.config,
    ...FUSE_OPTIONS,
  }) as { children: { searcher: TermSearcher }[] };
  const searcher = node.children[0]?.searcher as TermSearcher;
  const forms = wordForms(term);
  return forms.length === 0 ? searcher : new FormsSearcher(searcher, forms);
}

/** Letters, digits and marks: what a word of the index is made of (see wordPattern). */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * A term with other inflected forms (inflect.ts): the term as fuse.js matches it, or a form
 * as a whole word of the value, whichever scores better (the term on a tie). A form scores as
 * fuse.js scores a word found exactly: 0 when it is the whole value, else 0.001 (its floor);
 * its positions are those of every whole-word occurrence. The index scores its words the same
 * way (ranked-search.ts), so both search paths agree.
 */
class FormsSearcher implements TermSearcher {
  constructor(
    private readonly term: TermSearcher,
    private readonly forms: readonly string[],
  ) {}

  searchIn(text: string): ReturnType<TermSearcher['searchIn']> {
    const found = this.term.searchIn(text);
    if (found.isMatch && found.score === 0) return found;
    let best: ReturnType<TermSearcher['searchIn']> | undefined = found.isMatch ? found : undefined;
    for (const form of this.forms) {
      const indices: [number, number][] = [];
      for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
        const end = at + form.length;
        if (at > 0 && WORD_CHAR.test(text[at - 1] as string)) continue;
        if (end < text.length && WORD_CHAR.test(text[end] as string)) continue;
        indices.push([at, end - 1]);
      }
      if (indices.length === 0) continue;
      const score = text === form ? 0 : 0.001;
      if (!best || score < best.score) best = { isMatch: true, score, indices };
    }
    return best ?? found;
  }
}
