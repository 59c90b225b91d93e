import type { Passage } from '../core/browse/passage.js';
import type { Corpus } from '../core/model/corpus.js';
import { renderPlainCells } from './cells.js';
import { type Listing, printListing, tabulate } from './listing.js';
import { sanitize, sanitizeInline } from './sanitize.js';
import { printJson, tableKit, type View } from './view.js';

// The result model of the commands that print more than one listing: `show`, the profiles
// of `actors NAME` and `topics NAME`, and `stats`. A command builds a Doc (what it found, as
// data and as blocks) and `printDocument` renders it for the view: readable blocks in a
// terminal, one record per line in a pipe, the data with --json. Listings (`claims`,
// `search`, ...) are one block of this model printed on their own by `printListing`.

/** A command's result: the value --json prints, and the blocks people and pipes read. */
export interface Doc {
  json: unknown;
  blocks: Block[];
}

/** A labelled value: `key` names it in a pipe, `label` in a terminal. */
export interface Field {
  key: string;
  label: string;
  value: string;
}

export type Block =
  /**
   * The first line of a record (`c08  report  hedged`), then its text in bold; in a pipe, the
   * `pipe` lines (the same values, one field each).
   */
  | {
      type: 'title';
      id: string;
      badges: string[];
      note?: string;
      text?: string;
      pipe: string[][];
    }
  /** Running text (terminal only: a pipe gets the same values in the record's lines). */
  | { type: 'paragraph'; text: string }
  /** A section heading (terminal only). */
  | { type: 'heading'; text: string }
  /**
   * Labelled values. In a pipe one line each: `KEY<TAB>VALUE`, or with a tag
   * `TAG<TAB>KEY<TAB>LABEL<TAB>VALUE` (the form `stats` uses for its totals).
   */
  | { type: 'fields'; fields: Field[]; tag?: string }
  /** A listing as a table (or cards); in a pipe its lines, each starting with `tag`. */
  | { type: 'listing'; tag: string; listing: Listing<never>; items: unknown[]; width?: number }
  /**
   * The quoted words in their place in the article; in a pipe two lines, `quote<TAB>WORDS` and
   * `passage<TAB>…«WORDS»…`.
   */
  | { type: 'passage'; passage: Passage };

/** A listing block, typed for its items. */
export function listingBlock<T>(
  tag: string,
  listing: Listing<T>,
  items: T[],
  width?: number,
): Block {
  return {
    type: 'listing',
    tag,
    listing: listing as Listing<never>,
    items,
    ...(width ? { width } : {}),
  };
}

/** Prints a document: the JSON value with --json, tagged lines in a pipe, blocks in a terminal. */
export function printDocument(view: View, doc: Doc, corpus?: Corpus): void {
  if (view.mode === 'json') printJson(view, doc.json);
  else if (view.mode === 'plain') view.write(doc.blocks.map((b) => blockLines(view, b)).join(''));
  else view.write(terminalText(view, doc.blocks, corpus));
}

/** A block's lines in a pipe: tab-separated, escaped like every other line. */
function blockLines(view: View, block: Block): string {
  const c = view.colors;
  const line = (values: string[]) =>
    renderPlainCells(
      values.map(() => ({ header: '' })),
      [values.map((text) => ({ text }))],
      c,
    );
  switch (block.type) {
    case 'title':
      return block.pipe.map(line).join('');
    case 'paragraph':
    case 'heading':
      return '';
    case 'fields':
      return block.fields
        .map((f) => line(block.tag ? [block.tag, f.key, f.label, f.value] : [f.key, f.value]))
        .join('');
    case 'listing': {
      const { columns, rows } = tabulate(block.listing, block.items as never[], true);
      return renderPlainCells(
        [{ header: block.tag }, ...columns],
        rows.map((row) => [{ text: block.tag }, ...row]),
        c,
      );
    }
    case 'passage': {
      const p = block.passage;
      return line(['quote', p.exact]) + line(['passage', `${p.before}«${p.exact}»${p.after}`]);
    }
  }
}

/** The blocks as a terminal shows them, wrapped to its width. */
function terminalText(view: View, blocks: Block[], corpus?: Corpus): string {
  const c = view.colors;
  const kit = tableKit(view);
  const width = Math.max(20, view.width);
  let out = '';
  const para = (text: string) => `${kit.wrap(sanitize(text), width).join('\n')}\n`;
  for (const block of blocks) {
    switch (block.type) {
      case 'title': {
        // Id, badges and note on one line, or as many as the window needs (never cut).
        const pieces = [
          { text: sanitizeInline(block.id), style: c.id },
          ...block.badges.map((b) => ({ text: sanitizeInline(b), style: c.kind })),
          ...(block.note ? [{ text: sanitizeInline(block.note), style: c.dim }] : []),
        ];
        const lines: string[] = [];
        let line = '';
        let used = 0;
        for (const { text, style } of pieces) {
          const w = kit.displayWidth(text);
          if (w > width) {
            // One piece wider than the window (a very long id): on lines of its own.
            if (used > 0) lines.push(line);
            const parts = kit.wrap(text, width);
            for (const part of parts.slice(0, -1)) lines.push(style(part));
            line = style(parts.at(-1) ?? '');
            used = kit.displayWidth(parts.at(-1) ?? '');
            continue;
          }
          if (used > 0 && used + 2 + w > width) {
            lines.push(line);
            line = '';
            used = 0;
          }
          line += (used > 0 ? '  ' : '') + style(text);
          used += (used > 0 ? 2 : 0) + w;
        }
        out += `${[...lines, line].join('\n')}\n`;
        if (block.text)
          out += `${kit
            .wrap(sanitize(block.text), width)
            .map((l) => c.header(l))
            .join('\n')}\n`;
        break;
      }
      case 'paragraph':
        out += para(block.text);
        break;
      case 'heading':
        out += `\n${kit
          .wrap(sanitizeInline(block.text), width)
          .map((l) => c.header(l))
          .join('\n')}\n`;
        break;
      case 'fields':
        out += kit.renderPairs(
          block.fields.map((f) => ({ label: f.label, cell: { text: f.value } })),
          width,
          c,
        );
        break;
      case 'listing': {
        if (block.items.length === 0) break;
        let text = '';
        const sub: View = {
          ...view,
          width: block.width ? Math.min(width, block.width) : width,
          format: 'table',
          write: (chunk) => {
            text += chunk;
          },
        };
        printListing(sub, block.listing, block.items as never[], corpus);
        out += text;
        break;
      }
      case 'passage':
        out += `${quoteInPlace(block.passage, width - 2, view)
          .map((l) => `  ${l}`)
          .join('\n')}\n`;
        break;
    }
  }
  return out;
}

/**
 * The passage with the quoted words marked: highlighted in colour, between « and » without.
 * In colour, private-use characters stand in for the markers while wrapping and are then
 * replaced by escape codes, so an article that itself uses « » cannot confuse the marking.
 */
function quoteInPlace(p: Passage, width: number, view: View): string[] {
  const colour = view.colors.enabled;
  const [open, close] = colour ? ['\uE000', '\uE001'] : ['«', '»'];
  const before = `${p.clippedStart ? '…' : ''}${sanitize(p.before)}`;
  const after = `${sanitize(p.after)}${p.clippedEnd ? '…' : ''}`;
  const lines = tableKit(view).wrap(`${before}${open}${sanitize(p.exact)}${close}${after}`, width);
  if (!colour) return lines;
  let inside = false;
  return lines.map((line) => {
    let out = '';
    let run = '';
    const flush = () => {
      out += inside ? view.colors.match(run) : run;
      run = '';
    };
    for (const ch of line) {
      if (ch === open || ch === close) {
        flush();
        inside = ch === open;
      } else {
        run += ch;
      }
    }
    flush();
    return out;
  });
}
