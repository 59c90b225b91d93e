import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closest,
  codePointOrderHolds,
  compareWords,
  editDistanceWithin,
} from '../../src/core/text/suggest.js';

/**
 * The former `closest`: every candidate within reach scored, all of them sorted by distance,
 * then by localeCompare (a stable sort), the first taken. The reference of both tests below.
 */
function reference(input: string, candidates: string[], max: number): string[] {
  const needle = input.toLowerCase();
  const budget = Math.max(2, Math.floor(needle.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of new Set(candidates)) {
    const hay = candidate.toLowerCase();
    let distance = editDistanceWithin(needle, hay, budget);
    if (distance > budget && needle.length >= 3 && (hay.includes(needle) || needle.includes(hay)))
      distance = budget;
    if (distance <= budget) scored.push({ candidate, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, max).map((s) => s.candidate);
}

describe('closest', () => {
  it('keeps the candidates a stable sort of all of them by distance and name would put first', () => {
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

describe('compareWords', () => {
  const sign = (n: number) => Math.sign(n);
  const word = fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
    maxLength: 9,
  });

  it('orders lower-case ASCII words as ICU root and English collation do', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(sign(compareWords(a, b))).toBe(sign(a.localeCompare(b, 'und')));
        expect(sign(compareWords(a, b))).toBe(sign(a.localeCompare(b, 'en')));
      }),
      { numRuns: 20000 },
    );
    // Words that share a long start, or are one another's start.
    fc.assert(
      fc.property(word, word, word, (stem, a, b) => {
        expect(sign(compareWords(stem + a, stem + b))).toBe(
          sign((stem + a).localeCompare(stem + b, 'und')),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('is localeCompare in this process, for those words and any others', () => {
    // The tests run in a C or English locale; elsewhere compareWords is localeCompare itself.
    expect(codePointOrderHolds(process.env, process.execArgv)).toBe(true);
    const any = fc.string({
      unit: fc.constantFrom(
        'a',
        'z',
        'A',
        'Z',
        '0',
        '9',
        'é',
        'e\u0301',
        'ß',
        'ı',
        '-',
        ' ',
        'å',
        'y',
        'i',
      ),
      maxLength: 6,
    });
    fc.assert(
      fc.property(fc.oneof(word, any), fc.oneof(word, any), (a, b) => {
        expect(sign(compareWords(a, b))).toBe(sign(a.localeCompare(b)));
      }),
      { numRuns: 20000 },
    );
  });

  it('keeps localeCompare where the locale may order ASCII otherwise', () => {
    const holds = (env: Record<string, string | undefined>, flags: string[] = []) =>
      codePointOrderHolds(env, flags);
    expect(holds({})).toBe(true);
    expect(holds({ LANG: 'C.UTF-8' })).toBe(true);
    expect(holds({ LANG: 'C', LC_ALL: 'POSIX' })).toBe(true);
    expect(holds({ LANG: 'en_US.UTF-8', LC_CTYPE: 'en_GB.utf8' })).toBe(true);
    expect(holds({ LANG: 'en_US_POSIX' })).toBe(true);
    expect(holds({ LANG: 'en' })).toBe(true);
    expect(holds({ LANG: '', LC_ALL: '' })).toBe(true);
    expect(holds({ LANG: 'da_DK.UTF-8' })).toBe(false);
    expect(holds({ LANG: 'en_US.UTF-8', LC_ALL: 'lt_LT.UTF-8' })).toBe(false);
    expect(holds({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'cs_CZ' })).toBe(false);
    expect(holds({ LANG: 'en_US.UTF-8', LC_COLLATE: 'sv_SE' })).toBe(false);
    expect(holds({ LANG: 'en_US@euro' })).toBe(false);
    expect(holds({ LANG: 'en-US-u-co-phonebk' })).toBe(false);
    expect(holds({ LANG: 'C.UTF-8', NODE_OPTIONS: '--icu-locale=da' })).toBe(false);
    expect(holds({ LANG: 'C.UTF-8' }, ['--icu-locale=da'])).toBe(false);
    // Where the variables say so, those locales do order these words otherwise.
    expect(sign('aa'.localeCompare('zz', 'da'))).toBe(1);
    expect(sign('y'.localeCompare('j', 'lt'))).toBe(-1);
  });

  it('leaves the suggestions as they were for lower-case ASCII words', () => {
    // `reference` is closest with localeCompare as it was.
    const near = fc.string({
      unit: fc.constantFrom('a', 'b', 'r', 's', 't', '1', '2'),
      minLength: 2,
      maxLength: 7,
    });
    fc.assert(
      fc.property(
        near,
        fc.array(near, { maxLength: 60 }),
        fc.integer({ min: 1, max: 5 }),
        (input, candidates, max) => {
          expect(closest(input, candidates, max)).toEqual(reference(input, candidates, max));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('editDistanceWithin', () => {
  it('gives the same distances in any order of calls, short and long words mixed', () => {
    // Its rows are kept from one call to the next: a long word after short ones grows them,
    // and what a call leaves behind must not change the next one's answer.
    const textbook = (a: string, b: string): number => {
      let up = Array.from({ length: b.length + 1 }, (_, j) => j);
      let up2 = up;
      for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
          let d = Math.min(
            (up[j] as number) + 1,
            (row[j - 1] as number) + 1,
            (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
            d = Math.min(d, (up2[j - 2] as number) + 1);
          row.push(d);
        }
        up2 = up;
        up = row;
      }
      return up[b.length] as number;
    };
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 70 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(word, word, fc.integer({ min: 0, max: 80 })), { maxLength: 6 }),
        (pairs) => {
          for (const [a, b, limit] of pairs) {
            const exact = textbook(a, b);
            const within = editDistanceWithin(a, b, limit);
            if (exact <= limit) expect(within).toBe(exact);
            else expect(within).toBeGreaterThan(limit);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
