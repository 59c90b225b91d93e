import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Corpus } from '../model/corpus.js';
import { ArmruError } from '../model/errors.js';

/**
 * Writes a file all-or-nothing and only where it was asked to.
 *
 * - The bytes go to a temporary file beside the target, every byte is written (a short write
 *   is retried, a failed one is an error), flushed, then renamed over the target: a reader
 *   sees the old file or the new one, never a part, and a full disk leaves the old one.
 * - A symbolic link is written through: the link stays, its target gets the new bytes.
 * - An existing file keeps its mode and owner. A read-only file (no write bit) is refused,
 *   even for root, and so is one with several hard links, which a rename would split.
 * - Anything that is not a regular file (a device, a FIFO, a socket, a directory) is refused.
 * - The temporary file is removed on every failure, and on Ctrl-C, SIGTERM and SIGHUP during
 *   the write (the signal then takes its default action); one left behind by a process that
 *   was killed (`kill -9`) is removed by the next write to the same file.
 * - Large content is written a megabyte at a time, letting the event loop turn in between,
 *   so that those signals are answered within a few milliseconds.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array | Iterable<string | Uint8Array>,
  options: WriteOptions = {},
): Promise<void> {
  const target = checkWritable(path, options);
  // Text given in pieces (a long export made as it is written) goes to the temporary file
  // piece by piece: the rename below still makes it appear all at once or not at all.
  const pieces: Iterable<string | Uint8Array> =
    typeof content === 'string'
      ? [Buffer.from(content, 'utf8')]
      : isBytes(content)
        ? [content]
        : content;
  const dir = dirname(target.path);
  removeStaleTemporaries(dir, basename(target.path));
  const temporary = join(dir, `${tempPrefix(basename(target.path))}${process.pid}.tmp`);
  let fd: number | undefined;
  let changed = false;
  // Ctrl-C (or SIGTERM, SIGHUP) while the temporary file exists: it is removed, then the
  // signal takes its default action (the status a shell reports stays 130, 143, 129). The
  // handlers run when the event loop turns, which the loop below lets it do after every
  // megabyte or so; outside this write armru keeps no handler (see runProcess).
  const interrupted = (signal: NodeJS.Signals) => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    rmSync(temporary, { force: true });
    stopListening();
    process.kill(process.pid, signal);
  };
  const stopListening = () => {
    for (const signal of SIGNALS) process.removeListener(signal, interrupted);
  };
  for (const signal of SIGNALS) process.on(signal, interrupted);
  try {
    fd = openSync(temporary, 'wx', 0o600);
    let sinceYield = 0;
    let lastYield = Date.now();
    for (const piece of pieces) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      for (let at = 0; at < bytes.length; at += WRITE_STEP) {
        const part =
          at === 0 && bytes.length <= WRITE_STEP ? bytes : bytes.subarray(at, at + WRITE_STEP);
        writeAll(fd as number, part);
        sinceYield += part.length;
        if (sinceYield >= WRITE_STEP || Date.now() - lastYield >= YIELD_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          if (fd === undefined) return; // interrupted: the handler has acted
          sinceYield = 0;
          lastYield = Date.now();
        }
      }
    }
    if (target.stats) {
      fchmodSync(fd, target.stats.mode & 0o7777);
      if (process.getuid?.() === 0) fchownSync(fd, target.stats.uid, target.stats.gid);
    } else {
      fchmodSync(fd, 0o666 & ~process.umask());
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // The file read at `unchangedSince` and changed since (an editor saved it meanwhile):
    // replacing it would throw that change away.
    if (options.unchangedSince && changedSince(target.path, options.unchangedSince)) {
      rmSync(temporary, { force: true });
      changed = true;
    } else renameSync(temporary, target.path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    rmSync(temporary, { force: true });
    // A failure of the file system is the user's to fix; one while making the content is not.
    if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    throw writeError(path, error as NodeJS.ErrnoException);
  } finally {
    stopListening();
  }
  if (changed) {
    throw new ArmruError(
      'io',
      `${path}: the file changed on disk after armru read it; not rewritten, so that change is kept`,
    );
  }
}

/** True when the file at `path` is not the one `before` describes (gone, replaced, written). */
function changedSince(path: string, before: Stats): boolean {
  let now: Stats;
  try {
    now = statSync(path);
  } catch {
    return true;
  }
  return (
    now.dev !== before.dev ||
    now.ino !== before.ino ||
    now.size !== before.size ||
    now.mtimeMs !== before.mtimeMs ||
    now.ctimeMs !== before.ctimeMs
  );
}

/** The signals that remove a write's temporary file before ending the process. */
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** Bytes written between two turns of the event loop, and the longest time between them. */
const WRITE_STEP = 1 << 20;
const YIELD_MS = 20;

/**
 * Checks that `path` may be written as `writeFileAtomic` would write it (see there and
 * WriteOptions), without writing: a command checks its output before long work.
 */
export function checkWritable(
  path: string,
  options: WriteOptions = {},
): { path: string; stats?: Stats } {
  if (path === '') {
    throw new ArmruError('usage', 'the output file name is empty; expected a file path');
  }
  // "out.csv/" names a directory: resolving it drops the slash, and the file out.csv was
  // written (or replaced). As cp and the shell do, such a name is never taken for a file.
  if (DIRECTORY_NAME.test(path) && !isDirectory(path)) {
    throw new ArmruError(
      'usage',
      `${path}: names a directory, not a file; expected a file path${/[\\/]$/.test(path) ? ` without the trailing "${sep}"` : ''} (nothing was written)`,
    );
  }
  const target = writableTarget(path);
  if (target.stats) {
    if (options.keep) refuseInput(path, target.stats, options.keep);
    if (options.replace === false) {
      throw new ArmruError(
        'usage',
        `${path}: the file exists; ${options.refusal ?? 'give a new file name'} (nothing was written)`,
      );
    }
  }
  return target;
}

/** A path whose last part is empty, "." or "..": the name of a directory, whatever is there. */
const DIRECTORY_NAME = process.platform === 'win32' ? /(?:^|[\\/])\.{0,2}$/ : /(?:^|\/)\.{0,2}$/;

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A file a run reads, which its output must never replace: its path and what it is. */
export interface InputFile {
  path: string;
  /** What the file is, as a message names it: "a dataset", "the article of claims.json". */
  role: string;
}

export interface WriteOptions {
  /**
   * The files this run reads: writing over one of them (by any name: a relative path, a
   * symbolic link) is refused. `armru export --format csv -o claims.json` replaced the dataset
   * it was exporting; `armru draft a.txt -o a.txt` the article it drafted from.
   */
  keep?: readonly InputFile[];
  /** false: an existing file is refused, with `refusal` saying what to do instead. */
  replace?: boolean;
  refusal?: string;
  /**
   * The status of `path` when the run read it: if the file is not that file any more when the
   * write is ready (another program saved it meanwhile), nothing is written and the error
   * says so. `armru validate --fix` threw away an edit saved while it ran.
   */
  unchangedSince?: Stats;
}

/** The files a corpus was read from: each dataset and the article file it names. */
export function corpusInputs(corpus: Corpus): InputFile[] {
  return corpus.datasets.flatMap((dataset) => {
    const own: InputFile[] = [{ path: dataset.file, role: 'a dataset' }];
    const { textFile, text } = dataset.doc.source;
    if (text === undefined && textFile !== undefined)
      own.push({
        path: join(dirname(dataset.file), textFile),
        role: `the article of ${dataset.file}`,
      });
    return own;
  });
}

/** Throws when the target (its stats, links followed) is one of the run's input files. */
function refuseInput(path: string, target: Stats, keep: readonly InputFile[]): void {
  for (const input of keep) {
    let stats: Stats;
    try {
      stats = statSync(input.path);
    } catch {
      continue; // an input that is not there now cannot be replaced
    }
    if (stats.dev === target.dev && stats.ino === target.ino) {
      throw new ArmruError(
        'usage',
        `${path}: is ${input.role}, which this run reads: writing the output there would destroy it; give -o another file (nothing was written)`,
      );
    }
  }
}

function isBytes(content: Uint8Array | Iterable<string | Uint8Array>): content is Uint8Array {
  return content instanceof Uint8Array;
}

/** The temporary files of one target start with this; the process id follows. */
function tempPrefix(name: string): string {
  return `.${name}.armru-`;
}

/** Writes every byte, looping over short writes; a write that makes no progress is an error. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) {
      throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    }
    offset += written;
  }
}

/**
 * Where the bytes will really go, and what is there now. Follows symbolic links (so the link
 * survives); refuses what must not be replaced.
 */
function writableTarget(path: string): { path: string; stats?: Stats } {
  // What the name leads to now, links followed: /dev/stdout on a pipe is a link to a pipe
  // that has no path to resolve, and was reported as a missing directory.
  let followed: Stats | undefined;
  try {
    followed = statSync(path);
  } catch {
    // missing, or a broken link: said below
  }
  if (followed && !followed.isFile()) throw notRegular(path, followed);
  let real = resolve(path);
  let link: Stats | undefined;
  try {
    link = lstatSync(real);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code !== 'ENOENT') throw writeError(path, e);
  }
  if (link?.isSymbolicLink()) {
    try {
      real = realpathSync(real);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code !== 'ENOENT') throw writeError(path, e);
      throw new ArmruError(
        'io',
        `${path}: a symbolic link to a file that does not exist; nothing was written`,
      );
    }
  }
  let stats: Stats | undefined;
  try {
    stats = statSync(real);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code !== 'ENOENT') throw writeError(path, e);
    return { path: real };
  }
  if (!stats.isFile()) throw notRegular(path, stats);
  if ((stats.mode & 0o222) === 0) {
    throw new ArmruError('io', `${path}: the file is read-only; nothing was written`);
  }
  if (stats.nlink > 1) {
    throw new ArmruError(
      'io',
      `${path}: the file has ${stats.nlink} hard links, which replacing it would split; write to a new file instead (nothing was written)`,
    );
  }
  return { path: real, stats };
}

function notRegular(path: string, stats: Stats): ArmruError {
  // A pipe, a socket or a terminal is where standard output goes anyway.
  const hint = stats.isDirectory() ? '' : ' (leave out -o to write to standard output)';
  return new ArmruError(
    'io',
    `${path}: is ${kindOf(stats)}, not a regular file; armru writes only regular files, nothing was written${hint}`,
  );
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Removes temporary files that a killed armru left beside `name` in `dir`: those whose
 * process no longer runs. Best effort: anything unreadable is left alone.
 */
function removeStaleTemporaries(dir: string, name: string): void {
  const prefix = tempPrefix(name);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of names) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const pid = Number(entry.slice(prefix.length, -'.tmp'.length));
    if (!Number.isInteger(pid) || pid <= 0 || (pid !== process.pid && processRunning(pid)))
      continue;
    try {
      const stats = lstatSync(join(dir, entry));
      if (stats.isFile()) rmSync(join(dir, entry), { force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
}

/** Whether a process runs (one we may not signal still runs): whose leftovers are not ours to remove. */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeError(path: string, e: NodeJS.ErrnoException): ArmruError {
  if (e instanceof ArmruError) return e;
  const why: Record<string, string> = {
    ENOENT: 'its directory does not exist',
    ENOTDIR: 'a part of the path is not a directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    EISDIR: 'it is a directory',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is exceeded',
    EFBIG: 'the file is larger than the file-size limit allows',
    ENAMETOOLONG: 'the file name is too long',
    ELOOP: 'too many symbolic links',
  };
  return new ArmruError(
    'io',
    `${path}: cannot write the file (${why[e.code ?? ''] ?? e.code ?? e.message}); nothing was written`,
  );
}
