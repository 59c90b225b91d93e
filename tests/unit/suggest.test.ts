import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, editDistanceWithin } from '../../src/core/text/suggest.js';

describe('closest', () => {
  it('keeps the candidates a stable sort of all of them by distance and name would put first', () => {
    // The former way: every candidate within reach scored, all of them sorted, the first taken.
    const reference = (input: string, candidates: string[], max: number): string[] => {
      const key = (s: string) => s.toLowerCase();
      const needle = key(input);
      const budget = Math.max(2, Math.floor(needle.length / 3));
      const scored: { candidate: string; distance: number }[] = [];
      for (const candidate of new Set(candidates)) {
        const hay = key(candidate);
        let distance = editDistanceWithin(needle, hay, budget);
        if (
          distance > budget &&
          needle.length >= 3 &&
          (hay.includes(needle) || needle.includes(hay))
        )
          distance = budget;
        if (distance <= budget) scored.push({ candidate, distance });
      }
      scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
      return scored.slice(0, max).map((s) => s.candidate);
    };
    // Letters whose case and accents make localeCompare tie or order unlike code units.
    const letter = fc.constantFrom('a', 'A', 'b', 'B', 'e', 'é', 'E', 'r', 's', 't', '-', '\u0301');
    const word = fc.string({ unit: letter, minLength: 0, maxLength: 7 });
    fc.assert(
      fc.property(
        word,
        // With each word's composed and decomposed forms, which localeCompare finds equal.
        fc
          .array(word, { maxLength: 40 })
          .map((ws) => ws.flatMap((w) => [w, w.normalize('NFD'), w.normalize('NFC')])),
        fc.integer({ min: 0, max: 5 }),
        (input, candidates, max) => {
          expect(closest(input, candidates, max)).toEqual(reference(input, candidates, max));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
