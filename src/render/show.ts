import type { Passage } from '../core/browse/passage.js';
import type { Related } from '../core/browse/relations.js';
import { type ClaimRef, type Corpus, qualify } from '../core/model/corpus.js';
import { precisionOf } from '../core/model/dates.js';
import type { Agreement, When } from '../core/model/types.js';
import { renderPlain } from './cells.js';
import { actorNames, asserterName, claimJson, topicNames } from './claims.js';
import { sanitize, sanitizeInline } from './sanitize.js';
import { printJson, tableKit, type View } from './view.js';

/** Everything `armru show` prints about one claim. */
export interface ClaimDetail {
  ref: ClaimRef;
  passage: Passage;
  related: Related[];
  agreements: Agreement[];
}

/** A date as people read it: `2019-10-29 (day; context: "October 29th"; source …)`. */
export function describeWhen(when: When): string {
  const source = when.source ? `; source ${when.source}` : '';
  return `${when.date} (${precisionOf(when.date)}, ${when.basis}: "${when.text}"${source})`;
}

const arrow = (r: Related) => (r.direction === 'out' ? `${r.type} →` : `← ${r.type}`);

/** Prints one claim in full: a readable page in a terminal, `field<TAB>value` lines in a pipe, or JSON. */
export function printShow(view: View, corpus: Corpus, detail: ClaimDetail): void {
  const { ref, passage, related, agreements } = detail;
  const { dataset, claim } = ref;
  const id = (x: string) => qualify(corpus, dataset, x);
  if (view.mode === 'json') {
    printJson(view, {
      ...claimJson(corpus, ref),
      related: related.map((r) => ({
        type: r.type,
        direction: r.direction,
        id: id(r.other.claim.id),
        text: r.other.claim.text,
        ...(r.note !== undefined ? { note: r.note } : {}),
      })),
      agreements,
    });
    return;
  }
  const asserted = `${asserterName(dataset, claim)}${claim.cue ? ` (“${claim.cue}”)` : ''}`;
  const fields: [string, string][] = [
    ['asserted by', asserted],
    ['hedged', claim.hedged ? 'yes' : 'no'],
    ['actors', actorNames(dataset, claim).join(', ')],
    ['topics', topicNames(dataset, claim).join(', ')],
    ['date', claim.when ? describeWhen(claim.when) : '—'],
    ['quote at', `${claim.quote.start}..${claim.quote.end} (code points)`],
  ];
  if (claim.cameo) fields.push(['CAMEO', claim.cameo]);
  if (claim.note) fields.push(['note', claim.note]);

  if (view.mode === 'plain') {
    const rows: string[][] = [
      ['id', id(claim.id)],
      ['kind', claim.kind],
      ['text', claim.text],
      ...fields,
      ['quote', claim.quote.exact],
      ['passage', `${passage.before}«${passage.exact}»${passage.after}`],
      ...related.map((r) => [
        'related',
        arrow(r),
        id(r.other.claim.id),
        r.other.claim.text,
        ...(r.note ? [r.note] : []),
      ]),
      ...agreements.map((a) => [
        'agreement',
        id(a.id),
        a.name,
        a.status,
        ...(a.note ? [a.note] : []),
      ]),
    ];
    view.write(renderPlain(rows));
    return;
  }

  const c = view.colors;
  const { wrap } = tableKit(view);
  const width = Math.max(20, view.width);
  const out: string[] = [];
  const para = (text: string, indent = '') =>
    wrap(sanitize(text), width - indent.length).map((line) => indent + line);
  out.push(
    `${c.id(sanitizeInline(id(claim.id)))}  ${c.kind(claim.kind)}${claim.hedged ? c.dim('  hedged') : ''}`,
  );
  for (const line of para(claim.text)) out.push(c.header(line));
  out.push('');
  const labelWidth = fields.reduce((w, [k]) => Math.max(w, k.length), 0) + 2;
  for (const [label, value] of fields) {
    const lines = wrap(sanitize(value), width - labelWidth - 2);
    lines.forEach((line, i) => {
      out.push(`  ${i === 0 ? c.dim(label.padEnd(labelWidth)) : ' '.repeat(labelWidth)}${line}`);
    });
  }
  out.push('', c.header('In the article'));
  for (const line of quoteInPlace(passage, width - 2, view)) out.push(`  ${line}`);
  if (related.length > 0) {
    out.push('', c.header('Related claims'));
    const labels = related.map(arrow);
    const w = labels.reduce((most, l) => Math.max(most, l.length), 0);
    related.forEach((r, i) => {
      const head = `  ${(labels[i] as string).padEnd(w)}  ${c.id(sanitizeInline(id(r.other.claim.id)))}  `;
      const indent = 2 + w + 2 + id(r.other.claim.id).length + 2;
      wrap(sanitize(r.other.claim.text), width - indent).forEach((line, j) => {
        out.push(j === 0 ? head + line : ' '.repeat(indent) + line);
      });
      if (r.note) for (const l of para(`note: ${r.note}`, ' '.repeat(indent))) out.push(c.dim(l));
    });
  }
  if (agreements.length > 0) {
    out.push('', c.header('Evidence for agreements'));
    for (const a of agreements) {
      for (const line of para(`${id(a.id)}: ${a.name} (${a.kind}, ${a.status})`, '  '))
        out.push(line);
      if (a.note) for (const line of para(`note: ${a.note}`, '    ')) out.push(c.dim(line));
    }
  }
  view.write(`${out.join('\n')}\n`);
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
