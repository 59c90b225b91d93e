import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSchema } from '../../src/core/dataset/schema.js';
import { armru, fixture, ROOT } from '../helpers.js';

// The CLI checks datasets with a validator the build compiles ahead of time, and the build
// rewrites its "minLength": 1 tests as length tests (scripts/build.mjs). Here the built
// binary must find exactly the schema problems that ajv, compiling the schema at run time
// with its own character count, finds in the same documents: every string of the mini
// dataset in turn made empty, one astral character (one code point, two UTF-16 units), one
// letter, or two astral characters; and every list of strings in turn given a copy of one of
// its items (the build also gives ajv's duplicate check a table without a prototype).

let dir: string;
let duplicated = 0;
const variants: { name: string; doc: unknown }[] = [];

/** Every path to an array of strings in `value`, as keys and indexes. */
function stringListPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    const own = value.length > 0 && value.every((v) => typeof v === 'string') ? [at] : [];
    return [...own, ...value.flatMap((v, i) => stringListPaths(v, [...at, i]))];
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => stringListPaths(v, [...at, k]));
  }
  return [];
}

/** Every path to a string in `value`, as keys and indexes. */
function stringPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...at, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...at, k]));
  }
  return [];
}

function withValue(doc: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return copy;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'armru-schema-'));
  copyFileSync(fixture('mini/article.txt'), join(dir, 'article.txt'));
  const doc = JSON.parse(readFileSync(fixture('mini/claims.json'), 'utf8')) as unknown;
  const texts = ['', '\u{1F600}', 'x', '\u{1F600}\u{1F600}'];
  stringPaths(doc).forEach((path, p) => {
    // The article's file name must stay, or every variant fails the same way.
    if (path.join('.') === 'source.textFile') return;
    texts.forEach((text, t) => {
      const name = `v${String(p).padStart(3, '0')}-${t}.claims.json`;
      const variant = withValue(doc, path, text);
      variants.push({ name, doc: variant });
      writeFileSync(join(dir, name), JSON.stringify(variant));
    });
  });
  stringListPaths(doc).forEach((path, p) => {
    let list: unknown = doc;
    for (const key of path) list = (list as Record<string | number, unknown>)[key];
    // The copy goes last, so the pair is (0, last): the order of ajv's own message.
    const name = `u${String(p).padStart(3, '0')}.claims.json`;
    const items = list as string[];
    const variant = withValue(doc, path, [...items, items[0]]);
    variants.push({ name, doc: variant });
    writeFileSync(join(dir, name), JSON.stringify(variant));
    duplicated++;
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the bundle's precompiled schema validator", () => {
  it('tests "minLength": 1 by length, and counts characters only for longer minimums', () => {
    const code = readFileSync(join(ROOT, 'dist/generated/validate-schema.mjs'), 'utf8');
    const counter = /const (func\d+) = require\("ajv\/dist\/runtime\/ucs2length"\)/.exec(code)?.[1];
    expect(counter).toBeDefined();
    const counted = code.match(new RegExp(`\\b${counter}\\(data\\d*\\) < \\d+`, 'g')) ?? [];
    // The one "minLength": 2 of the schema (a language tag) keeps ajv's count.
    expect(counted.map((c) => c.replace(/\(data\d*\)/, '(x)'))).toEqual([`${counter}(x) < 2`]);
    expect(code).toMatch(/\bdata\d*\.length < 1\b/);
  });

  it('finds the same schema problems as ajv compiling the schema at run time', () => {
    const r = armru(['validate', '--json', dir]);
    expect(r.stderr).toBe('');
    const reports = JSON.parse(r.stdout) as {
      file: string;
      problems: { code: string; path?: string; message: string }[];
    }[];
    expect(reports).toHaveLength(variants.length);
    const byName = new Map(reports.map((x) => [x.file.slice(dir.length + 1), x]));
    let failing = 0;
    for (const { name, doc } of variants) {
      const built = (byName.get(name)?.problems ?? [])
        .filter((x) => x.code === 'schema')
        .map((x) => `${x.path}: ${x.message}`);
      const runtime = checkSchema(doc).map((x) => `${x.path}: ${x.message}`);
      expect({ name, problems: built }).toEqual({ name, problems: runtime });
      if (runtime.length > 0) failing++;
    }
    // The variants reach the length rules: empty strings and lone astral characters fail;
    // and every duplicated item is found.
    expect(failing).toBeGreaterThan(20 + duplicated);
    expect(duplicated).toBeGreaterThan(10);
    const dupes = reports.flatMap((x) => x.problems).filter((x) => /duplicate/.test(x.message));
    expect(dupes.length).toBeGreaterThanOrEqual(duplicated);
    expect(r.status).toBe(2);
  });

  it('finds two aliases "__proto__" the same (a plain object as the table would not)', () => {
    const doc = JSON.parse(readFileSync(fixture('mini/claims.json'), 'utf8')) as {
      entities: [{ aliases: string[] }];
    };
    doc.entities[0].aliases = ['__proto__', 'x', '__proto__'];
    const file = join(dir, 'proto', 'claims.json');
    mkdirSync(join(dir, 'proto'));
    copyFileSync(fixture('mini/article.txt'), join(dir, 'proto', 'article.txt'));
    writeFileSync(file, JSON.stringify(doc));
    const r = armru(['validate', file]);
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toContain(
      '$.entities[0].aliases: expected no duplicate items (items ## 0 and 2 are identical)',
    );
  });
});
