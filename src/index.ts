/**
 * armru as a library: load and verify datasets, search them, and export them, with the same
 * code the CLI uses.
 *
 * ```ts
 * import { ClaimSearcher, loadCorpus, toCsv } from 'armru';
 * const corpus = await loadCorpus();                       // the built-in article
 * const hits = new ClaimSearcher(corpus).search('Gyumri');
 * console.log(hits.map((h) => h.claim.id), toCsv(hits));
 * ```
 *
 * Every function checks its arguments first: a wrong one is an `ArmruError` with code
 * `usage` that names the function, the argument and what was expected, never a TypeError
 * from deep inside.
 */

import * as files from './core/dataset/files.js';
import { checkSchema } from './core/dataset/schema.js';
import * as subsetCore from './core/dataset/subset.js';
import * as verify from './core/dataset/verify.js';
import type { ClaimRef, Corpus } from './core/model/corpus.js';
import * as corpusCore from './core/model/corpus.js';
import { ArmruError } from './core/model/errors.js';
import type { Claim, Dataset, DatasetDocument } from './core/model/types.js';
import * as filterCore from './core/search/filter.js';
import * as searchCore from './core/search/search.js';
import * as selectCore from './core/search/select.js';
import * as indexBuild from './core/store/index-build.js';
import * as load from './core/store/load.js';
import * as exporters from './render/export.js';

export type { ClaimRef, Corpus } from './core/model/corpus.js';
export { ArmruError, type DataProblem, problemLine } from './core/model/errors.js';
export { BUILTIN_DATASET, SCHEMA_FILE, VERSION } from './core/model/paths.js';
export type * from './core/model/types.js';
export type { ClaimFilterInput } from './core/search/filter.js';
export type { SearchHit } from './core/search/search.js';
export type { Selection } from './core/search/select.js';

// --- argument checks ---------------------------------------------------------------------

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function wrong(fn: string, name: string, expected: string, value: unknown): ArmruError {
  return new ArmruError('usage', `${fn}: ${name} must be ${expected}; got ${describe(value)}`);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function string(fn: string, name: string, value: unknown): string {
  if (typeof value !== 'string') throw wrong(fn, name, 'a string', value);
  return value;
}

function strings(fn: string, name: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw wrong(fn, name, 'an array of strings', value);
  }
  return value as string[];
}

function options<T>(fn: string, name: string, value: unknown): T | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw wrong(fn, name, 'an object', value);
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v)) strings(fn, `${name}.${key}`, v);
  }
  return value as T;
}

function dataset(fn: string, name: string, value: unknown): Dataset {
  if (!isObject(value) || !isObject(value.doc) || !(value.claimById instanceof Map)) {
    throw wrong(fn, name, 'a Dataset from loadDataset() or a Corpus', value);
  }
  return value as unknown as Dataset;
}

function corpus(fn: string, value: unknown): Corpus {
  if (!isObject(value) || !Array.isArray(value.datasets)) {
    throw wrong(fn, 'corpus', 'a Corpus from loadCorpus()', value);
  }
  value.datasets.forEach((d, i) => dataset(fn, `corpus.datasets[${i}]`, d));
  return value as unknown as Corpus;
}

function refs(fn: string, value: unknown): ClaimRef[] {
  if (
    !Array.isArray(value) ||
    !value.every((r) => isObject(r) && isObject(r.claim) && isObject(r.dataset))
  ) {
    throw wrong(fn, 'refs', 'an array of claim references ({ dataset, claim })', value);
  }
  return value as ClaimRef[];
}

function document(fn: string, value: unknown): DatasetDocument {
  const problems = checkSchema(value);
  if (problems.length > 0) {
    throw new ArmruError('usage', `${fn}: doc is not an armru dataset document`, {
      problems: problems.map((p) => ({
        file: fn,
        code: 'schema' as const,
        path: p.path,
        message: p.message,
      })),
    });
  }
  return value as DatasetDocument;
}

// --- the API -------------------------------------------------------------------------------

/** Loads and verifies datasets (files or directories); none means the built-in dataset. */
export function loadCorpus(paths?: string[]): Promise<Corpus> {
  return load.loadCorpus(strings('loadCorpus', 'paths', paths));
}

/** Loads and verifies one dataset file (the built-in dataset when none is named). */
export function loadDataset(file?: string, opts?: { useIndex?: boolean }): Promise<Dataset> {
  if (file !== undefined) string('loadDataset', 'file', file);
  return load.loadDataset(file, options('loadDataset', 'options', opts));
}

/** Verifies a parsed document; `file` places a relative `source.textFile`. */
export function checkDataset(doc: unknown, file: string): Dataset {
  return files.checkDataset(doc, string('checkDataset', 'file', file));
}

/** Checks what JSON Schema cannot (hash, ids, references, quotes) on a schema-valid document. */
export function verifyDocument(doc: DatasetDocument, text: string): verify.Problem[] {
  return verify.verifyDocument(
    document('verifyDocument', doc),
    string('verifyDocument', 'text', text),
  );
}

/** Every claim of the corpus, dataset by dataset, in article order. */
export function allClaims(c: Corpus): ClaimRef[] {
  return corpusCore.allClaims(corpus('allClaims', c));
}

/** The claim with this id (`SOURCE:ID` when several datasets are loaded). */
export function findClaim(c: Corpus, id: string): ClaimRef {
  return corpusCore.findClaim(corpus('findClaim', c), string('findClaim', 'id', id));
}

/** A claim id as shown: `SOURCE:ID` once several datasets are loaded. */
export function qualify(c: Corpus, d: Dataset, id: string): string {
  return corpusCore.qualify(
    corpus('qualify', c),
    dataset('qualify', 'dataset', d),
    string('qualify', 'id', id),
  );
}

/** A predicate for the claims that pass the filters (names resolve through aliases). */
export function buildFilter(
  c: Corpus,
  input: filterCore.ClaimFilterInput,
): filterCore.ClaimPredicate {
  const checked = options<filterCore.ClaimFilterInput>('buildFilter', 'input', input) ?? {};
  return filterCore.buildFilter(corpus('buildFilter', c), checked);
}

/** The claims a selection names (filters and a query), in article order. */
export function selectClaims(c: Corpus, selection: selectCore.Selection): ClaimRef[] {
  const checked = options<selectCore.Selection>('selectClaims', 'selection', selection) ?? {};
  if (checked.query !== undefined) string('selectClaims', 'selection.query', checked.query);
  return selectCore.selectClaims(corpus('selectClaims', c), checked);
}

/** A self-contained dataset document holding these claims and what they refer to. */
export function subsetDocument(d: Dataset, claims: Claim[]): DatasetDocument {
  if (!Array.isArray(claims) || !claims.every((c) => isObject(c) && typeof c.id === 'string')) {
    throw wrong('subsetDocument', 'claims', 'an array of claims', claims);
  }
  return subsetCore.subsetDocument(dataset('subsetDocument', 'dataset', d), claims);
}

/** The fzf-style query as armru reads it: OR-branches of terms and exclusions. */
export function parseQuery(query: string): searchCore.QueryGroup[] {
  return searchCore.parseQuery(string('parseQuery', 'query', query));
}

/** Builds the on-disk index beside a dataset file. */
export function buildIndex(
  file: string,
  progress?: (done: number, total: number) => void,
): ReturnType<typeof indexBuild.buildIndex> {
  if (progress !== undefined && typeof progress !== 'function') {
    throw wrong('buildIndex', 'progress', 'a function', progress);
  }
  return indexBuild.buildIndex(string('buildIndex', 'file', file), progress);
}

/** Searches claims; prepared once per corpus and reused for every query. */
export class ClaimSearcher extends searchCore.ClaimSearcher {
  constructor(c: Corpus, claimRefs?: ClaimRef[]) {
    const checked = corpus('ClaimSearcher', c);
    super(checked, claimRefs === undefined ? undefined : refs('ClaimSearcher', claimRefs));
  }

  override search(
    query: string,
    opts: { filter?: (ref: ClaimRef) => boolean; limit?: number } = {},
  ): searchCore.SearchHit[] {
    string('ClaimSearcher.search', 'query', query);
    if (!isObject(opts)) throw wrong('ClaimSearcher.search', 'options', 'an object', opts);
    if (opts.filter !== undefined && typeof opts.filter !== 'function') {
      throw wrong('ClaimSearcher.search', 'options.filter', 'a function', opts.filter);
    }
    if (
      opts.limit !== undefined &&
      !(typeof opts.limit === 'number' && opts.limit >= 0 && !Number.isNaN(opts.limit))
    ) {
      throw wrong('ClaimSearcher.search', 'options.limit', 'a number of 0 or more', opts.limit);
    }
    return super.search(query, opts);
  }
}

/** The dataset document as JSON text. */
export function toDatasetJson(doc: DatasetDocument): string {
  return exporters.toDatasetJson(document('toDatasetJson', doc));
}

/** One JSON object per claim, per line. */
export function toJsonLines(c: Corpus, claimRefs: ClaimRef[]): string {
  return exporters.toJsonLines(corpus('toJsonLines', c), refs('toJsonLines', claimRefs));
}

/** RFC 4180 CSV, one row per claim. */
export function toCsv(claimRefs: ClaimRef[], opts?: { bom?: boolean }): string {
  return exporters.toCsv(refs('toCsv', claimRefs), options('toCsv', 'options', opts));
}

/** W3C Web Annotations, one per claim, in an AnnotationPage. */
export function toAnnotations(c: Corpus, claimRefs: ClaimRef[]): string {
  return exporters.toAnnotations(corpus('toAnnotations', c), refs('toAnnotations', claimRefs));
}

/** schema.org JSON-LD: the article, its claims and actors. */
export function toJsonLd(c: Corpus, claimRefs: ClaimRef[]): string {
  return exporters.toJsonLd(corpus('toJsonLd', c), refs('toJsonLd', claimRefs));
}
