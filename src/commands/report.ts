import { articleRuns } from '../core/browse/marks.js';
import { datasetFileList } from '../core/dataset/files.js';
import { corpusInputs, writeFileAtomic } from '../core/dataset/write-file.js';
import type { Corpus } from '../core/model/corpus.js';
import { ArmruError, someOf } from '../core/model/errors.js';
import { VERSION } from '../core/model/paths.js';
import type { ClaimKind, Dataset } from '../core/model/types.js';
import { loadCorpus } from '../core/store/load.js';
import type { graphviz, layoutSvg } from '../render/graph-svg.js';
import type { NetworkPicture } from '../render/html/page.js';
import { type CommandContext, OK, type Outcome } from './context.js';
import { networkPlan } from './report-network.js';

/** Checked options of `armru report`. */
export interface ReportOptions {
  /** File to write (atomically); stdout when absent or `-`. */
  output?: string;
}

/**
 * `armru report`: the article as one self-contained HTML page, with its claims highlighted,
 * a searchable list, the actor network and a timeline. The page is built whole in memory and
 * then written atomically, so an error never leaves half a file.
 *
 * One thread, one parse: the dataset is loaded and checked as every command loads it, and the
 * network is planned from that very document. Graphviz's WebAssembly is handed to V8 first,
 * which compiles it on its own threads while this one loads the dataset; the layout itself
 * runs here once the page is made.
 */
export async function reportCommand(ctx: CommandContext, options: ReportOptions): Promise<Outcome> {
  const toStdout = options.output === undefined || options.output === '-';
  if (toStdout && ctx.view.mode === 'table') {
    throw new ArmruError(
      'usage',
      'the report is an HTML page: write it to a file with -o FILE, or redirect stdout',
    );
  }
  // A report is of one article: several datasets are refused before any is read (a folder of
  // thousands would be loaded and checked first, for nothing).
  const files = ctx.dataPaths.length === 0 ? [] : datasetFileList(ctx.dataPaths);
  if (files.length > 1) {
    throw new ArmruError(
      'usage',
      `a report shows one article, but ${files.length} datasets are named (${someOf(files)}); choose one with --data`,
    );
  }
  const svg = await import('../render/graph-svg.js');
  // Started now, awaited only when the network is drawn: a failure to start (a damaged
  // installation) is reported then, after the dataset's own errors, and must not count as
  // unhandled before.
  const viz = (async () => svg.graphviz())();
  viz.catch(() => undefined);
  // The page carries the dataset's text as read: the very text parsed and checked.
  let json: string | undefined;
  let bytes: Uint8Array | undefined;
  // The files just listed: the folder is not listed again.
  const corpus = await loadCorpus(files.length > 0 ? files : ctx.dataPaths, {
    read: (text, utf8) => {
      json ??= text;
      bytes ??= utf8;
    },
  });
  return makeReport(
    ctx,
    options,
    toStdout,
    corpus,
    { text: json as string, utf8: bytes as Uint8Array },
    { viz, layout: svg.layoutSvg },
  );
}

async function makeReport(
  ctx: CommandContext,
  options: ReportOptions,
  toStdout: boolean,
  corpus: Corpus,
  /** The dataset's text as read, and its bytes (exactly that text's UTF-8). */
  json: { text: string; utf8: Uint8Array },
  /** Graphviz, started before the dataset was loaded, and its layout. */
  draw: { viz: ReturnType<typeof graphviz>; layout: typeof layoutSvg },
): Promise<Outcome> {
  if (corpus.datasets.length !== 1) {
    throw new ArmruError(
      'usage',
      `a report shows one article, but ${corpus.datasets.length} datasets are loaded (${someOf(corpus.datasets.map((d) => d.doc.source.id))}); choose one with --data`,
    );
  }
  const dataset = corpus.datasets[0] as Dataset;
  const { claims, agreements } = dataset.doc;
  // One dataset: ids are shown as they are stored.
  const kinds = new Map<string, ClaimKind>();
  const quotes: { id: string; start: number; end: number }[] = [];
  let dated = false;
  for (const claim of claims) {
    kinds.set(claim.id, claim.kind);
    quotes.push({ id: claim.id, start: claim.quote.start, end: claim.quote.end });
    if (claim.when) dated = true;
  }
  for (const agreement of agreements) if (agreement.when) dated = true;
  const runs = articleRuns(dataset.text, quotes);

  // Planned before the article is marked: the busiest actors and their DOT.
  const plan = networkPlan(dataset);
  const { fillData, fillNetwork, renderReport } = await import('../render/html/page.js');
  const page = renderReport({
    source: dataset.doc.source,
    runs,
    kinds,
    dated,
    version: VERSION,
  });
  // One dataset was loaded, from this text.
  fillData(page, json.text, json.utf8);
  const picture: NetworkPicture = {
    shown: plan.shown,
    total: plan.total,
    svg: plan.dot === undefined ? undefined : draw.layout(await draw.viz, plan.dot),
    key: plan.key,
  };
  const pieces = fillNetwork(page, picture);
  if (toStdout) {
    for (const piece of pieces)
      ctx.view.write(typeof piece === 'string' ? piece : Buffer.from(piece).toString('utf8'));
  } else await writeFileAtomic(options.output as string, pieces, { keep: corpusInputs(corpus) });
  return OK;
}
