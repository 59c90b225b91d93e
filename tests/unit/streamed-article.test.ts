import { describe, expect, it } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { random } from '../../bench/corpus.mjs';
import { articleMarks, articleRuns, type Run } from '../../src/core/browse/marks.js';
import { CLAIM_KINDS, type ClaimKind, type Source } from '../../src/core/model/types.js';
import {
  type ArticlePage,
  type MarkedClaim,
  writeTerminalArticle,
} from '../../src/render/article.js';
import { plainPalette } from '../../src/render/color.js';
import { sanitize, sanitizeInline } from '../../src/render/sanitize.js';
import { kit } from '../../src/render/table-kit.js';
import { displayWidth, wrap } from '../../src/render/text-width.js';
import type { View } from '../../src/render/view.js';

// `armru read` in a terminal writes the article a few hundred lines at a time as it lays it
// out. The reference below is the earlier layout, which cut the whole article into word
// objects and joined every line into one text: the streamed text must be exactly its text.

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

type Styler = (kind: ClaimKind | undefined, underline: boolean, s: string) => string;

/**
 * The page as the reference below reads it: each run with every claim over it (articleRuns),
 * where the printer gets only what begins and ends with each run (articleMarks).
 */
type ReferencePage = Omit<ArticlePage, 'runs'> & { runs: Run[] };

function headerLines(source: Source, text: string, runs: Run[]): string[] {
  if ((runs[0]?.start ?? 0) > 0) text = '';
  const opening = text
    .trimStart()
    .split('\n')
    .slice(0, 4)
    .map((l) => l.trim());
  const lines: string[] = [];
  if (opening[0] !== source.title.trim()) lines.push(sanitizeInline(source.title));
  if (!opening.some((l) => l.startsWith('By ') && l.includes(source.author))) {
    lines.push(`By ${sanitizeInline(source.author)}`);
  }
  if (source.publisher) lines.push(`Publisher: ${sanitizeInline(source.publisher)}`);
  if (source.datePublished) lines.push(`Published: ${sanitizeInline(source.datePublished)}`);
  if (source.url) lines.push(`URL: ${sanitizeInline(source.url)}`);
  return lines;
}

function footnote(claim: MarkedClaim): string[] {
  return [
    claim.id,
    claim.kind,
    sanitizeInline(claim.asserter),
    claim.cue ? sanitizeInline(claim.cue) : '',
    claim.hedged ? 'hedged' : '',
  ];
}

interface Piece {
  text: string;
  kind: ClaimKind | undefined;
  marked: boolean;
  /** Claims whose words begin with this piece. */
  starts: string[];
}

type Token = { type: 'word'; pieces: Piece[] } | { type: 'space'; piece: Piece } | { type: 'nl' };

/** Splits runs into words (which may change style inside), single spaces and line breaks. */
function tokens(page: ReferencePage, kinds: Map<string, ClaimKind>): Token[] {
  const out: Token[] = [];
  let word: Piece[] | undefined;
  let pending: string[] = [];
  const open = new Set<string>();
  for (const run of page.runs) {
    const innermost = run.claims[run.claims.length - 1];
    const kind = innermost ? kinds.get(innermost) : undefined;
    const starts = run.claims.filter((id) => !open.has(id));
    const inRun = new Set(run.claims);
    for (const id of open) if (!inRun.has(id)) open.delete(id);
    for (const id of starts) open.add(id);
    // A loop, not push(...starts): thousands of claims may start at one place.
    for (const id of starts) pending.push(id);
    for (const part of sanitize(run.text).split(/( |\n)/)) {
      if (part === '') continue;
      const piece = (text: string): Piece => ({
        text,
        kind,
        marked: run.claims.length > 0,
        starts: [],
      });
      if (part === '\n') {
        word = undefined;
        out.push({ type: 'nl' });
      } else if (part === ' ') {
        word = undefined;
        out.push({ type: 'space', piece: piece(' ') });
      } else {
        const p = piece(part);
        p.starts = pending;
        pending = [];
        if (word) word.push(p);
        else {
          word = [p];
          out.push({ type: 'word', pieces: word });
        }
      }
    }
  }
  return out;
}

/**
 * The article for a terminal: the header, then each paragraph wrapped to the width with
 * every claim's words coloured by kind and underlined, the ids of the claims that begin on a
 * line in the left margin, and after each paragraph a footnote per claim that begins in it
 * (kind, who asserts it, the cue, whether it is hedged).
 */
function wholeArticle(
  view: View,
  page: ReferencePage,
  style: Styler,
): { text: string; lineOf: Map<string, number> } {
  const byId = new Map(page.claims.map((c) => [c.id, c]));
  const kinds = new Map(page.claims.map((c) => [c.id, c.kind]));
  // A loop, not Math.max(...ids): spreading 10^5 arguments overflows the stack.
  const ids = page.claims.reduce((m, c) => Math.max(m, displayWidth(c.id) + 1), 4);
  // No margin when it would leave the text fewer than 20 columns.
  const margin = view.width - ids >= 20 ? ids : 0;
  const width = margin > 0 ? view.width - margin : Math.max(1, view.width);
  const colors = view.colors;
  const out: string[] = headerLines(page.source, page.text, page.runs).flatMap((l, i) =>
    wrap(l, view.width).map((part) => (i === 0 ? colors.header(part) : part)),
  );
  const present = CLAIM_KINDS.filter((k) => page.claims.some((c) => c.kind === k));
  if (present.length > 0) {
    // The legend wraps between kinds when the window is narrow.
    let legend = 'Marked:';
    let used = legend.length;
    for (const k of present) {
      if (used + 1 + k.length > view.width) {
        out.push(legend);
        legend = '  ';
        used = 2;
      } else {
        legend += ' ';
        used += 1;
      }
      legend += style(k, true, k);
      used += k.length;
    }
    out.push(legend);
  }
  out.push(colors.dim('─'.repeat(Math.min(view.width, 60))), '');
  const lineOf = new Map<string, number>();

  let line: Piece[] = [];
  let lineWidth = 0;
  let lineIds: string[] = [];
  // Ids still to show in the margin, from `spillAt` on (a queue: thousands may wait).
  let spillIds: string[] = [];
  let spillAt = 0;
  let paragraphIds: string[] = [];
  let pendingSpace: Piece | undefined;
  const pad = (s: string) => s + ' '.repeat(Math.max(0, margin - displayWidth(s)));
  const flush = () => {
    let shown: string | undefined;
    if (margin === 0) spillIds = [];
    else if (spillAt < spillIds.length) {
      shown = spillIds[spillAt++];
      for (const id of lineIds) spillIds.push(id);
    } else {
      shown = lineIds[0];
      spillIds = lineIds.slice(1);
      spillAt = 0;
    }
    const gutter =
      shown && margin > 0 ? style(byId.get(shown)?.kind, false, pad(shown)) : ' '.repeat(margin);
    // Neighbouring pieces of one style are styled together: fewer escape codes.
    let text = '';
    for (let j = 0; j < line.length; ) {
      const first = line[j] as Piece;
      let joined = '';
      while (j < line.length && line[j]?.kind === first.kind && line[j]?.marked === first.marked) {
        joined += (line[j] as Piece).text;
        j++;
      }
      text += style(first.kind, first.marked, joined);
    }
    out.push(`${gutter}${text}`.trimEnd());
    line = [];
    lineWidth = 0;
    lineIds = [];
    pendingSpace = undefined;
  };
  const endParagraph = () => {
    if (lineWidth > 0) flush();
    while (spillAt < spillIds.length) flush();
    for (const id of paragraphIds) {
      const claim = byId.get(id);
      if (!claim) continue;
      const [, kind, asserter, cue, hedged] = footnote(claim);
      const who = `${asserter}${cue ? ` (“${cue}”)` : ''}`;
      const note = [kind, who, hedged].filter(Boolean).join(' · ');
      if (view.width - (margin + displayWidth(id) + 1) < 10) {
        for (const part of wrap(id, Math.max(1, view.width)))
          out.push(style(claim.kind, false, part));
        for (const part of wrap(note, Math.max(1, view.width - 2)))
          out.push(`  ${colors.dim(part)}`);
        continue;
      }
      const indent = margin + displayWidth(id) + 1;
      wrap(note, Math.max(10, view.width - indent)).forEach((part, n) => {
        const lead =
          n === 0 ? `${' '.repeat(margin)}${style(claim.kind, false, id)} ` : ' '.repeat(indent);
        out.push(`${lead}${colors.dim(part)}`);
      });
    }
    paragraphIds = [];
  };
  const all = tokens(page, kinds);
  for (let i = 0; i < all.length; i++) {
    const token = all[i] as Token;
    if (token.type === 'nl') {
      const paragraphBreak = all[i + 1]?.type === 'nl';
      if (paragraphBreak) {
        endParagraph();
        while (all[i + 1]?.type === 'nl') i++;
        out.push('');
      } else if (lineWidth > 0 || spillAt < spillIds.length) flush();
      else out.push('');
      continue;
    }
    if (token.type === 'space') {
      if (lineWidth > 0) pendingSpace = token.piece;
      continue;
    }
    const w = token.pieces.reduce((n, p) => n + displayWidth(p.text), 0);
    const spaceWidth = pendingSpace ? 1 : 0;
    if (lineWidth > 0 && lineWidth + spaceWidth + w > width) flush();
    if (lineWidth > 0 && pendingSpace) {
      line.push(pendingSpace);
      lineWidth += 1;
    }
    pendingSpace = undefined;
    const place = (p: Piece) => {
      line.push(p);
      for (const id of p.starts) {
        lineIds.push(id);
        paragraphIds.push(id);
        lineOf.set(id, out.length);
      }
    };
    if (w <= width) {
      for (const p of token.pieces) place(p);
      lineWidth += w;
      continue;
    }
    // A word wider than the line is cut between grapheme clusters, each cut line ending in \.
    for (const p of token.pieces) {
      let part = '';
      let starts = p.starts;
      for (const { segment } of graphemes.segment(p.text)) {
        const sw = displayWidth(segment);
        if (lineWidth > 0 && lineWidth + sw > width - 1) {
          if (part !== '') {
            place({ ...p, text: part, starts });
            starts = [];
          }
          part = '';
          line.push({ text: '\\', kind: undefined, marked: false, starts: [] });
          flush();
        }
        part += segment;
        lineWidth += sw;
      }
      if (part !== '') place({ ...p, text: part, starts });
    }
  }
  endParagraph();
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return { text: `${out.join('\n')}\n`, lineOf };
}

const WORDS = ['Gyumri', 'base', 'Türkiye’s', 'on', '東京', 'a', 'memorandum', '—', 'x'.repeat(40)];

/** An article of `paragraphs` paragraphs with `claims` quotes: nested, crossing, mid-word. */
function generated(
  paragraphs: number,
  claims: number,
  seed: number,
): { page: ArticlePage; reference: ReferencePage } {
  const next = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const parts = ['The Title', 'By Someone', ''];
  for (let p = 0; p < paragraphs; p++) {
    const lines = 1 + Math.floor(next() * 3);
    for (let l = 0; l < lines; l++) {
      const words = Array.from({ length: 1 + Math.floor(next() * 40) }, () => pick(WORDS));
      parts.push(words.join(next() < 0.1 ? '  ' : ' '));
    }
    parts.push(next() < 0.2 ? '\n' : '');
  }
  const text = `${parts.join('\n')}\n\n\n`;
  const spans = Array.from({ length: claims }, (_, i) => {
    const start = Math.floor(next() * (text.length - 50));
    return { id: `c${i + 1}`, start, end: start + 1 + Math.floor(next() * 300) };
  });
  const kinds = CLAIM_KINDS as readonly ClaimKind[];
  const reference = {
    source: { id: 's', title: 'The Title', author: 'Someone', inLanguage: 'en' } as Source,
    runs: articleRuns(text, spans),
    text,
    claims: spans.map((s, i) => ({
      id: s.id,
      kind: kinds[i % kinds.length] as ClaimKind,
      asserter: i % 3 === 0 ? 'author' : `Person ${i}`,
      ...(i % 4 === 0 ? { cue: 'said' } : {}),
      hedged: i % 5 === 0,
      start: s.start,
    })),
  };
  return { page: { ...reference, runs: articleMarks(text, spans) }, reference };
}

describe('the article in a terminal, written as it is laid out', () => {
  it('is exactly the article laid out whole, at any width, with and without styles', () => {
    const { page, reference } = generated(600, 800, 3);
    const styles: Styler[] = [
      (_k, _u, s) => s,
      (k, u, s) => (s === '' ? s : `<${k ?? '-'}${u ? '_' : ''}>${s}</>`),
    ];
    for (const style of styles) {
      for (const width of [20, 50, 120]) {
        const view: View = { mode: 'table', width, colors: plainPalette(), write: () => {}, kit };
        const whole = wholeArticle(view, reference, style);
        const pieces: string[] = [];
        const lineOf = writeTerminalArticle(view, page, style, (t) => pieces.push(t));
        expect(pieces.length).toBeGreaterThan(3);
        expect(pieces.join('')).toBe(whole.text);
        expect([...lineOf]).toEqual([...whole.lineOf]);
      }
    }
  });
});

describe('a tab in the article, in a terminal', () => {
  const view = (width: number): View => ({
    mode: 'table',
    width,
    colors: plainPalette(),
    write: () => {},
    kit,
  });
  const lines = (text: string, width: number) => {
    const page: ArticlePage = {
      source: { id: 's', title: 'T', author: 'A', inLanguage: 'en' } as Source,
      runs: articleMarks(text, [{ id: 'c1', start: 0, end: text.indexOf('.') + 1 }]),
      text,
      claims: [{ id: 'c1', kind: 'event', asserter: 'author', hedged: false, start: 0 }],
    };
    const pieces: string[] = [];
    writeTerminalArticle(
      view(width),
      page,
      (_k, _u, s) => s,
      (t) => pieces.push(t),
    );
    return pieces.join('').split('\n');
  };

  it('reaches the next stop of 8 in the text, written as spaces, and counts in the width', () => {
    const text = 'The minister said\tthat the base\twill grow.\n';
    // The margin is 4 columns ("c1" and a space, at least 4): the text starts at column 4.
    expect(lines(text, 80)).toContain('c1  The minister said       that the base   will grow.');
    // At 40 columns the text has 36: the line breaks where the tab's columns would pass them.
    const narrow = lines(text, 40);
    expect(narrow).toContain('c1  The minister said       that the');
    expect(narrow).toContain('    base    will grow.');
    for (const line of narrow) expect(displayWidth(line), line).toBeLessThanOrEqual(40);
    for (const line of narrow) expect(line).not.toContain('\t');
  });

  it('a tab among spaces stands for the run; a tab at the start of a line is dropped like spaces', () => {
    expect(lines('One \t two.\n\tIndented.\n', 80)).toEqual(
      expect.arrayContaining(['c1  One     two.', '    Indented.']),
    );
  });
});
