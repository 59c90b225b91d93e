import { articleMarks } from '../core/browse/marks.js';
import {
  allClaims,
  type ClaimRef,
  type Corpus,
  findClaim,
  qualify,
  refsByDataset,
} from '../core/model/corpus.js';
import type { Dataset } from '../core/model/types.js';
import { loadCorpus } from '../core/store/load.js';
import { type Selection, selectedSet } from '../core/store/select.js';
import { CodePoints } from '../core/text/code-points.js';
import {
  type ArticlePage,
  kindStyler,
  renderPlainArticle,
  renderWrappedPlainArticle,
  writeTerminalArticle,
} from '../render/article.js';
import { asserterName } from '../render/claims.js';
import { isLess } from '../render/pager.js';
import { type CommandContext, OK, type Outcome } from './context.js';

/** Checked options of `armru read`. */
export interface ReadOptions extends Selection {
  /** Start at this claim (its id as listed). */
  claim?: string;
}

/**
 * The start of the paragraph holding code point `offset`: after the last blank line before
 * it, whether its line ends are LF or CR LF, and a line of only spaces and tabs blank too.
 */
function paragraphStart(text: string, offset: number): number {
  const cps = new CodePoints(text);
  let i = offset;
  while (i > 0) {
    if (cps.codeAt(i - 1) === 0x0a) {
      let j = i - 2;
      for (let c = cps.codeAt(j); c === 0x20 || c === 0x09 || c === 0x0d; c = cps.codeAt(j)) j--;
      if (cps.codeAt(j) === 0x0a) break;
    }
    i--;
  }
  return i;
}

function articlePage(
  corpus: Corpus,
  dataset: Dataset,
  mine: ClaimRef[],
  from: number,
): ArticlePage {
  const spans = mine.map((r) => ({
    id: qualify(corpus, dataset, r.claim.id),
    start: r.claim.quote.start,
    end: r.claim.quote.end,
  }));
  const runs = articleMarks(dataset.text, spans, from);
  const claims = mine
    .filter((r) => r.claim.quote.end > from)
    .sort(
      (a, b) => a.claim.quote.start - b.claim.quote.start || b.claim.quote.end - a.claim.quote.end,
    )
    .map((r) => ({
      id: qualify(corpus, dataset, r.claim.id),
      kind: r.claim.kind,
      asserter: asserterName(dataset, r.claim),
      ...(r.claim.cue !== undefined ? { cue: r.claim.cue } : {}),
      hedged: r.claim.hedged,
      start: r.claim.quote.start,
    }));
  return { source: dataset.doc.source, runs, claims, text: dataset.text };
}

/**
 * `armru read`: each article in full with the claims' words marked, the filtered ones only
 * when filters are given. With --claim, that claim's article from the claim on: a pager
 * that is `less` opens the whole article at the claim's line instead.
 */
export async function readCommand(ctx: CommandContext, options: ReadOptions): Promise<Outcome> {
  const corpus = await loadCorpus(ctx.dataPaths);
  // The filters and the query of every other command pick the claims to mark.
  const { claim, ...selection } = options;
  const kept = selectedSet(corpus, selection);
  const start = claim !== undefined ? findClaim(corpus, claim) : undefined;
  const refs = allClaims(corpus).filter(
    (r) => kept === undefined || kept.has(r.claim) || r.claim === start?.claim,
  );
  const datasets = start ? [start.dataset] : corpus.datasets;
  // Without colour a terminal cannot show marks by style: it gets the markers a pipe gets,
  // wrapped to the window.
  const terminal = ctx.view.mode === 'table' && ctx.view.colors.enabled;
  const wrapped = ctx.view.mode === 'table' && !ctx.view.colors.enabled;
  // Only less can be told where to open; any other way gets the text from the claim's paragraph.
  const opensAtLine =
    ctx.view.mode === 'table' && ctx.pager !== undefined && isLess(ctx.pager.command);
  const style = await kindStyler(ctx.view.colors.enabled);
  let startLine: number | undefined;
  const byDataset = refsByDataset(refs);
  // Each article is written as it is laid out, a blank line between two.
  datasets.forEach((dataset, n) => {
    if (n > 0) ctx.view.write('\n');
    const from = start && !opensAtLine ? paragraphStart(dataset.text, start.claim.quote.start) : 0;
    const page = articlePage(corpus, dataset, byDataset.get(dataset) ?? [], from);
    let lineOf: Map<string, number>;
    if (terminal) lineOf = writeTerminalArticle(ctx.view, page, style, ctx.view.write);
    else {
      const rendered = wrapped
        ? renderWrappedPlainArticle(page, ctx.view.width)
        : renderPlainArticle(page);
      ctx.view.write(rendered.text);
      lineOf = rendered.lineOf;
    }
    if (start) startLine = lineOf.get(qualify(corpus, start.dataset, start.claim.id));
  });
  if (opensAtLine && startLine !== undefined) ctx.pager?.startAt(startLine);
  const marked = refs.length;
  if (marked === 0 && corpus.datasets.some((d) => d.doc.claims.length > 0)) {
    return {
      status: 'ok',
      message: 'no claims match these filters; the article is shown unmarked',
    };
  }
  return OK;
}
