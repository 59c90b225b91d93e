import type { writeSync } from 'node:fs';
import { getSystemErrorName } from 'node:util';
import { Worker } from 'node:worker_threads';

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
 * 2^30, so they fit the Int32 slots the waits need.
 */

/** The ring's size: large enough for several pieces of an export (half a megabyte each). */
const RING_BYTES = 1 << 22;
const POSITION_MASK = (1 << 30) - 1;
/** The shared slots: bytes put in, bytes written out, whether input has ended, and an errno. */
const PUT = 0;
const WRITTEN = 1;
const CLOSED = 2;
const ERRNO = 3;
const HEADER_BYTES = 16;
/** How long either side sleeps at most before it looks again (the other may have failed). */
const WAIT_MS = 200;

/** What the writer thread is given. */
interface WriterData {
  buffer: SharedArrayBuffer;
  fd: number;
  ringBytes: number;
  header: number;
  waitMs: number;
}

/**
 * The writer thread's whole program, run from its source text (so it needs no file of its
 * own): it takes only its arguments, and names nothing from this module.
 */
function writerLoop(data: WriterData, write: typeof writeSync): void {
  const state = new Int32Array(data.buffer, 0, 4);
  const ring = new Uint8Array(data.buffer, data.header, data.ringBytes);
  const mask = (1 << 30) - 1;
  let written = 0;
  for (;;) {
    const put = Atomics.load(state, 0);
    if (put === written) {
      if (Atomics.load(state, 2) === 1) return;
      Atomics.wait(state, 0, written, data.waitMs);
      continue;
    }
    // The bytes waiting, up to the ring's end: the rest is taken on the next turn.
    const at = written % data.ringBytes;
    const waiting = (put - written) & mask;
    const count = Math.min(waiting, data.ringBytes - at);
    let done = 0;
    try {
      while (done < count) done += write(data.fd, ring, at + done, count - done);
    } catch (error) {
      const errno = (error as NodeJS.ErrnoException).errno;
      // EAGAIN: a descriptor another program left non-blocking is full; try again shortly.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(state, 3, 0, 1);
        written = (written + done) & mask;
        Atomics.store(state, 1, written);
        continue;
      }
      Atomics.store(state, 3, typeof errno === 'number' && errno !== 0 ? errno : -5);
      Atomics.notify(state, 1);
      return;
    }
    written = (written + count) & mask;
    Atomics.store(state, 1, written);
    Atomics.notify(state, 1);
  }
}

/** Standard output through a writer thread (see the top of this file). */
export interface ThreadedOutput {
  /** Copies `bytes` into the ring, waiting while it is full. */
  write(bytes: Uint8Array): void;
  /** Returns once every byte given so far is written. */
  flush(): void;
  /** Flushes, then ends the thread. */
  close(): void;
}

/**
 * Starts the writer thread for `fd`. A write the thread cannot make (the terminal went away, a
 * full disk) is given to `failed` at the main thread's next write or flush, as an error with
 * the system's code, and then thrown there if `failed` returns.
 */
export function startOutputThread(
  fd: number,
  failed: (error: NodeJS.ErrnoException) => void,
): ThreadedOutput {
  const buffer = new SharedArrayBuffer(HEADER_BYTES + RING_BYTES);
  const state = new Int32Array(buffer, 0, 4);
  const ring = new Uint8Array(buffer, HEADER_BYTES, RING_BYTES);
  const data: WriterData = {
    buffer,
    fd,
    ringBytes: RING_BYTES,
    header: HEADER_BYTES,
    waitMs: WAIT_MS,
  };
  const worker = new Worker(
    `(${writerLoop.toString()})(require('node:worker_threads').workerData, require('node:fs').writeSync)`,
    { eval: true, workerData: data },
  );
  // The process never waits for the thread: flush does, when the output must be out.
  worker.unref();
  let put = 0;
  const check = () => {
    const errno = Atomics.load(state, ERRNO);
    if (errno === 0) return;
    const code = getSystemErrorName(errno);
    const error: NodeJS.ErrnoException = new Error(`${code}: write to standard output`);
    error.code = code;
    error.errno = errno;
    failed(error);
    // Nothing more can be written.
    throw error;
  };
  const writtenOut = () => Atomics.load(state, WRITTEN);
  const flush = () => {
    for (;;) {
      check();
      const out = writtenOut();
      if (out === put) return;
      Atomics.wait(state, WRITTEN, out, WAIT_MS);
    }
  };
  return {
    write(bytes) {
      let from = 0;
      while (from < bytes.length) {
        check();
        const free = RING_BYTES - ((put - writtenOut()) & POSITION_MASK);
        if (free === 0) {
          Atomics.wait(state, WRITTEN, writtenOut(), WAIT_MS);
          continue;
        }
        const at = put % RING_BYTES;
        const count = Math.min(free, bytes.length - from, RING_BYTES - at);
        ring.set(bytes.subarray(from, from + count), at);
        from += count;
        put = (put + count) & POSITION_MASK;
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
