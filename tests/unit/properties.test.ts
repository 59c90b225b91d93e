import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { fixture } from '../helpers.js';

/** Runs armru in this process with captured streams. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'armru', ...args], {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: {},
  });
  return { code, stdout, stderr };
}

/** A refusal is one `armru:` message (with problem lines), never a crash or a stack trace. */
function expectCleanRefusal(r: { code: number; stderr: string }): void {
  expect(r.code).toBe(2);
  expect(r.stderr.startsWith('armru: ')).toBe(true);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

const dir = mkdtempSync(join(tmpdir(), 'armru-props-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const text = readFileSync(fixture('mini/article.txt'), 'utf8');
writeFileSync(join(dir, 'article.txt'), text);
const good = JSON.parse(readFileSync(fixture('mini/claims.json'), 'utf8'));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside a JSON document. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (value && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  }
  return here;
}

function mutate(
  doc: Json,
  path: (string | number)[],
  action: 'delete' | 'replace',
  replacement: Json,
): Json {
  const copy = structuredClone(doc);
  if (path.length === 0) return action === 'delete' ? null : replacement;
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (action === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    parent[last] = replacement;
  }
  return copy;
}

const allPaths = paths(good);
const file = join(dir, 'mutant.claims.json');

describe('random and mutated datasets', () => {
  it('are loaded or refused with exit 2 and a message, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...allPaths),
        fc.constantFrom('delete' as const, 'replace' as const),
        fc.jsonValue() as fc.Arbitrary<Json>,
        async (path, action, replacement) => {
          writeFileSync(file, JSON.stringify(mutate(good, path, action, replacement)));
          const r = await run(['--data', file, 'claims', '--json']);
          if (r.code === 0) expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
          else expectCleanRefusal(r);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('survive truncation and byte noise', async () => {
    const source = JSON.stringify(good, null, 2);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: source.length }),
        fc.uint8Array({ maxLength: 40 }),
        async (cut, noise) => {
          writeFileSync(file, Buffer.concat([Buffer.from(source.slice(0, cut)), noise]));
          const r = await run(['--data', file, 'search', 'ferry']);
          if (r.code !== 0 && r.code !== 1) expectCleanRefusal(r);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuse arbitrary JSON documents cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        writeFileSync(file, JSON.stringify(value));
        expectCleanRefusal(await run(['--data', file, 'stats']));
      }),
      { numRuns: 150 },
    );
  });
});

// Any string, including control and astral characters, combining marks and lone surrogates.
const anyChar = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom(
    '|',
    "'",
    '^',
    '$',
    '!',
    '=',
    '"',
    ' ',
    '\\',
    '(',
    '[',
    '*',
    '.',
    '\u0301',
    '😀',
    '\u202e',
  ),
);
const query = fc.oneof(
  fc.string({ unit: anyChar, maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    '   ',
    '|',
    '||',
    '!',
    "'",
    '^$',
    '=""',
    '"',
    '\u0000',
    '\ud800',
    '😀'.repeat(40),
  ),
);
// 10,000 characters drawn mostly from letters, spaces and operators, so that they make many
// terms and OR-branches, the expensive case.
const longQuery = fc.string({
  unit: fc.oneof(anyChar, fc.constantFrom('a', 'e', 'r', 'n', ' ', ' ', '|', "'", '!')),
  minLength: 10_000,
  maxLength: 10_000,
});

async function searchExitsZeroOrOne(q: string, json: boolean): Promise<void> {
  const r = await run(['search', ...(json ? ['--json'] : []), '--', q]);
  expect(r.stderr).not.toMatch(/internal error/);
  // A query of operators alone has nothing to match: a usage error that shows the syntax.
  if (q.trim() !== '' && /^[\s!'^$=|"]*$/.test(q)) {
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is only operators/);
    return;
  }
  expect([0, 1]).toContain(r.code);
  if (json) expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
}

describe('random queries', () => {
  it('never throw and always exit 0 or 1', async () => {
    await fc.assert(fc.asyncProperty(query, fc.boolean(), searchExitsZeroOrOne), { numRuns: 300 });
  });

  it('of 10,000 characters behave too', { timeout: 120_000 }, async () => {
    await fc.assert(fc.asyncProperty(longQuery, fc.boolean(), searchExitsZeroOrOne), {
      numRuns: 6,
    });
  });
});
