import { createHash } from 'node:crypto';
import type { Run } from '../../core/browse/marks.js';
import { AUTHOR } from '../../core/dataset/verify.js';
import { CLAIM_KINDS, type ClaimKind, type Source } from '../../core/model/types.js';
import { LETTERS, PUNCTUATION, ZERO_WIDTH } from '../../core/text/fold.js';
import type { KeyEntry } from '../graph.js';
import { keepLineEnds, makeSanitizers, newlineNext, sanitize } from '../sanitize.js';
import { reportClient } from './client.js';
import { clientData, type PageConstants } from './client-data.js';
import { makePageFold } from './page-fold.js';
import { STYLE } from './style.js';

/** Everything the report page shows. */
export interface ReportModel {
  source: Source;
  /** The article cut into runs covered by the same claims. */
  runs: Run[];
  /** Kind of each claim, by the id shown. */
  kinds: Map<string, ClaimKind>;
  /** Whether any claim or agreement carries a date (the timeline strip has entries). */
  dated: boolean;
  /** armru's version, for the footer. */
  version: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and quoted attribute values, after showing controls escaped. */
export function escapeHtml(text: string): string {
  // Most text needs neither: one test instead of two replacing passes (the article alone is
  // 10^4 runs at archive scale).
  if (!NEEDS_ESCAPE.test(text)) return text;
  return sanitize(text).replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);
}

// Everything sanitize or the HTML escapes could change (C0 but tab and newline, and any
// surrogate, which covers the tag characters beyond the BMP): more than needed, never less.
const NEEDS_ESCAPE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
  /[&<>"'\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]/;

const hash = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** What the page's script gets from the CLI besides the dataset (see `clientData`). */
const PAGE_CONSTANTS: PageConstants = {
  author: AUTHOR,
  kinds: CLAIM_KINDS,
  fold: { ...PUNCTUATION, ...LETTERS },
  drop: ZERO_WIDTH,
};

/**
 * The page's script: the client function's own source, called once with the source of the
 * functions it shares with the CLI (the rows of the data, the escapes) and their constants.
 */
export function clientScript(): string {
  const args = [
    clientData.toString(),
    makeSanitizers.toString(),
    scriptJson(PAGE_CONSTANTS),
    makePageFold.toString(),
  ];
  return `(${reportClient.toString()})(${args.join(', ')});`;
}

const SCRIPT_UNSAFE = /[<>&\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** SCRIPT_UNSAFE for a test (a global expression's test moves its lastIndex). */
const SCRIPT_UNSAFE_ANY = new RegExp(SCRIPT_UNSAFE.source);

/**
 * JSON inside <script>: nothing in it may close the element or open a comment, and no raw
 * control or bidi character stands in the page's source. Escaped as JSON escapes, so
 * JSON.parse gives back exactly the same values.
 */
export function scriptJson(value: unknown): string {
  return scriptJsonText(JSON.stringify(value));
}

/**
 * JSON text, as read from a file that JSON.parse accepted, made safe inside <script> the same
 * way. The characters escaped can stand only inside its strings (none is JSON's punctuation or
 * white space), where a JSON escape means the same character.
 */
export function scriptJsonText(json: string): string {
  return json.replace(
    SCRIPT_UNSAFE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The article with every run that claims cover wrapped in a focusable `<mark>`. */
function articleHtml(model: ReportModel): string {
  const out: string[] = [];
  const seen = new Set<string>();
  const runs = model.runs;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r] as (typeof runs)[number];
    // The CR of a CR LF line end as a character reference: a raw one the HTML parser would
    // drop, and the page's text (and every quote taken from it) would lose it.
    const text = keepLineEnds(run.text, newlineNext(runs, r), escapeHtml, '&#13;');
    const count = run.claims.length;
    if (count === 0) {
      out.push(text);
      continue;
    }
    // The claims whose first run this is, in order (plain loops: 10^5 runs at archive scale).
    let starts = '';
    for (let k = 0; k < count; k++) {
      const id = run.claims[k] as string;
      if (seen.has(id)) continue;
      seen.add(id);
      starts = starts === '' ? id : `${starts} ${id}`;
    }
    const innermost = run.claims[count - 1] as string;
    const kind = model.kinds.get(innermost) ?? 'event';
    const ids = escapeHtml(count === 1 ? innermost : run.claims.join(' '));
    const start = starts !== '' ? ` data-start="${escapeHtml(starts)}"` : '';
    out.push(
      `<mark class="k-${kind}${count > 1 ? ' nested' : ''}" data-claim="${ids}"${start} tabindex="0" role="button" aria-haspopup="dialog">${text}</mark>`,
    );
  }
  return out.join('');
}

// Graphviz's SVG document, made fit to inline: no XML prolog, doctype or comments.
function inlineSvg(svg: string): string {
  const at = svg.indexOf('<svg');
  return at === -1 ? '' : svg.slice(at).replace(/<!--[\s\S]*?-->/g, '');
}

/** The page in pieces, to be written in order, and where the data and the drawing go. */
export interface ReportPage {
  /** Text, or bytes already UTF-8 (the data block, see fillData). */
  pieces: (string | Uint8Array)[];
  /** The piece that holds the data block, once `fillData` has it. */
  dataAt: number;
  /** The piece that holds the network section's body, once `fillNetwork` has it. */
  networkAt: number;
}

/**
 * Puts the dataset's own JSON text, as read and checked, in the data block the page's script
 * reads (it makes its rows with `clientData`), escaped by `scriptJsonText`. `utf8`, when
 * given, must be exactly that text's UTF-8 (the bytes it was decoded from).
 */
export function fillData(page: ReportPage, datasetJson: string, utf8?: Uint8Array): void {
  // Most datasets need no escape here: then the bytes read are the block's bytes, and the
  // megabytes of text are not encoded again (17 ms of a 4 MB dataset's report).
  page.pieces[page.dataAt] =
    utf8 !== undefined && !SCRIPT_UNSAFE_ANY.test(datasetJson) ? utf8 : scriptJsonText(datasetJson);
}

/** The actor network as the page shows it: how many actors of how many, and their drawing. */
export interface NetworkPicture {
  /** Actors drawn. */
  shown: number;
  /** Actors in the whole network. */
  total: number;
  /** Graphviz's SVG of the drawn actors; undefined when there is none to draw. */
  svg: string | undefined;
  /** What its shapes and lines stand for (see `dotKey`): only those it draws. */
  key: readonly KeyEntry[];
}

/** The picture's key as a sentence: each shape and line it draws, and what it stands for. */
function legend(key: readonly KeyEntry[]): string {
  return `Key: ${key.map((k) => `${k.looks}: ${k.means}`).join('; ')}.`;
}

/**
 * Puts the network section's body in its piece: a sentence on what it shows, and Graphviz's
 * drawing. The page is made before Graphviz lays the network out, and the picture goes in
 * last.
 */
export function fillNetwork(page: ReportPage, picture: NetworkPicture): (string | Uint8Array)[] {
  const { shown, total, svg, key } = picture;
  const note =
    shown < total
      ? `The ${shown} most connected of ${total} actors. ${legend(key)}`
      : `${shown} actors. ${legend(key)}`;
  page.pieces[page.networkAt] =
    svg === undefined || shown === 0
      ? '<p class="status">No actors to draw.</p>'
      : `<p class="status">${escapeHtml(note)}</p><div class="graph" tabindex="0" role="img" aria-label="Network of the actors: who appears with whom in the claims, and who is party to which agreement">${inlineSvg(svg)}</div>`;
  return page.pieces;
}

/**
 * The report: one self-contained HTML file. Everything it needs is inline, and its
 * Content-Security-Policy allows nothing else: no request leaves the file, and only the
 * page's own script and stylesheet (by hash) run.
 *
 * The page comes in pieces, in order, to be written one after the other: at archive scale
 * the article and the claims' data are megabytes each, and joining them into one string only
 * to turn it into bytes again costs time and memory.
 */
export function renderReport(model: ReportModel): ReportPage {
  const { source } = model;
  const script = clientScript();
  const csp = [
    "default-src 'none'",
    `script-src ${hash(script)}`,
    `style-src ${hash(STYLE)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const byline = [
    `By ${escapeHtml(source.author)}`,
    source.publisher ? escapeHtml(source.publisher) : '',
    source.datePublished
      ? `<time datetime="${escapeHtml(source.datePublished)}">${escapeHtml(source.datePublished)}</time>`
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const url =
    source.url && /^https?:\/\//i.test(source.url)
      ? `<p><a href="${escapeHtml(source.url)}" rel="noopener noreferrer">${escapeHtml(source.url)}</a></p>`
      : '';
  const present = new Set(model.kinds.values());
  const legend = CLAIM_KINDS.filter((k) => present.has(k))
    .map((k) => `<li class="k-${k}"><span class="swatch"></span>${k}</li>`)
    .join('');
  // The page's script draws the strip from the data block.
  const timeline = !model.dated
    ? '<p class="status">No claim or agreement in this dataset carries a date.</p>'
    : '<ol class="timeline" id="timeline-list"></ol>';
  const select = (id: string, label: string) =>
    `<label>${label} <select id="${id}"><option value="">any</option></select></label>`;
  const head = `<!doctype html>
<html lang="${escapeHtml(source.inLanguage)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="armru ${escapeHtml(model.version)}">
<title>${escapeHtml(source.title)} — claims</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#claims-search">Skip to the claim list</a>
<header class="top">
<h1>${escapeHtml(source.title)}</h1>
<p>${byline}</p>
${url}
<ul class="legend" aria-label="Claim kinds">${legend}</ul>
</header>
<main>
<section id="article" aria-labelledby="article-heading">
<h2 id="article-heading">The article, with its claims marked</h2>
<div class="article" id="article-text">`;
  const middle = `</div>
</section>
<section id="claims" aria-labelledby="claims-heading">
<h2 id="claims-heading">Claims</h2>
<div class="controls">
<label>Search <input type="search" id="claims-search" autocomplete="off" spellcheck="false" placeholder="words, names, aliases"></label>
${select('filter-actor', 'Actor')}
${select('filter-topic', 'Topic')}
${select('filter-kind', 'Kind')}
</div>
<p class="status" id="claims-status" aria-live="polite"></p>
<ol class="cards" id="claim-list"></ol>
<div id="claims-more"></div>
</section>
<section id="network" aria-labelledby="network-heading">
<h2 id="network-heading">Actors</h2>
`;
  const tail = `
</section>
<section id="timeline" aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
${timeline}
</section>
</main>
<aside id="panel" role="dialog" aria-labelledby="panel-title" tabindex="-1" hidden></aside>
<footer>Written by armru ${escapeHtml(model.version)} from the dataset “${escapeHtml(source.id)}”. Every highlight is the article's own words; the claim texts are the dataset editor's.</footer>
<script type="application/json" id="armru-data">`;
  const pieces = [head, articleHtml(model), middle];
  // Empty until fillNetwork puts the network in.
  const networkAt = pieces.push('') - 1;
  pieces.push(tail);
  // Empty until fillData puts the data block in.
  const dataAt = pieces.push('') - 1;
  pieces.push(
    `</script>
<script>${script}</script>
</body>
</html>
`,
  );
  return { pieces, dataAt, networkAt };
}
