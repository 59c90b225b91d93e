import { join } from 'node:path';
import { articleText, checkDataset, datasetFiles, datasetOf, readText } from '../dataset/files.js';
import { countedClean, scanJson } from '../dataset/json-scan.js';
import { parseJson } from '../dataset/json-text.js';
import { regularFileBytes } from '../dataset/read-text.js';
import {
  ArticleText,
  changedUnderfoot,
  misplacedQuotes,
  verifyDocument,
} from '../dataset/verify.js';
import type { Corpus } from '../model/corpus.js';
import { ArmruError } from '../model/errors.js';
import { BUILTIN_DATASET } from '../model/paths.js';
import type { Dataset, DatasetDocument } from '../model/types.js';
import { SEARCH_FINGERPRINT } from '../search/search-record.js';
import { crc32 } from '../text/checksum.js';
import { FUSE_INDEX, type IndexMeta, openIndex } from './index-store.js';

/**
 * Loads and verifies a dataset file: parse, JSON Schema, then text hash, ids, references and
 * quote offsets. Throws an ArmruError listing every problem; never repairs anything.
 *
 * When `armru index` has indexed the file and the index shows that neither the dataset nor its
 * article has changed since (see index-store.ts), the checks that index recorded are not run
 * again: identical bytes cannot give another verdict. Any change, or `useIndex: false`,
 * means the full checks.
 */
/**
 * The prepared fuse.js index a small index carries, when its size and CRC-32 are the ones
 * recorded; otherwise none, and the search builds its own (slower, never wrong).
 */
function preparedSearchIndex(dir: string, meta: IndexMeta): unknown {
  const recorded = meta.files?.[FUSE_INDEX];
  if (meta.kind !== 'small' || !recorded) return undefined;
  try {
    const bytes = regularFileBytes(join(dir, FUSE_INDEX), recorded.size);
    if (!bytes || bytes.length !== recorded.size || crc32(bytes) !== recorded.crc32)
      return undefined;
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The schema check of a dataset's text run elsewhere (on another thread, on its own parse)
 * while this one goes on: asked as soon as the text is read, when no fresh index vouches for
 * the file, it answers only whether the document meets the JSON Schema. What JSON.parse lets
 * through (a key written twice, a lone surrogate) is looked for here, on this thread's parse.
 */
export type TextCheck = (text: string) => Promise<boolean>;

/** What a caller of `loadCorpusChecking` may do while the datasets load. */
export interface LoadHooks {
  /** Checks a text no fresh index vouches for against the JSON Schema, elsewhere. */
  check?: TextCheck;
  /** Is given each dataset's text as read: the text its document is parsed from. */
  read?: (text: string) => void;
  /**
   * A dataset file's text read already (by the entry, for a report), or undefined: then the
   * file is read here. Either way everything else uses that one text.
   */
  early?: (file: string) => Promise<string | undefined>;
}

/** What `loadCorpusChecking` gives: the corpus, and the checks still under way. */
export interface CheckingCorpus {
  corpus: Corpus;
  /**
   * Settles when every check has answered: fulfilled when all passed, rejected with the very
   * error a plain load would have thrown. Nothing may be written before it is fulfilled.
   */
  checked: Promise<void>;
}

export async function loadDataset(
  file: string = BUILTIN_DATASET,
  options: { useIndex?: boolean } = {},
): Promise<Dataset> {
  return (await openDataset(file, options)).dataset;
}

/**
 * Loads a dataset; with `check`, the schema is left to it when no fresh index vouches for the
 * file, and the other checks run here meanwhile (the JSON scan's question answered by the
 * count, or by the scan once the schema has passed; see `checked` below).
 */
async function openDataset(
  file: string,
  options: LoadHooks & { useIndex?: boolean },
): Promise<{ dataset: Dataset; checked?: Promise<void> }> {
  const raw = (await options.early?.(file)) ?? readText(file, 'dataset');
  options.read?.(raw);
  if (options.useIndex !== false) {
    // The index is checked against the very text read here, not the file's times alone.
    const index = openIndex(file, SEARCH_FINGERPRINT, raw);
    if (index.state === 'fresh') {
      const doc = JSON.parse(raw) as DatasetDocument;
      const text = articleText(doc, file);
      // The index vouches for the checks it recorded; the quotes are checked again anyway,
      // against the bytes just read, so nothing shown can rest on words the article lacks.
      const problems = misplacedQuotes(file, doc.claims, new ArticleText(text));
      if (problems.length > 0) throw changedUnderfoot(file, problems);
      // fuse.js's prepared index is read (and checked) only when a search asks for it: most
      // searches never need the index of every claim (see ClaimSearcher).
      const dataset = datasetOf(file, doc, text);
      const { dir, meta } = index;
      let prepared: { value: unknown } | undefined;
      Object.defineProperty(dataset, 'searchIndex', {
        enumerable: true,
        get: () => {
          prepared ??= { value: preparedSearchIndex(dir, meta) };
          return prepared.value;
        },
      });
      return { dataset };
    }
  }
  // Every check, in order, on the text already read: what a plain load throws.
  const plain = async () => checkDataset(await parseJson(raw, file), file);
  if (!options.check) return { dataset: await plain() };
  let dataset: Dataset;
  let counted: boolean;
  let verdict: Promise<boolean>;
  try {
    // Asked before parsing here, so that the other thread parses meanwhile.
    verdict = options.check(raw);
    // Not awaited when a check here fails first: its end, whatever it is, is then no news.
    verdict.catch(() => undefined);
    const doc = JSON.parse(raw) as DatasetDocument;
    // Whether JSON.parse let anything through, proved by the count on this very parse before
    // anything else reads the document (see countedClean); when it proves nothing, the scan
    // decides below, once the schema has passed.
    counted = countedClean(raw, doc);
    // The document has not met the schema yet, so any surprise here (a TypeError on a field
    // of the wrong type) means only that the plain load must say what is wrong.
    const text = articleText(doc, file);
    if (verifyDocument(doc, text).length > 0) return { dataset: await plain() };
    dataset = datasetOf(file, doc, text);
  } catch {
    return { dataset: await plain() };
  }
  // Once the schema has answered (the answer is taken when this thread next waits; in a
  // report, once the page is made): a text that fails it, or that the scan finds something
  // in where the count proved nothing, gets every check in order, and its first error.
  const checked = verdict.then(
    async (meetsSchema) => {
      if (!meetsSchema || (!counted && scanJson(raw, () => '').length > 0)) await plain();
    },
    // The other thread failed: the checks are run here instead.
    async () => {
      await plain();
    },
  );
  return { dataset, checked };
}

/**
 * Loads the datasets a run works on: every file the paths name (directories give their
 * `*.claims.json` files), or the built-in dataset when there are none. Each dataset needs its
 * own `source.id`, since ids are shown as SOURCE:ID once several are loaded.
 */
export async function loadCorpus(paths: string[] = []): Promise<Corpus> {
  return (await loadCorpusChecking(paths)).corpus;
}

/**
 * As `loadCorpus`, but with `check` the schema of files no fresh index vouches for is left to
 * it, which checks it elsewhere meanwhile; `checked` says how the checks
 * ended (see LoadHooks for the other hooks). For a command with much work of its own to do
 * before it writes anything (`armru report`). Without `check`, every check runs here and
 * `checked` is already fulfilled.
 */
export async function loadCorpusChecking(
  paths: string[],
  options: LoadHooks = {},
): Promise<CheckingCorpus> {
  const files = paths.length === 0 ? [BUILTIN_DATASET] : paths.flatMap(datasetFiles);
  const datasets: Dataset[] = [];
  const pending: Promise<void>[] = [];
  // In file order, so the first file that fails is the one named, as a plain load names it.
  const settled = () =>
    pending.reduce<Promise<void>>((chain, p) => chain.then(() => p), Promise.resolve());
  const seen = new Map<string, string>();
  try {
    for (const file of files) {
      const opened = await openDataset(file, options);
      const dataset = opened.dataset;
      if (opened.checked) {
        // Awaited through `checked`; until then a rejection must not count as unhandled.
        opened.checked.catch(() => undefined);
        pending.push(opened.checked);
      }
      const id = dataset.doc.source.id;
      const other = seen.get(id);
      if (other !== undefined) {
        throw new ArmruError(
          'bad-data',
          `${file}: $.source.id: "${id}" is also the source id of ${other}; expected each dataset to have its own`,
        );
      }
      seen.set(id, file);
      datasets.push(dataset);
    }
  } catch (error) {
    // An earlier file whose checks are still under way fails first, if it fails.
    await settled();
    throw error;
  }
  const checked = settled();
  // Awaited by the caller when it is ready to write; a failure before then is not unhandled.
  checked.catch(() => undefined);
  return { corpus: { datasets }, checked };
}
