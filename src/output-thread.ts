import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getSystemErrorName } from 'node:util';

/**
 * Standard output handed to a thread of its own, which writes it while the main thread makes
 * what comes next.
 *
 * Why: writing to a terminal costs the kernel's terminal processing (each line feed becomes a
 * carriage return and a line feed, and each line is handed on by itself), paid inside the
 * writing call. Written from the main thread, a long output (an export of 10^5 claims is 4 to
 * 5 million lines) is made and then waited on, piece after piece; from a second thread, the
 * terminal takes one piece while the next is made. The bytes and their order are the same.
 *
 * How: one ring of shared memory, filled by the main thread and emptied by the writer, each
 * side waiting (Atomics.wait) only when the ring is full or empty. Positions count bytes modulo
 * 2^30, so they fit the Int32 slots the waits need. The main thread cannot hear the thread's
 * events while it works (its event loop is busy), so everything between them goes through the
 * shared slots: a thread that could not start, or stopped, is found there, and the main thread
 * then writes what is left itself; a write the system refused is reported with its errno.
 */

/** The ring's size: several pieces of an export (half a megabyte each). */
const RING_BYTES = 1 << 22;
/** The most one write hands the system: the ring frees up in steps, not all at once. */
const STEP_BYTES = 1 << 18;
const POSITION_MASK = (1 << 30) - 1;
/**
 * The shared slots: bytes put in, bytes written out, whether input has ended, an errno, and
 * the thread's state (0 not started, 1 running, -1 not to start, 2 stopped by a failure).
 */
const PUT = 0;
const WRITTEN = 1;
const CLOSED = 2;
const ERRNO = 3;
const STATE = 4;
const HEADER_BYTES = 32;
/** How long either side sleeps at most before it looks again. */
const WAIT_MS = 200;
/** How long the thread may take to start before the main thread writes without it. */
const START_MS = 2000;

/** What the writer thread is given. */
interface WriterData {
  buffer: SharedArrayBuffer;
  fd: number;
  ringBytes: number;
  stepBytes: number;
  positionMask: number;
  header: number;
  waitMs: number;
}

/**
 * The writer thread's whole program, run from its source text (so it needs no file of its
 * own): it takes only its arguments, and names nothing from this module.
 */
function writerLoop(data: WriterData, write: typeof writeSync): void {
  const state = new Int32Array(data.buffer, 0, 8);
  // Started, unless the main thread has given up waiting and writes by itself.
  if (Atomics.compareExchange(state, 4, 0, 1) !== 0) return;
  const ring = new Uint8Array(data.buffer, data.header, data.ringBytes);
  const mask = data.positionMask;
  let written = Atomics.load(state, 1);
  try {
    for (;;) {
      const put = Atomics.load(state, 0);
      if (put === written) {
        if (Atomics.load(state, 2) === 1) return;
        Atomics.wait(state, 0, written, data.waitMs);
        continue;
      }
      // The bytes waiting, up to the ring's end and one step: the rest on the next turns.
      const at = written % data.ringBytes;
      const count = Math.min((put - written) & mask, data.ringBytes - at, data.stepBytes);
      let done = 0;
      try {
        done = write(data.fd, ring, at, count);
      } catch (error) {
        const { code, errno } = error as NodeJS.ErrnoException;
        if (code !== 'EAGAIN') {
          // EIO when errno is missing: the write failed, whatever the reason.
          Atomics.store(state, 3, typeof errno === 'number' && errno !== 0 ? errno : -5);
          Atomics.store(state, 4, 2);
          Atomics.notify(state, 1);
          return;
        }
        // A descriptor another program left non-blocking is full: try again shortly.
        Atomics.wait(state, 3, 0, 1);
      }
      written = (written + done) & mask;
      Atomics.store(state, 1, written);
      Atomics.notify(state, 1);
    }
  } catch {
    // Anything else: the main thread writes the rest itself, from `written` on.
    Atomics.store(state, 4, 2);
    Atomics.notify(state, 1);
  }
}

/**
 * Writes all of `bytes` to `fd` before returning, waiting a moment whenever a non-blocking
 * descriptor is full; any other failure goes to `failed`.
 */
export function writeFully(
  fd: number,
  bytes: Uint8Array,
  failed: (error: NodeJS.ErrnoException) => void,
): void {
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (error) {
      // A descriptor another program left non-blocking may be full: wait a moment.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
        failed(error as NodeJS.ErrnoException);
        throw error;
      }
      pause ??= new Int32Array(new SharedArrayBuffer(4));
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

/** What writeFully waits on for a moment: made only when a write first has to wait. */
let pause: Int32Array | undefined;

/** Standard output through a writer thread (see the top of this file). */
export interface ThreadedOutput {
  /** Copies `bytes` into the ring, waiting while it is full. */
  write(bytes: Uint8Array): void;
  /** Returns once every byte given so far is written. */
  flush(): void;
  /** Flushes, then ends the thread. */
  close(): void;
}

/** For the tests: a smaller ring and position range, or another program for the thread. */
export interface OutputThreadOptions {
  ringBytes?: number;
  positionMask?: number;
  program?: string;
}

/**
 * Starts the writer thread for `fd` (throws when no thread can be made: the caller writes
 * directly). A write the system refused (the terminal went away, a full disk) is given to
 * `failed` once, at the main thread's next write or flush, as an error with the system's code,
 * and thrown there and at every later call. When the thread cannot start or stops for another
 * reason, the main thread writes the rest itself, the same bytes in the same order.
 */
export function startOutputThread(
  fd: number,
  failed: (error: NodeJS.ErrnoException) => void,
  options: OutputThreadOptions = {},
): ThreadedOutput {
  const ringBytes = options.ringBytes ?? RING_BYTES;
  const positionMask = options.positionMask ?? POSITION_MASK;
  const buffer = new SharedArrayBuffer(HEADER_BYTES + ringBytes);
  const state = new Int32Array(buffer, 0, 8);
  const ring = new Uint8Array(buffer, HEADER_BYTES, ringBytes);
  const data: WriterData = {
    buffer,
    fd,
    ringBytes,
    stepBytes: STEP_BYTES,
    positionMask,
    header: HEADER_BYTES,
    waitMs: WAIT_MS,
  };
  const program =
    options.program ??
    `(${writerLoop.toString()})(require('node:worker_threads').workerData, require('node:fs').writeSync)`;
  // Loaded here, not at the top: node:worker_threads brings some 26 of Node's modules (its
  // message ports, the stream modules), several milliseconds of every command's start-up,
  // where only a long output to a terminal starts the thread.
  const { Worker } = createRequire(import.meta.url)(
    'node:worker_threads',
  ) as typeof import('node:worker_threads');
  const worker = new Worker(program, { eval: true, workerData: data });
  // The process never waits for the thread: flush does, when the output must be out.
  worker.unref();
  const started = Date.now();
  let put = 0;
  /** Set once the main thread writes by itself (the thread never started, or stopped). */
  let alone = false;
  let refused: NodeJS.ErrnoException | undefined;

  const direct = (bytes: Uint8Array) => writeFully(fd, bytes, failed);
  /** Writes what the ring still holds, from where the thread stopped, and goes on alone. */
  const takeOver = () => {
    alone = true;
    let out = Atomics.load(state, WRITTEN);
    while (out !== put) {
      const at = out % ringBytes;
      const count = Math.min((put - out) & positionMask, ringBytes - at);
      direct(ring.subarray(at, at + count));
      out = (out + count) & positionMask;
    }
    void worker.terminate();
  };
  /**
   * What the thread's state asks of the main thread, while it waits on the ring: throw the
   * refused write's error, or write alone when the thread stopped or never started.
   */
  const check = () => {
    if (refused) throw refused;
    if (alone) return;
    const errno = Atomics.load(state, ERRNO);
    if (errno !== 0) {
      const code = getSystemErrorName(errno);
      refused = Object.assign(new Error(`${code}: write to standard output`), { code, errno });
      failed(refused);
      throw refused;
    }
    const now = Atomics.load(state, STATE);
    if (now === 2) takeOver();
    else if (
      now === 0 &&
      Date.now() - started > START_MS &&
      Atomics.compareExchange(state, STATE, 0, -1) === 0
    ) {
      takeOver();
    }
  };
  const flush = () => {
    for (;;) {
      check();
      if (alone) return;
      const out = Atomics.load(state, WRITTEN);
      if (out === put) return;
      Atomics.wait(state, WRITTEN, out, WAIT_MS);
    }
  };
  return {
    write(bytes) {
      check();
      let from = 0;
      while (from < bytes.length) {
        if (alone) {
          direct(bytes.subarray(from));
          return;
        }
        // The same reading of `out` decides and is waited on, so no wake-up is missed.
        const out = Atomics.load(state, WRITTEN);
        const free = ringBytes - ((put - out) & positionMask);
        if (free === 0) {
          check();
          if (!alone) Atomics.wait(state, WRITTEN, out, WAIT_MS);
          continue;
        }
        const at = put % ringBytes;
        const count = Math.min(free, bytes.length - from, ringBytes - at);
        ring.set(bytes.subarray(from, from + count), at);
        from += count;
        put = (put + count) & positionMask;
        Atomics.store(state, PUT, put);
        Atomics.notify(state, PUT);
      }
    },
    flush,
    close() {
      flush();
      Atomics.store(state, CLOSED, 1);
      Atomics.notify(state, PUT);
    },
  };
}
