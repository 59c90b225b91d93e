import type { MarkedRun } from '../core/browse/marks.js';
import { CLAIM_KINDS, type ClaimKind, type Source } from '../core/model/types.js';
import { keepLineEnds, newlineNext, sanitize, sanitizeInline } from './sanitize.js';
import { CONTINUED, displayWidth, graphemeSegmenter, ONE_COLUMN, wrap } from './text-width.js';
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

/** What the marked text is made of, handed out in order by `emitMarked`. */
type MarkedPart =
  /** The article's own text, escaped (see renderPlainArticle). */
  | 'text'
  /** `⟦ID `: a claim's words begin (the id is given with it). */
  | 'open'
  /** `⟧` or `⟦/ID⟧`: a claim's words end. */
  | 'close';

/**
 * Walks the article's runs and hands out its text and markers in order: `⟦ID ` where a
 * claim's words begin and `⟧` where the innermost open claim's words end (`⟦/ID⟧` when a
 * claim ends while one opened after it is still open, i.e. quotes that cross). The article's
 * own backslashes and brackets are escaped (see escapeMarkers), then its control characters.
 */
function emitMarked(
  page: ArticlePage,
  emit: (part: MarkedPart, text: string, id?: string) => void,
): void {
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
  const runs = page.runs;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r] as MarkedRun;
    for (const id of run.opens) {
      stack.push(id);
      emit('open', `${OPEN}${id} `, id);
    }
    // Escaped first: a backslash the sanitizer then writes (\x1b) is told from the article's
    // own, which is doubled. The CR of a CR LF line end stays raw (see keepLineEnds).
    emit('text', keepLineEnds(escapeMarkers(run.text), newlineNext(runs, r), sanitize));
    // Innermost first: those that are innermost close with ⟧, the rest name themselves.
    const closes = run.closes;
    let k = 0;
    while (k < closes.length && top() === closes[k]) {
      stack.pop();
      emit('close', CLOSE);
      k++;
    }
    for (; k < closes.length; k++) {
      const id = closes[k] as string;
      crossed.add(id);
      emit('close', `${OPEN}/${id}${CLOSE}`);
    }
  }
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
  emitMarked(page, (part, text, id) => {
    if (part === 'open') lineOf.set(id as string, line);
    else if (part === 'text') {
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) line++;
    }
    body += text;
  });
  out.push(body.replace(/(?:\r?\n)+$/, ''));
  out.push('');
  for (const claim of page.claims) out.push(footnote(claim).join('\t'));
  return { text: `${out.join('\n')}\n`, lineOf };
}

/** ONE_COLUMN text that may also hold the markers' brackets (one column each). */
const ONE_COLUMN_MARKED = new RegExp(ONE_COLUMN.source.replace(/\]\*\$$/, '\\u27e6\\u27e7]*$'));

/** Columns a piece of marked text takes: as displayWidth, without its cost for most text. */
function markedWidth(text: string): number {
  return ONE_COLUMN_MARKED.test(text) ? text.length : displayWidth(text);
}

/** Columns of whitespace (spaces and tabs, tabs to the next stop of 8) from column `col`. */
function spaceWidth(space: string, col: number): number {
  let at = col;
  for (let i = 0; i < space.length; i++) at = space.charCodeAt(i) === 0x09 ? (at | 7) + 1 : at + 1;
  return at - col;
}

/**
 * Lays marked text out in lines of at most `width` columns (display width: wide characters
 * two, combining marks none), breaking at spaces. A marker is never split, nor parted from
 * its id or from the word it opens on; an escape (`\⟦`, `\x1b`) is never split. A word wider
 * than a whole line is the only thing cut, between grapheme clusters, its cut lines ending
 * with CONTINUED.
 */
class MarkedLines {
  readonly lines: string[] = [];
  /** The line (0-based, counted from the first of `lines`) where each claim's words begin. */
  readonly lineOf = new Map<string, number>();
  private line = '';
  private col = 0;
  /** Whether the current line was begun by a wrap (its leading spaces are dropped). */
  private wrapped = false;
  private space = '';
  private word = '';
  /** Where in `word` a unit that is never split begins and ends, and the claim it opens. */
  private atoms: { start: number; end: number; id?: string }[] = [];

  constructor(private readonly width: number) {}

  /** Adds article text (escaped), which may hold spaces, tabs and line breaks. */
  text(text: string): void {
    let at = 0;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x0a) {
        this.endWord();
        this.endLine(false);
        this.space = '';
        at++;
      } else if (c === 0x0d) {
        // Raw only as the CR of a CR LF line end (see keepLineEnds): the newline breaks the line.
        this.endWord();
        at++;
      } else if (c === 0x20 || c === 0x09) {
        this.endWord();
        this.space += text[at];
        at++;
      } else if (c === 0x5c) {
        // An escape: the backslash and what it escapes stay together.
        const end = at + 1 + ((text.codePointAt(at + 1) ?? 0) > 0xffff ? 2 : 1);
        this.atom(text.slice(at, Math.min(end, text.length)));
        at = end;
      } else {
        let end = at + 1;
        while (end < text.length) {
          const d = text.charCodeAt(end);
          if (d === 0x0a || d === 0x0d || d === 0x20 || d === 0x09 || d === 0x5c) break;
          end++;
        }
        this.word += text.slice(at, end);
        at = end;
      }
    }
  }

  /** Adds a marker, or an escape: a unit that is never split (`id`: the claim it opens). */
  atom(text: string, id?: string): void {
    const start = this.word.length;
    this.word += text;
    this.atoms.push(
      id === undefined ? { start, end: this.word.length } : { start, end: this.word.length, id },
    );
  }

  /** Ends the text: the last line, then the lines. */
  finish(): string[] {
    this.endWord();
    if (this.col > 0 || this.line !== '') this.endLine(false);
    return this.lines;
  }

  private endLine(wrapped: boolean): void {
    this.lines.push(this.line);
    this.line = '';
    this.col = 0;
    this.wrapped = wrapped;
  }

  private place(text: string, width: number): void {
    this.line += text;
    this.col += width;
  }

  private opened(atoms: { id?: string }[]): void {
    for (const a of atoms) if (a.id !== undefined) this.lineOf.set(a.id, this.lines.length);
  }

  private endWord(): void {
    const word = this.word;
    if (word === '') return;
    const atoms = this.atoms;
    this.word = '';
    this.atoms = [];
    const space = this.space;
    this.space = '';
    const w = markedWidth(word);
    // Spaces between words are kept; where the line breaks they are dropped, and at the start
    // of a line the article's own indentation is kept unless a wrap began the line.
    const gap = this.col > 0 || !this.wrapped ? spaceWidth(space, this.col) : 0;
    if (this.col > 0 && this.col + gap + w > this.width) this.endLine(true);
    else if (gap > 0) this.place(space, gap);
    if (this.col + w <= this.width || (this.col === 0 && w <= this.width)) {
      this.opened(atoms);
      this.place(word, w);
      return;
    }
    this.cut(word, atoms);
  }

  /** A word wider than a line: cut between grapheme clusters, never inside an atom. */
  private cut(word: string, atoms: { start: number; end: number; id?: string }[]): void {
    const room = this.width > 1 ? this.width - 1 : this.width;
    let piece = '';
    let pieceWidth = 0;
    const add = (text: string, id?: string) => {
      if (text === '') return;
      const w = markedWidth(text);
      if (pieceWidth > 0 && this.col + pieceWidth + w > room) {
        this.place(piece + CONTINUED, pieceWidth + 1);
        this.endLine(true);
        piece = '';
        pieceWidth = 0;
      }
      if (id !== undefined) this.lineOf.set(id, this.lines.length);
      piece += text;
      pieceWidth += w;
    };
    // The text between atoms is cut between grapheme clusters (one character at a time where
    // every character takes one column: most text, and no need to segment it).
    const between = (from: number, to: number) => {
      if (from >= to) return;
      const text = word.slice(from, to);
      if (ONE_COLUMN_MARKED.test(text))
        for (let i = 0; i < text.length; i++) add(text[i] as string);
      else for (const { segment } of graphemeSegmenter().segment(text)) add(segment);
    };
    let at = 0;
    for (const atom of atoms) {
      between(at, atom.start);
      add(word.slice(atom.start, atom.end), atom.id);
      at = atom.end;
    }
    between(at, word.length);
    this.place(piece, pieceWidth);
  }
}

/** What a claim's note says: kind, who asserts it and the cue, whether it is hedged. */
function claimNote(claim: MarkedClaim): string {
  const [, kind, asserter, cue, hedged] = footnote(claim);
  const who = `${asserter}${cue ? ` (“${cue}”)` : ''}`;
  return [kind, who, hedged].filter(Boolean).join(' · ');
}

/**
 * The marked article for a terminal without colour: the pipe's text and markers, each line
 * wrapped to the window (see MarkedLines), then a note per claim as the coloured page writes
 * it (kind, who asserts it, the cue, whether it is hedged), wrapped under its id.
 */
export function renderWrappedPlainArticle(page: ArticlePage, width: number): RenderedArticle {
  const max = Math.max(1, width);
  const out: string[] = [];
  for (const line of headerLines(page.source, page.text, page.runs)) out.push(...wrap(line, max));
  if (out.length > 0) out.push('');
  const layout = new MarkedLines(max);
  emitMarked(page, (part, text, id) => {
    if (part === 'text') layout.text(text);
    else layout.atom(text, id);
  });
  const body = layout.finish();
  while (body.length > 0 && body[body.length - 1] === '') body.pop();
  const lineOf = new Map<string, number>();
  for (const [id, line] of layout.lineOf) lineOf.set(id, out.length + line);
  out.push(...body, '');
  for (const claim of page.claims) {
    // The note wraps under its own start; an id too wide for that stands on a line of its own.
    const id = displayWidth(claim.id);
    if (id + 1 <= max / 2) {
      const lead = ' '.repeat(id + 1);
      wrap(claimNote(claim), max - id - 1).forEach((part, n) => {
        out.push(`${n === 0 ? `${claim.id} ` : lead}${part}`);
      });
    } else {
      out.push(...wrap(claim.id, max));
      for (const part of wrap(claimNote(claim), Math.max(1, max - 2))) out.push(`  ${part}`);
    }
  }
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
  const ids = page.claims.reduce((m, c) => Math.max(m, displayWidth(c.id) + 1), 4);
  // Ids stand in the margin while they leave the text 20 columns; past that (ids qualified by
  // a long source id, a narrow window) there is no margin, so no line runs past the window:
  // the claims are told by their colour, and their notes name them.
  const margin = view.width - ids >= 20 ? ids : 0;
  const width = margin > 0 ? view.width - margin : Math.max(1, view.width);
  const colors = view.colors;
  // Lines not yet written, and how many were written before them.
  // The header wraps too: a title longer than a narrow window goes on under itself.
  let out: string[] = headerLines(page.source, page.text, page.runs).flatMap((l, i) =>
    wrap(l, view.width).map((part) => (i === 0 ? colors.header(part) : part)),
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
      const note = claimNote(claim);
      if (view.width - (margin + displayWidth(id) + 1) < 10) {
        // No room to wrap the note beside its id: the id on a line of its own, the note below.
        for (const part of wrap(id, Math.max(1, view.width))) push(style(claim.kind, false, part));
        for (const part of wrap(note, Math.max(1, view.width - 2))) push(`  ${colors.dim(part)}`);
        continue;
      }
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
    // A space is one column; a tab reaches the next stop of 8 in the text (written as spaces,
    // since a terminal would count its stops from the margin).
    const gapOf = (space: Piece | undefined) =>
      space === undefined ? 0 : space.text === '\t' ? 8 - (lineWidth % 8) : 1;
    if (lineWidth > 0 && lineWidth + gapOf(pendingSpace) + w > width) flush();
    if (lineWidth > 0 && pendingSpace) {
      const gap = gapOf(pendingSpace);
      line.push({ ...pendingSpace, text: ' '.repeat(gap) });
      lineWidth += gap;
    }
    pendingSpace = undefined;
    const place = (p: Piece) => {
      line.push(p);
      for (const id of p.starts) {
        lineIds.push(id);
        paragraphIds.push(id);
        lineOf.set(id, written + out.length);
      }
    };
    if (w <= width) {
      for (const p of pieces) place(p);
      lineWidth += w;
      return;
    }
    // A word wider than a whole line (an address, or text written without spaces, as Chinese
    // and Japanese are): cut between grapheme clusters, each cut line ending with CONTINUED.
    const room = width > 1 ? width - 1 : width;
    for (const p of pieces) {
      let part = '';
      let starts = p.starts;
      for (const { segment } of graphemeSegmenter().segment(p.text)) {
        const sw = displayWidth(segment);
        if (lineWidth > 0 && lineWidth + sw > room) {
          if (part !== '') place({ ...p, text: part, starts });
          starts = part !== '' ? [] : starts;
          part = '';
          line.push({ text: CONTINUED, kind: undefined, marked: false, starts: [] });
          flush();
        }
        part += segment;
        lineWidth += sw;
      }
      if (part !== '') place({ ...p, text: part, starts });
    }
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
  const runs = page.runs;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r] as MarkedRun;
    const kind = run.innermost !== undefined ? kinds.get(run.innermost) : undefined;
    const marked = run.depth > 0;
    // A loop, not push(...opens): thousands of claims may start at one place.
    for (const id of run.opens) pending.push(id);
    const text = keepLineEnds(run.text, newlineNext(runs, r), sanitize);
    let at = 0;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x0a) {
        endWord();
        breaks++;
        at++;
        continue;
      }
      // Raw only as the CR of a CR LF line end (see keepLineEnds): the newline counts.
      if (c === 0x0d) {
        endWord();
        at++;
        continue;
      }
      if (c === 0x20 || c === 0x09) {
        endWord();
        // Spaces after a line break begin no line (they are dropped at its start), so a line
        // of only spaces and tabs is an empty line: with the break before it, it ends the
        // paragraph. The breaks are counted on until a word comes.
        if (breaks > 0) {
          at++;
          continue;
        }
        // Spaces in a row are one; a tab among them stands for the run.
        if (lineWidth > 0 && pendingSpace?.text !== '\t')
          pendingSpace = { text: c === 0x09 ? '\t' : ' ', kind, marked, starts: [] };
        at++;
        continue;
      }
      let end = at + 1;
      while (end < text.length) {
        const d = text.charCodeAt(end);
        if (d === 0x20 || d === 0x0a || d === 0x09 || d === 0x0d) break;
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
