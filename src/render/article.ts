import type { Run } from '../core/browse/marks.js';
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
  /** The article cut into runs (see core/marks.ts), from `from` on. */
  runs: Run[];
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
function headerLines(source: Source, text: string, runs: Run[]): string[] {
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
 * the innermost open claim's words end (`⟧ID` when a claim ends while one opened after it
 * is still open, i.e. quotes that cross), then one tab-separated line per claim.
 */
export function renderPlainArticle(page: ArticlePage): RenderedArticle {
  const header = headerLines(page.source, page.text, page.runs);
  const out: string[] = header.length > 0 ? [...header, ''] : [];
  const lineOf = new Map<string, number>();
  let body = '';
  let line = out.length;
  const stack: string[] = [];
  const emit = (s: string) => {
    body += s;
  };
  const closeAll = (keep: Set<string>) => {
    while (stack.length > 0 && !keep.has(stack[stack.length - 1] as string)) {
      stack.pop();
      emit(CLOSE);
    }
    for (let i = stack.length - 1; i >= 0; i--) {
      const id = stack[i] as string;
      if (!keep.has(id)) {
        stack.splice(i, 1);
        emit(`${CLOSE}${id}`);
      }
    }
  };
  for (const run of page.runs) {
    const active = new Set(run.claims);
    closeAll(active);
    for (const id of run.claims) {
      if (!stack.includes(id)) {
        stack.push(id);
        emit(`${OPEN}${id} `);
        lineOf.set(id, line);
      }
    }
    const text = sanitize(run.text);
    for (const ch of text) if (ch === '\n') line++;
    emit(text);
  }
  closeAll(new Set());
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

type Token = { type: 'word'; pieces: Piece[] } | { type: 'space'; piece: Piece } | { type: 'nl' };

/** Splits runs into words (which may change style inside), single spaces and line breaks. */
function tokens(page: ArticlePage, kinds: Map<string, ClaimKind>): Token[] {
  const out: Token[] = [];
  let word: Piece[] | undefined;
  let pending: string[] = [];
  const open = new Set<string>();
  for (const run of page.runs) {
    const innermost = run.claims[run.claims.length - 1];
    const kind = innermost ? kinds.get(innermost) : undefined;
    const starts = run.claims.filter((id) => !open.has(id));
    for (const id of [...open]) if (!run.claims.includes(id)) open.delete(id);
    for (const id of starts) open.add(id);
    pending.push(...starts);
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
export function renderTerminalArticle(
  view: View,
  page: ArticlePage,
  style: Styler,
): RenderedArticle {
  const byId = new Map(page.claims.map((c) => [c.id, c]));
  const kinds = new Map(page.claims.map((c) => [c.id, c.kind]));
  // A loop, not Math.max(...ids): spreading 10^5 arguments overflows the stack.
  const margin = page.claims.reduce((m, c) => Math.max(m, displayWidth(c.id) + 1), 4);
  const width = Math.max(20, view.width - margin);
  const colors = view.colors;
  const out: string[] = headerLines(page.source, page.text, page.runs).map((l, i) =>
    i === 0 ? colors.header(l) : l,
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
  let spillIds: string[] = [];
  let paragraphIds: string[] = [];
  let pendingSpace: Piece | undefined;
  const pad = (s: string) => s + ' '.repeat(Math.max(0, margin - displayWidth(s)));
  const flush = () => {
    const ids = [...spillIds, ...lineIds];
    const shown = ids.shift();
    spillIds = ids;
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
    out.push(`${gutter}${text}`.trimEnd());
    line = [];
    lineWidth = 0;
    lineIds = [];
    pendingSpace = undefined;
  };
  const endParagraph = () => {
    if (lineWidth > 0) flush();
    while (spillIds.length > 0) flush();
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
      } else if (lineWidth > 0 || spillIds.length > 0) flush();
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
    for (const p of token.pieces) {
      line.push(p);
      for (const id of p.starts) {
        lineIds.push(id);
        paragraphIds.push(id);
        lineOf.set(id, out.length);
      }
    }
    lineWidth += w;
  }
  endParagraph();
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return { text: `${out.join('\n')}\n`, lineOf };
}
