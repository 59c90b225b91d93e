import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Claim, DatasetDocument, Entity } from '../model/types.js';
import { sha256Hasher } from '../text/hash.js';

/**
 * The on-disk index armru keeps beside a dataset (`NAME.claims.json.armru-index/`), made by
 * `armru index`. It records that the dataset passed every check, keyed by the content of the
 * dataset and article files, and holds what search needs so that a large dataset need not be
 * parsed whole:
 *
 *   meta.json             format, the files' stamps, counts; for large datasets the document
 *                         without its claims and entities (source, topics, agreements, relations)
 *   entities.jsonl        large: one entity per line, sorted by id
 *   entity-ids.txt        large: their ids, one per line, in the same order
 *   entity-offsets.bin    large: Float64Array of byte offsets into entities.jsonl
 *   fuse.json             small datasets: fuse.js's own index of the search records
 *   claims.jsonl          large: one claim per line, in dataset order
 *   claim-offsets.bin     large: Float64Array of N+1 byte offsets into claims.jsonl
 *   vocabulary.txt        large: the folded words of the search records, sorted, one per line
 *   postings.bin          large: Uint32Array of claim numbers, word after word
 *   posting-offsets.bin   large: Uint32Array of V+1 offsets into postings.bin
 *
 * An index whose stamps do not match the files is stale: it is ignored, never trusted.
 */
export const INDEX_FORMAT = 2;

/** From this many claims, an index also holds the word index and the claims store. */
export const LARGE_INDEX_CLAIMS = 5000;

/** What identifies a file's content: its size, and its SHA-256 at the time it was indexed. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
}

export interface IndexMeta {
  format: typeof INDEX_FORMAT;
  /** Fingerprint of the search options the index was built for (see search.ts). */
  searchOptions: string;
  kind: 'small' | 'large';
  claims: number;
  dataset: FileStamp;
  /** The article text file (as `source.textFile` names it) and its stamp; null when the text is inside the dataset. */
  textFile: string | null;
  text: FileStamp | null;
  /** Large indexes: the dataset without its claims. */
  doc?: Omit<DatasetDocument, 'claims'>;
}

/** Where the index of a dataset file lives. */
export function indexDirectory(datasetFile: string): string {
  return `${datasetFile}.armru-index`;
}

/** SHA-256 (hex) of a file's bytes, read in pieces so large files need little memory. */
export function fileSha256(file: string): string {
  const hash = sha256Hasher();
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer))
      hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** The stamp of a file as it is now. */
export function stampOf(file: string): FileStamp {
  const { size, mtimeMs, ino } = statSync(file);
  return { size, mtimeMs, ino, sha256: fileSha256(file) };
}

/**
 * Whether a file still has the content it had when stamped. A file of another size has
 * changed; an unchanged size, modification time and inode count as unchanged, as make and
 * git's index assume; when only the time or inode differ (a copy, a touch), the content is
 * hashed and decides.
 */
export function stampHolds(file: string, stamp: FileStamp): boolean {
  let now: { size: number; mtimeMs: number; ino: number };
  try {
    now = statSync(file);
  } catch {
    return false;
  }
  if (now.size !== stamp.size) return false;
  if (now.mtimeMs === stamp.mtimeMs && now.ino === stamp.ino) return true;
  return fileSha256(file) === stamp.sha256;
}

/** The index's verdict on a dataset file. */
export type IndexState =
  | { state: 'absent' }
  | { state: 'stale'; reason: string }
  | { state: 'fresh'; meta: IndexMeta; dir: string };

/**
 * Reads an index's metadata and checks it against the files. `searchOptions` is the current
 * fingerprint of the search configuration: an index built for other options is stale.
 */
export function openIndex(datasetFile: string, searchOptions: string): IndexState {
  const dir = indexDirectory(datasetFile);
  const metaFile = join(dir, 'meta.json');
  if (!existsSync(metaFile)) return { state: 'absent' };
  let meta: IndexMeta;
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as IndexMeta;
  } catch {
    return { state: 'stale', reason: 'its metadata cannot be read' };
  }
  if (meta.format !== INDEX_FORMAT)
    return { state: 'stale', reason: 'it was written by another armru version' };
  if (meta.searchOptions !== searchOptions)
    return { state: 'stale', reason: 'it was built for other search options' };
  if (!stampHolds(datasetFile, meta.dataset)) {
    return { state: 'stale', reason: 'the dataset has changed since it was indexed' };
  }
  if (meta.text && meta.textFile !== null) {
    if (!stampHolds(join(dirname(datasetFile), meta.textFile), meta.text)) {
      return { state: 'stale', reason: 'the article text has changed since it was indexed' };
    }
  }
  return { state: 'fresh', meta, dir };
}

/** Where each newline-terminated line of `text` starts, plus the text's length at the end. */
function lineStarts(text: string): Int32Array {
  const starts: number[] = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  if (starts.at(-1) !== text.length) starts.push(text.length + 1);
  return Int32Array.from(starts);
}

/** The line that position `at` falls in (binary search in the line starts). */
function lineOf(starts: Int32Array, at: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Reads one byte range of a file. */
function readRange(fd: number, start: number, end: number): Buffer {
  const buffer = Buffer.allocUnsafe(end - start);
  let done = 0;
  while (done < buffer.length) {
    const n = readSync(fd, buffer, done, buffer.length - done, start + done);
    if (n === 0) break;
    done += n;
  }
  return buffer.subarray(0, done);
}

/** Read access to a large index: words, postings and claims, each read only when asked for. */
export class WordIndex {
  readonly meta: IndexMeta;
  /** The vocabulary as stored: sorted words, each followed by a newline. */
  private readonly vocabularyText: string;
  /** Where each word starts in vocabularyText (and, last, the text's length). */
  private readonly wordStarts: Int32Array;
  private readonly postingOffsets: Uint32Array;
  private offsetsFd: number | undefined;
  private allOffsets: Float64Array | undefined;
  private readonly postingsFd: number;
  private readonly claimsFd: number;

  private readonly dir: string;

  constructor(dir: string, meta: IndexMeta) {
    this.dir = dir;
    this.meta = meta;
    this.vocabularyText = readFileSync(join(dir, 'vocabulary.txt'), 'utf8');
    this.wordStarts = lineStarts(this.vocabularyText);
    const po = readFileSync(join(dir, 'posting-offsets.bin'));
    this.postingOffsets = new Uint32Array(po.buffer, po.byteOffset, po.byteLength / 4);
    this.postingsFd = openSync(join(dir, 'postings.bin'), 'r');
    this.claimsFd = openSync(join(dir, 'claims.jsonl'), 'r');
  }

  /** How many words the vocabulary has. */
  get words(): number {
    return this.wordStarts.length - 1;
  }

  /** Vocabulary word `w`. */
  word(w: number): string {
    return this.vocabularyText.slice(
      this.wordStarts[w] as number,
      (this.wordStarts[w + 1] as number) - 1,
    );
  }

  /**
   * The words that contain `part` (no newline in it), found by searching the vocabulary text
   * as one string rather than word by word.
   */
  wordsContaining(part: string): number[] {
    const found: number[] = [];
    const text = this.vocabularyText;
    for (let at = text.indexOf(part); at !== -1; ) {
      const w = lineOf(this.wordStarts, at);
      found.push(w);
      at = text.indexOf(part, this.wordStarts[w + 1] as number);
    }
    return found;
  }

  /** The claim numbers containing vocabulary word `w` (ascending). */
  postings(w: number): Uint32Array {
    const start = (this.postingOffsets[w] as number) * 4;
    const end = (this.postingOffsets[w + 1] as number) * 4;
    const bytes = readRange(this.postingsFd, start, end);
    return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  }

  private entityTable: { ids: string; starts: Int32Array; offsets: Float64Array } | undefined;

  private entityIndex(): { ids: string; starts: Int32Array; offsets: Float64Array } {
    if (!this.entityTable) {
      const ids = readFileSync(join(this.dir, 'entity-ids.txt'), 'utf8');
      const raw = readFileSync(join(this.dir, 'entity-offsets.bin'));
      this.entityTable = {
        ids,
        starts: lineStarts(ids),
        offsets: new Float64Array(
          raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength),
        ),
      };
    }
    return this.entityTable;
  }

  /** The entities with these ids (found by binary search in the sorted id list). */
  entities(wanted: Iterable<string>): Entity[] {
    const { ids, starts, offsets } = this.entityIndex();
    const fd = openSync(join(this.dir, 'entities.jsonl'), 'r');
    const out: Entity[] = [];
    try {
      for (const id of new Set(wanted)) {
        let lo = 0;
        let hi = starts.length - 2;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const at = ids.slice(starts[mid] as number, (starts[mid + 1] as number) - 1);
          if (at === id) {
            const bytes = readRange(fd, offsets[mid] as number, offsets[mid + 1] as number);
            out.push(JSON.parse(bytes.toString('utf8')) as Entity);
            break;
          }
          if (at < id) lo = mid + 1;
          else hi = mid - 1;
        }
      }
    } finally {
      closeSync(fd);
    }
    return out;
  }

  /** Every entity (for resolving names in filters). */
  allEntities(): Entity[] {
    return readFileSync(join(this.dir, 'entities.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Entity);
  }

  /**
   * Claims by number (ascending). Few are read one by one; many are read in one pass over
   * the store in large pieces, which is faster than seeking to each.
   */
  claims(numbers: number[]): Claim[] {
    if (numbers.length > this.meta.claims / 16) return this.scan(numbers);
    const out: Claim[] = [];
    for (const i of numbers) {
      const [start, end] = this.claimRange(i);
      out.push(JSON.parse(readRange(this.claimsFd, start, end).toString('utf8')) as Claim);
    }
    return out;
  }

  /** Where claim `i` sits in the store: two offsets read from disk (the table is 8 bytes a claim). */
  private claimRange(i: number): [number, number] {
    this.offsetsFd ??= openSync(join(this.dir, 'claim-offsets.bin'), 'r');
    const bytes = readRange(this.offsetsFd, i * 8, i * 8 + 16);
    const pair = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 16));
    return [pair[0] as number, pair[1] as number];
  }

  /** The whole offset table, for reading many claims. */
  private get claimOffsets(): Float64Array {
    if (!this.allOffsets) {
      const raw = readFileSync(join(this.dir, 'claim-offsets.bin'));
      this.allOffsets = new Float64Array(
        raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength),
      );
    }
    return this.allOffsets;
  }

  private scan(numbers: number[]): Claim[] {
    const out: Claim[] = [];
    const chunk = 1 << 24;
    let next = 0;
    for (let from = 0; from < numbers.length; from = next) {
      // Read from the first wanted claim up to about 16 MiB further, whole lines only.
      const first = numbers[from] as number;
      const start = this.claimOffsets[first] as number;
      let last = from;
      while (
        last + 1 < numbers.length &&
        (this.claimOffsets[(numbers[last + 1] as number) + 1] as number) - start <= chunk
      )
        last++;
      const end = this.claimOffsets[(numbers[last] as number) + 1] as number;
      const bytes = readRange(this.claimsFd, start, end);
      for (let k = from; k <= last; k++) {
        const i = numbers[k] as number;
        const a = (this.claimOffsets[i] as number) - start;
        const b = (this.claimOffsets[i + 1] as number) - start;
        out.push(JSON.parse(bytes.toString('utf8', a, b)) as Claim);
      }
      next = last + 1;
    }
    return out;
  }

  close(): void {
    closeSync(this.postingsFd);
    closeSync(this.claimsFd);
    if (this.offsetsFd !== undefined) closeSync(this.offsetsFd);
  }
}
