import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPlainArticle, renderWrappedPlainArticle } from '../../src/render/article.js';
import { displayWidth } from '../../src/render/text-width.js';
import { testPage } from '../helpers.js';

// `armru read` in a terminal without colour: the pipe's markers, wrapped to the window.

const page = testPage;

/** The body of the output: after the header's blank line, before the blank line of the notes. */
function body(out: string): string[] {
  const lines = out.split('\n');
  const start = lines.indexOf('') + 1;
  let end = lines.length - 1;
  while (end > start && lines[end - 1] !== '') end--;
  return lines.slice(start, end - 1);
}

/** Ends with a backslash that escapes nothing: the mark of a word cut in two. */
const cutMark = (line: string) => /(^|[^\\])(\\\\)*\\$/.test(line);

/** The wrapped lines joined back: a cut word whole again, every other break a space. */
function unwrap(lines: string[]): string {
  let text = '';
  for (const line of lines) text += cutMark(line) ? line.slice(0, -1) : `${line} `;
  return text;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Opening markers not preceded by an escaping backslash. */
const OPENING = /(?<=(?:^|[^\\])(?:\\\\)*)⟦(?!\/)/g;

describe('the marked article wrapped for a terminal without colour', () => {
  it('wraps at spaces, keeps each marker with its id and the word it opens, cuts only what cannot fit', () => {
    const text = 'Alpha beta gamma delta 東京の会議で合意が発表された。 end.';
    const spans = [
      { id: 'k1', start: 6, end: 16 },
      { id: 'k2', start: 23, end: 38 },
    ];
    const out = renderWrappedPlainArticle(page(text, spans), 16);
    expect(out.text).toBe(
      [
        'T',
        'By A',
        '',
        'Alpha ⟦k1 beta',
        'gamma⟧ delta',
        '⟦k2 東京の会議\\',
        'で合意が発表さ\\',
        'れた。⟧ end.',
        '',
        'k1 event ·',
        '   author',
        'k2 event ·',
        '   author',
        '',
      ].join('\n'),
    );
    expect(out.lineOf).toEqual(
      new Map([
        ['k1', 3],
        ['k2', 5],
      ]),
    );
  });

  it('never parts an escape: the article’s own backslash and brackets stay escaped', () => {
    // `\⟦` is the article's bracket; cut before it, a line would open with a false marker.
    const text = 'aaaaaa\\⟦bbbbbb⟧cc';
    const out = renderWrappedPlainArticle(page(text, []), 8).text;
    expect(body(out)).toEqual(['aaaaaa\\', '\\\\\\⟦bbb\\', 'bbb\\⟧cc']);
    for (const line of body(out)) expect(line).not.toMatch(/^⟦/);
  });

  it('keeps every line within the width, every marker whole, and loses nothing', () => {
    const units = [
      'ab',
      'c',
      ' ',
      ' ',
      '\n',
      '\n\n',
      '中',
      'e\u0301',
      '👩‍👧',
      '\\',
      '⟦',
      '⟧',
      '\t',
    ];
    const arbitrary = fc
      .tuple(
        fc.array(fc.constantFrom(...units), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 8, max: 50 }),
      )
      .chain(([parts, width]) => {
        const text = parts.join('');
        const n = Array.from(text).length;
        const span = fc
          .tuple(fc.nat(n), fc.nat(n))
          .filter(([a, b]) => a !== b)
          .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
        return fc.tuple(fc.constant(text), fc.constant(width), fc.array(span, { maxLength: 5 }));
      });
    fc.assert(
      fc.property(arbitrary, ([text, width, raw]) => {
        const spans = raw.map((s, i) => ({ id: `k${i}`, ...s }));
        const marked = page(text, spans);
        const wrapped = renderWrappedPlainArticle(marked, width);
        const lines = wrapped.text.split('\n');
        for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
        // Every opening marker stands whole on its line, its id followed by a space.
        for (const line of lines) {
          for (const m of line.matchAll(OPENING)) {
            expect(line.slice(m.index), line).toMatch(/^⟦k\d /);
          }
        }
        // Each claim's line holds its opening marker.
        for (const s of spans) {
          expect(lines[wrapped.lineOf.get(s.id) as number], s.id).toContain(`⟦${s.id} `);
        }
        // Joined back, the body is the pipe's, but for how the spaces fall.
        const pipe = renderPlainArticle(marked).text;
        expect(squash(unwrap(body(wrapped.text)))).toBe(squash(body(pipe).join('\n')));
      }),
      { numRuns: 300 },
    );
  });
});
