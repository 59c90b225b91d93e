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
          ),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 0, max: 255 }),
        (sizes, seed) => {
          const file = join(dir, `out-${run++}`);
          const fd = openSync(file, 'w');
          const failures: unknown[] = [];
          const thread = startOutputThread(fd, (error) => failures.push(error));
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
      expect(failures[0]?.code).toBe('ENOSPC');
      closeSync(fd);
    },
  );
});
