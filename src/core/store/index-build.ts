import {
  closeSync,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { topLevelArraySpans } from '../dataset/json-spans.js';
import { processRunning } from '../dataset/write-file.js';
import { ArmruError } from '../model/errors.js';
import {
  FUSE_OPTIONS,
  SEARCH_FIELDS,
  SEARCH_FINGERPRINT,
  type SearchRecord,
  searchRecord,
  WORD,
} from '../search/search-record.js';
import { crc32 } from '../text/checksum.js';
import { fold } from '../text/fold.js';
import {
  type FileStamp,
  FUSE_INDEX,
  INDEX_FORMAT,
  type IndexMeta,
  indexDirectory,
  LARGE_INDEX_CLAIMS,
  sameStatus,
  stampOf,
  withoutBom,
} from './index-store.js';
import { loadDataset } from './load.js';

/** What building an index reports. */
export interface IndexReport {
  file: string;
  dir: string;
  kind: 'small' | 'large';
  claims: number;
  words?: number;
}

type BigStat = ReturnType<typeof fstatSync> & { size: bigint };

/** A file-system failure while indexing `file`, as one line naming the path and the cause. */
function ioError(path: string, doing: string, error: NodeJS.ErrnoException): ArmruError {
  const why: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is exhausted',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ENAMETOOLONG: 'the name is longer than the file system allows; give the dataset a shorter name',
  };
  const cause = why[error.code ?? ''] ?? error.code ?? error.message;
  return new ArmruError('io', `${path}: cannot ${doing} (${cause})`);
}

/**
 * Reads a file whole and stamps those very bytes: the status is taken from the open file
 * before and after reading, and a change in between is an error rather than a stamp of other
 * bytes than were read.
 */
function readStamped(
  file: string,
  what: string,
): { bytes: Buffer; stat: BigStat; stamp: FileStamp } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw ioError(file, `read the ${what}`, error as NodeJS.ErrnoException);
  }
  try {
    const before = fstatSync(fd, { bigint: true }) as unknown as BigStat;
    if (before.isDirectory())
      throw new ArmruError('io', `${file}: is a directory; expected the ${what}`);
    const bytes = Buffer.allocUnsafe(Number(before.size));
    let done = 0;
    while (done < bytes.length) {
      const n = readSync(fd, bytes, done, bytes.length - done, done);
      if (n === 0) break;
      done += n;
    }
    const after = fstatSync(fd, { bigint: true }) as unknown as BigStat;
    if (done !== bytes.length || !sameStatus(before as never, after as never))
      throw changed(file, what);
    return { bytes, stat: before, stamp: stampOf(before as never, bytes) };
  } catch (error) {
    if (error instanceof ArmruError) throw error;
    throw ioError(file, `read the ${what}`, error as NodeJS.ErrnoException);
  } finally {
    closeSync(fd);
  }
}

function changed(file: string, what: string): ArmruError {
  return new ArmruError('io', `${file}: the ${what} changed while it was being indexed`, {
    remedy: 'reindex',
  });
}

/** True when `file` still has the status it had when it was read. */
function unchangedSince(file: string, stat: BigStat): boolean {
  try {
    return sameStatus(stat as never, statSync(file, { bigint: true }) as never);
  } catch {
    return false;
  }
}

/**
 * Takes the index's lock (`DIR.lock`, created exclusively, holding the builder's process id).
 * A lock left by a process that no longer runs is taken over; one held by a running process
 * means another `armru index` is at work on the same dataset.
 */
function lock(dir: string, file: string): () => void {
  const lockFile = `${dir}.lock`;
  for (let attempt = 0; ; attempt++) {
    // The process id is written to a file of our own first and then linked into place, so
    // the lock never exists without its holder's id (a reader could see an empty one).
    const mine = `${lockFile}.${process.pid}`;
    try {
      writeFileSync(mine, String(process.pid), { flag: 'w' });
      linkSync(mine, lockFile);
      rmSync(mine, { force: true });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      try {
        rmSync(mine, { force: true });
      } catch {
        // never made (a name too long, a folder not ours): the error below says why
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST')
        throw ioError(file, 'write its index beside it', error as NodeJS.ErrnoException);
      let holder = Number.NaN;
      try {
        holder = Number(readFileSync(lockFile, 'utf8'));
      } catch {}
      if (attempt === 0 && Number.isInteger(holder) && holder > 0 && !processRunning(holder)) {
        rmSync(lockFile, { force: true });
        continue;
      }
      throw new ArmruError(
        'io',
        `${file}: another armru process${Number.isInteger(holder) && holder > 0 ? ` (${holder})` : ''} is building its index; try again when it has finished, or remove ${lockFile} if no such process runs`,
      );
    }
  }
}

/**
 * Removes what an interrupted build left beside the index (its temporary and set-aside
 * directories, named after the builder's process id) once that process no longer runs.
 */
function removeLeftovers(dir: string): void {
  const parent = dirname(dir);
  const prefix = `${basename(dir)}.`;
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const rest = name.startsWith(prefix) ? name.slice(prefix.length) : '';
    const m = /^(\d+)\.(?:tmp|old)$/.exec(rest) ?? /^lock\.(\d+)$/.exec(rest);
    if (m && Number(m[1]) !== process.pid && !processRunning(Number(m[1])))
      rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/**
 * Builds the index of one dataset file (see index-store.ts for the layout). The dataset and
 * article are read and stamped first, then loaded with every check (never through an existing
 * index), and their status compared afterwards: the stamps describe exactly the bytes that were
 * checked. The new index is written to a temporary directory and swapped in by renames, the
 * old one moved aside before it is deleted, so a search running meanwhile sees the old index,
 * none, or the new one, never a part of one.
 */
export async function buildIndex(
  file: string,
  onProgress?: (done: number, total: number) => void,
): Promise<IndexReport> {
  const dir = indexDirectory(file);
  const data = readStamped(file, 'dataset');
  const release = lock(dir, file);
  removeLeftovers(dir);
  const temporary = `${dir}.${process.pid}.tmp`;
  try {
    const dataset = await loadDataset(file, { useIndex: false });
    const { doc } = dataset;
    const textFile = doc.source.text === undefined ? (doc.source.textFile ?? null) : null;
    const textPath = textFile === null ? null : join(dirname(file), textFile);
    const text = textPath === null ? null : readStamped(textPath, 'article text');
    // The checks read the files again: unchanged status (change time included) means they
    // read the bytes stamped here.
    if (!unchangedSince(file, data.stat)) throw changed(file, 'dataset');
    if (textPath !== null && text && !unchangedSince(textPath, text.stat))
      throw changed(textPath, 'article text');
    if (text && text.bytes.toString('utf8').replace(/^\uFEFF/, '') !== dataset.text)
      throw changed(textPath as string, 'article text');

    const kind = doc.claims.length >= LARGE_INDEX_CLAIMS ? 'large' : 'small';
    const meta: IndexMeta = {
      format: INDEX_FORMAT,
      searchOptions: SEARCH_FINGERPRINT,
      kind,
      claims: doc.claims.length,
      dataset: data.stamp,
      textFile,
      text: text?.stamp ?? null,
      files: {},
    };
    rmSync(temporary, { recursive: true, force: true });
    try {
      mkdirSync(temporary);
    } catch (error) {
      throw ioError(file, 'write its index beside it', error as NodeJS.ErrnoException);
    }
    const put = (name: string, content: Uint8Array | string) => {
      const bytes =
        typeof content === 'string'
          ? Buffer.from(content, 'utf8')
          : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
      try {
        writeFileSync(join(temporary, name), bytes);
      } catch (error) {
        throw ioError(join(dir, name), 'write the index', error as NodeJS.ErrnoException);
      }
      meta.files[name] = { size: bytes.length, crc32: crc32(bytes) };
    };
    const report: IndexReport = { file, dir, kind, claims: doc.claims.length };
    if (kind === 'small') {
      // A small index keeps the very bytes it vouches for: a run compares them with what it
      // reads, which costs less than hashing and holds wherever the files are copied to.
      put('dataset.copy', withoutBom(data.bytes));
      if (text) put('article.copy', withoutBom(text.bytes));
      // fuse.js's index of these very claims, so a search need not build it (under a CRC-32
      // like every index file: a damaged one is ignored and the search builds its own).
      const { default: Fuse } = await import('fuse.js');
      const records = doc.claims.map((claim) => searchRecord(dataset, claim));
      const fuseIndex = Fuse.createIndex(FUSE_OPTIONS.keys ?? [], records, {
        getFn: FUSE_OPTIONS.getFn as never,
      });
      put(FUSE_INDEX, JSON.stringify(fuseIndex.toJSON()));
    } else {
      const { claims: _claims, entities, ...rest } = doc;
      meta.doc = { ...rest, entities: [] };
      const spans = topLevelArraySpans(data.bytes, ['claims', 'entities']);
      const claimSpans = spans.get('claims');
      const entitySpans = spans.get('entities');
      if (
        claimSpans?.length !== 2 * doc.claims.length ||
        entitySpans?.length !== 2 * entities.length
      )
        throw changed(file, 'dataset');
      writeClaimStore(put, data.bytes, claimSpans);
      writeEntityStore(put, data.bytes, entities, entitySpans);
      const records = doc.claims.map((claim) => searchRecord(dataset, claim));
      report.words = writeWordIndex(put, records, onProgress);
    }
    writeFileSync(join(temporary, 'meta.json'), JSON.stringify(meta));
    if (!unchangedSince(file, data.stat)) throw changed(file, 'dataset');
    if (textPath !== null && text && !unchangedSince(textPath, text.stat))
      throw changed(textPath, 'article text');
    swapIn(temporary, dir);
    return report;
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  } finally {
    release();
  }
}

/**
 * Puts the new index in place: the old directory is renamed aside (one atomic step), the new
 * one renamed in (another), and only then is the old one deleted. A search that opened the old
 * files keeps reading them; one that starts between the renames finds no index and reads the
 * dataset.
 */
function swapIn(temporary: string, dir: string): void {
  const aside = `${dir}.${process.pid}.old`;
  rmSync(aside, { recursive: true, force: true });
  let moved = false;
  try {
    renameSync(dir, aside);
    moved = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw ioError(dir, 'replace the old index', error as NodeJS.ErrnoException);
  }
  try {
    renameSync(temporary, dir);
  } catch (error) {
    throw ioError(dir, 'put the new index in place', error as NodeJS.ErrnoException);
  }
  if (moved) rmSync(aside, { recursive: true, force: true });
}

type Put = (name: string, content: Uint8Array | string) => void;

/** Where each claim's JSON lies in the dataset file, and the CRC-32 of those bytes. */
function writeClaimStore(put: Put, bytes: Buffer, spans: Float64Array): void {
  const crcs = new Uint32Array(spans.length / 2);
  for (let i = 0; i < crcs.length; i++)
    crcs[i] = crc32(bytes.subarray(spans[2 * i] as number, spans[2 * i + 1] as number));
  put('claim-ranges.bin', Buffer.from(spans.buffer, spans.byteOffset, spans.byteLength));
  put('claim-crcs.bin', Buffer.from(crcs.buffer));
}

/** Entities sorted by id: their ids, where each lies in the dataset file, and its CRC-32. */
function writeEntityStore(
  put: Put,
  bytes: Buffer,
  entities: readonly { id: string }[],
  spans: Float64Array,
): void {
  const order = entities.map((_, i) => i);
  order.sort((a, b) => {
    const x = (entities[a] as { id: string }).id;
    const y = (entities[b] as { id: string }).id;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const ranges = new Float64Array(2 * order.length);
  const crcs = new Uint32Array(order.length);
  let ids = '';
  order.forEach((i, k) => {
    const start = spans[2 * i] as number;
    const end = spans[2 * i + 1] as number;
    ranges[2 * k] = start;
    ranges[2 * k + 1] = end;
    crcs[k] = crc32(bytes.subarray(start, end));
    ids += `${(entities[i] as { id: string }).id}\n`;
  });
  put('entity-ids.txt', ids);
  put('entity-ranges.bin', Buffer.from(ranges.buffer));
  put('entity-crcs.bin', Buffer.from(crcs.buffer));
}

/** The word index: each folded word and the claims whose search record has it. */
function writeWordIndex(
  put: Put,
  records: SearchRecord[],
  onProgress?: (done: number, total: number) => void,
): number {
  const postings = new Map<string, number[]>();
  const step = Math.max(1, Math.floor(records.length / 50));
  // Names, aliases, topics and cues recur in claim after claim: their words are folded once.
  const known = new Map<string, string[]>();
  const wordsOf = (value: string, remember: boolean): string[] => {
    let words = remember ? known.get(value) : undefined;
    if (words === undefined) {
      words = fold(value).match(WORD) ?? [];
      if (remember) known.set(value, words);
    }
    return words;
  };
  records.forEach((record, i) => {
    const add = (words: string[]) => {
      for (const word of words) {
        const list = postings.get(word);
        // Records come in order, so a word already listed for this record ends its list.
        if (!list) postings.set(word, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    };
    // The words of each field value, as in the record's folded values (WORD never spans two).
    // The claim's own text and quote are its own; list entries recur across claims.
    for (const field of SEARCH_FIELDS) {
      const value = record[field];
      if (typeof value === 'string') add(wordsOf(value, false));
      else for (const entry of value) add(wordsOf(entry, true));
    }
    if (onProgress && (i + 1) % step === 0) onProgress(i + 1, records.length);
  });
  const vocabulary = [...postings.keys()].sort();
  const postingOffsets = new Uint32Array(vocabulary.length + 1);
  const postingCrcs = new Uint32Array(vocabulary.length);
  let total = 0;
  vocabulary.forEach((word, w) => {
    postingOffsets[w] = total;
    total += (postings.get(word) as number[]).length;
  });
  postingOffsets[vocabulary.length] = total;
  const all = new Uint32Array(total);
  const bytes = Buffer.from(all.buffer);
  vocabulary.forEach((word, w) => {
    const at = postingOffsets[w] as number;
    all.set(postings.get(word) as number[], at);
    postingCrcs[w] = crc32(bytes.subarray(at * 4, (postingOffsets[w + 1] as number) * 4));
  });
  put('vocabulary.txt', `${vocabulary.join('\n')}\n`);
  put('postings.bin', bytes);
  put('posting-offsets.bin', Buffer.from(postingOffsets.buffer));
  put('posting-crcs.bin', Buffer.from(postingCrcs.buffer));
  onProgress?.(records.length, records.length);
  return vocabulary.length;
}
