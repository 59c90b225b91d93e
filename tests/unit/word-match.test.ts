import fc from 'fast-check';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { bitapScore, MAX_PATTERN } from '../../src/core/store/word-match.js';

/** What fuse.js gives one word for a pattern, with the options the word index uses. */
function fuseScore(pattern: string, text: string, minMatch: number): number | undefined {
  const fuse = new Fuse([text], {
    threshold: 0.2,
    ignoreLocation: true,
    isCaseSensitive: true,
    minMatchCharLength: minMatch,
    includeScore: true,
  });
  const [hit] = fuse.search(pattern);
  return hit ? (hit.score ?? 0) : undefined;
}

describe('a word scored for a fuzzy term without fuse.js', () => {
  it('matches and scores as fuse.js does', () => {
    // Few letters, so that near misses, repeats and transpositions are common.
    const unit = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'r', '\u00e9', '\u4e2d');
    const word = (max: number) => fc.string({ unit, minLength: 1, maxLength: max });
    fc.assert(
      fc.property(
        fc.oneof(word(12), word(MAX_PATTERN)),
        fc.oneof(word(16), word(40)),
        fc.constantFrom(1, 2, 3),
        (pattern, text, minMatch) => {
          expect(bitapScore(pattern, text, 0.2, minMatch), `${pattern} in ${text}`).toBe(
            fuseScore(pattern, text, minMatch),
          );
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('matches words built from the pattern with a few edits as fuse.js does', () => {
    const unit = fc.constantFrom('a', 'e', 'k', 'n', 'o', 'r', 's', 't');
    fc.assert(
      fc.property(
        fc.string({ unit, minLength: 1, maxLength: 20 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'add', 'swap', 'change'), unit), {
          maxLength: 3,
        }),
        fc.string({ unit, maxLength: 4 }),
        fc.string({ unit, maxLength: 4 }),
        (pattern, edits, head, tail) => {
          let text = pattern;
          for (const [at, edit, u] of edits) {
            const i = at % (text.length + 1);
            if (edit === 'drop') text = text.slice(0, i) + text.slice(i + 1);
            else if (edit === 'add') text = text.slice(0, i) + u + text.slice(i);
            else if (edit === 'change') text = text.slice(0, i) + u + text.slice(i + 1);
            else if (i + 1 < text.length)
              text = text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
          }
          text = head + text + tail;
          expect(bitapScore(pattern, text, 0.2, 2), `${pattern} in ${text}`).toBe(
            fuseScore(pattern, text, 2),
          );
        },
      ),
      { numRuns: 5000 },
    );
  });
});
