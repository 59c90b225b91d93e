import { closeSync, existsSync, fstatSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  MAX_FILE_BYTES,
  NotRegularFile,
  openRegular,
  regularFileBytes,
} from '../dataset/read-text.js';
import { ArmruError } from '../model/errors.js';
import type { Claim, DatasetDocument, Entity, Relation } from '../model/types.js';
import { crc32 } from '../text/checksum.js';
import { indexDirectory } from './index-path.js';

export { indexDirectory, LARGE_INDEX_CLAIMS } from './index-path.js';

/**
 * The on-disk index armru keeps beside a dataset (`NAME.claims.json.armru-index/`), made by
 * `armru index`. It records that the dataset passed every check, keyed by the exact bytes of
 * the dataset and article files, and holds what search needs so that a large dataset need not
 * be parsed whole:
 *
 *   meta.json             format, stamps of the dataset and article, size and CRC-32 of every
 *                         other file; for large datasets the document without its claims and
 *                         entities (source, topics, agreements, relations)
 *   dataset.copy          small datasets: the dataset's bytes as indexed (without a BOM)
 *   article.copy          small datasets: the article's bytes as indexed, when in a file
 *   claim-ranges.bin      large: Float64Array of 2N byte offsets, where each claim's JSON lies in
 *                         the dataset file (claims are read from the dataset itself)
 *   claim-crcs.bin        large: Uint32Array of N CRC-32s of those bytes
 *   entity-ids.txt        large: entity ids sorted, one per line
 *   entity-ranges.bin     large: Float64Array of 2E byte offsets into the dataset, in that order
 *   entity-crcs.bin       large: Uint32Array of E CRC-32s of those bytes
 *   vocabulary.txt        large: the folded words of the search records, sorted, one per line
 *   vocabulary-starts.bin large: Int32Array of V+1 places (UTF-16 units) where each word starts
 *   postings.bin          large: Uint32Array of claim numbers, word after word
 *   posting-offsets.bin   large: Uint32Array of V+1 offsets into postings.bin
 *   posting-crcs.bin      large: Uint32Array of V CRC-32s, one per word's postings
 *   claim-lists.bin       large: each word's claims grouped by signature (see SIG_ below)
 *   claim-list-offsets.bin, claim-list-crcs.bin: V+1 offsets into it (in numbers), V CRC-32s
 *   signatures.bin, signature-offsets.bin: the signatures, and S+1 offsets into them
 *
 * A small index is trusted when the dataset and article read now are byte for byte its copies
 * (no hashing, so a run of the built-in dataset stays fast wherever it is installed). A large
 * one rests on three checks. Opening compares the dataset's and article's stamps (size,
 * modification and change times, inode, device; on any difference the CRC-32 of the content
 * decides) and every index file's size. Every file read whole is checked against its CRC-32;
 * every piece read from a larger file (a word's postings, a claim's bytes in the dataset) is
 * checked against its own. A mismatch anywhere makes the index stale: `IndexDamaged` is thrown
 * and the caller searches without the index.
 */
export const INDEX_FORMAT = 7;

/*
 * An occurrence of a word in a search record is three numbers in postings.bin: the claim;
 * `info`: the value's number in the record (fuse.js's order, bits 0-11), its field (the
 * number in SEARCH_FIELDS, bits 12-14), OCC_ALIAS, OCC_STARTS (the value starts with this
 * word), OCC_ENDS (the value ends with it), OCC_SPACE (one space, then the next word, follows
 * it); `extra`: the value's norm (its number in norms.bin, bits 0-15) and the word's position
 * among the value's words (bits 16-31). A record beyond these sizes makes the index not
 * `rankable` (it is then searched by reading candidate claims).
 */
export const OCC_MAX_SLOT = 0xfff;
export const OCC_FIELD_SHIFT = 12;
export const OCC_ALIAS = 1 << 15;
export const OCC_STARTS = 1 << 16;
export const OCC_ENDS = 1 << 17;
export const OCC_SPACE = 1 << 18;
export const OCC_MAX_NORM = 0xffff;
export const OCC_POS_SHIFT = 16;
export const OCC_MAX_POS = 0xffff;
/*
 * claim-lists.bin holds, for each word, the claims that have it, grouped by signature: the
 * number of groups G, then G pairs (signature, claims in the group), then the claims, group
 * after group, ascending within each. A signature (signatures.bin, from signature-offsets.bin)
 * is the list of the record's values that hold the word, in value order, one number each: the
 * value's number, field and alias bit as in an occurrence's `info` (bits 0-15), SIG_STARTS (an
 * occurrence of the word starts the value), SIG_ENDS (one ends it), SIG_WHOLE (the value is
 * the word), and the value's norm number (bits 19-31). That is what fuse.js's score of a claim
 * for a term matching only this word depends on.
 */
export const SIG_STARTS = 1 << 16;
export const SIG_ENDS = 1 << 17;
export const SIG_WHOLE = 1 << 18;
export const SIG_NORM_SHIFT = 19;
export const SIG_MAX_NORM = 0x1fff;
/** article-points.bin: where every ARTICLE_STEP-th code point of the article starts (bytes). */
export const ARTICLE_STEP = 4096;
/** The file of a large index that holds the dataset's relations (read only when asked for). */
export const RELATIONS = 'relations.json';
/** claim-flags.bin: one byte per claim; this bit says the claim has a date (`when`). */
export const CLAIM_DATED = 1;

/**
 * What identifies a file's content, in the manner of git's index: its size, times, inode and
 * device as they were when its bytes were read, and a CRC-32 of those bytes. `touch -d` can
 * put a modification time back but not the change time, so an edit that keeps the size is
 * still seen, and then the checksum decides.
 */
export interface FileStamp {
  size: number;
  mtimeNs: string;
  ctimeNs: string;
  ino: string;
  dev: string;
  crc32: number;
}

/** Size and CRC-32 of one index file. */
export interface IndexFile {
  size: number;
  crc32: number;
}

export interface IndexMeta {
  format: typeof INDEX_FORMAT;
  /** Fingerprint of the search options the index was built for (see search-record.ts). */
  searchOptions: string;
  kind: 'small' | 'large';
  claims: number;
  dataset: FileStamp;
  /** The article text file (as `source.textFile` names it) and its stamp; null when the text is inside the dataset. */
  textFile: string | null;
  text: FileStamp | null;
  /** Every other file of the index, by name. */
  files: Record<string, IndexFile>;
  /** Large indexes: the dataset without its claims and entities. */
  doc?: Omit<DatasetDocument, 'claims'>;
  /** Large indexes: every occurrence fits its fields, so claims can be ranked from postings. */
  rankable?: boolean;
  /** Large indexes of an article in its own file: how many code points it has. */
  articleCodePoints?: number;
}

/** An index that was fresh when opened but whose bytes do not match what it recorded. */
export class IndexDamaged extends ArmruError {
  constructor(
    readonly datasetFile: string,
    readonly reason: string,
  ) {
    super('bad-data', `the index of ${datasetFile} is stale (${reason})`, { remedy: 'reindex' });
  }
}

/** The file of a small index that holds fuse.js's prepared index of the claims. */
export const FUSE_INDEX = 'fuse.json';

type Stat = { size: bigint; mtimeNs: bigint; ctimeNs: bigint; ino: bigint; dev: bigint };

/** The stamp of bytes read from a file whose status was `stat` (before and after reading). */
export function stampOf(stat: Stat, bytes: Uint8Array): FileStamp {
  return {
    size: Number(stat.size),
    mtimeNs: String(stat.mtimeNs),
    ctimeNs: String(stat.ctimeNs),
    ino: String(stat.ino),
    dev: String(stat.dev),
    crc32: crc32(withoutBom(bytes)),
  };
}

/** The bytes after a UTF-8 byte order mark, which the loader drops from what it reads. */
export function withoutBom(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** True when two status records describe the same, unchanged file. */
export function sameStatus(a: Stat, b: Stat): boolean {
  return (
    a.size === b.size &&
    a.mtimeNs === b.mtimeNs &&
    a.ctimeNs === b.ctimeNs &&
    a.ino === b.ino &&
    a.dev === b.dev
  );
}

/** CRC-32 of a file's bytes (after a byte order mark), read in pieces to need little memory. */
export function fileCrc32(file: string): number {
  const { fd } = openRegular(file);
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let crc = 0;
    let first = true;
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      crc = crc32(first ? withoutBom(buffer.subarray(0, n)) : buffer.subarray(0, n), crc);
      first = false;
    }
    return crc;
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a file still has the content it had when stamped. Another size means changed. An
 * identical status (modification and change times, inode, device) counts as unchanged, as in
 * git: no write can keep the change time. Any difference, as after a copy, a package install
 * or `touch -d`, is settled by the checksum: of `content` when given (the file's text as the
 * caller read it, a byte order mark removed: the bytes that will be used), else of the file.
 */
export function stampHolds(file: string, stamp: FileStamp, content?: string): boolean {
  let now: Stat;
  try {
    now = statSync(file, { bigint: true });
  } catch {
    return false;
  }
  if (Number(now.size) !== stamp.size) return false;
  if (
    String(now.mtimeNs) === stamp.mtimeNs &&
    String(now.ctimeNs) === stamp.ctimeNs &&
    String(now.ino) === stamp.ino &&
    String(now.dev) === stamp.dev
  )
    return true;
  if (content !== undefined) return crc32(content) === stamp.crc32;
  try {
    return fileCrc32(file) === stamp.crc32;
  } catch {
    return false;
  }
}

/** The index's verdict on a dataset file. */
export type IndexState =
  | { state: 'absent' }
  | { state: 'stale'; reason: string }
  | { state: 'fresh'; meta: IndexMeta; dir: string };

/** How sealed metadata begins: its CRC-32 as eight hex digits, then the rest of the object. */
const SEAL_HEAD = '{"check":"';
const SEAL_LENGTH = SEAL_HEAD.length + 8 + 2;

/**
 * meta.json's text, sealed with the CRC-32 of its own JSON: `{"check":"HHHHHHHH",...}`, where
 * the checksum is that of the object's JSON without the `check` member. Every other file of
 * an index has its checksum in meta.json; this one carries its own, so that a changed byte in
 * it (a size, a stamp, a topic's name in a large index's document) makes the index stale
 * rather than believed, or an internal error.
 */
export function sealMeta(meta: object): string {
  const body = JSON.stringify(meta);
  const check = crc32(Buffer.from(body, 'utf8')).toString(16).padStart(8, '0');
  return `${SEAL_HEAD}${check}",${body.slice(1)}`;
}

/** Whether meta.json's bytes are sealed (see sealMeta) and their checksum holds. */
function metaSealed(bytes: Buffer): boolean {
  if (bytes.length <= SEAL_LENGTH || bytes.toString('latin1', 0, SEAL_HEAD.length) !== SEAL_HEAD)
    return false;
  const hex = bytes.toString('latin1', SEAL_HEAD.length, SEAL_HEAD.length + 8);
  if (!/^[0-9a-f]{8}$/.test(hex) || bytes.toString('latin1', SEAL_LENGTH - 2, SEAL_LENGTH) !== '",')
    return false;
  // The body is `{` and what follows the seal.
  const body = crc32(bytes.subarray(SEAL_LENGTH), crc32(Buffer.from('{')));
  return body === Number.parseInt(hex, 16);
}

/**
 * Reads an index's metadata and checks it against the files. `searchOptions` is the current
 * fingerprint of the search configuration: an index built for other options is stale.
 * `datasetText`, when the caller has read the dataset already, is checked by its checksum.
 */
export function openIndex(
  datasetFile: string,
  searchOptions: string,
  datasetText?: string,
): IndexState {
  const dir = indexDirectory(datasetFile);
  // Read only as a regular file of a sane size: a FIFO there hung the search, a link to
  // /dev/zero read without end until memory ran out.
  const metaFile = join(dir, 'meta.json');
  const metaBytes = regularFileBytes(metaFile, MAX_META_BYTES);
  if (metaBytes === undefined) {
    return existsSync(metaFile)
      ? { state: 'stale', reason: 'its metadata cannot be read' }
      : { state: 'absent' };
  }
  let meta: IndexMeta;
  try {
    meta = JSON.parse(metaBytes.toString('utf8')) as IndexMeta;
  } catch {
    return { state: 'stale', reason: 'its metadata cannot be read' };
  }
  // An index of another format may not be sealed: its format answers first, below.
  if (
    meta !== null &&
    typeof meta === 'object' &&
    meta.format === INDEX_FORMAT &&
    !metaSealed(metaBytes)
  )
    return { state: 'stale', reason: 'its metadata does not match its checksum' };
  if (meta === null || typeof meta !== 'object' || meta.format !== INDEX_FORMAT)
    return { state: 'stale', reason: 'it was written by another armru version' };
  if (meta.searchOptions !== searchOptions)
    return { state: 'stale', reason: 'it was built for other search options' };
  if (typeof meta.files !== 'object' || meta.files === null)
    return { state: 'stale', reason: 'its metadata cannot be read' };
  for (const [name, { size }] of Object.entries(meta.files)) {
    let actual: number;
    try {
      const stats = statSync(join(dir, name));
      if (!stats.isFile())
        return { state: 'stale', reason: `its file ${name} is not a regular file` };
      actual = stats.size;
    } catch {
      return { state: 'stale', reason: `its file ${name} is missing` };
    }
    if (actual !== size)
      return { state: 'stale', reason: `its file ${name} has another size than it recorded` };
  }
  if (meta.kind === 'small') return smallIndexHolds(datasetFile, dir, meta, datasetText);
  if (!stampHolds(datasetFile, meta.dataset, datasetText)) {
    return { state: 'stale', reason: 'the dataset has changed since it was indexed' };
  }
  if (meta.text && meta.textFile !== null) {
    if (!stampHolds(join(dirname(datasetFile), meta.textFile), meta.text)) {
      return { state: 'stale', reason: 'the article text has changed since it was indexed' };
    }
  }
  return { state: 'fresh', meta, dir };
}

/**
 * Reads a file as the loader does (a regular file, strict UTF-8, without a byte order mark);
 * undefined if it cannot be read so.
 */
function readTextOrUndefined(file: string): string | undefined {
  const bytes = regularFileBytes(file, MAX_FILE_BYTES);
  if (bytes === undefined) return undefined;
  try {
    return strictUtf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** More than any index's metadata (a few kilobytes: its files' sizes, checksums and stamps). */
const MAX_META_BYTES = 16 * 1024 * 1024;

/** A small index holds while the dataset and article are byte for byte its copies. */
function smallIndexHolds(
  datasetFile: string,
  dir: string,
  meta: IndexMeta,
  datasetText: string | undefined,
): IndexState {
  const data = datasetText ?? readTextOrUndefined(datasetFile);
  if (data === undefined || data !== readTextOrUndefined(join(dir, 'dataset.copy')))
    return { state: 'stale', reason: 'the dataset has changed since it was indexed' };
  if (meta.textFile !== null) {
    const text = readTextOrUndefined(join(dirname(datasetFile), meta.textFile));
    if (text === undefined || text !== readTextOrUndefined(join(dir, 'article.copy')))
      return { state: 'stale', reason: 'the article text has changed since it was indexed' };
  }
  return { state: 'fresh', meta, dir };
}

/** Reads a whole index file through an open descriptor and checks its size and CRC-32. */
function readChecked(fd: number, name: string, meta: IndexMeta, datasetFile: string): Buffer {
  const recorded = meta.files[name];
  if (!recorded) throw new IndexDamaged(datasetFile, `it does not record ${name}`);
  const size = fstatSync(fd).size;
  const bytes = size === recorded.size ? readRange(fd, 0, size) : undefined;
  if (!bytes || bytes.length !== recorded.size || crc32(bytes) !== recorded.crc32)
    throw new IndexDamaged(datasetFile, `its file ${name} does not match its checksum`);
  return bytes;
}

/** Where each newline-terminated line of `text` starts, plus the text's length at the end. */
function lineStarts(text: string): Int32Array {
  // One pass, into room for a line per character (the memory is not touched beyond the lines).
  const starts = new Int32Array(text.length + 2);
  let n = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1))
    starts[n++] = at + 1;
  if (starts[n - 1] !== text.length) starts[n++] = text.length + 1;
  return starts.subarray(0, n);
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

/** A UTF-16 surrogate (half of a code point beyond the first 65,536). */
const SURROGATE = /[\uD800-\uDFFF]/;

/** Reads one byte range of a file. */
function readRange(fd: number, start: number, end: number): Buffer {
  const buffer = Buffer.allocUnsafe(Math.max(0, end - start));
  let done = 0;
  while (done < buffer.length) {
    const n = readSync(fd, buffer, done, buffer.length - done, start + done);
    if (n === 0) break;
    done += n;
  }
  return buffer.subarray(0, done);
}

/** Fewer entities than this are read one by one (see WordIndex.entities). */
const ENTITIES_ONE_BY_ONE = 64;
/**
 * Entities read in passes (see readInPasses) are read in one piece only while the next one
 * starts within this many bytes of the last: the hundred or so entities the claims of a
 * listing name lie scattered over the megabytes of an archive's entities, and reading all the
 * bytes between them cost more (a fresh buffer of that size, filled) than a read of each.
 */
const ENTITY_GAP = 16 * 1024;

function float64s(bytes: Buffer): Float64Array {
  return new Float64Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
}

function uint32s(bytes: Buffer): Uint32Array {
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** The files of a large index, each opened once (see WordIndex). */
const LARGE_FILES = [
  'vocabulary.txt',
  'vocabulary-starts.bin',
  'postings.bin',
  'posting-offsets.bin',
  'posting-crcs.bin',
  'claim-lists.bin',
  'claim-list-offsets.bin',
  'claim-list-crcs.bin',
  'signatures.bin',
  'signature-offsets.bin',
  'norms.bin',
  'claim-flags.bin',
  'article-points.bin',
  'claim-ranges.bin',
  'claim-crcs.bin',
  'entity-ids.txt',
  'entity-ranges.bin',
  'entity-crcs.bin',
] as const;
type LargeFile = (typeof LARGE_FILES)[number];

/**
 * Read access to a large index: words, postings, claims and entities, each read only when
 * asked for and checked against its CRC-32. Claims and entities are read from the dataset file
 * itself, at the byte ranges the index recorded. Every file is opened when the index is
 * opened, so a rebuild that replaces the directory meanwhile cannot mix two indexes.
 */
export class WordIndex {
  readonly meta: IndexMeta;
  readonly datasetFile: string;
  /** The vocabulary as stored: sorted words, each followed by a newline. */
  private readonly vocabularyText: string;
  /** Where each word starts in vocabularyText (and, last, the text's length). */
  private readonly wordStarts: Int32Array;
  private readonly postingOffsets: Uint32Array;
  private readonly postingCrcs: Uint32Array;
  private readonly fds = new Map<LargeFile, number>();
  private datasetFd = -1;
  private allRanges: Float64Array | undefined;
  private allCrcs: Uint32Array | undefined;

  constructor(datasetFile: string, dir: string, meta: IndexMeta) {
    this.datasetFile = datasetFile;
    this.dir = dir;
    this.meta = meta;
    try {
      for (const name of LARGE_FILES) this.fds.set(name, openRegular(join(dir, name)).fd);
      this.datasetFd = openRegular(datasetFile).fd;
    } catch (error) {
      this.close();
      throw new IndexDamaged(
        datasetFile,
        error instanceof NotRegularFile
          ? `${error.message.slice(error.file.length + 2)}: ${error.file}`
          : `its files cannot be opened: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    this.vocabularyText = this.whole('vocabulary.txt').toString('utf8');
    const starts = this.whole('vocabulary-starts.bin');
    this.wordStarts = new Int32Array(
      starts.buffer.slice(starts.byteOffset, starts.byteOffset + starts.byteLength),
    );
    this.postingOffsets = uint32s(this.whole('posting-offsets.bin'));
    this.postingCrcs = uint32s(this.whole('posting-crcs.bin'));
    if (
      this.wordStarts[this.words] !== this.vocabularyText.length ||
      this.postingOffsets.length !== this.words + 1 ||
      this.postingCrcs.length !== this.words ||
      this.meta.files['claim-crcs.bin']?.size !== meta.claims * 4
    ) {
      this.close();
      throw new IndexDamaged(datasetFile, 'its files do not agree with one another');
    }
    // The first and the last claim tie the index to these dataset bytes: an index copied from
    // another dataset, whatever its metadata says, fails here.
    if (meta.claims > 0) this.claims([0, meta.claims - 1]);
  }

  private fd(name: LargeFile): number {
    return this.fds.get(name) as number;
  }

  private whole(name: LargeFile): Buffer {
    try {
      return readChecked(this.fd(name), name, this.meta, this.datasetFile);
    } catch (error) {
      this.close();
      throw error;
    }
  }

  private damaged(reason: string): IndexDamaged {
    return new IndexDamaged(this.datasetFile, reason);
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

  /** The vocabulary as stored: its text and where each word starts (see WordTable). */
  wordTable(): { text: string; starts: Int32Array } {
    return { text: this.vocabularyText, starts: this.wordStarts };
  }

  /** Every vocabulary word, in order (the vocabulary's text split at once, not word by word). */
  allWords(): string[] {
    const words = this.vocabularyText.split('\n');
    // The text ends with a newline; its lines are the words when there are as many.
    words.pop();
    if (words.length === this.words) return words;
    return Array.from({ length: this.words }, (_, w) => this.word(w));
  }

  /**
   * The first word not before `text` in the vocabulary's order (which is JavaScript's order of
   * strings: the builder sorts it so), by binary search.
   */
  private firstFrom(text: string): number {
    let lo = 0;
    let hi = this.words;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.word(mid) < text) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The number of vocabulary word `text`, or -1 when the vocabulary does not have it. */
  wordNumber(text: string): number {
    const w = this.firstFrom(text);
    return w < this.words && this.word(w) === text ? w : -1;
  }

  /** The words that start with `prefix`, in order (they stand together in the sorted vocabulary). */
  wordsStarting(prefix: string): number[] {
    const found: number[] = [];
    for (let w = this.firstFrom(prefix); w < this.words && this.word(w).startsWith(prefix); w++)
      found.push(w);
    return found;
  }

  /** How many occurrences vocabulary word `w` has (without reading them). */
  occurrenceCount(w: number): number {
    return (this.postingOffsets[w + 1] as number) - (this.postingOffsets[w] as number);
  }

  /** Every occurrence of vocabulary word `w`, three numbers each (see the OCC_ constants), in claim order. */
  occurrences(
    w: number,
    /** False when the caller uses only occurrences of claims it knows to exist. */
    checkClaims = true,
  ): Uint32Array {
    const start = (this.postingOffsets[w] as number) * 12;
    const end = (this.postingOffsets[w + 1] as number) * 12;
    const bytes = readRange(this.fd('postings.bin'), start, end);
    if (bytes.length !== end - start || crc32(bytes) !== this.postingCrcs[w])
      throw this.damaged('its file postings.bin does not match its checksum');
    const list =
      bytes.byteOffset % 4 === 0
        ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
        : uint32s(bytes);
    if (checkClaims)
      for (let i = 0; i < list.length; i += 3)
        if ((list[i] as number) >= this.meta.claims)
          throw this.damaged('its file postings.bin names claims the dataset does not have');
    return list;
  }

  /** The claim numbers containing vocabulary word `w` (each once, grouped by signature). */
  postings(w: number): Uint32Array {
    return this.claimList(w).claims;
  }

  private listTables: { offsets: Uint32Array; crcs: Uint32Array } | undefined;

  private lists(): { offsets: Uint32Array; crcs: Uint32Array } {
    if (!this.listTables) {
      const offsets = uint32s(this.whole('claim-list-offsets.bin'));
      const crcs = uint32s(this.whole('claim-list-crcs.bin'));
      if (offsets.length !== this.words + 1 || crcs.length !== this.words)
        throw this.damaged('its claim lists do not agree with its vocabulary');
      this.listTables = { offsets, crcs };
    }
    return this.listTables;
  }

  /** How many numbers word `w`'s claim list has (about its claims; without reading it). */
  claimListSize(w: number): number {
    const { offsets } = this.lists();
    return (offsets[w + 1] as number) - (offsets[w] as number);
  }

  /**
   * Word `w`'s claims grouped by signature: `sigs[g]` and `counts[g]` for each group, and the
   * claims, group after group (see SIG_ above), checked against the list's CRC-32.
   */
  claimList(
    w: number,
    /** False when the caller checks each claim number against the claims itself. */
    checkClaims = true,
  ): { sigs: Uint32Array; counts: Uint32Array; claims: Uint32Array } {
    const { offsets, crcs } = this.lists();
    const start = (offsets[w] as number) * 4;
    const end = (offsets[w + 1] as number) * 4;
    const bytes = readRange(this.fd('claim-lists.bin'), start, end);
    if (bytes.length !== end - start || crc32(bytes) !== crcs[w])
      throw this.damaged('its file claim-lists.bin does not match its checksum');
    // Buffers start at multiples of 8 bytes: a view needs no copy.
    const list =
      bytes.byteOffset % 4 === 0
        ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
        : uint32s(bytes);
    const groups = list[0] as number;
    const sigs = new Uint32Array(groups);
    const counts = new Uint32Array(groups);
    let total = 0;
    const signatures = this.signatureTable();
    for (let g = 0; g < groups; g++) {
      const sig = list[1 + 2 * g] as number;
      sigs[g] = sig;
      counts[g] = list[2 + 2 * g] as number;
      total += counts[g] as number;
      // Each signature named is a nonempty run of the table.
      if (
        !(sig + 1 < signatures.offsets.length) ||
        !((signatures.offsets[sig] as number) < (signatures.offsets[sig + 1] as number)) ||
        (signatures.offsets[sig + 1] as number) > signatures.data.length
      )
        throw this.damaged('its file claim-lists.bin names signatures it does not have');
    }
    const claims = list.subarray(1 + 2 * groups);
    if (claims.length !== total) throw this.damaged('its file claim-lists.bin does not add up');
    if (checkClaims)
      for (let i = 0; i < claims.length; i++)
        if ((claims[i] as number) >= this.meta.claims) throw this.badClaim();
    return { sigs, counts, claims };
  }

  /** What a claim list naming a claim past the last one means. */
  badClaim(): IndexDamaged {
    return this.damaged('its file claim-lists.bin names claims the dataset does not have');
  }

  private sigTable: { data: Uint32Array; offsets: Uint32Array } | undefined;

  /** Every signature: signature `s` is `data[offsets[s]]` up to `data[offsets[s + 1]]`. */
  signatureTable(): { data: Uint32Array; offsets: Uint32Array } {
    if (!this.sigTable) {
      // Each signature's offsets are checked where a claim list names it.
      const data = uint32s(this.whole('signatures.bin'));
      const offsets = uint32s(this.whole('signature-offsets.bin'));
      this.sigTable = { data, offsets };
    }
    return this.sigTable;
  }

  private points: Float64Array | undefined;
  private readonly dir: string;

  /** The dataset's relations, read from the index when first asked for (checked like the rest). */
  relations(): Relation[] {
    const recorded = this.meta.files[RELATIONS];
    const bytes = regularFileBytes(join(this.dir, RELATIONS), MAX_FILE_BYTES);
    if (!recorded || !bytes || bytes.length !== recorded.size || crc32(bytes) !== recorded.crc32)
      throw this.damaged(`its file ${RELATIONS} does not match its checksum`);
    return JSON.parse(bytes.toString('utf8')) as Relation[];
  }

  /** Reads the map of the article now, so that articlePieces works after the index is closed. */
  mapArticle(): void {
    if (this.meta.articleCodePoints !== undefined)
      this.points ??= float64s(this.whole('article-points.bin'));
  }

  /**
   * Code points [start, end) of the article as its file is now, for each span asked for, read
   * from the pieces that hold them (see ARTICLE_STEP); or why they cannot be read. The article
   * is opened once for all the spans, and each run of pieces a span needs is read and decoded
   * once however many spans lie in it (listing thousands of claims reads each piece of the
   * article once, not once per claim). A span's text is what decoding its own run of pieces
   * gives, as if it were read alone.
   */
  articlePieces(spans: readonly (readonly [number, number])[]): (string | { problem: string })[] {
    const total = this.meta.articleCodePoints;
    if (total === undefined || this.meta.textFile === null)
      return spans.map(() => ({ problem: 'the index has no map of the article' }));
    this.points ??= float64s(this.whole('article-points.bin'));
    const points = this.points;
    const path = join(dirname(this.datasetFile), this.meta.textFile);
    let fd: number;
    try {
      fd = openRegular(path).fd;
    } catch {
      return spans.map(() => ({ problem: 'the article cannot be read' }));
    }
    // Decoded runs by their first and last piece: the text, and its code points when they
    // are not one UTF-16 unit each.
    const runs = new Map<number, { text: string; units?: string[] } | { problem: string }>();
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let size: number | undefined;
    const run = (first: number, last: number) => {
      const key = first * points.length + last;
      let found = runs.get(key);
      if (!found) {
        try {
          size ??= fstatSync(fd).size;
          const to = last < points.length ? (points[last] as number) : size;
          const text = decoder.decode(readRange(fd, points[first] as number, to));
          found = SURROGATE.test(text) ? { text, units: Array.from(text) } : { text };
        } catch {
          found = { problem: 'the article is not UTF-8 text there' };
        }
        runs.set(key, found);
      }
      return found;
    };
    try {
      return spans.map(([start, end]) => {
        if (end > total)
          return { problem: `end (${end}) is past the end of the article (${total} code points)` };
        const first = Math.floor(start / ARTICLE_STEP);
        const found = run(first, Math.ceil(end / ARTICLE_STEP));
        if ('problem' in found) return found;
        const from = start - first * ARTICLE_STEP;
        const to = end - first * ARTICLE_STEP;
        return found.units ? found.units.slice(from, to).join('') : found.text.slice(from, to);
      });
    } finally {
      closeSync(fd);
    }
  }

  private normTable: Float64Array | undefined;

  /** The field norms the occurrences refer to by number. */
  norms(): Float64Array {
    this.normTable ??= float64s(this.whole('norms.bin'));
    return this.normTable;
  }

  private flagTable: Uint8Array | undefined;

  /** One byte per claim (CLAIM_DATED). */
  claimFlags(): Uint8Array {
    if (!this.flagTable) {
      const bytes = this.whole('claim-flags.bin');
      if (bytes.length !== this.meta.claims)
        throw this.damaged('its file claim-flags.bin does not match its claims');
      this.flagTable = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return this.flagTable;
  }

  private entityTable:
    | { ids: string; starts: Int32Array; ranges: Float64Array; crcs: Uint32Array }
    | undefined;

  private entityIndex(): {
    ids: string;
    starts: Int32Array;
    ranges: Float64Array;
    crcs: Uint32Array;
  } {
    if (!this.entityTable) {
      const ids = this.whole('entity-ids.txt').toString('utf8');
      const starts = lineStarts(ids);
      const ranges = float64s(this.whole('entity-ranges.bin'));
      const crcs = uint32s(this.whole('entity-crcs.bin'));
      if (ranges.length !== 2 * (starts.length - 1) || crcs.length !== starts.length - 1)
        throw this.damaged('its entity files do not agree with one another');
      this.entityTable = { ids, starts, ranges, crcs };
    }
    return this.entityTable;
  }

  /** Parses the JSON at bytes [a, b) of `bytes` after checking them against `crc`. */
  private parseChecked<T>(bytes: Buffer, a: number, b: number, crc: number, what: string): T {
    const piece = bytes.subarray(a, b);
    if (a < 0 || b > bytes.length || a > b || crc32(piece) !== crc)
      throw this.damaged(`${what} does not match the bytes it recorded in the dataset`);
    try {
      return JSON.parse(piece.toString('utf8')) as T;
    } catch {
      throw this.damaged(`${what} is not JSON where it recorded it in the dataset`);
    }
  }

  /** The entity at position `k` of the sorted table. */
  private entityAt(k: number): Entity {
    const { ranges, crcs } = this.entityIndex();
    const start = ranges[2 * k] as number;
    const end = ranges[2 * k + 1] as number;
    const bytes = readRange(this.datasetFd, start, end);
    return this.parseChecked<Entity>(bytes, 0, end - start, crcs[k] as number, `entity ${k}`);
  }

  /**
   * The entities with these ids, in the order first asked for (found by binary search in the
   * sorted id list). Many are read in a few passes over the dataset in file order, as claims
   * are (see scan), rather than with a read each: listing 12,000 claims of an archive names
   * thousands of entities.
   */
  entities(
    wanted: Iterable<string>,
    /** Where passes over the dataset split (see ENTITY_GAP); tests try others. */
    gap = ENTITY_GAP,
  ): Entity[] {
    const asked = new Set(wanted);
    // No claim shown (a query that matches nothing): the entity table is not read.
    if (asked.size === 0) return [];
    const { ids: text, starts, ranges, crcs } = this.entityIndex();
    const found: number[] = [];
    for (const id of asked) {
      let lo = 0;
      let hi = starts.length - 2;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const at = text.slice(starts[mid] as number, (starts[mid + 1] as number) - 1);
        if (at === id) {
          found.push(mid);
          break;
        }
        if (at < id) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    if (found.length < ENTITIES_ONE_BY_ONE) return found.map((k) => this.entityAt(k));
    const order = [...found].sort((x, y) => (ranges[2 * x] as number) - (ranges[2 * y] as number));
    const parsed = new Map<number, Entity>();
    this.readInPasses<Entity>(
      order,
      ranges,
      crcs,
      'entity',
      (k, entity) => parsed.set(k, entity),
      gap,
    );
    return found.map((k) => parsed.get(k) as Entity);
  }

  /** Every entity (for resolving names in filters), in id order. */
  allEntities(): Entity[] {
    const { ranges, crcs } = this.entityIndex();
    const count = crcs.length;
    if (count === 0) return [];
    let from = Number.POSITIVE_INFINITY;
    let to = 0;
    for (let k = 0; k < count; k++) {
      from = Math.min(from, ranges[2 * k] as number);
      to = Math.max(to, ranges[2 * k + 1] as number);
    }
    const bytes = readRange(this.datasetFd, from, to);
    const out: Entity[] = [];
    for (let k = 0; k < count; k++)
      out.push(
        this.parseChecked<Entity>(
          bytes,
          (ranges[2 * k] as number) - from,
          (ranges[2 * k + 1] as number) - from,
          crcs[k] as number,
          `entity ${k}`,
        ),
      );
    return out;
  }

  /**
   * Claims by number (ascending). Few are read one by one; many are read in passes over the
   * dataset in large pieces, which is faster than seeking to each.
   */
  claims(numbers: number[]): Claim[] {
    if (numbers.length > this.meta.claims / 16) return this.scan(numbers);
    const out: Claim[] = [];
    for (const i of numbers) {
      if (!(i >= 0 && i < this.meta.claims)) throw this.damaged(`it has no claim ${i}`);
      const pair = float64s(readRange(this.fd('claim-ranges.bin'), i * 16, i * 16 + 16));
      const crc = uint32s(readRange(this.fd('claim-crcs.bin'), i * 4, i * 4 + 4));
      const start = pair[0] as number;
      const end = pair[1] as number;
      if (pair.length !== 2 || crc.length !== 1 || !(end >= start) || end - start > 1 << 28)
        throw this.damaged(`its range of claim ${i} cannot be right`);
      const bytes = readRange(this.datasetFd, start, end);
      out.push(this.parseChecked<Claim>(bytes, 0, end - start, crc[0] as number, `claim ${i}`));
    }
    return out;
  }

  private tables(): { ranges: Float64Array; crcs: Uint32Array } {
    this.allRanges ??= float64s(this.whole('claim-ranges.bin'));
    this.allCrcs ??= uint32s(this.whole('claim-crcs.bin'));
    if (this.allRanges.length !== 2 * this.meta.claims)
      throw this.damaged('its file claim-ranges.bin does not match its claims');
    return { ranges: this.allRanges, crcs: this.allCrcs };
  }

  private scan(numbers: number[]): Claim[] {
    const { ranges, crcs } = this.tables();
    const out: Claim[] = [];
    this.readInPasses<Claim>(numbers, ranges, crcs, 'claim', (_, claim) => out.push(claim));
    return out;
  }

  /**
   * Reads and checks the items `keys` names (numbers into `ranges` and `crcs`, in the order
   * their bytes start in the dataset) in passes over the file: from the first item of a pass up
   * to about 16 MiB further, whole items only, each given to `take` as it is parsed. A pass
   * also ends before an item that starts more than `gap` bytes after the items before it end.
   */
  private readInPasses<T>(
    keys: readonly number[],
    ranges: Float64Array,
    crcs: Uint32Array,
    what: string,
    take: (key: number, item: T) => void,
    gap = Number.POSITIVE_INFINITY,
  ): void {
    const chunk = 1 << 24;
    for (let from = 0; from < keys.length; ) {
      const start = ranges[2 * (keys[from] as number)] as number;
      let last = from;
      let end = Math.max(start, ranges[2 * (keys[from] as number) + 1] as number);
      while (
        last + 1 < keys.length &&
        (ranges[2 * (keys[last + 1] as number) + 1] as number) - start <= chunk &&
        (ranges[2 * (keys[last + 1] as number)] as number) - end <= gap
      ) {
        last++;
        end = Math.max(end, ranges[2 * (keys[last] as number) + 1] as number);
      }
      const bytes = readRange(this.datasetFd, start, end);
      for (let j = from; j <= last; j++) {
        const k = keys[j] as number;
        take(
          k,
          this.parseChecked<T>(
            bytes,
            (ranges[2 * k] as number) - start,
            (ranges[2 * k + 1] as number) - start,
            crcs[k] as number,
            `${what} ${k}`,
          ),
        );
      }
      from = last + 1;
    }
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
    if (this.datasetFd >= 0) closeSync(this.datasetFd);
    this.datasetFd = -1;
  }
}
