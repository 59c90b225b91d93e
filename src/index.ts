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
 */
export type { ClaimRef, Corpus } from './core/corpus.js';
export { allClaims, findClaim, qualify } from './core/corpus.js';
export { ArmruError, EXIT } from './core/errors.js';
export { buildFilter, type ClaimFilterInput } from './core/filter.js';
export { buildIndex } from './core/index-build.js';
export { checkDataset, loadCorpus, loadDataset } from './core/load.js';
export { BUILTIN_DATASET, SCHEMA_FILE, VERSION } from './core/paths.js';
export { ClaimSearcher, parseQuery, type SearchHit } from './core/search.js';
export { type Selection, selectClaims } from './core/select.js';
export { subsetDocument } from './core/subset.js';
export type * from './core/types.js';
export { verifyDocument } from './core/verify.js';
export { toAnnotations, toCsv, toDatasetJson, toJsonLd, toJsonLines } from './render/export.js';
