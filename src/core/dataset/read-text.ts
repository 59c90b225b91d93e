/**
 * Reading one file as text, as armru reads a dataset or an article: a regular file only, at
 * most MAX_FILE_BYTES, strict UTF-8, every failure one clear ArmruError. Kept apart from the
 * checks (files.ts) so that the small entry (src/entry.ts) can read a report's dataset with
 * nothing else in its bundle.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
} from 'node:fs';
import { ArmruError } from '../model/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The largest file armru reads as one dataset or article. V8 cannot hold a longer string, so
 * past this a read would fail deep inside; a clear refusal is better.
 */
export const MAX_FILE_BYTES = 512 * 1024 * 1024 - 64;

/**
 * Reads a file as strict UTF-8, turning file-system failures into one clear ArmruError.
 *
 * Only a regular file is read: the file is opened without blocking (so a FIFO cannot hang
 * the read) and checked on the open descriptor (so a swap between check and read changes
 * nothing). At most MAX_FILE_BYTES are read, whatever `stat` said the size was.
 */
export function readText(file: string, what = 'file'): string {
  return readTextAndMark(file, what).text;
}

/**
 * readText, whether the file began with a byte order mark (which the text is without):
 * `validate --fix` writes a file that had one with it; and the text's bytes as read (the
 * file's, after any mark), which are exactly its UTF-8 (the decoding is strict): the report
 * writes them rather than encode megabytes of text again.
 */
export function readTextAndMark(
  file: string,
  what = 'file',
): { text: string; bom: boolean; utf8: Uint8Array } {
  const bytes = readBytes(file, what);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return {
      text: utf8.decode(bytes).replace(/^\uFEFF/, ''),
      bom,
      utf8: bom ? bytes.subarray(3) : bytes,
    };
  } catch {
    throw new ArmruError(
      'bad-data',
      `${file}: not UTF-8 text; expected the ${what} encoded as UTF-8`,
    );
  }
}

/** Thrown by openRegular for what is not a regular file; `kind` says what it is. */
export class NotRegularFile extends Error {
  constructor(
    readonly file: string,
    readonly kind: string,
  ) {
    super(`${file}: is ${kind}, not a regular file`);
  }
}

/**
 * Opens a file for reading only when it is a regular file, checked on the open descriptor
 * (so a swap between check and read changes nothing). Opened without blocking, so that a
 * FIFO put where a file was expected cannot hang the open; a FIFO, a socket, a device (such as
 * /dev/zero, which never ends) or a directory throws NotRegularFile. File-system failures
 * throw as Node reports them.
 */
export function openRegular(file: string): { fd: number; size: number } {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  let stats: ReturnType<typeof fstatSync>;
  try {
    stats = fstatSync(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (!stats.isFile()) {
    closeSync(fd);
    const kind = stats.isDirectory()
      ? 'a directory'
      : stats.isFIFO()
        ? 'a FIFO'
        : stats.isSocket()
          ? 'a socket'
          : 'a device';
    throw new NotRegularFile(file, kind);
  }
  return { fd, size: stats.size };
}

/**
 * A regular file's bytes (see openRegular), at most `max` of them: undefined for anything
 * else, or when the file cannot be read. For the files armru keeps for itself (an index),
 * whose absence or damage the caller turns into "rebuild", not into an error.
 */
export function regularFileBytes(file: string, max: number): Buffer | undefined {
  let opened: { fd: number; size: number };
  try {
    opened = openRegular(file);
  } catch {
    return undefined;
  }
  try {
    if (opened.size > max) return undefined;
    const buffer = Buffer.allocUnsafe(opened.size + 1);
    let total = 0;
    for (;;) {
      const n = readSync(opened.fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
      if (total === buffer.length) return undefined; // it grew while read
    }
    return buffer.subarray(0, total);
  } catch {
    return undefined;
  } finally {
    closeSync(opened.fd);
  }
}

function readBytes(file: string, what: string): Buffer {
  let fd: number | undefined;
  try {
    let stats: { size: number };
    try {
      const opened = openRegular(file);
      fd = opened.fd;
      stats = opened;
    } catch (error) {
      if (!(error instanceof NotRegularFile)) throw error;
      throw new ArmruError('io', `${error.message}; expected the ${what}`);
    }
    const tooLarge = (size: number) =>
      new ArmruError(
        'io',
        `${file}: ${Math.round(size / 2 ** 20)} MiB is more than armru reads as one ${what} (512 MiB); split it into several *.claims.json files in one directory`,
      );
    if (stats.size > MAX_FILE_BYTES) throw tooLarge(stats.size);
    // Read what is there, not what stat said: the file may have grown since.
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = Buffer.allocUnsafe(Math.max(stats.size + 1, 64 * 1024));
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > MAX_FILE_BYTES) throw tooLarge(total);
      if (n === chunk.length) chunk = Buffer.allocUnsafe(Math.min(chunk.length * 2, 2 ** 28));
      else chunk = chunk.subarray(n);
    }
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof ArmruError) throw error;
    throw fileError(file, what, error as NodeJS.ErrnoException);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A file-system failure reading `file` (the `what` armru expected there) as one clear ArmruError. */
/** Where a symbolic link points, or undefined when `file` is no link. */
function linkTarget(file: string): string | undefined {
  try {
    return lstatSync(file).isSymbolicLink() ? readlinkSync(file) : undefined;
  } catch {
    return undefined;
  }
}

export function fileError(file: string, what: string, error: NodeJS.ErrnoException): ArmruError {
  switch (error.code) {
    case 'ENOENT': {
      // A link to nothing is said as such: "no such file" of a name that is there misled.
      const target = linkTarget(file);
      return new ArmruError(
        'not-found',
        target === undefined
          ? `${file}: no such file; expected the ${what} here`
          : `${file}: a symbolic link to ${target}, which does not exist; expected the ${what} there`,
      );
    }
    case 'EISDIR':
      return new ArmruError('io', `${file}: is a directory; expected the ${what}`);
    case 'ENOTDIR':
      return new ArmruError('not-found', `${file}: a part of the path is not a directory`);
    case 'ENAMETOOLONG':
      return new ArmruError('io', `${file.slice(0, 80)}…: the file name is too long`);
    case 'ELOOP':
      return new ArmruError('io', `${file}: too many levels of symbolic links`);
    case 'EACCES':
    case 'EPERM':
      return new ArmruError('io', `${file}: permission denied; cannot read the ${what}`);
    default:
      return new ArmruError(
        'io',
        `${file}: cannot read the ${what} (${error.code ?? error.message})`,
      );
  }
}
