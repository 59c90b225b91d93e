import { join } from 'node:path';
import { articleText, checkDataset, datasetFileList, datasetOf } from '../dataset/files.js';
import { parseJson } from '../dataset/json-text.js';
import { readTextAndMark, regularFileBytes } from '../dataset/read-text.js';
import { ArticleText, changedUnderfoot, misplacedQuotes } from '../dataset/verify.js';
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

/** What a caller of `loadCorpus` may learn while the datasets load. */
export interface LoadHooks {
  /**
   * Is given each dataset's text as read, the text its document is parsed from, and that
   * text's UTF-8 bytes as they were read.
   */
  read?: (text: string, utf8: Uint8Array) => void;
}

export async function loadDataset(
  file: string = BUILTIN_DATASET,
  options: { useIndex?: boolean } = {},
): Promise<Dataset> {
  return (await openDataset(file, options)).dataset;
}

/** Loads a dataset: from its index when a fresh one vouches for it, else with every check. */
async function openDataset(
  file: string,
  options: LoadHooks & { useIndex?: boolean },
): Promise<{ dataset: Dataset }> {
  const { text: raw, utf8 } = readTextAndMark(file, 'dataset');
  options.read?.(raw, utf8);
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
  // Every check, in order, on the text already read.
  return { dataset: checkDataset(await parseJson(raw, file), file) };
}

/**
 * Loads the datasets a run works on: every file the paths name (directories give their
 * `*.claims.json` files), or the built-in dataset when there are none. Each dataset needs its
 * own `source.id`, since ids are shown as SOURCE:ID once several are loaded.
 */
export async function loadCorpus(paths: string[] = [], hooks: LoadHooks = {}): Promise<Corpus> {
  const files = paths.length === 0 ? [BUILTIN_DATASET] : datasetFileList(paths);
  const datasets: Dataset[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const { dataset } = await openDataset(file, hooks);
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
  return { datasets };
}
