// English inflection for search words: "deny" also meets "denied", "signed" meets "signing",
// "agreements" meets "agreement". A word typed is still matched fuzzily as before; its other
// forms are matched only as whole words of the text (see `termSearcher` in fuse-score.ts and
// the index's word lookup), so a form never reaches a word fuzzily: "Russia" gets the forms
// "russias", "russiaed", … that no text has, and never meets "Russian", which is no form of it.

/** The shortest word given other forms: under this, a word is too short to tell its stem. */
export const MIN_INFLECTED = 4;

const VOWEL = /[aeiou]/;
const LETTERS = /^[a-z]+$/;

/** The stems a (folded) word may come from: itself, and without an inflectional ending. */
function stems(word: string): string[] {
  const out = [word];
  const add = (stem: string) => {
    if (stem.length >= 3 && VOWEL.test(stem) && !out.includes(stem)) out.push(stem);
  };
  if (word.endsWith('ies') || word.endsWith('ied')) add(`${word.slice(0, -3)}y`);
  else if (/(?:ss|sh|ch|x|z)es$/.test(word)) add(word.slice(0, -2));
  else if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) add(word.slice(0, -1));
  for (const ending of ['ed', 'ing']) {
    if (!word.endsWith(ending)) continue;
    const stem = word.slice(0, -ending.length);
    add(stem);
    add(`${stem}e`);
    // "patroll" is "patrol" doubled before -ed and -ing.
    const last = stem.at(-1);
    if (last && stem.at(-2) === last && !VOWEL.test(last) && !'sz'.includes(last))
      add(stem.slice(0, -1));
  }
  return out;
}

/** The regular forms of a stem: -s/-es/-ies, -ed/-d/-ied, -ing (dropping an -e, or doubling). */
function formsOf(stem: string): string[] {
  const out = [stem];
  const last = stem.at(-1) as string;
  const before = stem.at(-2) ?? '';
  if (last === 'y' && !VOWEL.test(before)) {
    const root = stem.slice(0, -1);
    out.push(`${root}ies`, `${root}ied`, `${stem}ing`);
  } else if (last === 'e') {
    out.push(`${stem}s`, `${stem}d`, `${stem.slice(0, -1)}ing`);
  } else {
    out.push(/(?:s|sh|ch|x|z)$/.test(stem) ? `${stem}es` : `${stem}s`, `${stem}ed`, `${stem}ing`);
    // A final consonant after one vowel may double: patrol, patrolled.
    if (
      !VOWEL.test(last) &&
      !'wxy'.includes(last) &&
      VOWEL.test(before) &&
      !VOWEL.test(stem.at(-3) ?? 'a')
    )
      out.push(`${stem}${last}ed`, `${stem}${last}ing`);
  }
  return out;
}

/**
 * The other inflected forms of a query term (folded), to be met as whole words: the forms of
 * an irregular verb of IRREGULAR ("say" meets "said"); else none unless the term is a plain
 * word (no operator, no quote) of at least MIN_INFLECTED letters a–z, and none shorter than
 * that. The term itself is not among them.
 */
export function wordForms(term: string): string[] {
  const irregular = IRREGULAR.find((verb) => verb.includes(term));
  if (irregular) return irregular.filter((form) => form !== term);
  if (term.length < MIN_INFLECTED || !LETTERS.test(term) || UNINFLECTED.has(term)) return [];
  const found = stems(term);
  // An inflected word is not a stem itself ("signed" gives no "signeded"), unless its ending
  // is part of the word ("need", "speed": -ed after a double vowel).
  const from = found.length > 1 && !/(?:ee|oo)d$/.test(term) ? found.slice(1) : found;
  const out: string[] = [];
  const keep = (form: string) => {
    if (form !== term && form.length >= MIN_INFLECTED && !out.includes(form)) out.push(form);
  };
  for (const stem of from) for (const form of formsOf(stem)) keep(form);
  return out;
}

/**
 * Words that end like an inflection but are none, whose "stem" is another word ("united" is
 * no form of "unit", "evening" none of "even", "caring" none of "car"): given no forms.
 */
const UNINFLECTED = new Set(
  'united evening morning during nothing something anything everything thing things being bring brings spring string king ring wing sing hundred sacred naked wicked bed red shed seed seeds feed feeds caring daring sporting ceiling'.split(
    ' ',
  ),
);

/** Irregular verbs of reporting and of what news reports, each with its forms. */
const IRREGULAR: readonly (readonly string[])[] = [
  ['say', 'says', 'said', 'saying'],
  ['tell', 'tells', 'told', 'telling'],
  ['hold', 'holds', 'held', 'holding'],
  ['meet', 'meets', 'met', 'meeting'],
  ['send', 'sends', 'sent', 'sending'],
  ['seek', 'seeks', 'sought', 'seeking'],
  ['give', 'gives', 'gave', 'given', 'giving'],
  ['take', 'takes', 'took', 'taken', 'taking'],
  ['make', 'makes', 'made', 'making'],
  ['go', 'goes', 'went', 'gone', 'going'],
  ['see', 'sees', 'saw', 'seen', 'seeing'],
  ['lead', 'leads', 'led', 'leading'],
  ['win', 'wins', 'won', 'winning'],
  ['think', 'thinks', 'thought', 'thinking'],
  ['write', 'writes', 'wrote', 'written', 'writing'],
];
