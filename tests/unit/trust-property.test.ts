import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { ROOT } from '../helpers.js';

// Whatever happens to a dataset or its article after it was loaded or indexed (edits of the
// same size or not, with the old times put back or not), no command prints a quote that is
// not, at its offsets, the article's text on disk at that moment.

let dir: string;
let file: string;
let article: string;
let pristine: { dataset: string; article: string };

async function run(args: string[]): Promise<{ status: number; stdout: string }> {
  let stdout = '';
  const status = await main(['node', 'armru', ...args], {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: () => true, isTTY: false },
    env: {},
  });
  return { status, stdout };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'armru-trust-property-'));
  for (const name of ['claims.json', 'article.txt'])
    copyFileSync(join(ROOT, 'data', name), join(dir, name));
  file = join(dir, 'claims.json');
  article = join(dir, 'article.txt');
  pristine = { dataset: readFileSync(file, 'utf8'), article: readFileSync(article, 'utf8') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Edit =
  | { on: 'article'; at: number; length: number; insert: string; sameSize: boolean }
  | { on: 'quote'; claim: number; field: 'start' | 'end' | 'exact'; delta: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    on: fc.constant('article' as const),
    at: fc.nat(4000),
    length: fc.integer({ min: 1, max: 12 }),
    insert: fc.string({
      unit: fc.constantFrom('a', 'e', 'Z', ' ', '\n', 'é', '’', '1'),
      minLength: 1,
      maxLength: 12,
    }),
    sameSize: fc.boolean(),
  }),
  fc.record({
    on: fc.constant('quote' as const),
    claim: fc.nat(34),
    field: fc.constantFrom('start' as const, 'end' as const, 'exact' as const),
    delta: fc.integer({ min: -3, max: 3 }),
  }),
);

function apply(e: Edit, restoreTimes: boolean): void {
  const target = e.on === 'article' ? article : file;
  // `touch -r` puts back the times to the nanosecond, as `touch -d` would.
  const reference = join(dir, 'times');
  spawnSync('touch', ['-r', target, reference]);
  if (e.on === 'article') {
    const cps = Array.from(readFileSync(article, 'utf8'));
    const at = e.at % cps.length;
    let insert = Array.from(e.insert);
    if (e.sameSize) {
      // Same number of bytes: replace ASCII letters by ASCII letters only.
      const taken = cps.slice(at, at + e.length);
      insert = taken.map((c, i) =>
        c.length === 1 && c.charCodeAt(0) < 128 && c !== '\n' ? ('xq'[i % 2] as string) : c,
      );
    }
    cps.splice(at, e.length, ...insert);
    writeFileSync(article, cps.join(''));
  } else {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const claim = doc.claims[e.claim % doc.claims.length];
    if (e.field === 'exact') {
      const exact = Array.from(claim.quote.exact as string);
      exact[Math.abs(e.delta) % exact.length] = 'Q';
      claim.quote.exact = exact.join('');
    } else {
      claim.quote[e.field] += e.delta;
    }
    writeFileSync(file, JSON.stringify(doc, null, 2));
  }
  if (restoreTimes) spawnSync('touch', ['-r', reference, target]);
}

/** Every claim object in a JSON output, wherever it sits. */
function claimsIn(
  value: unknown,
  out: { quote: { exact: string; start: number; end: number } }[] = [],
) {
  if (Array.isArray(value)) for (const v of value) claimsIn(v, out);
  else if (value && typeof value === 'object') {
    const q = (value as { quote?: unknown }).quote;
    if (q && typeof q === 'object' && 'exact' in q) out.push(value as never);
    for (const v of Object.values(value)) claimsIn(v, out);
  }
  return out;
}

describe('what any command prints', () => {
  it('is always the article’s text at its offsets on disk', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(
          ['search', 'Gyumri'],
          ['search', 'Russia'],
          ['search', 'biolab'],
          ['show', 'c06'],
          ['show', 'c09'],
          ['claims'],
          ['timeline'],
          ['disputes'],
        ),
        async (edits, indexFirst, restoreTimes, command) => {
          writeFileSync(file, pristine.dataset);
          writeFileSync(article, pristine.article);
          rmSync(`${file}.armru-index`, { recursive: true, force: true });
          if (indexFirst) expect(await run(['index', file])).toMatchObject({ status: 0 });
          // A first run with the files as indexed, then the edits, then the command.
          await run(['--data', file, ...command, '--json']);
          for (const e of edits) apply(e, restoreTimes);
          const { status, stdout } = await run(['--data', file, ...command, '--json']);
          if (status !== 0) {
            expect(stdout.trim() === '' || stdout.trim() === '[]').toBe(true);
            return;
          }
          const onDisk = Array.from(readFileSync(article, 'utf8'));
          for (const claim of claimsIn(JSON.parse(stdout))) {
            const { exact, start, end } = claim.quote;
            expect(onDisk.slice(start, end).join('')).toBe(exact);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
