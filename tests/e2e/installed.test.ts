import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_FINGERPRINT } from '../../src/core/search/search-record.js';
import { indexDirectory, openIndex } from '../../src/core/store/index-store.js';
import { loadCorpus } from '../../src/core/store/load.js';
import { armru, ROOT } from '../helpers.js';

// `npm install` of the package in another folder gives the built-in dataset and its index
// new inodes and times (npm writes every file with a fixed date in 1985): the index must still
// vouch for the dataset there, by its checksum, so that `armru search` does not run every
// check of the dataset again on each run.

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'armru-installed-'));
  // What the package ships (package.json "files"), copied as an install would.
  for (const part of ['bin', 'dist', 'data', 'package.json'])
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  const npmDate = new Date('1985-10-26T08:15:00Z');
  const touch = (path: string) => utimesSync(path, npmDate, npmDate);
  for (const name of ['claims.json', 'article.txt']) touch(join(dir, 'data', name));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the built-in index in an installed copy', () => {
  it('is packed with the package', () => {
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(pack.status, pack.stderr).toBe(0);
    const [{ files }] = JSON.parse(pack.stdout) as [{ files: { path: string }[] }];
    const paths = files.map((f) => f.path);
    for (const name of ['meta.json', 'fuse.json', 'dataset.copy', 'article.copy'])
      expect(paths).toContain(`data/claims.json.armru-index/${name}`);
    // Graphviz as the build leaves it beside the bundle: its script and its WebAssembly.
    for (const name of ['graphviz.cjs', 'viz.wasm', 'viz.wasm.NOTICE'])
      expect(paths).toContain(`dist/armru/${name}`);
  });

  it('still vouches for the dataset, whose stamps all differ, and no check runs again', async () => {
    const file = join(dir, 'data', 'claims.json');
    const original = statSync(join(ROOT, 'data', 'claims.json'), { bigint: true });
    const copy = statSync(file, { bigint: true });
    expect(copy.ino).not.toBe(original.ino);
    expect(copy.mtimeNs).not.toBe(original.mtimeNs);
    expect(openIndex(file, SEARCH_FINGERPRINT).state).toBe('fresh');
    const corpus = await loadCorpus([file]);
    // fuse.js's prepared index comes only from an index that vouches for the bytes read.
    expect(corpus.datasets[0]?.searchIndex).toBeDefined();
    expect(indexDirectory(file)).toBe(join(dir, 'data', 'claims.json.armru-index'));
  });

  it('searches from the installed binary as from the repository', () => {
    const installed = spawnSync(
      process.execPath,
      [join(dir, 'bin', 'armru.js'), 'search', 'Gyumri'],
      {
        cwd: tmpdir(),
        encoding: 'utf8',
      },
    );
    const here = armru(['search', 'Gyumri']);
    expect(installed.status).toBe(0);
    // c10 matches only through an agreement: counted on stderr, shown with --all.
    expect(installed.stderr).toBe(
      'armru: 1 more claim matches only through an alias or an agreement (--all shows them)\n',
    );
    expect(installed.stderr).toBe(here.stderr);
    expect(installed.stdout).toBe(here.stdout);
    expect(installed.stdout.split('\n')[0]).toMatch(/^c12\t/);
  });

  it('draws the report from the installed binary as from the repository, with no node_modules', () => {
    const page = (bin: string, name: string) => {
      const out = join(dir, name);
      const r = spawnSync(process.execPath, [bin, 'report', '-o', out], {
        cwd: tmpdir(),
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return readFileSync(out, 'utf8');
    };
    const installed = page(join(dir, 'bin', 'armru.js'), 'installed.html');
    expect(installed).toBe(page(join(ROOT, 'bin', 'armru.js'), 'here.html'));
    expect(installed).toContain('<svg');
  });
});
