import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterAround } from '../../src/core/dataset/graphemes.js';

// Whether a quote's offset falls inside a grapheme cluster is decided from a little text before
// it: exactly what segmenting the whole text says.

describe('clusters around an offset', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const boundaries = (text: string) => {
    const out = new Set<number>([text.length]);
    for (const { index } of segmenter.segment(text)) out.add(index);
    return out;
  };

  it('are found where segmenting the whole text finds them, and only there', () => {
    const piece = fc.constantFrom(
      'a',
      ' ',
      '.',
      '\r',
      '\n',
      '\u0301',
      '\u200d',
      '\ufe0f',
      '\u{1f1e6}',
      '\u{1f1f2}',
      '\u{1f469}',
      '\u{1f3fb}',
      '\u1100',
      '\u1161',
      '\u11a8',
      '\u0600',
      '\u0915',
      '\u094d',
      '\u00e9',
      '\u{10400}',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        const whole = boundaries(text);
        for (let at = 0; at <= text.length; at++) {
          const code = text.charCodeAt(at);
          // Offsets inside a surrogate pair are not code-point offsets.
          if (code >= 0xdc00 && code <= 0xdfff) continue;
          const cluster = clusterAround(text, at, segmenter);
          expect(cluster === undefined, `${JSON.stringify(text)} at ${at}`).toBe(whole.has(at));
          if (cluster) {
            expect(whole.has(cluster.from) && whole.has(cluster.to)).toBe(true);
            expect(cluster.from < at && at < cluster.to).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('looks back only a bounded way, from the last place no cluster crosses', () => {
    const text = `${'word '.repeat(2000)}flag \u{1f1e6}\u{1f1f2} and Cafe\u0301.`;
    const flag = text.indexOf('\u{1f1e6}');
    expect(clusterAround(text, flag + 2, segmenter)).toEqual({ from: flag, to: flag + 4 });
    expect(clusterAround(text, flag, segmenter)).toBeUndefined();
    const mark = text.indexOf('\u0301');
    expect(clusterAround(text, mark, segmenter)).toEqual({ from: mark - 1, to: mark + 1 });
  });
});
