import { Worker } from 'node:worker_threads';
import { type ActorGraph, actorGraph } from '../core/browse/graph.js';
import { busiestActors } from '../core/browse/graph-filter.js';
import { articleRuns } from '../core/browse/marks.js';
import type { Related } from '../core/browse/relations.js';
import { timeline } from '../core/browse/timeline.js';
import { AUTHOR } from '../core/dataset/verify.js';
import { writeFileAtomic } from '../core/dataset/write-file.js';
import { type ClaimRef, type Corpus, qualify } from '../core/model/corpus.js';
import { ArmruError } from '../core/model/errors.js';
import { VERSION } from '../core/model/paths.js';
import { type Agreement, CLAIM_KINDS, type ClaimKind, type Dataset } from '../core/model/types.js';
import { loadCorpusChecking } from '../core/store/load.js';
import { LETTERS, PUNCTUATION } from '../core/text/fold.js';
import { asserterName } from '../render/claims.js';
import type { ClaimRow, ClientData, TimelineRow } from '../render/html/client.js';
import { sanitize } from '../render/sanitize.js';
import { type CommandContext, OK, type Outcome } from './context.js';
import { WORKER_DATA, type WorkerAnswer, type WorkerRequest } from './report-worker.js';

/** Checked options of `armru report`. */
export interface ReportOptions {
  /** File to write (atomically); stdout when absent or `-`. */
  output?: string;
}

/** How many actors the page's network shows at most: more cannot be read, or laid out quickly. */
export const NETWORK_LIMIT = 40;

/** Relations and agreements by claim id, found once instead of once per claim. */
interface Links {
  related: Map<string, Related[]>;
  agreements: Map<string, Agreement[]>;
}

function links(dataset: Dataset): Links {
  const related = new Map<string, Related[]>();
  const add = (id: string, r: Related) => {
    const list = related.get(id);
    if (list) list.push(r);
    else related.set(id, [r]);
  };
  for (const relation of dataset.doc.relations) {
    const from = dataset.claimById.get(relation.from);
    const to = dataset.claimById.get(relation.to);
    if (!from || !to) continue;
    const note = relation.note !== undefined ? { note: relation.note } : {};
    add(from.id, { type: relation.type, direction: 'out', other: { dataset, claim: to }, ...note });
    add(to.id, { type: relation.type, direction: 'in', other: { dataset, claim: from }, ...note });
  }
  const agreements = new Map<string, Agreement[]>();
  for (const agreement of dataset.doc.agreements) {
    for (const id of new Set(agreement.claims)) {
      const list = agreements.get(id);
      if (list) list.push(agreement);
      else agreements.set(id, [agreement]);
    }
  }
  return { related, agreements };
}

function claimData(corpus: Corpus, ref: ClaimRef, linked: Links): ClaimRow {
  const { dataset, claim } = ref;
  const q = (id: string) => qualify(corpus, dataset, id);
  const note = (claim as { note?: unknown }).note;
  return [
    q(claim.id),
    sanitize(claim.text),
    claim.kind,
    sanitize(asserterName(dataset, claim)),
    claim.assertedBy === AUTHOR ? AUTHOR : q(claim.assertedBy),
    claim.cue !== undefined ? sanitize(claim.cue) : null,
    claim.hedged,
    claim.when
      ? {
          date: sanitize(claim.when.date),
          text: sanitize(claim.when.text),
          basis: claim.when.basis,
          source: claim.when.source !== undefined ? sanitize(claim.when.source) : null,
        }
      : null,
    claim.actors.map(q),
    claim.topics.map(q),
    typeof note === 'string' ? sanitize(note) : null,
    (linked.related.get(claim.id) ?? []).map((r) => [
      r.type,
      r.direction,
      q(r.other.claim.id),
      r.note !== undefined ? sanitize(r.note) : null,
    ]),
    (linked.agreements.get(claim.id) ?? []).map((agreement) => [
      sanitize(agreement.name),
      agreement.status,
      agreement.note !== undefined ? sanitize(agreement.note) : null,
    ]),
  ];
}

/**
 * `armru report`: the article as one self-contained HTML page, with its claims highlighted,
 * a searchable list, the actor network and a timeline. The page is built whole in memory and
 * then written atomically, so an error never leaves half a file.
 */
export async function reportCommand(ctx: CommandContext, options: ReportOptions): Promise<Outcome> {
  const toStdout = !options.output || options.output === '-';
  if (toStdout && ctx.view.mode === 'table') {
    throw new ArmruError(
      'usage',
      'the report is an HTML page: write it to a file with -o FILE, or redirect stdout',
    );
  }
  // Graphviz compiles on another thread while the dataset loads here.
  const { toPictureDot } = await import('../render/graph-svg.js');
  const helper = startHelper();
  try {
    return await writeReport(ctx, options, toStdout, helper, toPictureDot);
  } finally {
    await helper.close();
  }
}

/** The report's second thread (report-worker.ts): Graphviz, and the checks of the text. */
interface Helper {
  /** Lays out DOT; rejects with Graphviz's errors. */
  svg(dot: string): Promise<string>;
  /** Whether a dataset's text is clean (see report-worker.ts); rejects if the thread fails. */
  clean(text: string): Promise<boolean>;
  /** Stops the thread (also when nothing was asked). */
  close(): Promise<void>;
}

function startHelper(): Helper {
  // Beside this file: the bundle's report-worker.cjs, or the library's report-worker.js.
  const here = import.meta.url;
  const script = new URL(
    here.endsWith('.cjs') ? './report-worker.cjs' : './report-worker.js',
    here,
  );
  // Kept referenced: the answers are awaited, and `close` ends the thread in every case.
  const worker = new Worker(script, { workerData: WORKER_DATA });
  const waiting: {
    type: WorkerAnswer['type'];
    resolve: (a: WorkerAnswer) => void;
    reject: (e: unknown) => void;
  }[] = [];
  // Once the thread has failed or ended, every question, asked or still to come, fails at
  // once instead of waiting for an answer that cannot come.
  let gone: Error | undefined;
  const fail = (error: Error) => {
    gone ??= error;
    for (const w of waiting.splice(0)) w.reject(gone);
  };
  worker.on('message', (answer: WorkerAnswer) => {
    const at = waiting.findIndex((w) => w.type === answer.type);
    if (at !== -1) waiting.splice(at, 1)[0]?.resolve(answer);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the report's second thread ended (status ${code})`)));
  const ask = (request: WorkerRequest) =>
    new Promise<WorkerAnswer>((resolve, reject) => {
      if (gone) return reject(gone);
      waiting.push({ type: request.type, resolve, reject });
      worker.postMessage(request);
    });
  return {
    svg: async (dot) => {
      const answer = await ask({ type: 'layout', dot });
      if ('svg' in answer) return answer.svg;
      throw new Error('error' in answer ? answer.error : 'Graphviz gave no answer');
    },
    clean: async (text) => {
      const answer = await ask({ type: 'check', text });
      return 'clean' in answer && answer.clean;
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

async function writeReport(
  ctx: CommandContext,
  options: ReportOptions,
  toStdout: boolean,
  helper: Helper,
  toPictureDot: (graph: ActorGraph, title: string) => string,
): Promise<Outcome> {
  // The JSON scan and the schema run on the helper thread while the page is made here;
  // nothing is written until they have passed.
  const { corpus, checked } = await loadCorpusChecking(ctx.dataPaths, helper.clean);
  try {
    return await makeReport(ctx, options, toStdout, helper, toPictureDot, corpus, checked);
  } catch (error) {
    // A document that has not met the schema yet can fail anywhere: the checks say why.
    await checked;
    throw error;
  }
}

async function makeReport(
  ctx: CommandContext,
  options: ReportOptions,
  toStdout: boolean,
  helper: Helper,
  toPictureDot: (graph: ActorGraph, title: string) => string,
  corpus: Corpus,
  checked: Promise<void>,
): Promise<Outcome> {
  if (corpus.datasets.length !== 1) {
    throw new ArmruError(
      'usage',
      `a report shows one article, but ${corpus.datasets.length} datasets are loaded (${corpus.datasets.map((d) => d.doc.source.id).join(', ')}); choose one with --data`,
    );
  }
  const dataset = corpus.datasets[0] as Dataset;
  const refs: ClaimRef[] = dataset.doc.claims.map((claim) => ({ dataset, claim }));
  const q = (id: string) => qualify(corpus, dataset, id);
  const kinds = new Map<string, ClaimKind>(refs.map((r) => [q(r.claim.id), r.claim.kind]));
  const runs = articleRuns(
    dataset.text,
    refs.map((r) => ({ id: q(r.claim.id), start: r.claim.quote.start, end: r.claim.quote.end })),
  );
  // Added one by one: a flattened list of every claim's actors would be made only to be
  // thrown away.
  const usedActors = new Set<string>();
  const usedTopics = new Set<string>();
  for (const { claim } of refs) {
    for (const id of claim.actors) usedActors.add(id);
    for (const id of claim.topics) usedTopics.add(id);
  }
  const linked = links(dataset);
  const names: Record<string, string> = { [AUTHOR]: `${AUTHOR}\n${dataset.doc.source.author}` };
  const labels: Record<string, string> = {};
  for (const e of dataset.doc.entities) {
    names[q(e.id)] = [e.name, ...e.aliases].join('\n');
    labels[q(e.id)] = sanitize(e.name);
  }
  for (const t of dataset.doc.topics) {
    names[q(t.id)] = [t.name, ...t.aliases].join('\n');
    labels[q(t.id)] = sanitize(t.name);
  }
  const data: ClientData = {
    claims: refs.map((r) => claimData(corpus, r, linked)),
    names,
    labels,
    fold: { ...PUNCTUATION, ...LETTERS },
    actors: dataset.doc.entities
      .filter((e) => usedActors.has(e.id))
      .map((e): [string, string] => [q(e.id), sanitize(e.name)]),
    topics: dataset.doc.topics
      .filter((t) => usedTopics.has(t.id))
      .map((t): [string, string] => [q(t.id), sanitize(t.name)]),
    kinds: CLAIM_KINDS.filter((k) => refs.some((r) => r.claim.kind === k)),
    timeline: timeline(corpus).map((entry): TimelineRow => {
      const { when } = entry;
      const opens =
        entry.item === 'claim' ? entry.claim.id : (entry.agreement.claims[0] ?? undefined);
      return [
        sanitize(when.date),
        when.basis,
        sanitize(when.text),
        when.source !== undefined ? sanitize(when.source) : null,
        opens !== undefined ? q(opens) : null,
        // A claim's text is in the claims already.
        entry.item === 'claim' ? null : sanitize(entry.agreement.name),
      ];
    }),
  };

  const full = actorGraph(corpus);
  const graph = busiestActors(full, NETWORK_LIMIT);
  // Laid out on the worker while this thread writes the rest of the page.
  const svg =
    graph.nodes.length > 0 ? helper.svg(toPictureDot(graph, dataset.doc.source.title)) : undefined;
  // Awaited below; until then a failure must not count as unhandled.
  svg?.catch(() => undefined);
  const legend =
    'Solid lines join actors named in the same claims (the number is how many; thicker is more); dashed lines join the parties to an agreement, labelled with its name.';
  const networkNote =
    graph.nodes.length < full.nodes.length
      ? `The ${graph.nodes.length} most connected of ${full.nodes.length} actors. ${legend}`
      : `${graph.nodes.length} actors. ${legend}`;

  const { fillNetwork, renderReport } = await import('../render/html/page.js');
  const page = renderReport({
    source: dataset.doc.source,
    runs,
    kinds,
    data,
    network: svg !== undefined,
    networkNote,
    version: VERSION,
  });
  const pieces = svg ? fillNetwork(page, await svg) : page.pieces;
  await checked;
  if (toStdout) for (const piece of pieces) ctx.view.write(piece);
  else writeFileAtomic(options.output as string, pieces);
  return OK;
}
