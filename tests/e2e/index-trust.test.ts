import { execFile, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { writeCorpus } from '../../bench/corpus.mjs';
import { SEARCH_FINGERPRINT } from '../../src/core/search/search-record.js';
import { buildIndex } from '../../src/core/store/index-build.js';
import {
  type FileStamp,
  indexDirectory,
  openIndex,
  sealMeta,
} from '../../src/core/store/index-store.js';
import { crc32 } from '../../src/core/text/checksum.js';
import { armru, BIN, ROOT } from '../helpers.js';
import { requireTool } from '../tools.js';

const run = promisify(execFile);

let dir: string;
/** A large dataset with its index, and a pristine copy of that index to restore. */
let a: string;
let pristine: string;
/** Another large dataset with as many claims (and so index tables of the same sizes). */
let b: string;
/** A copy of `a` without an index: what a search must print. */
let plainCopy: string;

const QUERIES = ['Gyumri', 'biolabs Moscow', "'Kazan | Sochi"];

function search(file: string, query: string) {
  return armru(['--data', file, 'search', query, '--json', '--limit', '50']);
}

function note(file: string, reason: string): string {
  return `armru: the index of ${file} is stale (${reason}); searching without it; run 'armru index' to rebuild it\n`;
}

function restore(): void {
  rmSync(indexDirectory(a), { recursive: true, force: true });
  cpSync(pristine, indexDirectory(a), { recursive: true });
}

/**
 * A run of armru by a user without special rights: this user, or under root (who reads and
 * writes anywhere) the user "nobody", through util-linux setpriv.
 */
function unprivileged(context: TestContext, args: string[]): ReturnType<typeof armru> {
  if (process.getuid?.() !== 0) return armru(args);
  const setpriv = requireTool(context, 'setpriv');
  const result = spawnSync(
    setpriv,
    ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Puts a file's modification time back to the nanosecond, as `touch -d` does. */
function touchBack(file: string, before: { mtimeNs: bigint }): void {
  const seconds = before.mtimeNs / 1_000_000_000n;
  const nanos = String(before.mtimeNs % 1_000_000_000n).padStart(9, '0');
  const r = spawnSync('touch', ['-m', '-d', `@${seconds}.${nanos}`, file]);
  expect(r.status).toBe(0);
  expect(statSync(file, { bigint: true }).mtimeNs).toBe(before.mtimeNs);
}

/** Replaces bytes at `at` with as many others: the same size, other content. */
function editInPlace(file: string, at: number, replacement: string): void {
  const bytes = readFileSync(file);
  Buffer.from(replacement).copy(bytes, at);
  writeFileSync(file, bytes);
}

/** Every search gives the plain output, with one note naming why the index was not used. */
/** What a search of the copy without an index says first: that it has none. */
const noIndex = (file: string) =>
  `armru: ${file} has no index, so its 6,000 claims are searched one by one; run 'armru index' to build one\n`;

function expectFallback(file: string, reason: string, plainFile = plainCopy): void {
  for (const query of QUERIES) {
    const r = search(file, query);
    const expected = search(plainFile, query);
    expect(r.status, query).toBe(0);
    expect(expected.stderr.startsWith(noIndex(plainFile)), expected.stderr).toBe(true);
    // The note, then what the plain search says on stderr (such as "showing 50 of 95").
    expect(r.stderr, query).toBe(
      note(file, reason) + expected.stderr.slice(noIndex(plainFile).length),
    );
    expect(r.stdout, query).toBe(expected.stdout);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'armru-trust-'));
  a = writeCorpus(6000, join(dir, 'a'), 7) as string;
  b = writeCorpus(6000, join(dir, 'b'), 8) as string;
  plainCopy = join(dir, 'plain', 'synthetic-6000.claims.json');
  cpSync(join(dir, 'a'), join(dir, 'plain'), { recursive: true });
  await buildIndex(a);
  await buildIndex(b);
  pristine = join(dir, 'pristine-index');
  cpSync(indexDirectory(a), pristine, { recursive: true });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a damaged or foreign large index is never believed', () => {
  it('serves through an intact index what a search without it serves, with no note', () => {
    for (const query of QUERIES) {
      const r = search(a, query);
      const expected = search(plainCopy, query);
      // The totals on stderr ("showing 50 of N") may differ by the weak matches across a word
      // boundary that a word index does not hold (README, armru index); the claims shown do not.
      expect(r.stderr).not.toContain('stale');
      expect(r.stdout).toBe(expected.stdout);
    }
  });

  it('zeroed claim-lists.bin (same size)', () => {
    restore();
    const file = join(indexDirectory(a), 'claim-lists.bin');
    writeFileSync(file, Buffer.alloc(statSync(file).size));
    expectFallback(a, 'its file claim-lists.bin does not match its checksum');
  });

  it('a line added to vocabulary.txt', () => {
    restore();
    appendFileSync(join(indexDirectory(a), 'vocabulary.txt'), 'zzzz\n');
    expectFallback(a, 'its file vocabulary.txt has another size than it recorded');
  });

  it('a truncated claim-lists.bin', () => {
    restore();
    const file = join(indexDirectory(a), 'claim-lists.bin');
    truncateSync(file, statSync(file).size - 4);
    expectFallback(a, 'its file claim-lists.bin has another size than it recorded');
  });

  it("claim ranges swapped for another dataset's (same size)", () => {
    restore();
    for (const name of ['claim-ranges.bin', 'claim-crcs.bin'])
      cpSync(join(indexDirectory(b), name), join(indexDirectory(a), name));
    expectFallback(a, 'claim 0 does not match the bytes it recorded in the dataset');
  });

  it('meta.json changed in one byte, or edited and written back as JSON', () => {
    // Its every other file has its checksum in meta.json; meta.json carries its own. A topic
    // renamed in a large index's document was shown as the dataset's, and a field of another
    // type was an internal error (exit 70).
    const meta = join(indexDirectory(a), 'meta.json');
    restore();
    const bytes = readFileSync(meta);
    const at = bytes.indexOf('"name":"') + 8;
    bytes[at] = (bytes[at] as number) ^ 1;
    writeFileSync(meta, bytes);
    expectFallback(a, 'its metadata does not match its checksum');
    restore();
    const edited = JSON.parse(readFileSync(meta, 'utf8'));
    edited.doc.topics = 5;
    writeFileSync(meta, JSON.stringify(edited));
    expectFallback(a, 'its metadata does not match its checksum');
    restore();
  });

  it('a file of the index replaced by a FIFO or a link to /dev/zero', () => {
    // meta.json as a FIFO hung the search; as a link to /dev/zero it was read without end
    // until memory ran out (an abort after a minute). Files are read only when regular.
    const meta = join(indexDirectory(a), 'meta.json');
    for (const [name, make, reason] of [
      ['meta.json', 'fifo', 'its metadata cannot be read'],
      ['meta.json', 'zero', 'its metadata cannot be read'],
      ['postings.bin', 'fifo', 'its file postings.bin is not a regular file'],
      ['vocabulary.txt', 'zero', 'its file vocabulary.txt is not a regular file'],
    ] as const) {
      restore();
      const file = name === 'meta.json' ? meta : join(indexDirectory(a), name);
      rmSync(file);
      if (make === 'fifo') expect(spawnSync('mkfifo', [file]).status).toBe(0);
      else symlinkSync('/dev/zero', file);
      expectFallback(a, reason);
    }
    restore();
  }, 180_000);

  it('an index copied from another dataset, with meta.json forged to match this one', () => {
    restore();
    // b gets a's index, with b's own stamps written into the metadata: sizes, times, inode,
    // device and checksums all agree with b's files.
    const copy = join(dir, 'forged');
    cpSync(join(dir, 'b'), copy, { recursive: true });
    const target = join(copy, 'synthetic-6000.claims.json');
    rmSync(indexDirectory(target), { recursive: true, force: true });
    cpSync(indexDirectory(a), indexDirectory(target), { recursive: true });
    const stamp = (path: string): FileStamp => {
      const s = statSync(path, { bigint: true });
      return {
        size: Number(s.size),
        mtimeNs: String(s.mtimeNs),
        ctimeNs: String(s.ctimeNs),
        ino: String(s.ino),
        dev: String(s.dev),
        crc32: crc32(readFileSync(path)),
      };
    };
    const metaFile = join(indexDirectory(target), 'meta.json');
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    meta.dataset = stamp(target);
    meta.text = stamp(join(copy, 'synthetic-6000.txt'));
    // Sealed afresh, as a forger would: its own checksum agrees too.
    const { check: _, ...unsealed } = meta;
    writeFileSync(metaFile, sealMeta(unsealed));
    expect(openIndex(target, SEARCH_FINGERPRINT).state).toBe('fresh');
    const bPlain = join(dir, 'b-plain');
    cpSync(join(dir, 'b'), bPlain, {
      recursive: true,
      filter: (src) => !src.includes('.armru-index'),
    });
    expectFallback(
      target,
      'claim 0 does not match the bytes it recorded in the dataset',
      join(bPlain, 'synthetic-6000.claims.json'),
    );
  });

  it('a same-size edit of the dataset with its modification time put back', () => {
    restore();
    const copy = join(dir, 'edited');
    rmSync(copy, { recursive: true, force: true });
    cpSync(join(dir, 'a'), copy, { recursive: true });
    const target = join(copy, 'synthetic-6000.claims.json');
    rmSync(indexDirectory(target), { recursive: true, force: true });
    cpSync(indexDirectory(a), indexDirectory(target), { recursive: true });
    // An index built for this very copy, so that only the edit below can make it stale.
    spawnSync(process.execPath, [BIN, 'index', target], { cwd: ROOT });
    expect(openIndex(target, SEARCH_FINGERPRINT).state).toBe('fresh');
    const before = statSync(target, { bigint: true });
    const text = readFileSync(target, 'utf8');
    const at = Buffer.byteLength(text.slice(0, text.indexOf('Gyumri')));
    editInPlace(target, at, 'Gyumrx');
    touchBack(target, before);
    expect(openIndex(target, SEARCH_FINGERPRINT)).toEqual({
      state: 'stale',
      reason: 'the dataset has changed since it was indexed',
    });
    const r = armru(['--data', target, 'search', 'Gyumrx', '--json']);
    expect(r.stderr.split('\n')[0]).toBe(
      note(target, 'the dataset has changed since it was indexed').trimEnd(),
    );
  });

  it('a same-size edit of the article with its modification time put back', () => {
    restore();
    const article = join(dir, 'a', 'synthetic-6000.txt');
    const original = readFileSync(article);
    const before = statSync(article, { bigint: true });
    try {
      editInPlace(article, 0, original[0] === 0x58 ? 'Y' : 'X');
      touchBack(article, before);
      expect(openIndex(a, SEARCH_FINGERPRINT)).toEqual({
        state: 'stale',
        reason: 'the article text has changed since it was indexed',
      });
      const r = search(a, 'Gyumri');
      expect(r.stderr.split('\n')[0]).toBe(
        note(a, 'the article text has changed since it was indexed').trimEnd(),
      );
    } finally {
      writeFileSync(article, original);
    }
  });
});

describe('small indexes (the built-in kind)', () => {
  let mini: string;
  beforeAll(() => {
    mini = join(dir, 'mini');
    cpSync(join(ROOT, 'tests/fixtures/mini'), mini, { recursive: true });
  });

  it('a same-size edit of the dataset with its time put back: the new words, not the old', () => {
    const file = join(mini, 'claims.json');
    expect(armru(['index', file]).status).toBe(0);
    const before = statSync(file, { bigint: true });
    const text = readFileSync(file, 'utf8');
    editInPlace(file, Buffer.byteLength(text.slice(0, text.indexOf('twice a day'))), 'twice a dax');
    touchBack(file, before);
    const r = armru(['--data', file, 'search', "'dax", '--json']);
    expect(r.status).toBe(0);
    const found = JSON.parse(r.stdout) as { id: string; text: string }[];
    expect(found.map((c) => c.id)).toEqual(['m2']);
    expect(found[0]?.text).toContain('twice a dax');
  });

  it('a same-size edit of the article with its time put back: show refuses, naming the claim', () => {
    const file = join(mini, 'claims.json');
    const article = join(mini, 'article.txt');
    expect(armru(['index', file]).status).toBe(0);
    const before = statSync(article, { bigint: true });
    const text = readFileSync(article, 'utf8');
    editInPlace(article, Buffer.byteLength(text.slice(0, text.indexOf('ferries will'))), 'ferriez');
    touchBack(article, before);
    const r = armru(['--data', file, 'show', 'm2']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('(claim m2)');
  });

  it('a zeroed copy in the index (same size) makes it stale: the full checks run, results stay right', () => {
    const copy = join(dir, 'mini-zero');
    cpSync(join(ROOT, 'tests/fixtures/mini'), copy, { recursive: true });
    const file = join(copy, 'claims.json');
    const expected = armru(['--data', file, 'search', 'ferry', '--json']);
    expect(armru(['index', file]).status).toBe(0);
    const stored = join(indexDirectory(file), 'dataset.copy');
    writeFileSync(stored, Buffer.alloc(statSync(stored).size, 0x20));
    expect(openIndex(file, SEARCH_FINGERPRINT)).toEqual({
      state: 'stale',
      reason: 'the dataset has changed since it was indexed',
    });
    const r = armru(['--data', file, 'search', 'ferry', '--json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(expected.stdout);
  });

  it('a copy in the index replaced by a FIFO or a device makes it stale, without waiting', () => {
    const copy = join(dir, 'mini-fifo');
    cpSync(join(ROOT, 'tests/fixtures/mini'), copy, { recursive: true });
    const file = join(copy, 'claims.json');
    const expected = armru(['--data', file, 'search', 'ferry', '--json']);
    expect(armru(['index', file]).status).toBe(0);
    for (const name of ['dataset.copy', 'meta.json']) {
      const stored = join(indexDirectory(file), name);
      rmSync(stored);
      expect(spawnSync('mkfifo', [stored]).status).toBe(0);
      const r = spawnSync(process.execPath, [BIN, '--data', file, 'search', 'ferry', '--json'], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.status, name).toBe(0);
      expect(r.stdout, name).toBe(expected.stdout);
      expect(armru(['index', file]).status).toBe(0);
    }
  });

  it('a copy of the built-in dataset elsewhere (as npm installs it) keeps its index', () => {
    const copy = join(dir, 'installed');
    // Copied without keeping times or inodes, as a package manager writes files.
    cpSync(join(ROOT, 'data'), copy, { recursive: true });
    const file = join(copy, 'claims.json');
    const raw = readFileSync(file, 'utf8');
    expect(openIndex(file, SEARCH_FINGERPRINT, raw).state).toBe('fresh');
    const r = armru(['--data', file, 'search', 'Gyumri', '--json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(armru(['search', 'Gyumri', '--json']).stdout);
  });
});

describe('armru index: concurrency and bad places', () => {
  it('a search while the index is rebuilt gets the old index, none, or the new one', async () => {
    restore();
    const plain = search(plainCopy, 'Gyumri');
    expect(plain.stderr.startsWith(noIndex(plainCopy))).toBe(true);
    const plainNotes = plain.stderr.slice(noIndex(plainCopy).length);
    let building = true;
    const rebuilds = (async () => {
      for (let i = 0; i < 3; i++) await run(process.execPath, [BIN, 'index', a], { cwd: ROOT });
      building = false;
    })();
    const searches: Promise<void>[] = [];
    const searcher = async () => {
      while (building) {
        const r = await run(
          process.execPath,
          [BIN, '--data', a, 'search', 'Gyumri', '--json', '--limit', '50'],
          { cwd: ROOT, maxBuffer: 1 << 26 },
        );
        // Caught between two builds, with no index at all, it says so first.
        const notes = r.stderr.startsWith(noIndex(a))
          ? r.stderr.slice(noIndex(a).length)
          : r.stderr;
        expect(notes).toBe(plainNotes);
        expect(r.stdout).toBe(plain.stdout);
      }
    };
    searches.push(searcher(), searcher());
    await rebuilds;
    await Promise.all(searches);
  }, 120_000);

  it('two runs at once: both succeed, or one says another is running', async () => {
    const start = () =>
      run(process.execPath, [BIN, 'index', a], { cwd: ROOT }).then(
        () => ({ status: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({
          status: error.code,
          stderr: error.stderr,
        }),
      );
    const results = await Promise.all([start(), start()]);
    expect(results.some((r) => r.status === 0)).toBe(true);
    for (const r of results.filter((x) => x.status !== 0)) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /^armru: .*synthetic-6000\.claims\.json: another armru process \(\d+\) is building its index; try again when it has finished, or remove .* if no such process runs\n$/,
      );
    }
    expect(openIndex(a, SEARCH_FINGERPRINT).state).toBe('fresh');
  }, 120_000);

  it('a lock held by a running process is respected; one left by a dead process is not', () => {
    const lockFile = `${indexDirectory(a)}.lock`;
    writeFileSync(lockFile, String(process.pid));
    try {
      const r = armru(['index', a]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `armru: ${a}: another armru process (${process.pid}) is building its index; try again when it has finished, or remove ${lockFile} if no such process runs\n`,
      );
    } finally {
      rmSync(lockFile, { force: true });
    }
    // A process id that cannot be running (above the kernel's limit).
    writeFileSync(lockFile, '2147483646');
    const r = armru(['index', a]);
    expect(r.status).toBe(0);
    expect(() => statSync(lockFile)).toThrow();
    // The id of a running process that started at another time than the lock says: the id
    // was used again (the test process has it, since another start). Linux only (/proc).
    if (existsSync('/proc/self/stat')) {
      writeFileSync(lockFile, `${process.pid} 1`);
      const reused = armru(['index', a]);
      expect(reused.stderr).not.toContain('another armru process');
      expect(reused.status).toBe(0);
      expect(() => statSync(lockFile)).toThrow();
      // And the lock of a build records its start, which a later check compares.
      const stat = readFileSync('/proc/self/stat', 'utf8');
      const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
      writeFileSync(lockFile, `${process.pid} ${started}`);
      try {
        expect(armru(['index', a]).status).toBe(2);
      } finally {
        rmSync(lockFile, { force: true });
      }
    }
  }, 120_000);

  it('an unknown path: one line, status 2', () => {
    const r = armru(['index', join(dir, 'nowhere.claims.json')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `armru: ${join(dir, 'nowhere.claims.json')}: cannot read the dataset (no such file or directory)\n`,
    );
  });

  it('a file name too long for an index beside it: one line, status 2', () => {
    const long = join(dir, 'long');
    cpSync(join(ROOT, 'tests/fixtures/mini'), long, { recursive: true });
    const file = join(long, `${'n'.repeat(240)}.claims.json`);
    cpSync(join(long, 'claims.json'), file);
    const r = armru(['index', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `armru: ${file}: cannot write its index beside it (the name is longer than the file system allows; give the dataset a shorter name)\n`,
    );
  });

  it('a folder the user cannot write: one line, status 2', (context) => {
    const ro = join(dir, 'readonly');
    cpSync(join(ROOT, 'tests/fixtures/mini'), ro, { recursive: true });
    const file = join(ro, 'claims.json');
    // Readable by all, writable by no one but root (who runs it as nobody, see unprivileged).
    for (const path of [dir, ro]) chmodSync(path, 0o755);
    chmodSync(file, 0o644);
    chmodSync(join(ro, 'article.txt'), 0o644);
    if (process.getuid?.() !== 0) chmodSync(ro, 0o555);
    let r: ReturnType<typeof armru>;
    try {
      r = unprivileged(context, ['index', file]);
    } finally {
      chmodSync(ro, 0o755);
    }
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`armru: ${file}: cannot write its index beside it (permission denied)\n`);
  });

  it('an indexed dataset gone or unreadable: one line from the loader, no note that the index is stale', (context) => {
    const kept = join(dir, 'kept');
    cpSync(join(ROOT, 'tests/fixtures/mini'), kept, { recursive: true });
    const file = join(kept, 'claims.json');
    expect(armru(['index', file]).status).toBe(0);
    chmodSync(dir, 0o755);
    chmodSync(kept, 0o755);
    chmodSync(file, 0o000);
    let r: ReturnType<typeof armru>;
    try {
      r = unprivileged(context, ['--data', file, 'search', 'ferry']);
    } finally {
      chmodSync(file, 0o644);
    }
    expect(r).toEqual({
      status: 2,
      stdout: '',
      stderr: `armru: ${file}: permission denied; cannot read the dataset\n`,
    });
    rmSync(file);
    expect(armru(['--data', file, 'search', 'ferry'])).toEqual({
      status: 2,
      stdout: '',
      stderr: `armru: ${file}: no such file; expected the dataset here\n`,
    });
  });

  it('a folder of datasets the user cannot read: one line, status 2 (was an internal error)', (context) => {
    const closed = join(dir, 'closed');
    cpSync(join(ROOT, 'tests/fixtures/mini'), closed, { recursive: true });
    chmodSync(dir, 0o755);
    chmodSync(closed, 0o000);
    let r: ReturnType<typeof armru>;
    try {
      r = unprivileged(context, ['--data', closed, 'claims']);
    } finally {
      chmodSync(closed, 0o755);
    }
    expect(r).toEqual({
      status: 2,
      stdout: '',
      stderr: `armru: ${closed}: permission denied; cannot read the directory of datasets\n`,
    });
  });
});
