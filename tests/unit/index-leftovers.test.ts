import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ROOT } from '../helpers.js';

// Each build lists the folder of its dataset for what interrupted builds left there; the
// listings are counted through a mock of node:fs.
const listed: string[] = [];
vi.mock('node:fs', async (original) => {
  const real = (await original()) as typeof import('node:fs');
  const readdir = ((path: string, ...rest: unknown[]) => {
    listed.push(String(path));
    return (real.readdirSync as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof real.readdirSync;
  return { ...real, default: { ...real, readdirSync: readdir }, readdirSync: readdir };
});
const { buildIndex } = await import('../../src/core/store/index-build.js');

const dir = mkdtempSync(join(tmpdir(), 'armru-leftovers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('indexes of many datasets in one folder', () => {
  it('list the folder once for leftovers, and still remove those of a dead build', async () => {
    const names = ['a', 'b', 'c'];
    copyFileSync(join(ROOT, 'tests/fixtures/mini/article.txt'), join(dir, 'article.txt'));
    // A process id that cannot be running (above the kernel's limit).
    const dead = 2147483646;
    for (const name of names) {
      copyFileSync(join(ROOT, 'tests/fixtures/mini/claims.json'), join(dir, `${name}.claims.json`));
      mkdirSync(join(dir, `${name}.claims.json.armru-index.${dead}.tmp`));
      mkdirSync(join(dir, `${name}.claims.json.armru-index.${dead}.old`));
    }
    listed.length = 0;
    for (const name of names) await buildIndex(join(dir, `${name}.claims.json`));
    expect(listed.filter((path) => path === dir)).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual([
      'a.claims.json',
      'a.claims.json.armru-index',
      'article.txt',
      'b.claims.json',
      'b.claims.json.armru-index',
      'c.claims.json',
      'c.claims.json.armru-index',
    ]);
  });
});
