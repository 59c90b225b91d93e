import { describe, expect, it } from 'vitest';
import { termSearcher } from '../../src/core/search/fuse-score.js';
import { wordForms } from '../../src/core/search/inflect.js';

/** Whether a query term meets a (folded) text, as the search asks. */
const meets = (term: string, text: string) => termSearcher(term).searchIn(text).isMatch;

describe('inflected forms of a search word', () => {
  it('gives the regular forms of verbs and nouns, from any of them', () => {
    expect(wordForms('deny')).toEqual(['denies', 'denied', 'denying']);
    expect(wordForms('denies')).toEqual(['deny', 'denied', 'denying']);
    expect(wordForms('sign')).toEqual(['signs', 'signed', 'signing']);
    expect(wordForms('signed')).toEqual(expect.arrayContaining(['sign', 'signs', 'signing']));
    expect(wordForms('agreements')).toEqual(expect.arrayContaining(['agreement']));
    expect(wordForms('enhancing')).toEqual(expect.arrayContaining(['enhance', 'enhanced']));
    expect(wordForms('patrol')).toEqual(expect.arrayContaining(['patrolled', 'patrolling']));
    expect(wordForms('patrolled')).toEqual(expect.arrayContaining(['patrol', 'patrols']));
    expect(wordForms('discussed')).toEqual(expect.arrayContaining(['discuss', 'discusses']));
    expect(wordForms('discussed')).not.toContain('discus');
    expect(wordForms('allies')).toEqual(['ally', 'allied', 'allying']);
  });

  it('knows the irregular verbs of reporting', () => {
    expect(wordForms('say')).toEqual(['says', 'said', 'saying']);
    expect(wordForms('told')).toEqual(['tell', 'tells', 'telling']);
    expect(wordForms('held')).toEqual(['hold', 'holds', 'holding']);
  });

  it('gives no forms to short words, numbers or operator terms', () => {
    for (const term of ['war', 'un', '2019', "'deny", '^sign', 'sign$', '=deny', 'co-op'])
      expect(wordForms(term), term).toEqual([]);
  });

  it('meets forms only as whole words, so names keep apart', () => {
    expect(meets('deny', 'the report was denied')).toBe(true);
    expect(meets('denied', 'they deny it')).toBe(true);
    expect(meets('signed', 'the signing of agreements')).toBe(true);
    expect(meets('agreements', 'one agreement')).toBe(true);
    expect(meets('patrolled', 'troops patrol the border')).toBe(true);
    expect(meets('say', 'he said so')).toBe(true);
    // A form is not met inside another word.
    expect(meets('signing', 'new signs')).toBe(true);
    expect(meets('signing', 'new designs')).toBe(false);
    expect(meets('denied', 'undeniable')).toBe(false);
    expect(meets('held', 'upholding')).toBe(false);
    // A name gets no demonym: "Russian" is no form of "Russia" (the typed word still meets it
    // fuzzily, as it always has, since "russia" is inside "russian").
    expect(wordForms('russia')).not.toContain('russian');
    expect(wordForms('armenia')).not.toContain('armenian');
  });

  it('scores a form found as fuse.js scores a word found exactly', () => {
    const s = termSearcher('deny');
    expect(s.searchIn('denied')).toEqual({ isMatch: true, score: 0, indices: [[0, 5]] });
    expect(s.searchIn('it was denied, then denied again')).toEqual({
      isMatch: true,
      score: 0.001,
      indices: [
        [7, 12],
        [20, 25],
      ],
    });
  });
});

describe('words that only look inflected', () => {
  it('gives no forms to a word whose "stem" is another word, and keeps -eed words whole', () => {
    for (const word of ['united', 'caring', 'evening', 'during', 'being', 'seed'])
      expect(wordForms(word), word).toEqual([]);
    expect(wordForms('need')).toEqual(expect.arrayContaining(['needs', 'needed', 'needing']));
    expect(wordForms('speed')).toEqual(expect.arrayContaining(['speeds', 'speeding']));
  });
});
