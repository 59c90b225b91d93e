import {
  closeSync,
  fstatSync,
  linkSync,
  mkdirSync,
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
import { NotRegularFile, openRegular, regularFileBytes } from '../dataset/read-text.js';
import { processRunning } from '../dataset/write-file.js';
import { ArmruError } from '../model/errors.js';
import type { Claim, Dataset } from '../model/types.js';
import {
  FUSE_OPTIONS,
  type RecordVisitor,
  SEARCH_FIELDS,
  SEARCH_FINGERPRINT,
  searchRecord,
  visitRecord,
} from '../search/search-record.js';
import { crc32 } from '../text/checksum.js';
import {
  ARTICLE_STEP,
  CLAIM_DATED,
  type FileStamp,
  FUSE_INDEX,
  INDEX_FORMAT,
  type IndexMeta,
  indexDirectory,
  LARGE_INDEX_CLAIMS,
  OCC_ALIAS,
  OCC_ENDS,
  OCC_FIELD_SHIFT,
  OCC_MAX_NORM,
  OCC_MAX_SLOT,
  OCC_STARTS,
  RELATIONS,
  SIG_ENDS,
  SIG_MAX_NORM,
  SIG_NORM_SHIFT,
  SIG_STARTS,
  SIG_WHOLE,
  sameStatus,
  sealMeta,
  stampOf,
  withoutBom,
} from './index-store.js';
import { WordCutter } from './index-words.js';
import { loadDataset } from './load.js';

/** How many claims the builder cuts before it sizes its occurrence stream for all of them. */
const SAMPLE_CLAIMS = 1000;

/** The fields whose values are a claim's own (cut anew for each claim), by number. */
const TEXT = SEARCH_FIELDS.indexOf('text');
const QUOTE = SEARCH_FIELDS.indexOf('quote');
const CONTEXT = SEARCH_FIELDS.indexOf('context');

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
    fd = openRegular(file).fd;
  } catch (error) {
    if (error instanceof NotRegularFile)
      throw new ArmruError('io', `${error.message}; expected the ${what}`);
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
 * When a process started, as the kernel counts (field 22 of /proc/PID/stat, in clock ticks
 * since boot), or undefined where there is no /proc (not Linux) or no such process. With the
 * process id it names one process, not whichever process has the id now.
 */
function processStart(pid: number): string | undefined {
  let stat: string;
  try {
    // A file of procfs reports size 0, so it is read as Node reads any file.
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

/**
 * Takes the index's lock (`DIR.lock`, created exclusively, holding the builder's process id
 * and, on Linux, when that process started).
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
      const started = processStart(process.pid);
      writeFileSync(
        mine,
        started === undefined ? String(process.pid) : `${process.pid} ${started}`,
        {
          flag: 'w',
        },
      );
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
      // The holder's process id, from a lock file that is a small regular file (never wait
      // on a FIFO put there).
      const [pidText, startText] = (regularFileBytes(lockFile, 64)?.toString('utf8') ?? '').split(
        ' ',
      );
      const holder = Number(pidText || Number.NaN);
      // The holder is gone when no process has its id, or when the process that has it now
      // started at another time than the one that wrote the lock (an id used again after a
      // crash or a restart: a live stranger, which used to block every build for good).
      const now = startText === undefined ? undefined : processStart(holder);
      const gone = !processRunning(holder) || (now !== undefined && now !== startText);
      if (attempt === 0 && Number.isInteger(holder) && holder > 0 && gone) {
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
 * What interrupted builds left in a folder, by the index they were for (`NAME.armru-index`):
 * the folder is listed once a run, not once a dataset (an index of each of 10^4 datasets in
 * one folder listed its 30,000 names 10^4 times: six minutes where one took five seconds).
 * A build that dies during this run leaves what the next run removes.
 */
const leftoversIn = new Map<string, Map<string, { name: string; pid: number }[]>>();

function leftoversOf(parent: string): Map<string, { name: string; pid: number }[]> {
  let found = leftoversIn.get(parent);
  if (found) return found;
  found = new Map();
  leftoversIn.set(parent, found);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return found;
  }
  for (const name of names) {
    const m = /^(.+)\.(\d+)\.(?:tmp|old)$/.exec(name) ?? /^(.+)\.lock\.(\d+)$/.exec(name);
    if (!m) continue;
    const index = m[1] as string;
    const list = found.get(index);
    const entry = { name, pid: Number(m[2]) };
    if (list) list.push(entry);
    else found.set(index, [entry]);
  }
  return found;
}

/**
 * Removes what an interrupted build left beside the index (its temporary and set-aside
 * directories, named after the builder's process id) once that process no longer runs.
 */
function removeLeftovers(dir: string): void {
  const parent = dirname(dir);
  const leftovers = leftoversOf(parent);
  for (const { name, pid } of leftovers.get(basename(dir)) ?? []) {
    if (pid !== process.pid && !processRunning(pid))
      rmSync(join(parent, name), { recursive: true, force: true });
  }
  leftovers.delete(basename(dir));
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
  /** A large index whatever the number of claims (tests compare it with a plain search). */
  forceLarge = false,
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

    const kind = forceLarge || doc.claims.length >= LARGE_INDEX_CLAIMS ? 'large' : 'small';
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
      // Relations can be many (one per claim or more) and search never needs them: they are
      // kept apart, so that opening the index stays quick.
      meta.doc = { ...rest, entities: [], relations: [] };
      put(RELATIONS, JSON.stringify(rest.relations));
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
      put('article-points.bin', text ? articlePoints(text.bytes, meta) : new Uint8Array(0));
      const { words, rankable } = writeWordIndex(put, dataset, onProgress);
      report.words = words;
      meta.rankable = rankable;
    }
    writeFileSync(join(temporary, 'meta.json'), sealMeta(meta));
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

/**
 * Where every ARTICLE_STEP-th code point of the article starts in its file (bytes), so that a
 * search can check the quotes it shows by reading only the pieces of the article they are in.
 */
function articlePoints(bytes: Buffer, meta: IndexMeta): Uint8Array {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const points: number[] = [];
  let count = 0;
  for (let i = start; i < bytes.length; i++) {
    // A code point starts at every byte that does not continue one.
    if (((bytes[i] as number) & 0xc0) !== 0x80) {
      if (count % ARTICLE_STEP === 0) points.push(i);
      count++;
    }
  }
  meta.articleCodePoints = count;
  return new Uint8Array(new Float64Array(points).buffer);
}

/** A growable array of unsigned 32-bit numbers. */
class U32List {
  data = new Uint32Array(1 << 16);
  length = 0;
  /** Room for `more` numbers more. */
  reserve(more: number): Uint32Array {
    if (this.length + more > this.data.length) {
      const next = new Uint32Array(Math.max(this.data.length * 2, this.length + more));
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    return this.data;
  }
}

/**
 * Values of a search record that recur together (an entity's names, a kind's words, a date's
 * forms, or one value), cut up: four numbers an occurrence (the word, its flags with
 * OCC_ALIAS, its position and norm, and which value of the run it is in), and how many values
 * the run has (values of white space only are left out: they take no place in a record).
 */
interface Run {
  occurrences: Int32Array;
  values: number;
}

/**
 * The word index: for each folded word, every occurrence of it in a search record, in claim
 * order (see the OCC_ constants in index-store.ts): the claim, which value of the record (fuse.js's
 * order: field by field, entry by entry), the field, whether the value is an alias, whether
 * the value starts or ends with the word, whether one space follows it, its position among
 * the value's words and the value's field norm. That is everything fuse.js's score of a word
 * term depends on, so a search can rank claims without reading them.
 */
function writeWordIndex(
  put: Put,
  dataset: Dataset,
  onProgress?: (done: number, total: number) => void,
): { words: number; rankable: boolean } {
  const claims = dataset.doc.claims;
  const step = Math.max(1, Math.floor(claims.length / 50));
  const cutter = new WordCutter();
  // Every occurrence as [word, info, extra], in claim order; where each claim's begin.
  const stream = new U32List();
  const claimStarts = new Float64Array(claims.length + 1);
  const flagBytes = new Uint8Array(claims.length);
  let claim = 0;
  let slot = 0;
  let slotsFit = true;
  /** Puts the occurrences of one value of the claim's record (`count` words in `words`). */
  const emit = (field: number, alias: boolean, words: Int32Array, from: number, count: number) => {
    if (slot > OCC_MAX_SLOT) slotsFit = false;
    const info =
      Math.min(slot, OCC_MAX_SLOT) | (field << OCC_FIELD_SHIFT) | (alias ? OCC_ALIAS : 0);
    const data = stream.reserve(3 * count);
    let at = stream.length;
    for (let k = from; k < from + 3 * count; k += 3) {
      data[at] = words[k] as number;
      data[at + 1] = info | (words[k + 1] as number);
      data[at + 2] = words[k + 2] as number;
      at += 3;
    }
    stream.length = at;
    slot++;
  };
  // Names, aliases, topics, kinds, dates and cues recur in claim after claim: each is cut up
  // once and kept as a run of values (see Run), put in place in one go for each claim.
  const runs = new Map<object, Run>();
  const singles = new Map<string, Run>();
  let building: number[] = [];
  let values = 0;
  const addToRun = (raw: string, alias: boolean) => {
    const n = cutter.cut(raw);
    if (n < 0) return;
    const out = cutter.out;
    for (let k = 0; k < 3 * n; k += 3)
      building.push(
        out[k] as number,
        (out[k + 1] as number) | (alias ? OCC_ALIAS : 0),
        out[k + 2] as number,
        values,
      );
    values++;
  };
  const startRun = () => {
    building = [];
    values = 0;
  };
  const endRun = (): Run => ({ occurrences: Int32Array.from(building), values });
  const emitRun = (field: number, found: Run, alias = false) => {
    if (found.values === 0) return;
    if (slot + found.values - 1 > OCC_MAX_SLOT) slotsFit = false;
    const fieldBits = (field << OCC_FIELD_SHIFT) | (alias ? OCC_ALIAS : 0);
    const occurrences = found.occurrences;
    const data = stream.reserve((3 * occurrences.length) / 4);
    let at = stream.length;
    for (let k = 0; k < occurrences.length; k += 4) {
      data[at] = occurrences[k] as number;
      data[at + 1] =
        Math.min(slot + (occurrences[k + 3] as number), OCC_MAX_SLOT) |
        fieldBits |
        (occurrences[k + 1] as number);
      data[at + 2] = occurrences[k + 2] as number;
      at += 3;
    }
    stream.length = at;
    slot += found.values;
  };
  const visitor: RecordVisitor = {
    value(field, raw, alias) {
      if (field === TEXT || field === QUOTE || field === CONTEXT) {
        const n = cutter.cut(raw, true);
        if (n >= 0) emit(field, alias, cutter.out, 0, n);
        return;
      }
      let found = singles.get(raw);
      if (found === undefined) {
        startRun();
        addToRun(raw, false);
        found = endRun();
        singles.set(raw, found);
      }
      emitRun(field, found, alias);
    },
    names(field, item) {
      let found = runs.get(item);
      if (found === undefined) {
        startRun();
        addToRun(item.name, false);
        for (const alias of item.aliases) addToRun(alias, true);
        found = endRun();
        runs.set(item, found);
      }
      emitRun(field, found);
    },
    list(field, list) {
      let found = runs.get(list);
      if (found === undefined) {
        startRun();
        for (const value of list) addToRun(value, false);
        found = endRun();
        runs.set(list, found);
      }
      emitRun(field, found);
    },
  };
  for (; claim < claims.length; claim++) {
    const c = claims[claim] as Claim;
    if (c.when) flagBytes[claim] = CLAIM_DATED;
    slot = 0;
    claimStarts[claim] = stream.length / 3;
    // Room for all the occurrences, as many a claim as the first claims had (and a tenth
    // more), so that a large stream is not copied to ever larger arrays as it grows.
    if (claim === SAMPLE_CLAIMS && claims.length > 2 * SAMPLE_CLAIMS)
      stream.reserve(Math.ceil(((1.1 * stream.length) / SAMPLE_CLAIMS) * (claims.length - claim)));
    visitRecord(dataset, c, visitor);
    if (onProgress && (claim + 1) % step === 0) onProgress(claim + 1, claims.length);
  }
  const wordList = cutter.vocabulary.words;
  const norms = cutter.norms;
  let rankable = slotsFit && cutter.rankable;
  // Sorted vocabulary; occurrences grouped by word, keeping claim order (a counting sort).
  const order = wordList.map((_, id) => id);
  order.sort((a, b) => {
    const x = wordList[a] as string;
    const y = wordList[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const rank = new Uint32Array(wordList.length);
  order.forEach((id, r) => {
    rank[id] = r;
  });
  claimStarts[claims.length] = stream.length / 3;
  const { offsets, out } = groupByWord(stream, claimStarts, rank);
  // The stream is no longer needed: let it go before the claim lists are built.
  stream.data = new Uint32Array(0);
  const lists = claimLists(out, offsets);
  if (!lists) rankable = false;
  else {
    put('claim-lists.bin', Buffer.from(lists.lists.buffer, 0, lists.lists.byteLength));
    put('claim-list-offsets.bin', Buffer.from(lists.listOffsets.buffer));
    put('claim-list-crcs.bin', Buffer.from(lists.listCrcs.buffer));
    put('signatures.bin', Buffer.from(lists.signatures.buffer, 0, lists.signatures.byteLength));
    put('signature-offsets.bin', Buffer.from(lists.signatureOffsets.buffer));
  }
  const bytes = Buffer.from(out.buffer);
  const crcs = new Uint32Array(wordList.length);
  for (let r = 0; r < wordList.length; r++)
    crcs[r] = crc32(bytes.subarray(12 * (offsets[r] as number), 12 * (offsets[r + 1] as number)));
  put('vocabulary.txt', `${order.map((id) => wordList[id]).join('\n')}\n`);
  // Where each word starts in the vocabulary's text (UTF-16 units), so that opening the index
  // need not look for the line ends.
  const starts = new Int32Array(wordList.length + 1);
  order.forEach((id, r) => {
    starts[r + 1] = (starts[r] as number) + (wordList[id] as string).length + 1;
  });
  put('vocabulary-starts.bin', Buffer.from(starts.buffer));
  put('postings.bin', bytes);
  put('posting-offsets.bin', Buffer.from(offsets.buffer));
  put('posting-crcs.bin', Buffer.from(crcs.buffer));
  put('norms.bin', Buffer.from(new Float64Array(norms).buffer));
  put('claim-flags.bin', flagBytes);
  if (!lists) {
    for (const name of [
      'claim-lists.bin',
      'claim-list-offsets.bin',
      'claim-list-crcs.bin',
      'signatures.bin',
      'signature-offsets.bin',
    ])
      put(name, new Uint8Array(0));
  }
  onProgress?.(claims.length, claims.length);
  return { words: wordList.length, rankable };
}

/**
 * The occurrences grouped by word (in the vocabulary's sorted order, `rank`), each as [claim,
 * info, extra], claim order kept within each word (a counting sort), and where each word's
 * begin.
 */
function groupByWord(
  stream: U32List,
  claimStarts: Float64Array,
  rank: Uint32Array,
): { offsets: Uint32Array; out: Uint32Array } {
  const words = rank.length;
  const claims = claimStarts.length - 1;
  const offsets = new Uint32Array(words + 1);
  const data = stream.data;
  const count = stream.length / 3;
  for (let k = 0; k < count; k++)
    (offsets[(rank[data[3 * k] as number] as number) + 1] as number)++;
  for (let r = 0; r < words; r++)
    offsets[r + 1] = (offsets[r + 1] as number) + (offsets[r] as number);
  const fill = offsets.slice(0, words);
  const out = new Uint32Array(3 * count);
  for (let c = 0; c < claims; c++) {
    const last = claimStarts[c + 1] as number;
    for (let k = claimStarts[c] as number; k < last; k++) {
      const r = rank[data[3 * k] as number] as number;
      const at = 3 * (fill[r] as number);
      fill[r] = (fill[r] as number) + 1;
      out[at] = c;
      out[at + 1] = data[3 * k + 1] as number;
      out[at + 2] = data[3 * k + 2] as number;
    }
  }
  return { offsets, out };
}

/** A growable array of unsigned 32-bit numbers, one at a time. */
class U32Builder {
  data: Uint32Array;
  length = 0;
  constructor(capacity = 1 << 16) {
    this.data = new Uint32Array(capacity);
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  done(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Each word's claims, grouped by signature (see SIG_ in index-store.ts): for every claim that
 * has the word, the values of its record that hold it (value number, field, alias, whether
 * some occurrence starts the value, ends it, or is the whole value, and the value's norm), in
 * value order. Claims with one signature score alike for a term that matches only this word,
 * so a search computes each signature's score once and takes the best claims group by group.
 * Undefined when a norm number does not fit a signature (the index is then not rankable).
 */
function claimLists(
  occurrences: Uint32Array,
  offsets: Uint32Array,
):
  | {
      lists: Uint32Array;
      listOffsets: Uint32Array;
      listCrcs: Uint32Array;
      signatures: Uint32Array;
      signatureOffsets: Uint32Array;
    }
  | undefined {
  const words = offsets.length - 1;
  const signatures = new U32Builder();
  const signatureOffsets = new U32Builder(1024);
  signatureOffsets.push(0);
  const lists = new U32Builder(1 << 20);
  const listOffsets = new Uint32Array(words + 1);
  const listCrcs = new Uint32Array(words);
  // One word's claims and their signatures, and the grouping's scratch, reused word to word.
  let claims = new Uint32Array(1024);
  let sigs = new Uint32Array(1024);
  let placed = new Uint32Array(1024);
  // The grouping's tables by signature: the last word that had it (word number + 1), and its
  // group's size, then where its group's next claim goes; the word's distinct signatures.
  let seenIn = new Int32Array(1024);
  let groupAt = new Int32Array(1024);
  let distinct = new Uint32Array(64);
  // One claim's signature being read: its values.
  let values = new Uint32Array(64);
  let valueCount = 0;
  // Signatures are found by a hash of their values in an open-addressing table (signature
  // number + 1; 0 is empty), then compared number by number.
  let table = new Int32Array(1 << 12);
  let hashes = new Int32Array(1 << 11);
  const same = (id: number): boolean => {
    const at = signatureOffsets.data[id] as number;
    if ((signatureOffsets.data[id + 1] as number) - at !== valueCount) return false;
    for (let i = 0; i < valueCount; i++) if (signatures.data[at + i] !== values[i]) return false;
    return true;
  };
  const intern = (): number => {
    let hash = valueCount;
    for (let i = 0; i < valueCount; i++)
      hash = (Math.imul(hash ^ (values[i] as number), 0x9e3779b1) + 0x7f4a7c15) | 0;
    let mask = table.length - 1;
    let at = hash & mask;
    for (;;) {
      const held = table[at] as number;
      if (held === 0) break;
      if (hashes[held - 1] === hash && same(held - 1)) return held - 1;
      at = (at + 1) & mask;
    }
    const id = signatureOffsets.length - 1;
    for (let i = 0; i < valueCount; i++) signatures.push(values[i] as number);
    signatureOffsets.push(signatures.length);
    if (id === hashes.length) {
      const next = new Int32Array(2 * hashes.length);
      next.set(hashes);
      hashes = next;
    }
    hashes[id] = hash;
    table[at] = id + 1;
    if (2 * (id + 1) > table.length) {
      // Rehashed into a table twice as large, so that it stays at most half full.
      table = new Int32Array(2 * table.length);
      mask = table.length - 1;
      for (let s = 0; s <= id; s++) {
        let i = (hashes[s] as number) & mask;
        while (table[i] !== 0) i = (i + 1) & mask;
        table[i] = s + 1;
      }
    }
    return id;
  };
  for (let r = 0; r < words; r++) {
    const from = offsets[r] as number;
    const to = offsets[r + 1] as number;
    let n = 0;
    for (let k = from; k < to; ) {
      const claim = occurrences[3 * k] as number;
      valueCount = 0;
      while (k < to && occurrences[3 * k] === claim) {
        const info = occurrences[3 * k + 1] as number;
        const slot = info & OCC_MAX_SLOT;
        const normId = (occurrences[3 * k + 2] as number) & OCC_MAX_NORM;
        if (normId > SIG_MAX_NORM) return undefined;
        let flags = 0;
        while (
          k < to &&
          occurrences[3 * k] === claim &&
          ((occurrences[3 * k + 1] as number) & OCC_MAX_SLOT) === slot
        ) {
          const f = occurrences[3 * k + 1] as number;
          if (f & OCC_STARTS) flags |= SIG_STARTS;
          if (f & OCC_ENDS) flags |= SIG_ENDS;
          if ((f & (OCC_STARTS | OCC_ENDS)) === (OCC_STARTS | OCC_ENDS)) flags |= SIG_WHOLE;
          k++;
        }
        if (valueCount === values.length) {
          const next = new Uint32Array(2 * valueCount);
          next.set(values);
          values = next;
        }
        values[valueCount++] = ((info & 0xffff) | flags | (normId << SIG_NORM_SHIFT)) >>> 0;
      }
      if (n === claims.length) {
        const c = new Uint32Array(2 * n);
        c.set(claims);
        claims = c;
        const s = new Uint32Array(2 * n);
        s.set(sigs);
        sigs = s;
      }
      claims[n] = claim;
      sigs[n] = intern();
      n++;
    }
    // Grouped by signature, claim order kept within each group.
    if (n >= 2 ** 25 || signatureOffsets.length >= 2 ** 28) return undefined;
    const start = lists.length;
    let single = true;
    for (let i = 1; i < n && single; i++) if (sigs[i] !== sigs[0]) single = false;
    if (single) {
      lists.push(n === 0 ? 0 : 1);
      if (n > 0) {
        lists.push(sigs[0] as number);
        lists.push(n);
      }
      for (let i = 0; i < n; i++) lists.push(claims[i] as number);
    } else {
      // By signature, then claim: the word's distinct signatures are sorted, and its claims
      // dealt into their groups in claim order (a counting sort).
      const stamp = r + 1;
      if (signatureOffsets.length > seenIn.length) {
        const size = 2 * signatureOffsets.length;
        const grownSeen = new Int32Array(size);
        grownSeen.set(seenIn);
        seenIn = grownSeen;
        groupAt = new Int32Array(size);
      }
      if (n > placed.length) placed = new Uint32Array(2 * n);
      let groups = 0;
      for (let i = 0; i < n; i++) {
        const sig = sigs[i] as number;
        if (seenIn[sig] !== stamp) {
          seenIn[sig] = stamp;
          groupAt[sig] = 0;
          if (groups === distinct.length) {
            const next = new Uint32Array(2 * groups);
            next.set(distinct);
            distinct = next;
          }
          distinct[groups++] = sig;
        }
        groupAt[sig] = (groupAt[sig] as number) + 1;
      }
      distinct.subarray(0, groups).sort();
      lists.push(groups);
      let at = 0;
      for (let g = 0; g < groups; g++) {
        const sig = distinct[g] as number;
        const size = groupAt[sig] as number;
        lists.push(sig);
        lists.push(size);
        groupAt[sig] = at;
        at += size;
      }
      for (let i = 0; i < n; i++) {
        const sig = sigs[i] as number;
        const to = groupAt[sig] as number;
        placed[to] = claims[i] as number;
        groupAt[sig] = to + 1;
      }
      for (let i = 0; i < n; i++) lists.push(placed[i] as number);
    }
    listOffsets[r + 1] = lists.length;
    const list = lists.data.subarray(start, lists.length);
    listCrcs[r] = crc32(new Uint8Array(list.buffer, list.byteOffset, list.byteLength));
  }
  return {
    lists: lists.done(),
    listOffsets,
    listCrcs,
    signatures: signatures.done(),
    signatureOffsets: signatureOffsets.done().slice(),
  };
}
