import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleRuns, type Span } from '../../src/core/browse/marks.js';
import type { Source } from '../../src/core/model/types.js';
import { CLOSE, OPEN, renderPlainArticle } from '../../src/render/article.js';

const SOURCE: Source = {
  id: 's',
  type: 'NewsArticle',
  title: 'T',
  author: 'A',
  publisher: null,
  datePublished: null,
  inLanguage: 'en',
  textSha256: '0'.repeat(64),
  offsetUnit: 'codepoint',
};

function plain(text: string, spans: Span[]): string {
  const runs = articleRuns(text, spans);
  const claims = spans.map((s) => ({
    id: s.id,
    kind: 'event' as const,
    asserter: 'author',
    hedged: false,
    start: s.start,
  }));
  const out = renderPlainArticle({ source: SOURCE, runs, claims, text }).text;
  // The body: after the header (title and byline differ from the text) and before the footnotes.
  return out.split('\n\n').slice(1, -1).join('\n\n');
}

describe('articleRuns', () => {
  it('cuts at every boundary and lists the covering claims outermost first', () => {
    const runs = articleRuns('abcdefghij', [
      { id: 'inner', start: 2, end: 4 },
      { id: 'outer', start: 1, end: 6 },
      { id: 'cross', start: 5, end: 8 },
    ]);
    expect(runs.map((r) => [r.text, r.claims])).toEqual([
      ['a', []],
      ['b', ['outer']],
      ['cd', ['outer', 'inner']],
      ['e', ['outer']],
      ['f', ['outer', 'cross']],
      ['gh', ['cross']],
      ['ij', []],
    ]);
  });

  it('counts code points, as the dataset does', () => {
    const runs = articleRuns('a😀b', [{ id: 'x', start: 1, end: 2 }]);
    expect(runs.map((r) => r.text)).toEqual(['a', '😀', 'b']);
  });

  it('always partitions the text, and each claim covers exactly its span', () => {
    const arbitrary = fc
      .string({
        unit: fc.constantFrom('a', 'b', ' ', '\n', 'é', '😀'),
        minLength: 1,
        maxLength: 40,
      })
      .chain((text) => {
        const n = Array.from(text).length;
        const span = fc
          .tuple(fc.nat(n), fc.nat(n))
          .filter(([a, b]) => a !== b)
          .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
        return fc.tuple(fc.constant(text), fc.array(span, { maxLength: 6 }));
      });
    fc.assert(
      fc.property(arbitrary, ([text, raw]) => {
        const spans = raw.map((s, i) => ({ id: `k${i}`, ...s }));
        const runs = articleRuns(text, spans);
        expect(runs.map((r) => r.text).join('')).toBe(text);
        const cps = Array.from(text);
        for (const s of spans) {
          const covered = runs
            .filter((r) => r.claims.includes(s.id))
            .map((r) => r.text)
            .join('');
          expect(covered).toBe(cps.slice(s.start, s.end).join(''));
        }
      }),
    );
  });
});

describe('markers for a pipe', () => {
  it('nests, and names the claim a crossing close belongs to', () => {
    expect(
      plain('one two three four five', [
        { id: 'a', start: 0, end: 13 },
        { id: 'b', start: 4, end: 7 },
        { id: 'c', start: 8, end: 18 },
      ]),
    ).toBe(`${OPEN}a one ${OPEN}b two${CLOSE} ${OPEN}c three${CLOSE}a four${CLOSE} five`);
  });

  it('closes claims that end together innermost first', () => {
    expect(
      plain('x yz', [
        { id: 'a', start: 0, end: 4 },
        { id: 'b', start: 2, end: 4 },
      ]),
    ).toBe(`${OPEN}a x ${OPEN}b yz${CLOSE}${CLOSE}`);
  });

  it('gives the text back when the markers are removed', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(20), fc.nat(20)), { maxLength: 5 }), (pairs) => {
        const text = 'The quick brown fox.';
        const spans = pairs
          .filter(([a, b]) => a !== b)
          .map(([a, b], i) => ({ id: `k${i}`, start: Math.min(a, b), end: Math.max(a, b) }));
        const body = plain(text, spans);
        const stripped = body.replace(/⟦k\d+ /g, '').replace(/⟧(k\d+)?/g, '');
        expect(stripped).toBe(text);
        expect(body.split(OPEN).length - 1).toBe(spans.length);
        expect(body.split(CLOSE).length - 1).toBe(spans.length);
      }),
    );
  });
});
