import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { writeCorpus } from '../../bench/corpus.mjs';
import { armru, BIN, ROOT } from '../helpers.js';

// Faults from the trust issue, each injected for real: file-size limits, devices made with
// mknod in a temporary folder, FIFOs, sockets, links, edits with the old times put back.

let dir: string;
const isRoot = process.getuid?.() === 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'armru-trust-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh copy of the built-in dataset in its own folder. */
function copyDataset(name: string): string {
  const target = join(dir, name);
  mkdirSync(target);
  for (const file of ['claims.json', 'article.txt', 'claims.schema.json'])
    copyFileSync(join(ROOT, 'data', file), join(target, file));
  return join(target, 'claims.json');
}

/** Runs the binary under a file-size limit (in 1 KiB blocks), as `ulimit -f` sets it. */
function armruLimited(blocks: number, args: string[]) {
  const r = spawnSync(
    'bash',
    ['-c', `ulimit -f ${blocks}; exec "$0" "$@"`, process.execPath, BIN, ...args],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const leftovers = (folder: string) => readdirSync(folder).filter((n) => n.includes('.tmp'));

function mknod(path: string, major: number, minor: number): boolean {
  return spawnSync('mknod', [path, 'c', String(major), String(minor)]).status === 0;
}

describe('an output never replaces an input', () => {
  // `export --format csv -o claims.json` replaced the dataset it exported with CSV, and
  // `draft a.txt -o a.txt` the article with its draft, both with exit 0.
  const copy = () => {
    const at = mkdtempSync(join(dir, 'inputs-'));
    for (const name of ['claims.json', 'article.txt'])
      copyFileSync(join(ROOT, 'data', name), join(at, name));
    symlinkSync('claims.json', join(at, 'link.json'));
    mkdirSync(join(at, 'sub'));
    return at;
  };
  const inside = (at: string, args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd: at, encoding: 'utf8' });
  const refusal = (path: string, role: string) =>
    `armru: ${path}: is ${role}, which this run reads: writing the output there would destroy it; give -o another file (nothing was written)\n`;

  it('refuses -o naming the dataset or its article, by any path, in every command that writes', () => {
    const at = copy();
    const dataset = refusal('claims.json', 'a dataset');
    const cases: [string[], string][] = [
      [['export', '-o', 'claims.json'], dataset],
      [['export', '--format', 'csv', '-o', 'claims.json'], dataset],
      [['export', '--format', 'jsonl', '-o', 'link.json'], refusal('link.json', 'a dataset')],
      [
        ['export', '--format', 'annotations', '-o', 'sub/../article.txt'],
        refusal('sub/../article.txt', 'the article of claims.json'),
      ],
      [
        ['report', '-o', join(at, 'article.txt')],
        refusal(join(at, 'article.txt'), 'the article of claims.json'),
      ],
      [['report', '-o', 'claims.json'], dataset],
    ];
    for (const [args, stderr] of cases) {
      const r = inside(at, ['--data', 'claims.json', ...args]);
      expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }, args.join(' ')).toEqual({
        status: 2,
        stdout: '',
        stderr,
      });
    }
    const draft = inside(at, ['draft', 'article.txt', '-o', 'article.txt', '--force']);
    expect(draft.stderr).toBe(refusal('article.txt', 'the article being drafted'));
    expect(draft.status).toBe(2);
    expect(readFileSync(join(at, 'claims.json'))).toEqual(
      readFileSync(join(ROOT, 'data/claims.json')),
    );
    expect(readFileSync(join(at, 'article.txt'))).toEqual(
      readFileSync(join(ROOT, 'data/article.txt')),
    );
    expect(leftovers(at)).toEqual([]);
    // Any other file is written as before.
    expect(
      inside(at, ['--data', 'claims.json', 'export', '--format', 'csv', '-o', 'out.csv']).status,
    ).toBe(0);
  });

  it('draft replaces an existing file only with --force', () => {
    const at = copy();
    const r = inside(at, ['draft', 'article.txt', '-o', 'claims.json']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({
      status: 2,
      stderr:
        'armru: claims.json: the file exists; add --force to replace it, and any editing done in it (nothing was written)\n',
    });
    expect(readFileSync(join(at, 'claims.json'))).toEqual(
      readFileSync(join(ROOT, 'data/claims.json')),
    );
    const forced = inside(at, ['draft', 'article.txt', '-o', 'claims.json', '--force']);
    expect(forced.status).toBe(0);
    expect(JSON.parse(readFileSync(join(at, 'claims.json'), 'utf8')).claims[0].review).toBe(
      'draft',
    );
    // `-o -` is standard output, as for export and report.
    const out = inside(at, ['draft', 'article.txt', '-o', '-']);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).source.text).toContain('Gyumri');
    expect(existsSync(join(at, '-'))).toBe(false);
  });
});

describe('writing files', () => {
  it('a short write (file-size limit) fails with exit 2 and leaves the original untouched', () => {
    const out = join(dir, 'limited.json');
    writeFileSync(out, 'the original\n');
    const r = armruLimited(8, ['export', '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `armru: ${out}: cannot write the file (the file is larger than the file-size limit allows); nothing was written\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe('the original\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it('a full disk (a small tmpfs) fails with exit 2 and leaves the original untouched', (ctx) => {
    const mount = join(dir, 'tiny');
    mkdirSync(mount);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=32k', 'tmpfs', mount]);
    if (mounted.status !== 0) {
      ctx.skip(`cannot mount a tmpfs here: ${String(mounted.stderr).trim()}`);
      return;
    }
    try {
      const out = join(mount, 'claims.json');
      writeFileSync(out, 'the original\n');
      const r = armru(['export', '-o', out]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `armru: ${out}: cannot write the file (no space left on the device); nothing was written\n`,
      );
      expect(readFileSync(out, 'utf8')).toBe('the original\n');
      expect(readdirSync(mount)).toEqual(['claims.json']);
    } finally {
      spawnSync('umount', [mount]);
    }
  });

  it('writes through a symbolic link, keeping the link', () => {
    const target = join(dir, 'real.csv');
    const link = join(dir, 'link.csv');
    writeFileSync(target, 'old');
    symlinkSync('real.csv', link);
    const r = armru(['export', '--format', 'csv', '-o', link]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.csv');
    expect(readFileSync(target, 'utf8')).toMatch(/^source,id,/);
  });

  it('keeps the mode of the file it replaces, and gives a new file the usual mode', () => {
    const secret = join(dir, 'secret.jsonl');
    writeFileSync(secret, 'old', { mode: 0o600 });
    chmodSync(secret, 0o600);
    expect(armru(['export', '--format', 'jsonl', '-o', secret]).status).toBe(0);
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    const fresh = join(dir, 'fresh.jsonl');
    expect(armru(['export', '--format', 'jsonl', '-o', fresh]).status).toBe(0);
    expect(statSync(fresh).mode & 0o777).toBe(0o666 & ~process.umask());
  });

  it('refuses a read-only file, even as root', () => {
    const readOnly = join(dir, 'read-only.json');
    writeFileSync(readOnly, 'keep me');
    chmodSync(readOnly, 0o444);
    const r = armru(['export', '-o', readOnly]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`armru: ${readOnly}: the file is read-only; nothing was written\n`);
    expect(readFileSync(readOnly, 'utf8')).toBe('keep me');
  });

  it('refuses to split a hard link', () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, 'shared');
    linkSync(a, b);
    const r = armru(['export', '-o', b]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `armru: ${b}: the file has 2 hard links, which replacing it would split; write to a new file instead (nothing was written)\n`,
    );
    expect(statSync(a).ino).toBe(statSync(b).ino);
    expect(readFileSync(a, 'utf8')).toBe('shared');
  });

  it('refuses a device, a FIFO, a socket and an empty name, and replaces none of them', async (ctx) => {
    const fifo = join(dir, 'out.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = armru(['export', '-o', fifo]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `armru: ${fifo}: is a FIFO, not a regular file; armru writes only regular files, nothing was written (leave out -o to write to standard output)\n`,
    );
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    // /dev/stdout on a pipe: a link to a pipe, which has no path (it was reported as a
    // missing directory).
    const piped = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${BIN}" export -o /dev/stdout | cat`],
      { encoding: 'utf8' },
    );
    expect(piped.stdout).toBe('');
    expect(piped.stderr).toBe(
      'armru: /dev/stdout: is a FIFO, not a regular file; armru writes only regular files, nothing was written (leave out -o to write to standard output)\n',
    );

    const socket = join(dir, 'out.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const s = armru(['export', '-o', socket]);
      expect(s.status).toBe(2);
      expect(s.stderr).toBe(
        `armru: ${socket}: is a socket, not a regular file; armru writes only regular files, nothing was written (leave out -o to write to standard output)\n`,
      );
      expect(lstatSync(socket).isSocket()).toBe(true);
    } finally {
      server.close();
    }

    const empty = armru(['export', '-o', '']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe('armru: the output file name is empty; expected a file path\n');

    if (!isRoot || !mknod(join(dir, 'null'), 1, 3)) {
      ctx.skip('mknod needs root: the device case was not run');
      return;
    }
    const device = join(dir, 'null');
    const d = armru(['export', '-o', device]);
    expect(d.status).toBe(2);
    expect(d.stderr).toBe(
      `armru: ${device}: is a device, not a regular file; armru writes only regular files, nothing was written (leave out -o to write to standard output)\n`,
    );
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });

  it('removes a temporary file a killed run left behind, and only such', () => {
    const out = join(dir, 'again.json');
    const dead = join(dir, '.again.json.armru-999999999.tmp');
    const live = join(dir, `.again.json.armru-${process.pid}.tmp`);
    writeFileSync(dead, 'half a file');
    writeFileSync(live, 'another run is writing');
    expect(armru(['export', '-o', out]).status).toBe(0);
    expect(readdirSync(dir)).not.toContain('.again.json.armru-999999999.tmp');
    expect(readFileSync(live, 'utf8')).toBe('another run is writing');
    rmSync(live);
  });

  it('validate --fix never rewrites a file with a duplicate key, and says where it is', () => {
    const file = copyDataset('dupkey');
    const text = readFileSync(file, 'utf8');
    // A second, empty "claims" key: JSON.parse would keep it and lose every claim.
    const broken = text.replace(/\n}\s*$/, ',\n  "claims": []\n}\n');
    writeFileSync(file, broken);
    const r = armru(['validate', '--fix', file]);
    expect(r.status).toBe(2);
    const lines = broken.split('\n');
    const line = lines.findIndex((l) => l.startsWith('  "claims": []')) + 1;
    const first = lines.findIndex((l) => l.startsWith('  "claims": [')) + 1;
    expect(r.stderr).toBe(
      `armru: ${file}: not a valid armru dataset (1 problem)\n  ${file}:${line}:3: $.claims: the key "claims" appears twice in one object (first at line ${first}, column 3); expected each key once, since JSON readers keep only one of them\n`,
    );
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });
});

describe('a file saved by someone else while armru works', () => {
  it('validate --fix keeps an edit saved while it ran, writes nothing and says so', () => {
    const file = copyDataset('saved-meanwhile');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    delete doc.claims[0].quote.start;
    delete doc.claims[0].quote.end;
    writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
    // The fault: just before armru's write is complete (its fsync), an editor saves the file
    // the way editors do, a new file renamed over the old one.
    const edited = `${JSON.stringify({ ...doc, title: 'edited meanwhile' }, null, 2)}\n`;
    const hook = join(dir, 'save-meanwhile.cjs');
    writeFileSync(
      hook,
      `const fs = require('node:fs');
      const fsync = fs.fsyncSync;
      let saved = false;
      fs.fsyncSync = (fd) => {
        if (!saved) {
          saved = true;
          fs.writeFileSync(${JSON.stringify(`${file}.editor`)}, ${JSON.stringify(edited)});
          fs.renameSync(${JSON.stringify(`${file}.editor`)}, ${JSON.stringify(file)});
        }
        return fsync(fd);
      };
      require('node:module').syncBuiltinESMExports();`,
    );
    const r = armru(['validate', '--fix', file], { NODE_OPTIONS: `--require ${hook}` });
    expect(r.stderr).toBe(
      `armru: ${file}: not fixed: --fix made it pass every check, but could not write it\n  ${file}: the file changed on disk after armru read it; not rewritten, so that change is kept\n`,
    );
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(readdirSync(join(dir, 'saved-meanwhile')).sort()).toEqual([
      'article.txt',
      'claims.json',
      'claims.schema.json',
    ]);
    // In JSON the report says the fix passed but was not written.
    writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
    const json = armru(['validate', '--fix', '--json', file], {
      NODE_OPTIONS: `--require ${hook}`,
    });
    expect(json.status).toBe(2);
    const [report] = JSON.parse(json.stdout);
    expect([report.valid, report.unwritten, report.fixed, report.problems.length]).toEqual([
      false,
      true,
      [],
      1,
    ]);
    // Without the fault the same run fills in the offsets.
    writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
    expect(armru(['validate', '--fix', file]).status).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).claims[0].quote.start).toBeTypeOf('number');
  });
});

describe('reading files', () => {
  it('refuses an article linked to a file outside the dataset folder, without quoting it', () => {
    const file = copyDataset('escape');
    rmSync(join(dir, 'escape', 'article.txt'));
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'root:x:0:0:TOP-SECRET\n');
    symlinkSync(secret, join(dir, 'escape', 'article.txt'));
    for (const args of [['claims'], ['export']]) {
      const r = armru(['--data', file, ...args]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toContain('TOP-SECRET');
      expect(r.stderr).toContain(
        `${file}: $.source.textFile: "article.txt" is a link to a file outside the dataset's directory; expected the article inside it`,
      );
    }
  });

  it('accepts a name that only starts with two dots', () => {
    const file = copyDataset('dots');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.source.textFile = '..article.txt';
    writeFileSync(file, JSON.stringify(doc));
    copyFileSync(join(dir, 'dots', 'article.txt'), join(dir, 'dots', '..article.txt'));
    // --all: c10 matches Gyumri only through an agreement, a note on stderr without it.
    const r = armru(['--data', file, 'search', 'Gyumri', '--all']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('refuses a FIFO or a device as a dataset instead of hanging or filling memory', (ctx) => {
    const fifo = join(dir, 'in.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = spawnSync(process.execPath, [BIN, '--data', fifo, 'claims'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`armru: ${fifo}: is a FIFO, not a regular file; expected the dataset\n`);
    if (!isRoot || !mknod(join(dir, 'zero'), 1, 5)) {
      ctx.skip('mknod needs root: the endless device was not tried');
      return;
    }
    const zero = join(dir, 'zero');
    const z = spawnSync(process.execPath, [BIN, '--data', zero, 'claims'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(z.status).toBe(2);
    expect(z.stderr).toBe(
      `armru: ${zero}: is a device, not a regular file; expected the dataset\n`,
    );
  });

  it('says that the line endings differ when the article is a CRLF copy', () => {
    const file = copyDataset('crlf');
    const article = join(dir, 'crlf', 'article.txt');
    writeFileSync(article, readFileSync(article, 'utf8').replace(/\n/g, '\r\n'));
    const r = armru(['validate', file]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[1]).toMatch(
      /\$\.source\.textSha256: the article text's SHA-256 is [0-9a-f]{64}, not the one recorded: the article's line endings differ \(it has CRLF, the dataset was made from the LF text\); convert it back, for example with dos2unix$/,
    );
  });

  it('gives one line, never an internal error, for deep nesting, unknown paths and long names', () => {
    const deep = join(dir, 'deep.claims.json');
    writeFileSync(deep, `${'['.repeat(100_000)}1,,`);
    const r = armru(['--data', deep, 'claims']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^armru: ${deep}:1:\\d+: invalid JSON: .+\\n$`));

    const nested = join(dir, 'nested.claims.json');
    writeFileSync(nested, `{"x": ${'['.repeat(5000)}${']'.repeat(5000)}}`);
    const n = armru(['--data', nested, 'claims']);
    expect(n.status).toBe(2);
    expect(n.stderr).toBe(
      `armru: ${nested}:1:${7 + 511}: ${`$.x${'[0]'.repeat(511)}`.slice(0, 48)}…${'[0]'.repeat(16)}: nested more than 512 levels deep; expected a dataset's shape\n`,
    );
    // One line of readable length: the path's two ends.
    expect(n.stderr.length).toBeLessThan(300);

    const long = join(dir, `${'n'.repeat(300)}.claims.json`);
    const l = armru(['--data', long, 'claims']);
    expect(l.status).toBe(2);
    expect(l.stderr).toBe(`armru: ${long.slice(0, 80)}…: the file name is too long\n`);
  });

  it('refuses lone surrogates and impossible dates with their JSON path', () => {
    const file = copyDataset('dates');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const dated = doc.claims.findIndex((c: { when?: unknown }) => c.when);
    doc.claims[dated].when.date = '2019-02-30';
    doc.agreements[0].when = { date: '2019-13', text: 'x', basis: 'text' };
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const r = armru(['validate', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `  ${file}: $.claims[${dated}].when.date: "2019-02-30" has day 30, but 2019-02 has 28 days; expected a real calendar date (claim ${doc.claims[dated].id})\n`,
    );
    expect(r.stderr).toContain(
      `  ${file}: $.agreements[0].when.date: "2019-13" has month 13; expected a month from 01 to 12\n`,
    );

    const text = readFileSync(file, 'utf8').replace('"2019-02-30"', '"2020-02-29"');
    writeFileSync(file, text.replace(/"name": "([^"]*)"/, '"name": "$1 \\ud800"'));
    const s = armru(['validate', file]);
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(
      /: \$\.entities\[0\]\.name: a string holds an unpaired UTF-16 surrogate \(a \\uD800-\\uDFFF escape without its other half\); expected text\n$/,
    );
  });
});

describe('what is shown is what the article says now', () => {
  it('an edit of the article with its old times put back is caught, index or not', () => {
    const file = copyDataset('touched');
    expect(armru(['index', file]).status).toBe(0);
    const article = join(dir, 'touched', 'article.txt');
    const before = statSync(article);
    const text = readFileSync(article, 'utf8');
    spawnSync('touch', ['-r', article, join(dir, 'touched', 'times')]);
    // Same size, new words, inside the quote of c06 ("… Base in Gyumri"), old times put back.
    writeFileSync(article, text.replace('Gyumri', 'Gyumru'));
    spawnSync('touch', ['-r', join(dir, 'touched', 'times'), article]);
    expect(statSync(article).size).toBe(before.size);
    expect(statSync(article).mtimeMs).toBe(before.mtimeMs);
    for (const args of [['show', 'c06'], ['search', 'Gyumri'], ['claims']]) {
      const r = armru(['--data', file, ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      // Caught by the index's stamps (a full check then names the claim) or, failing those,
      // by the check of every quote against the article as read now.
      expect(r.stderr, args.join(' ')).toMatch(/\(claim c06\)\n|: claim c06: /);
    }
  });
});

describe('the prepared search index of a small index', () => {
  it('never changes a result, whole or damaged (the search no longer reads it)', () => {
    const file = copyDataset('prepared');
    const before = armru(['--data', file, 'search', 'Russia', '--json']);
    const plain = before.stdout;
    expect(armru(['index', file]).status).toBe(0);
    const prepared = join(`${file}.armru-index`, 'fuse.json');
    expect(JSON.parse(readFileSync(prepared, 'utf8')).records.length).toBeGreaterThan(0);
    expect(armru(['--data', file, 'search', 'Russia', '--json']).stdout).toBe(plain);
    // Same size, other bytes: the CRC-32 no longer matches, so the search builds its own.
    const bytes = readFileSync(prepared);
    writeFileSync(prepared, Buffer.alloc(bytes.length, 0x20));
    const damaged = armru(['--data', file, 'search', 'Russia', '--json']);
    expect(damaged.stderr).toBe(before.stderr);
    expect(damaged.stdout).toBe(plain);
  });
});

describe('the terminal and the process', () => {
  it('escapes control sequences in file names and in echoed arguments', () => {
    const evil = join(dir, 'evil\u001b]0;owned\u0007.claims.json');
    copyFileSync(join(ROOT, 'data', 'claims.json'), evil);
    copyFileSync(join(ROOT, 'data', 'article.txt'), join(dir, 'article.txt'));
    const v = armru(['validate', evil]);
    expect(v.stdout).not.toContain('\u001b');
    expect(v.stdout).toContain('evil\\x1b]0;owned\\x07.claims.json: valid (');
    for (const args of [
      ['\u001b[2Jsearch'],
      ['search', '--limt\u001b[2J', '3', 'x'],
      ['search', '--kind', 'q\u001b[2J', 'x'],
      ['--color', '\u001b[2J', 'search', 'x'],
      ['search', '--limit', '\u001b[2J', 'x'],
      ['graph', '--format', '\u009b2J'],
    ]) {
      const r = armru(args);
      expect(r.status, JSON.stringify(args)).toBe(2);
      expect(r.stderr.includes('\u001b') || r.stderr.includes('\u009b'), JSON.stringify(args)).toBe(
        false,
      );
    }
  });

  it('a full disk on standard output is one line and exit 2', () => {
    const r = spawnSync('bash', ['-c', `"$0" "$@" > /dev/full`, process.execPath, BIN, 'claims'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'armru: cannot write to standard output (no space left on the device); the output is incomplete\n',
    );
  });

  it('finds decomposed, full-width and ligature spellings', () => {
    for (const query of ['Ｇｙｕｍｒｉ', 'Gyu\u0308mri', 'GYUMRI']) {
      const r = armru(['search', query]);
      expect(r.status, query).toBe(0);
      expect(r.stdout.split('\n')[0]?.split('\t')[0], query).toMatch(/^c(06|07|12)$/);
    }
    const file = copyDataset('ligature');
    const article = join(dir, 'ligature', 'article.txt');
    const text = readFileSync(article, 'utf8');
    expect(text).toContain('officials');
    // The article as typeset with a ligature: the dataset re-anchored to it still finds "official".
    writeFileSync(article, text.replace(/officials/g, 'oﬃcials'));
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    for (const claim of doc.claims) {
      claim.quote = { exact: claim.quote.exact.replace(/officials/g, 'oﬃcials') };
    }
    delete doc.source.textSha256;
    writeFileSync(file, JSON.stringify(doc));
    expect(armru(['validate', '--fix', file]).status).toBe(0);
    const r = armru(['--data', file, 'search', "'officials"]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toBe('');
  });
});

describe('the code cache', () => {
  it('loads a bundle that is all ASCII', () => {
    // One character outside ASCII anywhere (esbuild leaves comments and regular expressions as
    // written) makes the whole 800 kB source a two-byte string: decoding it took about 2 ms of
    // every start instead of under 1. Write such characters as \u escapes in the source.
    const lines = readFileSync(join(ROOT, 'dist/armru/cli.cjs'), 'utf8').split('\n');
    const outside = lines.flatMap((line, i) =>
      [...line].some((c) => c.charCodeAt(0) > 0x7f)
        ? [`line ${i + 1}: ${line.trim().slice(0, 80)}`]
        : [],
    );
    expect(outside).toEqual([]);
  });

  it('never runs old code for a same-length patch of the bundle, and DEBUG names the installed file', () => {
    const install = join(dir, 'install');
    mkdirSync(install);
    for (const part of ['bin', 'dist', 'data', 'package.json'])
      cpSync(join(ROOT, part), join(install, part), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(install, 'node_modules'));
    const bundle = join(install, 'dist', 'armru', 'cli.cjs');
    const run = (env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [join(install, 'bin', 'armru.js'), 'show', 'nope'], {
        cwd: install,
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
    expect(run().stderr).toContain('no claim has the id "nope"');
    const source = readFileSync(bundle, 'utf8');
    const patched = source.replace('no claim has the id', 'NO CLAIM HAS THE ID');
    expect(patched.length).toBe(source.length);
    writeFileSync(bundle, patched);
    expect(run().stderr).toContain('NO CLAIM HAS THE ID "nope"');
    const debug = run({ DEBUG: '1' }).stderr;
    expect(debug).toContain(bundle);
    expect(debug).not.toContain(join(ROOT, 'dist'));
  });
});

describe('a damaged install', () => {
  // V8 checks a code cache's header but not its data: a changed byte in the data stopped the
  // process with V8's fatal error and a native stack trace (exit 133), in every run. The entry
  // keeps the data twice and uses it only when both copies agree (src/entry.ts, cacheFor).
  // The other files the build writes beside the bundle are checked or optional too.
  const install = () => {
    const at = mkdtempSync(join(dir, 'damaged-'));
    for (const part of ['bin', 'dist', 'data', 'package.json'])
      cpSync(join(ROOT, part), join(at, part), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(at, 'node_modules'));
    return at;
  };
  const run = (at: string, args: string[]) =>
    spawnSync(process.execPath, [join(at, 'bin', 'armru.js'), ...args], {
      cwd: at,
      encoding: 'utf8',
      env: { ...process.env, DEBUG: '' },
      timeout: 30_000,
    });
  /** Flips every 97th byte of the first copy of a cache's data, and maybe of the second. */
  const damage = (at: string, bundle: string, both: boolean) => {
    const source = readFileSync(join(at, 'dist', 'armru', `${bundle}.cjs`));
    const file = join(at, 'dist', 'armru', `${bundle}.cache`);
    const cache = readFileSync(file);
    const start = Math.ceil(source.length / 8) * 8;
    const half = (cache.length - start) / 2;
    expect(Number.isInteger(half) && half > 1000).toBe(true);
    for (let i = start + 200; i < start + half; i += 97) {
      cache[i] = (cache[i] as number) ^ 0x5a;
      if (both) cache[i + half] = (cache[i + half] as number) ^ 0x5a;
    }
    writeFileSync(file, cache);
  };
  it("runs as before when one copy of a code cache's data is damaged", () => {
    const expected = { quick: armru(['search', 'Gyumri']), cli: armru(['show', 'c08']) };
    const at = install();
    damage(at, 'quick', false);
    damage(at, 'cli', false);
    for (const [bundle, args] of [
      ['quick', ['search', 'Gyumri']],
      ['cli', ['show', 'c08']],
    ] as const) {
      const r = run(at, [...args]);
      expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }, bundle).toEqual(
        expected[bundle],
      );
    }
  });

  it('answers --version and --help with the full CLI when their build-time text is damaged', () => {
    const expected = [armru(['--version']), armru(['--help']), armru(['search', '--help'])];
    const at = install();
    for (const damaged of ['{"version":"0.1', '{"version":7,"help":null}', '[]', 'null']) {
      writeFileSync(join(at, 'dist', 'armru', 'answers.json'), damaged);
      for (const [i, args] of [['--version'], ['--help'], ['search', '--help']].entries()) {
        const r = run(at, args);
        expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }, damaged).toEqual(
          expected[i],
        );
      }
    }
  });

  it("names Graphviz's WebAssembly when it is damaged, in one line, before Graphviz meets it", () => {
    const at = install();
    const wasm = join(at, 'dist', 'armru', 'viz.wasm');
    const bytes = readFileSync(wasm);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 1;
    writeFileSync(wasm, bytes);
    const message = `armru: internal error: ${wasm} is damaged (not the ${bytes.length.toLocaleString('en')} bytes the build wrote); reinstall armru\nSet DEBUG=1 to see where it happened.\n`;
    const svg = run(at, ['graph', '--format', 'svg']);
    expect({ status: svg.status, stdout: svg.stdout, stderr: svg.stderr }).toEqual({
      status: 70,
      stdout: '',
      stderr: message,
    });
    const page = join(at, 'page.html');
    const report = run(at, ['report', '-o', page]);
    expect({ status: report.status, stderr: report.stderr }).toEqual({
      status: 70,
      stderr: message,
    });
    expect(existsSync(page)).toBe(false);
    // Everything that does not draw is untouched.
    expect(run(at, ['graph']).status).toBe(0);
  });

  it('damages the kind of bytes V8 stops on (the control: both copies damaged alike)', () => {
    // What V8 meets without the check. The check is against damage, not a seal: the same
    // change made to both copies on purpose still reaches V8.
    const at = install();
    damage(at, 'quick', true);
    const r = run(at, ['search', 'Gyumri']);
    // V8's fatal error (SIGTRAP) where it notices, a crash by another signal where it does not.
    expect(r.status).not.toBe(0);
    expect(r.stdout).not.toContain('Gyumri');
  });
});

describe('interrupting a write', () => {
  it('a signal while the temporary file is written removes it, keeps the old file, and ends as the signal', async () => {
    // The temporary file (.NAME.armru-PID.tmp, megabytes) was left beside the target by
    // Ctrl-C, SIGTERM and SIGHUP: the process ended by the signal's default action.
    const folder = mkdtempSync(join(dir, 'signal-'));
    const data = writeCorpus(20000, join(folder, 'data'), 5, 'topical') as string;
    for (const [signal, format] of [
      ['SIGINT', 'jsonl'],
      ['SIGTERM', 'json'],
      ['SIGHUP', 'annotations'],
    ] as const) {
      const out = join(folder, `out.${format}`);
      writeFileSync(out, 'old\n');
      const child = spawn(process.execPath, [
        BIN,
        '--data',
        data,
        'export',
        '--format',
        format,
        '-o',
        out,
      ]);
      const ended = new Promise<[number | null, string | null]>((resolve) =>
        child.on('close', (code, sig) => resolve([code, sig])),
      );
      // Wait for the temporary file, then for it to hold something.
      let temporary: string | undefined;
      for (let i = 0; i < 3000 && !temporary; i++) {
        temporary = readdirSync(folder).find((n) => n.endsWith('.tmp'));
        if (!temporary) await new Promise((r) => setTimeout(r, 5));
      }
      expect(temporary, format).toBeDefined();
      await new Promise((r) => setTimeout(r, 50));
      child.kill(signal);
      const [status, ended_by] = await ended;
      // Unless the export finished first (then it is whole), the signal ended it.
      const now = readFileSync(out, 'utf8');
      if (status === 0) expect(now.length, format).toBeGreaterThan(1000);
      else {
        expect(ended_by, format).toBe(signal);
        expect(now, format).toBe('old\n');
      }
      expect(leftovers(folder), format).toEqual([]);
    }
  }, 120_000);

  it('Ctrl-C during an export leaves the old file and no temporary file', async () => {
    const out = join(dir, 'interrupted.jsonl');
    writeFileSync(out, 'old\n');
    const child = spawn(process.execPath, [BIN, 'export', '--format', 'jsonl', '-o', out], {
      cwd: ROOT,
    });
    child.kill('SIGINT');
    const [status, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.on('close', (code, sig) => resolve([code, sig])),
    );
    // Interrupted before armru set its handler (the signal's own action), during the work
    // (130), or after the file was already complete (0).
    expect(status === 130 || status === 0 || signal === 'SIGINT').toBe(true);
    const now = readFileSync(out, 'utf8');
    expect(now === 'old\n' || now.split('\n').length > 30).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });
});
