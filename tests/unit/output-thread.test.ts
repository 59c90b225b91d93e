import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutputThread } from '../../src/output-thread.js';

// The output thread writes what the main thread gives it, in order, whatever the sizes of the
// pieces (from one byte to several times its ring), and says why when it cannot write.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'armru-output-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RING = 1 << 22;

describe('the output thread', () => {
  it('writes every byte in the order given, for pieces of any size', () => {
    let run = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 300 }),
            fc.integer({ min: RING - 5, max: RING + 5 }),
            fc.integer({ min: 2 * RING, max: 3 * RING }),
            fc.integer({ min: 1 << 16, max: 1 << 18 }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 0, max: 255 }),
        fc.boolean(),
        (sizes, seed, small) => {
          const file = join(dir, `out-${run++}`);
          const fd = openSync(file, 'w');
          const failures: unknown[] = [];
          // A small ring and position range as well, so that positions wrap many times.
          const options = small ? { ringBytes: 1 << 12, positionMask: (1 << 16) - 1 } : {};
          const thread = startOutputThread(fd, (error) => failures.push(error), options);
          const pieces = sizes.map((size, p) => {
            const piece = new Uint8Array(size);
            // Each byte tells its piece and place, so a piece out of order or twice shows.
            for (let i = 0; i < size; i++) piece[i] = (seed + p * 31 + i * 7) & 0xff;
            return piece;
          });
          for (const piece of pieces) thread.write(piece);
          thread.close();
          closeSync(fd);
          expect(failures).toEqual([]);
          expect(Buffer.compare(readFileSync(file), Buffer.concat(pieces))).toBe(0);
          rmSync(file);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('flush returns only once everything given is written', () => {
    const file = join(dir, 'flushed');
    const fd = openSync(file, 'w');
    const thread = startOutputThread(fd, () => undefined);
    const piece = new Uint8Array(3 * RING + 17).fill(0x61);
    thread.write(piece);
    thread.flush();
    expect(readFileSync(file).length).toBe(piece.length);
    thread.close();
    closeSync(fd);
  });

  // The main thread writes by itself what a thread that never started, or stopped, left.
  const takeOver = (program: string) => {
    const file = join(dir, `alone-${program.length}`);
    const fd = openSync(file, 'w');
    const thread = startOutputThread(fd, () => undefined, { ringBytes: 1 << 12, program });
    const pieces = [5000, 1, 70_000, 3].map((size, p) => new Uint8Array(size).fill(p + 1));
    for (const piece of pieces) thread.write(piece);
    thread.close();
    closeSync(fd);
    expect(Buffer.compare(readFileSync(file), Buffer.concat(pieces))).toBe(0);
  };

  it('writes everything itself when the thread never starts', () => {
    // A program that does nothing: after two seconds the main thread stops waiting for it.
    takeOver('');
  });

  it('writes the rest itself when the thread stops', () => {
    takeOver(
      "const s = new Int32Array(require('node:worker_threads').workerData.buffer, 0, 8); Atomics.store(s, 4, 1); setTimeout(() => { Atomics.store(s, 4, 2); Atomics.notify(s, 1); }, 50);",
    );
  });

  it.skipIf(!existsSync('/dev/full'))(
    'reports a write the system refuses, with its code, at the next write or flush',
    () => {
      const fd = openSync('/dev/full', 'w');
      const failures: NodeJS.ErrnoException[] = [];
      const thread = startOutputThread(fd, (error) => {
        failures.push(error);
        throw error;
      });
      expect(() => {
        thread.write(new Uint8Array(1000));
        thread.flush();
      }).toThrow(/ENOSPC/);
      // Reported once, however often the output is written or flushed after.
      expect(() => thread.flush()).toThrow(/ENOSPC/);
      expect(() => thread.write(new Uint8Array(1))).toThrow(/ENOSPC/);
      expect(failures.map((f) => f.code)).toEqual(['ENOSPC']);
      closeSync(fd);
    },
  );
});
