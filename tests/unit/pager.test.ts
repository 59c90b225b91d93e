import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { page } from '../../src/render/pager.js';

const dir = mkdtempSync(join(tmpdir(), 'armru-pager-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stdout stand-in that keeps what is written to it. */
function screen(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = { write: (chunk: string) => chunks.push(chunk) > 0 };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

describe('the pager', () => {
  it('is skipped for output shorter than the window, counted across the pieces written', async () => {
    const out = screen();
    // Four lines in three pieces, one of them split across two: fewer than five rows.
    await page(['a\nb', '\nc\n', 'd\n'], 'false', 5, out.stream);
    expect(out.text()).toBe('a\nb\nc\nd\n');
    const unknown = screen();
    await page(['x\n'.repeat(100)], 'false', undefined, unknown.stream);
    expect(unknown.text()).toBe('x\n'.repeat(100));
    const empty = screen();
    await page(['', ''], 'false', 0, empty.stream);
    expect(empty.text()).toBe('');
  });

  it('gets every piece, in order, once the output is as long as the window', async () => {
    const file = join(dir, 'paged.txt');
    const pieces = ['one\n', 'two\nthree', '\n', 'é😀\n'.repeat(2000)];
    const out = screen();
    await page(pieces, `cat > '${file}'`, 4, out.stream);
    expect(readFileSync(file, 'utf8')).toBe(pieces.join(''));
    expect(out.text()).toBe('');
  });

  it('writes the output itself when the pager cannot be started', async () => {
    const out = screen();
    await page(['1\n2\n3\n'], 'armru-no-such-pager-here', 2, out.stream);
    expect(out.text()).toBe('1\n2\n3\n');
  });
});
