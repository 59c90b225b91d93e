import type { MarkedRun } from '../core/browse/marks.js';
import { CLAIM_KINDS, type ClaimKind, type Source } from '../core/model/types.js';
import { sanitize, sanitizeInline } from './sanitize.js';
import { displayWidth, wrap } from './text-width.js';
import type { View } from './view.js';

/** A claim marked in the article, with what the footnotes say about it. */
export interface MarkedClaim {
  /** The id users see (qualified when several datasets are loaded). */
  id: string;
  kind: ClaimKind;
  /** Display name of who asserts it (`author` for the writer). */
  asserter: string;
  cue?: string;
  hedged: boolean;
  /** Code-point offset where its quote starts. */
  start: number;
}

/** One article as `armru read` shows it. */
export interface ArticlePage {
  source: Source;
  /** The article cut into runs (see articleMarks in core/browse/marks.ts). */
  runs: MarkedRun[];
  /** The whole article text (to tell whether it opens with its title and byline). */
  text: string;
  /** The marked claims, in article order. */
  claims: MarkedClaim[];
}

/** The printed article, and the line (0-based) where each marked claim's words begin. */
export interface RenderedArticle {
  text: string;
  lineOf: Map<string, number>;
}

/** Opening and closing markers for a pipe; documented in the README. */
export const OPEN = '⟦';
export const CLOSE = '⟧';

/**
 * The article's own text for a pipe: a backslash, ⟦ or ⟧ in it is written after a backslash,
 * so that nothing in the article can pass for a marker, and every marker can be told apart.
 */
export function escapeMarkers(text: string): string {
  // Written as escapes: the bundle stays ASCII (see tests/e2e/trust.test.ts).
  return /[\\\u27e6\u27e7]/.test(text) ? text.replace(/[\\\u27e6\u27e7]/g, '\\$&') : text;
}

const KIND_STYLES: Record<ClaimKind, string> = {
  event: 'green',
  statement: 'blue',
  quote: 'magenta',
  report: 'yellow',
  denial: 'red',
  assessment: 'cyan',
  background: 'gray',
};

type Styler = (kind: ClaimKind | undefined, underline: boolean, s: string) => string;

/** Styles by claim kind: colour and underline with chalk when colour is on, else none. */
export async function kindStyler(enabled: boolean): Promise<Styler> {
  if (!enabled) return (_k, _u, s) => s;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return (kind, underline, s) => {
    if (s === '') return s;
    let style = kind ? c[KIND_STYLES[kind] as 'green'] : c;
    if (underline) style = style.underline;
    return style(s);
  };
}

/**
 * What the page shows above the article: publisher, date and address when known, and the
 * title and byline unless the article text already opens with them (most do).
 */
function headerLines(source: Source, text: string, runs: MarkedRun[]): string[] {
  // Shown from a later paragraph (--claim), the article's own title is not on the page.
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

/**
 * The article for a pipe: plain text with `⟦ID ` where a claim's words begin and `⟧` where
 * the innermost open claim's words end (`⟦/ID⟧` when a claim ends while one opened after it
 * is still open, i.e. quotes that cross), then one tab-separated line per claim. The
 * article's own backslashes and brackets are escaped (see escapeMarkers).
 */
export function renderPlainArticle(page: ArticlePage): RenderedArticle {
  const header = headerLines(page.source, page.text, page.runs);
  const out: string[] = header.length > 0 ? [...header, ''] : [];
  const lineOf = new Map<string, number>();
  let body = '';
  let line = out.length;
  // The open claims, innermost last. A claim that ends below the innermost (quotes that
  // cross) is written closed at once and left on the stack, marked, until it surfaces: each
  // claim is pushed, closed and popped once, however many are open.
  const stack: string[] = [];
  const crossed = new Set<string>();
  const top = () => {
    let id = stack[stack.length - 1];
    while (id !== undefined && crossed.has(id)) {
      crossed.delete(id);
      stack.pop();
      id = stack[stack.length - 1];
    }
    return id;
  };
  for (const run of page.runs) {
    for (const id of run.opens) {
      stack.push(id);
      body += `${OPEN}${id} `;
      lineOf.set(id, line);
    }
    // Escaped first: a backslash the sanitizer then writes (\x1b) is told from the article's
    // own, which is doubled.
    const text = sanitize(escapeMarkers(run.text));
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) line++;
    body += text;
    // Innermost first: those that are innermost close with ⟧, the rest name themselves.
    const closes = run.closes;
    let k = 0;
    while (k < closes.length && top() === closes[k]) {
      stack.pop();
      body += CLOSE;
      k++;
    }
    for (; k < closes.length; k++) {
      const id = closes[k] as string;
      crossed.add(id);
      body += `${OPEN}/${id}${CLOSE}`;
    }
  }
  out.push(body.replace(/\n+$/, ''));
  out.push('');
  for (const claim of page.claims) out.push(footnote(claim).join('\t'));
  return { text: `${out.join('\n')}\n`, lineOf };
}

interface Piece {
  text: string;
  kind: ClaimKind | undefined;
  marked: boolean;
  /** Claims whose words begin with this piece. */
  starts: string[];
}

/** Lines kept before they are written: some tens of kilobytes of text. */
const WRITE_LINES = 512;

/**
 * The article for a terminal: the header, then each paragraph wrapped to the width with
 * every claim's words coloured by kind and underlined, the ids of the claims that begin on a
 * line in the left margin, and after each paragraph a footnote per claim that begins in it
 * (kind, who asserts it, the cue, whether it is hedged).
 */
export function renderTerminalArticle(
  view: View,
  page: ArticlePage,
  style: Styler,
): RenderedArticle {
  const parts: string[] = [];
  const lineOf = writeTerminalArticle(view, page, style, (text) => parts.push(text));
  return { text: parts.join(''), lineOf };
}

/**
 * renderTerminalArticle's text, written some hundred lines at a time as the article is laid
 * out (a long article is never held whole as lines, nor cut into objects for every word
 * first); returns the line (0-based) where each marked claim's words begin.
 */
export function writeTerminalArticle(
  view: View,
  page: ArticlePage,
  style: Styler,
  write: (text: string) => void,
): Map<string, number> {
  const byId = new Map(page.claims.map((c) => [c.id, c]));
  const kinds = new Map(page.claims.map((c) => [c.id, c.kind]));
  // A loop, not Math.max(...ids): spreading 10^5 arguments overflows the stack.
  const margin = page.claims.reduce((m, c) => Math.max(m, displayWidth(c.id) + 1), 4);
  const width = Math.max(20, view.width - margin);
  const colors = view.colors;
  // Lines not yet written, and how many were written before them.
  let out: string[] = headerLines(page.source, page.text, page.runs).map((l, i) =>
    i === 0 ? colors.header(l) : l,
  );
  let written = 0;
  // Written once enough lines wait; blank lines at the end are held back, since the
  // article's last blank lines are left out.
  const drain = () => {
    let end = out.length;
    while (end > 0 && out[end - 1] === '') end--;
    if (end === 0) return;
    let text = '';
    for (let i = 0; i < end; i++) text += `${out[i]}\n`;
    write(text);
    written += end;
    out = out.slice(end);
  };
  const push = (line: string) => {
    out.push(line);
    if (out.length >= WRITE_LINES) drain();
  };
  const present = CLAIM_KINDS.filter((k) => page.claims.some((c) => c.kind === k));
  if (present.length > 0) {
    // The legend wraps between kinds when the window is narrow.
    let legend = 'Marked:';
    let used = legend.length;
    for (const k of present) {
      if (used + 1 + k.length > view.width) {
        push(legend);
        legend = '  ';
        used = 2;
      } else {
        legend += ' ';
        used += 1;
      }
      legend += style(k, true, k);
      used += k.length;
    }
    push(legend);
  }
  push(colors.dim('─'.repeat(Math.min(view.width, 60))));
  push('');
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
    if (spillAt < spillIds.length) {
      shown = spillIds[spillAt++];
      for (const id of lineIds) spillIds.push(id);
    } else {
      shown = lineIds[0];
      spillIds = lineIds.slice(1);
      spillAt = 0;
    }
    const gutter = shown ? style(byId.get(shown)?.kind, false, pad(shown)) : ' '.repeat(margin);
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
    push(`${gutter}${text}`.trimEnd());
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
      const indent = margin + displayWidth(id) + 1;
      wrap(note, Math.max(10, view.width - indent)).forEach((part, n) => {
        const lead =
          n === 0 ? `${' '.repeat(margin)}${style(claim.kind, false, id)} ` : ' '.repeat(indent);
        push(`${lead}${colors.dim(part)}`);
      });
    }
    paragraphIds = [];
  };
  // The article is read as words (which may change style inside: pieces of several runs),
  // single spaces and line breaks, and each is laid out as soon as it is whole.
  let word: Piece[] | undefined;
  const endWord = () => {
    if (!word) return;
    const pieces = word;
    word = undefined;
    let w = 0;
    for (const p of pieces) w += displayWidth(p.text);
    const spaceWidth = pendingSpace ? 1 : 0;
    if (lineWidth > 0 && lineWidth + spaceWidth + w > width) flush();
    if (lineWidth > 0 && pendingSpace) {
      line.push(pendingSpace);
      lineWidth += 1;
    }
    pendingSpace = undefined;
    for (const p of pieces) {
      line.push(p);
      for (const id of p.starts) {
        lineIds.push(id);
        paragraphIds.push(id);
        lineOf.set(id, written + out.length);
      }
    }
    lineWidth += w;
  };
  // Line breaks in a row: two or more end the paragraph, one ends the line.
  let breaks = 0;
  const endBreaks = () => {
    if (breaks >= 2) {
      endParagraph();
      push('');
    } else if (breaks === 1) {
      if (lineWidth > 0 || spillAt < spillIds.length) flush();
      else push('');
    }
    breaks = 0;
  };
  let pending: string[] = [];
  for (const run of page.runs) {
    const kind = run.innermost !== undefined ? kinds.get(run.innermost) : undefined;
    const marked = run.depth > 0;
    // A loop, not push(...opens): thousands of claims may start at one place.
    for (const id of run.opens) pending.push(id);
    const text = sanitize(run.text);
    let at = 0;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x0a) {
        endWord();
        breaks++;
        at++;
        continue;
      }
      if (c === 0x20) {
        endWord();
        endBreaks();
        if (lineWidth > 0) pendingSpace = { text: ' ', kind, marked, starts: [] };
        at++;
        continue;
      }
      let end = at + 1;
      while (end < text.length) {
        const d = text.charCodeAt(end);
        if (d === 0x20 || d === 0x0a) break;
        end++;
      }
      endBreaks();
      const p: Piece = { text: text.slice(at, end), kind, marked, starts: pending };
      pending = [];
      if (word) word.push(p);
      else word = [p];
      at = end;
    }
  }
  endWord();
  endBreaks();
  endParagraph();
  // The article's last blank lines are left out.
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  drain();
  return lineOf;
}
