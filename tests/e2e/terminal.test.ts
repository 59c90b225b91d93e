import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { writeCorpus } from '../../bench/corpus.mjs';
import { displayWidth } from '../../src/render/text-width.js';
import { armru, BIN, fixture, ROOT, stripAnsi } from '../helpers.js';
import { requireTool } from '../tools.js';

const ESC = '\u001b[';
let dir: string;
let big: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'armru-terminal-'));
  big = writeCorpus(30_000, join(dir, 'big')) as string;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a shell line inside a pseudo-terminal; stdout and stderr both reach the terminal unless redirected. */
function inTerminal(line: string, env: Record<string, string> = {}) {
  const base = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'ARMRU_DATA', 'DEBUG'])
    delete base[name];
  const r = spawnSync('script', ['-qec', line, '/dev/null'], {
    cwd: ROOT,
    env: { ...base, TERM: 'xterm-256color', ARMRU_PAGER: 'cat', ...env },
    encoding: 'utf8',
  });
  return { status: r.status, output: r.stdout.replace(/\r\n/g, '\n') };
}

const armruLine = (args: string) => `${process.execPath} ${BIN} ${args}`;

describe('colour', () => {
  // Expected colour for each flag × environment, by whether stdout is a terminal.
  const flags = ['', '--color=always', '--color never', '--no-color', '--color auto'];
  const envs: Record<string, string>[] = [
    {},
    { NO_COLOR: '1' },
    { NO_COLOR: '' },
    { FORCE_COLOR: '1' },
    { FORCE_COLOR: '0' },
  ];
  const expected = (flag: string, env: Record<string, string>, tty: boolean) => {
    if (flag.includes('always')) return true;
    if (flag.includes('never') || flag === '--no-color') return false;
    if (env.NO_COLOR) return false;
    if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
    return tty;
  };

  // Fifty runs of the binary, half in a pseudo-terminal: on a loaded two-core machine that
  // takes longer than the default timeout, which measures the load, not armru.
  it('follows flag, then NO_COLOR, then FORCE_COLOR, then the terminal, on stdout', () => {
    for (const flag of flags) {
      for (const env of envs) {
        const label = `${flag || '(no flag)'} ${JSON.stringify(env)}`;
        const pipe = armru(['search', 'Gyumri', ...flag.split(' ').filter(Boolean)], env);
        expect(pipe.status, label).toBe(0);
        expect(pipe.stdout.includes(ESC), `pipe ${label}`).toBe(expected(flag, env, false));
        const tty = inTerminal(armruLine(`search Gyumri ${flag}`), { COLUMNS: '100', ...env });
        expect(tty.output.includes(ESC), `terminal ${label}`).toBe(expected(flag, env, true));
      }
    }
  }, 60_000);

  it('decides stderr on its own', () => {
    const errFile = join(dir, 'stderr.txt');
    // stdout a terminal, stderr a file: the table is coloured, the error is not.
    const a = inTerminal(
      `${armruLine('search Gyumri')}; ${armruLine('search qqqxzz')} 2>${errFile}`,
      { COLUMNS: '100' },
    );
    expect(a.output).toContain(ESC);
    expect(readFileSync(errFile, 'utf8')).toBe('armru: no claims match "qqqxzz"\n');
    // stdout a pipe, stderr the terminal: lines are plain, the error prefix is coloured.
    const b = inTerminal(`${armruLine('search x --actor Shoygoo')} | cat`);
    expect(b.output).toBe(
      `${ESC}31marmru:${ESC}39m no actor is named "Shoygoo"; closest: "Shoygu"\n`,
    );
  });

  it('keeps cli-table3’s own colours off: borders and headers carry only armru’s codes', () => {
    const tty = inTerminal(armruLine('claims --kind quote'), { COLUMNS: '100' });
    const codes = tty.output.match(new RegExp(`${ESC.replace('[', '\\[')}[0-9;]*m`, 'g')) ?? [];
    expect(new Set(codes)).toEqual(
      new Set([`${ESC}1m`, `${ESC}22m`, `${ESC}36m`, `${ESC}39m`, `${ESC}33m`]),
    );
    expect(tty.output).not.toContain(`${ESC}90m`); // cli-table3's grey borders
  });
});

describe('width in a real terminal', () => {
  for (const columns of [60, 120]) {
    it(`fits ${columns} columns as the terminal reports them`, () => {
      const r = inTerminal(`stty cols ${columns} rows 50; ${armruLine('search Shoigu --limit 5')}`);
      expect(r.status).toBe(0);
      const lines = stripAnsi(r.output).trimEnd().split('\n');
      expect(lines[0]).toMatch(/^┌/);
      const widest = Math.max(...lines.map(displayWidth));
      expect(widest).toBeLessThanOrEqual(columns);
      // At 120 the claim has room, so the table is wider than at 60 but does not pad itself out.
      if (columns === 120) expect(widest).toBeGreaterThan(90);
      if (columns === 60) expect(lines[1]).not.toContain('ACTORS');
    });
  }

  it('never splits a wide character', () => {
    const r = inTerminal(`stty cols 60 rows 50; ${armruLine('actors Tonoyan')}`);
    for (const line of stripAnsi(r.output).split('\n')) expect(line).not.toContain('\ufffd');
    expect(stripAnsi(r.output)).toContain('Դավիթ');
  });
});

describe('pipes', () => {
  it('ends quietly with status 0 when the reader closes early', () => {
    for (const args of ['export --format jsonl', 'claims', 'export']) {
      const r = spawnSync(
        'bash',
        [
          '-c',
          `${armruLine(`--data ${big} ${args}`)} | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`,
        ],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      );
      expect(r.stdout, args).toBe('0\n');
      expect(r.stderr, args).toBe('');
    }
  });

  it('never cuts a large output short', () => {
    const r = spawnSync(
      'bash',
      ['-c', `${armruLine(`--data ${big} export --format jsonl`)} | wc -l`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stdout.trim()).toBe('30000');
    const csv = spawnSync(process.execPath, [BIN, '--data', big, 'export', '--format', 'csv'], {
      cwd: ROOT,
      maxBuffer: 1 << 30,
    });
    expect(csv.stdout.toString('utf8').split('\r\n').length).toBe(30_002);
  });
});

/** Starts armru, sends SIGINT once `ready` says so, and reports how it ended. */
async function interrupt(args: string[], ready: (stderr: string) => boolean) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  let sent = false;
  const poke = () => {
    if (!sent && ready(stderr)) {
      sent = true;
      child.kill('SIGINT');
    }
  };
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
    poke();
  });
  const timer = setInterval(poke, 20);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.on('exit', (c, s) => resolve([c, s])),
  );
  clearInterval(timer);
  return { code, signal, stdout, stderr, sent };
}

describe('long output', () => {
  it('reaches a terminal whole and in order past the output thread, a note after it', () => {
    // Over a megabyte of JSON: the output thread writes it (see src/output-thread.ts). The
    // note that follows on stderr must come after the last of it, as in a pipe.
    const args = ['--data', big, 'search', 'talks', '--limit', '3000', '--json'];
    const env: NodeJS.ProcessEnv = { ...process.env, ARMRU_PAGER: 'cat', TERM: 'xterm-256color' };
    for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'ARMRU_DATA', 'DEBUG'])
      delete env[name];
    const pipe = spawnSync(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(pipe.status).toBe(0);
    expect(pipe.stdout.length).toBeGreaterThan(1 << 20);
    // That the archive has no index is said before the results; the count comes after them.
    const claims = JSON.parse(readFileSync(big, 'utf8')).claims.length.toLocaleString('en');
    const hint = `armru: ${big} has no index, so its ${claims} claims are searched one by one; run 'armru index' to build one\n`;
    expect(pipe.stderr.startsWith(hint), pipe.stderr).toBe(true);
    const footer = pipe.stderr.slice(hint.length);
    expect(footer).toMatch(/^armru: showing 3000 of \d+ \(--limit N, or --all\)\n$/);
    const tty = spawnSync('script', ['-qec', armruLine(args.join(' ')), '/dev/null'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(tty.status).toBe(0);
    // The same bytes, but for the colour of stderr's "armru:" in a terminal.
    const whole = hint + pipe.stdout + footer;
    expect(stripAnsi(tty.stdout.replace(/\r\n/g, '\n')) === whole).toBe(true);
    // Where no thread may be made (Node's permission model), armru writes it all itself.
    const bare = spawnSync(
      'script',
      [
        '-qec',
        `${process.execPath} --experimental-permission --allow-fs-read='*' ${BIN} ${args.join(' ')}`,
        '/dev/null',
      ],
      { cwd: ROOT, env: { ...env, NODE_NO_WARNINGS: '1' }, encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    expect(bare.status).toBe(0);
    expect(stripAnsi(bare.stdout.replace(/\r\n/g, '\n')) === whole).toBe(true);
  }, 60_000);
});

describe('interruption', () => {
  it('Ctrl-C during synchronous work (parsing and checking a dataset) ends armru at once', async () => {
    // The default action of SIGINT: the process ends by the signal, which a shell reports as
    // status 130, with nothing on stdout and no trace on stderr.
    const started = Date.now();
    const r = await interrupt(['--data', big, 'actors'], () => Date.now() - started > 150);
    expect(r.sent).toBe(true);
    expect([r.code, r.signal]).toEqual([null, 'SIGINT']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
  });

  it('Ctrl-C during a report ends armru and leaves the old page whole', async () => {
    const page = join(dir, 'interrupted.html');
    writeFileSync(page, 'the old page');
    for (const delay of [100, 400]) {
      const started = Date.now();
      const r = await interrupt(
        ['--data', big, 'report', '-o', page],
        () => Date.now() - started > delay,
      );
      expect(r.sent).toBe(true);
      expect([r.code, r.signal]).toEqual([null, 'SIGINT']);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('');
      expect(readFileSync(page, 'utf8')).toBe('the old page');
    }
  });

  it('a shell reports status 130', () => {
    const shell = spawnSync(
      'sh',
      [
        '-c',
        `"$0" "${BIN}" --data "${big}" actors & wait_for=$!; sleep 0.3; kill -INT $wait_for; wait $wait_for; echo "status $?"`,
        process.execPath,
      ],
      { encoding: 'utf8' },
    );
    expect(shell.stdout).toBe('status 130\n');
  });

  it('Ctrl-C during armru index keeps the old index whole, and the next run tidies up', async () => {
    const copy = join(dir, 'interrupted');
    mkdirSync(copy, { recursive: true });
    const file = writeCorpus(30_000, copy, 3) as string;
    expect(armru(['index', file]).status).toBe(0);
    const before = readFileSync(join(`${file}.armru-index`, 'meta.json'), 'utf8');
    const r = await interrupt(['index', file], (stderr) => stderr.includes('indexing'));
    expect([r.code, r.signal]).toEqual([null, 'SIGINT']);
    expect(r.stdout).toBe('');
    // The old index is untouched and still believed; the interrupted build left its
    // temporary directory and lock, which the next build removes.
    expect(readFileSync(join(`${file}.armru-index`, 'meta.json'), 'utf8')).toBe(before);
    const search = armru(['--data', file, 'search', 'Gyumri', '--limit', '1']);
    expect(search.status).toBe(0);
    expect(search.stderr).not.toContain('stale');
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(copy).some((name) => name.endsWith('.tmp'))).toBe(true);
    expect(armru(['index', file]).status).toBe(0);
    expect(readdirSync(copy).sort()).toEqual([
      'synthetic-30000.claims.json',
      'synthetic-30000.claims.json.armru-index',
      'synthetic-30000.txt',
    ]);
  }, 60_000);

  it('Ctrl-C while output waits on a reader ends armru, without a trace', async () => {
    // A reader that reads nothing keeps armru waiting to write its 15 MB; then Ctrl-C.
    const child = spawn(process.execPath, [BIN, '--data', big, 'export', '--format', 'csv'], {
      cwd: ROOT,
    });
    child.stdout.pause();
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const exit = new Promise<[number | null, string | null]>((resolve) =>
      child.on('exit', (code, signal) => resolve([code, signal])),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGINT');
    expect(await exit).toEqual([null, 'SIGINT']);
    expect(stderr).toBe('');
  });

  it('Ctrl-C while an export streams into -o FILE leaves the old file whole', async () => {
    // The export is written to a temporary file as it is made; the signal comes once that
    // file has grown, and the file asked for must still hold its old bytes.
    const { readdirSync, statSync } = await import('node:fs');
    const out = join(dir, 'streamed');
    mkdirSync(out, { recursive: true });
    const target = join(out, 'claims.jsonld');
    writeFileSync(target, 'old\n');
    const growing = () =>
      readdirSync(out).some((n) => n.endsWith('.tmp') && statSync(join(out, n)).size > 1 << 20);
    const r = await interrupt(
      ['--data', big, 'export', '--format', 'jsonld', '-o', target],
      growing,
    );
    expect(r.sent).toBe(true);
    expect([r.code, r.signal]).toEqual([null, 'SIGINT']);
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    // The next write removes what the interrupted one left, and writes the whole export.
    const again = armru(['--data', big, 'export', '--format', 'jsonld', '-o', target]);
    expect(again.status).toBe(0);
    expect(readdirSync(out)).toEqual(['claims.jsonld']);
    const graph = JSON.parse(readFileSync(target, 'utf8'))['@graph'] as { '@type': string }[];
    expect(graph.filter((n) => n['@type'] === 'Claim')).toHaveLength(30_000);
  }, 60_000);
});

describe('usage errors', () => {
  it('suggest the nearest command or option', () => {
    expect(armru(['search', 'x', '--limt', '3'])).toEqual({
      status: 2,
      stdout: '',
      stderr:
        "armru: unknown option '--limt' (did you mean --limit?)\nRun 'armru search --help' for usage.\n",
    });
    expect(armru(['agrements']).stderr).toBe(
      "armru: unknown command 'agrements' (did you mean agreements?)\nRun 'armru --help' for usage.\n",
    );
  });

  it('show a stack trace only with DEBUG', () => {
    const plain = armru(['--data', 'missing.json', 'claims']);
    expect(plain.stderr).toBe('armru: missing.json: no such file; expected the dataset here\n');
    const debug = armru(['--data', 'missing.json', 'claims'], { DEBUG: '1' });
    expect(debug.stderr).toMatch(
      /^armru: missing.json: no such file; expected the dataset here\nArmruError: .*\n\s+at /,
    );
  });
});

describe('files that are not what they should be', () => {
  const write = (name: string, content: string | Buffer) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it('refuses each with a precise message and exit 2', () => {
    const cases: [string, string][] = [
      [write('empty.claims.json', ''), 'invalid JSON: expected a JSON value, found an empty file'],
      [
        write('latin1.claims.json', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d])),
        'not UTF-8 text; expected the dataset encoded as UTF-8',
      ],
      [
        fixture('bad/escape.claims.json'),
        `"../../../../etc/passwd" leaves the dataset's directory; expected a path inside it`,
      ],
    ];
    for (const [file, message] of cases) {
      const r = armru(['--data', file, 'claims']);
      expect(r.status, file).toBe(2);
      expect(r.stderr, file).toContain(message);
      expect(r.stderr.split('\n').length, file).toBeLessThanOrEqual(3);
    }
  });

  it('names a directory where a file is expected', () => {
    const textDir = join(dir, 'textdir');
    mkdirSync(join(textDir, 'article.txt'), { recursive: true });
    writeFileSync(join(textDir, 'x.claims.json'), readFileSync(fixture('mini/claims.json')));
    expect(armru(['--data', join(textDir, 'x.claims.json'), 'claims']).stderr).toBe(
      `armru: ${join(textDir, 'article.txt')}: is a directory, not a regular file; expected the article text named by ${join(textDir, 'x.claims.json')} ($.source.textFile)\n`,
    );
    expect(armru(['export', '-o', dir]).stderr).toBe(
      `armru: ${dir}: is a directory, not a regular file; armru writes only regular files, nothing was written\n`,
    );
  });

  it('reads a dataset named through a link as the file it points to, article and all', () => {
    const home = join(dir, 'linked', 'home');
    const elsewhere = join(dir, 'linked', 'elsewhere');
    mkdirSync(home, { recursive: true });
    mkdirSync(elsewhere);
    copyFileSync(fixture('mini/article.txt'), join(home, 'article.txt'));
    copyFileSync(fixture('mini/claims.json'), join(home, 'mini.claims.json'));
    const link = join(elsewhere, 'mini.claims.json');
    symlinkSync(join(home, 'mini.claims.json'), link);
    const r = armru(['--data', link, 'claims']);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]?.split('\t')[0]).toBe('m1');
    // The same through a folder of links; messages name the file itself.
    expect(armru(['validate', elsewhere])).toEqual({
      status: 0,
      stdout: `${join(home, 'mini.claims.json')}: valid (4 claims)\n`,
      stderr: '',
    });
    // A relative name stays relative.
    const rel = spawnSync(process.execPath, [BIN, 'validate', 'elsewhere/mini.claims.json'], {
      cwd: join(dir, 'linked'),
      encoding: 'utf8',
    });
    expect(rel.stdout).toBe('home/mini.claims.json: valid (4 claims)\n');
    // A link to nothing says so, not "no such file" of a name that is there.
    const broken = join(elsewhere, 'gone.claims.json');
    symlinkSync('../nowhere/gone.claims.json', broken);
    expect(armru(['--data', broken, 'claims'])).toEqual({
      status: 2,
      stdout: '',
      stderr: `armru: ${broken}: a symbolic link to ../nowhere/gone.claims.json, which does not exist; expected the dataset there\n`,
    });
  });

  it('never takes the name of a directory ("out.csv/") for the file before the slash', () => {
    const here = join(dir, 'slash');
    mkdirSync(here);
    const victim = join(here, 'victim.json');
    writeFileSync(victim, 'keep me\n');
    const cases: [string[], string, string][] = [
      [['export', '--format', 'csv', '-o'], `${victim}/`, ' without the trailing "/"'],
      [['export', '-o'], `${join(here, 'new')}/`, ' without the trailing "/"'],
      [['report', '-o'], `${join(here, 'page.html')}/`, ' without the trailing "/"'],
      [
        ['draft', fixture('mini/article.txt'), '-o'],
        `${join(here, 'draft')}/`,
        ' without the trailing "/"',
      ],
      // join() would resolve it; as typed, the folder sub does not exist.
      [['export', '-o'], `${here}/sub/..`, ''],
    ];
    for (const [args, out, hint] of cases) {
      const r = armru([...args, out]);
      expect(r, out).toEqual({
        status: 2,
        stdout: '',
        stderr: `armru: ${out}: names a directory, not a file; expected a file path${hint} (nothing was written)\n`,
      });
    }
    // Nothing was written or replaced.
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(readdirSync(here)).toEqual(['victim.json']);
  });

  it('says when a file cannot be read', (ctx) => {
    // root reads anything, so the test runs as nobody (with util-linux setpriv) when it is root.
    const setpriv = process.getuid?.() === 0 ? requireTool(ctx, 'setpriv') : undefined;
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'article.txt'), readFileSync(fixture('mini/article.txt')));
    const file = join(locked, 'locked.claims.json');
    writeFileSync(file, readFileSync(fixture('mini/claims.json')));
    chmodSync(file, 0o000);
    const asNobody = setpriv ? [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const [cmd, ...rest] = [...asNobody, process.execPath, BIN, '--data', file, 'claims'];
    const r = spawnSync(cmd as string, rest, { cwd: tmpdir(), encoding: 'utf8' });
    expect(r.stderr).toBe(`armru: ${file}: permission denied; cannot read the dataset\n`);
    expect(r.status).toBe(2);
  });

  it('handles a 100 MB file within memory, with a clear message', () => {
    const huge = join(dir, 'huge.claims.json');
    writeFileSync(huge, `{"padding": "${'x'.repeat(100 * 1024 * 1024)}"}`);
    const r = armru(['--data', huge, 'claims']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`armru: ${huge}: not a valid armru dataset (8 problems)`);
    expect(r.stderr).toContain(`  ${huge}: $: missing required property "claims"\n`);
    expect(r.stderr).toContain(`  ${huge}: $: unexpected property "padding"\n`);
  });
});

describe('completion', () => {
  it('bash completes commands, options, values and claim ids', (ctx) => {
    const bashPath = requireTool(ctx, 'bash');
    const script = join(dir, 'armru.bash');
    writeFileSync(script, armru(['completion', 'bash']).stdout);
    const test = (words: string) =>
      spawnSync(
        bashPath,
        [
          '-c',
          `source ${script}; armru() { ${process.execPath} ${BIN} "$@"; }; COMP_WORDS=(${words}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _armru_complete; echo "\${COMPREPLY[*]}"`,
        ],
        { cwd: ROOT, encoding: 'utf8' },
      ).stdout.trim();
    expect(test('armru sh')).toBe('show');
    expect(test('armru search --kind a')).toBe('assessment');
    expect(test('armru agreements --status in')).toBe('in-force');
    expect(test("armru export --format ''")).toBe('json jsonl csv annotations jsonld');
    expect(test("armru graph --format ''")).toBe('dot mermaid json svg');
    // Ids in article order: the review's later claims sit where their words are.
    expect(test('armru show c3')).toBe('c36 c37 c38 c30 c31 c32 c39 c33 c34 c35');
    expect(test('armru read --claim c2')).toBe('c20 c21 c22 c23 c24 c25 c26 c27 c28 c29');
    expect(test(`armru show --data ${fixture('mini/claims.json')} m`)).toBe('m1 m2 m3 m4');
    // Names, aliases and ids of the loaded datasets for --actor, --party, --topic, --asserted-by;
    // a name with spaces is offered escaped, as one word.
    expect(test('armru search --actor Shoi')).toBe('Shoigu');
    // "CSTO Secretary General" is an office, not a name: the dataset no longer lists it.
    expect(test('armru agreements --party CS')).toBe('CSTO');
    expect(test('armru claims --asserted-by au')).toBe('author');
    expect(test(`armru claims --data ${fixture('mini/claims.json')} --topic lab`)).toBe(
      'labour labor',
    );
    expect(test('armru export --topic Gyumri')).toBe('Gyumri\\ base Gyumri\\ military\\ base');
  });

  it('zsh loads the script, which parses', (ctx) => {
    const zshPath = requireTool(ctx, 'zsh');
    const zsh = spawnSync(zshPath, ['-n'], {
      input: armru(['completion', 'zsh']).stdout,
      encoding: 'utf8',
    });
    expect(zsh.status, zsh.stderr).toBe(0);
  });

  it('zsh asks for ids and names with the --data of the command line', (ctx) => {
    const zshPath = requireTool(ctx, 'zsh');
    const script = join(dir, 'armru.zsh');
    writeFileSync(script, armru(['completion', 'zsh']).stdout);
    const mini = fixture('mini/claims.json');
    // Outside a completion widget: compdef, compadd and _describe print what they are given.
    const r = spawnSync(
      zshPath,
      [
        '-c',
        [
          'compdef() { : }',
          `compadd() { [[ $1 == -a ]] && print -l -- \${(P)2} }`,
          `_describe() { print -l -- \${(P)2} }`,
          `source ${script}`,
          `armru() { ${process.execPath} ${BIN} "$@" }`,
          `words=(armru show --data ${mini} '')`,
          '_armru_ids',
          `words=(armru claims --data ${mini} --actor '')`,
          '_armru_names actors',
          // Inside a command _arguments cuts $words to the command's words; _armru keeps the
          // whole line in _armru_line, so a --data before the command still counts.
          'print -- ---',
          `_armru_line=(armru --data ${mini} show '')`,
          `words=(show '')`,
          '_armru_ids',
        ].join('\n'),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines.slice(0, 4)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(lines).toContain('Valmora Port Authority');
    expect(lines).not.toContain('shoygu');
    expect(lines.slice(lines.indexOf('---') + 1)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('fish completes values, claim ids of the --data on the line, and names', (ctx) => {
    const fishPath = requireTool(ctx, 'fish');
    const fishScript = join(dir, 'armru.fish');
    writeFileSync(fishScript, armru(['completion', 'fish']).stdout);
    const fish = spawnSync(
      fishPath,
      [
        '-c',
        [
          `function armru; ${process.execPath} ${BIN} $argv; end; source ${fishScript}`,
          "complete -C'armru search --kind qu'",
          "complete -C'armru show c0'",
          `complete -C'armru show --data ${fixture('mini/claims.json')} m'`,
          "complete -C'armru search --actor Shoi'",
          "complete -C'armru agreements --party CSTO'",
        ].join('; '),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const lines = fish.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t')[0]);
    expect(lines).toEqual([
      'quote',
      ...['c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09'],
      // --data on the line reaches the hidden command, as in bash and zsh.
      ...['m1', 'm2', 'm3', 'm4'],
      'Shoigu',
      'CSTO',
    ]);
  });

  it('refuses a shell it has no script for', () => {
    expect(armru(['completion', 'tcsh']).status).toBe(2);
  });
});
