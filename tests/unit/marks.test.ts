import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleMarks, articleRuns, type Span } from '../../src/core/browse/marks.js';
import { CLOSE, OPEN, renderPlainArticle } from '../../src/render/article.js';
import { testPage } from '../helpers.js';

function plain(text: string, spans: Span[]): string {
  const out = renderPlainArticle(testPage(text, spans)).text;
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

describe('articleMarks', () => {
  it('tells each run by the claims that begin and end with it', () => {
    const runs = articleMarks('abcdefghij', [
      { id: 'inner', start: 2, end: 4 },
      { id: 'outer', start: 1, end: 6 },
      { id: 'cross', start: 5, end: 8 },
    ]);
    expect(runs.map((r) => [r.text, r.opens, r.closes, r.innermost ?? '', r.depth])).toEqual([
      ['a', [], [], '', 0],
      ['b', ['outer'], [], 'outer', 1],
      ['cd', ['inner'], ['inner'], 'inner', 2],
      ['e', [], [], 'outer', 1],
      ['f', ['cross'], ['outer'], 'cross', 2],
      ['gh', [], ['cross'], 'cross', 1],
      ['ij', [], [], '', 0],
    ]);
  });

  it('from a point on: the first run cut there, with every claim over it begun there', () => {
    const runs = articleMarks(
      'abcdefghij',
      [
        { id: 'outer', start: 1, end: 6 },
        { id: 'inner', start: 2, end: 5 },
        { id: 'gone', start: 0, end: 2 },
      ],
      3,
    );
    expect(runs.map((r) => [r.start, r.text, r.opens, r.closes])).toEqual([
      [3, 'de', ['outer', 'inner'], ['inner']],
      [5, 'f', [], ['outer']],
      [6, 'ghij', [], []],
    ]);
  });

  it('says what articleRuns says, in changes, from any point on', () => {
    const arbitrary = fc
      .string({ unit: fc.constantFrom('a', ' ', '\n', '😀'), minLength: 1, maxLength: 30 })
      .chain((text) => {
        const n = Array.from(text).length;
        const span = fc
          .tuple(fc.nat(n), fc.nat(n))
          .filter(([a, b]) => a !== b)
          .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
        return fc.tuple(fc.constant(text), fc.array(span, { maxLength: 8 }), fc.nat(n));
      });
    fc.assert(
      fc.property(arbitrary, ([text, raw, from]) => {
        const spans = raw.map((s, i) => ({ id: `k${i}`, ...s }));
        const runs = articleRuns(text, spans).filter((r) => r.end > from);
        const marks = articleMarks(text, spans, from);
        expect(marks.map((r) => r.end)).toEqual(runs.map((r) => r.end));
        expect(marks.map((r) => r.text).join('')).toBe(Array.from(text).slice(from).join(''));
        // Replaying the changes gives every run's covering claims, outermost first.
        let open: string[] = [];
        marks.forEach((mark, i) => {
          const run = runs[i];
          open.push(...mark.opens);
          expect(open).toEqual(run?.claims);
          expect(mark.depth).toBe(open.length);
          expect(mark.innermost).toBe(open.at(-1));
          const ending = [...open].reverse().filter((id) => mark.closes.includes(id));
          expect(mark.closes).toEqual(ending);
          open = open.filter((id) => !mark.closes.includes(id));
        });
        expect(open).toEqual([]);
        // Each claim begins once and ends once: the lists grow with the claims, not the runs.
        const listed = marks.reduce((n, m) => n + m.opens.length + m.closes.length, 0);
        expect(listed).toBeLessThanOrEqual(2 * spans.length);
      }),
      { numRuns: 500 },
    );
  });
});

/** The plain text's escapes and markers, read left to right (README, `armru read`). */
const TOKEN = /\\([\s\S])|⟦\/([^\s⟦⟧\\]+)⟧|⟦([^\s⟦⟧\\/]+) |⟧/g;

/** The article back from the plain text: an escape gives its character, a marker nothing. */
function unmark(body: string): string {
  return body.replace(TOKEN, (_, escaped?: string) => escaped ?? '');
}

/** How many times each claim is opened, and closed where it crosses another (`⟦/ID⟧`). */
function markCounts(body: string): { opened: Map<string, number>; crossed: Map<string, number> } {
  const opened = new Map<string, number>();
  const crossed = new Map<string, number>();
  for (const [, , cross, open] of body.matchAll(TOKEN)) {
    if (open !== undefined) opened.set(open, (opened.get(open) ?? 0) + 1);
    if (cross !== undefined) crossed.set(cross, (crossed.get(cross) ?? 0) + 1);
  }
  return { opened, crossed };
}

describe('markers for a pipe', () => {
  it('nests, and names the claim a crossing close belongs to', () => {
    expect(
      plain('one two three four five', [
        { id: 'a', start: 0, end: 13 },
        { id: 'b', start: 4, end: 7 },
        { id: 'c', start: 8, end: 18 },
      ]),
    ).toBe(`${OPEN}a one ${OPEN}b two${CLOSE} ${OPEN}c three${OPEN}/a${CLOSE} four${CLOSE} five`);
  });

  it('ends a crossing close where it ends, and escapes what in the article could pass for a marker', () => {
    // A claim that ends inside another, right before digits: the close cannot run into them.
    expect(
      plain('The army will add 2024 new tanks.', [
        { id: 'c1', start: 0, end: 17 },
        { id: 'c2', start: 4, end: 32 },
      ]),
    ).toBe(`${OPEN}c1 The ${OPEN}c2 army will add${OPEN}/c1${CLOSE} 2024 new tanks${CLOSE}.`);
    // The article's own brackets and backslashes come after a backslash.
    expect(
      plain('He wrote ⟦c1 the base will close⟧ and a\\b.', [{ id: 'c2', start: 0, end: 8 }]),
    ).toBe(`${OPEN}c2 He wrote${CLOSE} \\⟦c1 the base will close\\⟧ and a\\\\b.`);
  });

  it('closes claims that end together innermost first', () => {
    expect(
      plain('x yz', [
        { id: 'a', start: 0, end: 4 },
        { id: 'b', start: 2, end: 4 },
      ]),
    ).toBe(`${OPEN}a x ${OPEN}b yz${CLOSE}${CLOSE}`);
  });

  it('gives the text back when the markers are removed and the escapes undone', () => {
    // Articles of letters, digits, spaces and what could pass for markers.
    const article = fc
      .array(fc.constantFrom('a', 'k', '1', ' ', '/', '\\', OPEN, CLOSE), {
        minLength: 1,
        maxLength: 24,
      })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        article,
        fc.array(fc.tuple(fc.nat(24), fc.nat(24)), { maxLength: 6 }),
        (text, pairs) => {
          const spans = pairs
            .map(([a, b]) => [Math.min(a, b, text.length), Math.min(Math.max(a, b), text.length)])
            .filter(([a, b]) => a !== b)
            .map(([a, b], i) => ({ id: `k${i}`, start: a as number, end: b as number }));
          const body = plain(text, spans);
          expect(unmark(body)).toBe(text);
          // Each claim opened once and no other (the article's own "⟦k1 " is escaped), and
          // closed across another at most once.
          const { opened, crossed } = markCounts(body);
          expect([...opened.keys()].sort()).toEqual(spans.map((s) => s.id).sort());
          for (const count of opened.values()) expect(count).toBe(1);
          for (const [id, count] of crossed) {
            expect(opened.has(id)).toBe(true);
            expect(count).toBe(1);
          }
        },
      ),
      // The first: an article holding the very marker of a claim it has (found by a run).
      {
        numRuns: 500,
        examples: [
          [
            '⟦k1 a',
            [
              [0, 4],
              [0, 4],
            ],
          ],
        ],
      },
    );
  });
});
