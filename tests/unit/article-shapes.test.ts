import { describe, expect, it } from 'vitest';
import {
  renderPlainArticle,
  renderTerminalArticle,
  renderWrappedPlainArticle,
} from '../../src/render/article.js';
import { plainPalette } from '../../src/render/color.js';
import { kit } from '../../src/render/table-kit.js';
import { displayWidth } from '../../src/render/text-width.js';
import { testPage } from '../helpers.js';

// Articles of shapes the fixtures lack. An article saved with Windows line ends (CR LF) is
// read as the same article with LF: its line ends are line breaks, not control characters to
// show as `\r` on every line, and a blank CR LF line ends a paragraph.

const TEXT = 'One two.\r\nThree four.\r\n\r\nFive six.\r\n';
const SPANS = [
  { id: 'k1', start: 4, end: 15 },
  { id: 'k2', start: 25, end: 33 },
];
const view = (width: number) => ({
  mode: 'table' as const,
  width,
  colors: plainPalette(),
  write: () => {},
  kit,
});

describe('an article with CR LF line ends', () => {
  it('is written to a pipe with its line ends as they are, so dropping the markers gives it back', () => {
    const out = renderPlainArticle(testPage(TEXT, SPANS)).text;
    expect(out).toBe(
      'T\nBy A\n\nOne ⟦k1 two.\r\nThree⟧ four.\r\n\r\n⟦k2 Five six⟧.\n\nk1\tevent\tauthor\t\t\nk2\tevent\tauthor\t\t\n',
    );
    const body = out.split('\n\n')[1] as string;
    expect(body.replace(/⟦[^ ]+ |⟧/g, '')).toBe(TEXT.replace(/\r\n$/, ''));
  });

  it('shows no \\r in a terminal without colour, and keeps a CR LF within a quote a line break', () => {
    const out = renderWrappedPlainArticle(testPage(TEXT, SPANS), 40).text;
    expect(out).not.toContain('\\r');
    expect(out).not.toContain('\r');
    expect(out.split('\n').slice(3, 7)).toEqual([
      'One ⟦k1 two.',
      'Three⟧ four.',
      '',
      '⟦k2 Five six⟧.',
    ]);
  });

  it('ends a paragraph at a blank CR LF line in colour: each claim noted after its own paragraph', () => {
    const out = renderTerminalArticle(view(40), testPage(TEXT, SPANS), (_k, _u, s) => s).text;
    expect(out).not.toContain('\\r');
    expect(out).not.toContain('\r');
    const lines = out.split('\n');
    const body = lines.slice(lines.indexOf('') + 1);
    expect(body).toEqual([
      'k1  One two.',
      '    Three four.',
      '    k1 event · author',
      '',
      'k2  Five six.',
      '    k2 event · author',
      '',
    ]);
  });

  it('still shows a carriage return that ends no line', () => {
    const text = 'over\rwrite\n';
    expect(renderPlainArticle(testPage(text, [])).text).toContain('over\\rwrite');
    expect(renderWrappedPlainArticle(testPage(text, []), 40).text).toContain('over\\rwrite');
  });
});

describe('the coloured article in a window too narrow for its ids in the margin', () => {
  it('leaves the margin out rather than run past the window, and keeps every word', () => {
    // Ids qualified by a long source id (several datasets loaded) in a 30-column window.
    const text = 'Alpha beta gamma delta epsilon zeta eta theta.\n\nSecond paragraph here.';
    const long = 'armenia-russia-defence-19:c08';
    const page = testPage(text, [
      { id: long, start: 6, end: 16 },
      { id: 'armenia-russia-defence-19:c09', start: 48, end: 64 },
    ]);
    const out = renderTerminalArticle(view(30), page, (_k, _u, s) => s).text;
    const lines = out.trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(30);
    const body = lines.slice(lines.indexOf('') + 1);
    expect(body).toEqual([
      'Alpha beta gamma delta epsilon',
      'zeta eta theta.',
      'armenia-russia-defence-19:c08',
      '  event · author',
      '',
      'Second paragraph here.',
      'armenia-russia-defence-19:c09',
      '  event · author',
    ]);
  });

  it('leaves no blank line where several claims begin on one line', () => {
    const text = 'Alpha beta gamma delta epsilon zeta eta theta.';
    const page = testPage(text, [
      { id: 'armenia-russia-defence-19:c01', start: 0, end: 10 },
      { id: 'armenia-russia-defence-19:c02', start: 6, end: 16 },
      { id: 'armenia-russia-defence-19:c03', start: 11, end: 22 },
    ]);
    const out = renderTerminalArticle(view(30), page, (_k, _u, s) => s).text;
    const lines = out.trimEnd().split('\n');
    expect(lines.slice(lines.indexOf('') + 1, lines.indexOf('') + 4)).toEqual([
      'Alpha beta gamma delta epsilon',
      'zeta eta theta.',
      'armenia-russia-defence-19:c01',
    ]);
  });
});

describe('a line of only spaces and tabs between paragraphs (common in text copied from the web)', () => {
  it('ends the paragraph in colour, as an empty line does: each claim noted after its own', () => {
    const text = 'First para here.\n \t \nSecond para there.';
    const page = testPage(text, [
      { id: 'k1', start: 0, end: 5 },
      { id: 'k2', start: 21, end: 27 },
    ]);
    const out = renderTerminalArticle(view(40), page, (_k, _u, s) => s).text;
    const lines = out.split('\n');
    expect(lines.slice(lines.indexOf('') + 1)).toEqual([
      'k1  First para here.',
      '    k1 event · author',
      '',
      'k2  Second para there.',
      '    k2 event · author',
      '',
    ]);
  });
});
