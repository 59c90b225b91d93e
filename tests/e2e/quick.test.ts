import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { writeCorpus } from '../../bench/corpus.mjs';
import { LARGE_INDEX_CLAIMS } from '../../src/core/store/index-path.js';
import { armruTty, ROOT } from '../helpers.js';

// The quick bundle (src/quick-search.ts) answers `armru search WORDS...` of the built-in
// dataset in a pipe; src/entry.ts chooses it. These tests prove which bundle each line runs,
// and that for every line it takes, the quick bundle prints what the full CLI prints: the same
// bytes on stdout and stderr, the same exit status.

let dir: string;
let preload: string;
let chosenFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'armru-quick-'));
  chosenFile = join(dir, 'chosen.txt');
  preload = join(dir, 'preload.cjs');
  // Says which bundle the entry chose, once the run ends.
  writeFileSync(
    preload,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(chosenFile)},
  String(globalThis[Symbol.for('armru.bundle')])));`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The environment of a run: the machine's own colour, width and data settings left out. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'ARMRU_DATA', 'DEBUG', 'TERM'])
    delete base[name];
  return { ...base, ...env };
}

interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** A run of the installed binary, as a user runs it: through the entry, which picks a bundle. */
function viaEntry(root: string, args: string[], env: Record<string, string> = {}) {
  writeFileSync(chosenFile, '');
  const run = spawnSync(process.execPath, ['-r', preload, join(root, 'bin/armru.js'), ...args], {
    cwd: root,
    env: cleanEnv(env),
    encoding: 'utf8',
  });
  const result: Run = { stdout: run.stdout, stderr: run.stderr, status: run.status };
  return { result, chosen: readFileSync(chosenFile, 'utf8') };
}

/** The same line run by the full CLI's bundle itself, without the entry. */
function viaFullCli(root: string, args: string[], env: Record<string, string> = {}): Run {
  const cli = join(root, 'dist/armru/cli.cjs');
  const run = spawnSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(cli)}).run(process.argv)`, 'armru', ...args],
    { cwd: root, env: cleanEnv(env), encoding: 'utf8' },
  );
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

describe('the quick bundle', () => {
  it('holds neither commander nor the other commands', () => {
    // esbuild's account of the bundle's inputs, written by the build beside it.
    const inputs = JSON.parse(
      readFileSync(join(ROOT, 'dist/armru/quick.inputs.json'), 'utf8'),
    ) as string[];
    expect(inputs).toContain('src/commands/search.ts');
    for (const left of [
      'node_modules/commander/',
      'src/commands/registry.ts',
      'src/commands/show.ts',
    ])
      expect(inputs.filter((file) => file.includes(left))).toEqual([]);
  });
});

describe('the entry sends to the quick bundle', () => {
  it('a search of plain words in a pipe, and answers it', () => {
    const { result, chosen } = viaEntry(ROOT, ['search', 'Gyumri']);
    expect(chosen).toBe('quick');
    expect(result.status).toBe(0);
    // c10 matches Gyumri only through an agreement: left out, and counted on stderr.
    expect(result.stderr).toBe(
      'armru: 1 more claim matches only through an alias or an agreement (--all shows them)\n',
    );
    const ids = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t')[0]);
    expect(ids).toEqual(['c12', 'c06', 'c07']);
  });

  it('nothing else: options, other commands, other datasets, usage errors', () => {
    const full: [string[], Record<string, string>?][] = [
      [['search', 'Gyumri', '--json']],
      [['search', 'Gyumri', '--limit', '2']],
      [['search', '--', 'Gyumri']],
      [['search']],
      [['claims']],
      [['--color', 'never', 'search', 'Gyumri']],
      [['search', 'Gyumri', '--data', join(ROOT, 'data/claims.json')]],
      [['--data', join(ROOT, 'data/claims.json'), '--json', 'search', 'Gyumri']],
      // Stack traces under DEBUG name the full CLI's functions.
      [['search', "'"], { DEBUG: '1' }],
    ];
    for (const [args, env] of full)
      expect(viaEntry(ROOT, args, env).chosen, args.join(' ')).toBe('cli');
  });

  it('not a search whose stdout is a terminal (the table and the pager are the full CLI)', () => {
    writeFileSync(chosenFile, '');
    const run = armruTty(['search', 'Gyumri'], { NODE_OPTIONS: `--require ${preload}` });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Gyumri');
    expect(readFileSync(chosenFile, 'utf8')).toBe('cli');
  });
});

/** Lines of every kind the quick bundle takes: one word, several, typos, operators, misses. */
const QUERIES: string[][] = [
  ['Gyumri'],
  ['gyumri'],
  ['GYUMRI'],
  ['Shoigu'],
  ['Shoygu', 'base'],
  ['Pashinian'],
  ['Pashinján'],
  ['Шойгу'],
  ['Շոյգու'],
  ['biolab', 'access'],
  ["'biolab", '!Kommersant'],
  ['Russia'],
  ['Russia', '|', 'Armenia'],
  ['Russia|Armenia'],
  ['^Arm'],
  ['base$'],
  ['=Gyumri'],
  ['October', '2019'],
  ['2019'],
  ['when', 'did', 'Shoygu', 'visit'],
  ['what', 'did', 'Shoygu', 'announce'],
  ['denied'],
  ['reported'],
  ['Yerevan'],
  ['Kremlin'],
  ['CSTO'],
  ['S-300'],
  ['Qwzrtplk'],
  ['Gyumri', 'Qwzrtplk'],
  ['Gumri'],
  ['Shoigu', 'Pashinyan', 'Putin', 'agreement'],
  ["'"],
  ['|'],
  ['!x'],
  ['a'],
  ['the'],
  ['"air', 'defense"'],
  ['base\u0007'],
  ['\u202eGyumri'],
  ['x'.repeat(40)],
  ['military', 'base', 'Gyumri', 'doubled', 'equipment', 'modernized'],
];

const ENVIRONMENTS: Record<string, string>[] = [
  {},
  { NO_COLOR: '1' },
  { FORCE_COLOR: '1' },
  { FORCE_COLOR: '0' },
  { COLUMNS: '40' },
  { TERM: 'dumb' },
  { DEBUG: '' },
  { ARMRU_DATA: '' },
];

describe('the quick bundle prints what the full CLI prints', () => {
  // In groups of ten, each its own test: every query is two processes, slow on a loaded machine.
  for (let from = 0; from < QUERIES.length; from += 10) {
    const group = QUERIES.slice(from, from + 10);
    it(`for queries of every kind (${group.map((q) => q.join(' ').slice(0, 12)).join(', ')})`, {
      timeout: 60_000,
    }, () => {
      for (const query of group) {
        const args = ['search', ...query];
        const { result, chosen } = viaEntry(ROOT, args);
        expect(chosen, query.join(' ')).toBe('quick');
        expect(result, query.join(' ')).toEqual(viaFullCli(ROOT, args));
      }
    });
  }

  it('for a dataset --data or ARMRU_DATA names: indexed (small and large), not, a folder, bad, missing', {
    timeout: 120_000,
  }, () => {
    const archive = writeCorpus(LARGE_INDEX_CLAIMS, join(dir, 'archive'), 3, 'topical') as string;
    const indexed = join(dir, 'indexed.claims.json');
    cpSync(join(ROOT, 'data/claims.json'), indexed);
    cpSync(join(ROOT, 'data/article.txt'), join(dir, 'article.txt'));
    for (const file of [archive, indexed]) {
      const built = spawnSync(process.execPath, [join(ROOT, 'bin/armru.js'), 'index', file], {
        env: cleanEnv({}),
      });
      expect(built.status, String(built.stderr)).toBe(0);
    }
    const person = (
      JSON.parse(readFileSync(archive, 'utf8')) as { entities: { type: string; name: string }[] }
    ).entities.find((e) => e.type === 'Person')?.name as string;
    const [first, last] = person.split(' ') as [string, string];
    const fixtures = join(ROOT, 'tests/fixtures');
    const lines: [string[], Record<string, string>?][] = [
      [['--data', archive, 'search', last]],
      [['--data', archive, 'search', first, last, 'talks']],
      [['--data', archive, 'search', `${last.slice(0, 2)}${last[3]}${last[2]}${last.slice(4)}`]],
      [['--data', archive, 'search', 'Qwzrtplk']],
      [[`--data=${archive}`, 'search', `'${last}`, '|', 'Gyumri']],
      [['search', last], { ARMRU_DATA: archive }],
      [['--data', indexed, 'search', 'Gyumri']],
      [['--data', join(ROOT, 'data/claims.json'), 'search', 'Shoygu', 'base']],
      [['--data', join(fixtures, 'mini/claims.json'), 'search', 'the']],
      [['--data', join(fixtures, 'mini'), 'search', 'the']],
      [['--data', join(fixtures, 'bad/schema.claims.json'), 'search', 'x']],
      [['--data', join(fixtures, 'bad/syntax.claims.json'), 'search', 'x']],
      [['--data', join(fixtures, 'bad/offsets.claims.json'), 'search', 'x']],
      [['--data', join(dir, 'missing.claims.json'), 'search', 'x']],
      [['--data', indexed, '--data', join(ROOT, 'data/claims.json'), 'search', 'Gyumri']],
    ];
    for (const [args, env] of lines) {
      const what = `${JSON.stringify(env ?? {})} ${args.join(' ')}`;
      const { result, chosen } = viaEntry(ROOT, args, env);
      expect(chosen, what).toBe('quick');
      const full = viaFullCli(ROOT, args, env);
      expect(result, what).toEqual(full);
    }
    // The lines above reach every outcome: hits, no match, and bad data.
    const statuses = new Set(lines.map(([args, env]) => viaFullCli(ROOT, args, env).status));
    expect([...statuses].sort()).toEqual([0, 1, 2]);
  });

  it('under every setting of colour and width', { timeout: 60_000 }, () => {
    for (const env of ENVIRONMENTS) {
      for (const query of [['Gyumri'], ['Russia'], ['Qwzrtplk'], ["'"]]) {
        const args = ['search', ...query];
        const { result, chosen } = viaEntry(ROOT, args, env);
        const what = `${JSON.stringify(env)} ${query.join(' ')}`;
        expect(chosen, what).toBe('quick');
        expect(result, what).toEqual(viaFullCli(ROOT, args, env));
      }
    }
  });

  it('with stderr a terminal and stdout a file (`armru search x > file`): coloured messages', {
    timeout: 60_000,
  }, () => {
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    // stdout to a file, stderr to the terminal `script` records: each is compared on its own,
    // since the order in which a terminal shows the two is up to the system.
    const output = join(dir, 'stdout.txt');
    const inTerminal = (command: string[]) => {
      const run = spawnSync(
        'script',
        ['-qec', `${command.map(quote).join(' ')} > ${quote(output)}`, '/dev/null'],
        {
          cwd: ROOT,
          env: cleanEnv({ TERM: 'xterm-256color' }),
          encoding: 'utf8',
        },
      );
      if (run.error) throw run.error;
      return { stderr: run.stdout, stdout: readFileSync(output, 'utf8'), status: run.status };
    };
    for (const query of [['Qwzrtplk'], ['Russia'], ["'"]]) {
      writeFileSync(chosenFile, '');
      const quick = inTerminal([
        process.execPath,
        '-r',
        preload,
        join(ROOT, 'bin/armru.js'),
        'search',
        ...query,
      ]);
      expect(readFileSync(chosenFile, 'utf8')).toBe('quick');
      const cli = join(ROOT, 'dist/armru/cli.cjs');
      const full = inTerminal([
        process.execPath,
        '-e',
        `require(${JSON.stringify(cli)}).run(process.argv)`,
        'armru',
        'search',
        ...query,
      ]);
      // The messages are coloured: stderr is the terminal.
      expect(quick.stderr).toContain('\u001b[31marmru:');
      expect(quick).toEqual(full);
    }
  });

  it('into a pipe read only in part (`armru search Russia | head -c 20`): status 0', () => {
    const piped = (command: string) => {
      const run = spawnSync('bash', ['-c', `${command} | head -c 20; echo " \${PIPESTATUS[0]}"`], {
        cwd: ROOT,
        env: cleanEnv({}),
        encoding: 'utf8',
      });
      return { stdout: run.stdout, stderr: run.stderr };
    };
    const node = JSON.stringify(process.execPath);
    const quick = piped(`${node} ${JSON.stringify(join(ROOT, 'bin/armru.js'))} search Russia`);
    const cli = JSON.stringify(
      `require(${JSON.stringify(join(ROOT, 'dist/armru/cli.cjs'))}).run(process.argv)`,
    );
    const full = piped(`${node} -e ${cli} armru search Russia`);
    expect(quick.stdout).toMatch(/ 0\n$/);
    expect(quick).toEqual(full);
  });

  it('with the built-in index missing, stale or its dataset broken', { timeout: 60_000 }, () => {
    const copy = join(dir, 'package');
    for (const part of ['bin', 'dist', 'data', 'package.json'])
      cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    // Without node_modules: what the quick bundle needs on its rare paths is beside it.
    const index = join(copy, 'data/claims.json.armru-index');
    const dataset = join(copy, 'data/claims.json');
    const original = readFileSync(dataset, 'utf8');
    const same = (label: string) => {
      for (const query of [['Gyumri'], ['Shoygu', 'base']]) {
        const args = ['search', ...query];
        const { result, chosen } = viaEntry(copy, args);
        expect(chosen, label).toBe('quick');
        expect(result, label).toEqual(viaFullCli(copy, args));
      }
    };
    // Stale: the dataset no longer matches its copy in the index (one claim's text changed).
    const edited = 'Russia keeps a military base in Gyumri.';
    writeFileSync(dataset, original.replace('Russia has a military base in Gyumri.', edited));
    same('stale');
    expect(viaEntry(copy, ['search', 'Gyumri']).result.stdout).toContain(edited);
    // Broken: a quote that is not the article's words is refused, with exit status 2.
    writeFileSync(
      dataset,
      original.replace('"exact": "Russian Defense Minister', '"exact": "Russian Defence Minister'),
    );
    same('broken');
    expect(viaEntry(copy, ['search', 'Gyumri']).result.status).toBe(2);
    // Invalid: the schema validator, in quick-extra.cjs beside the bundle, says what is wrong.
    writeFileSync(dataset, original.replace('"kind": "background"', '"kind": "rumour"'));
    same('invalid');
    const invalid = viaEntry(copy, ['search', 'Gyumri']).result;
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/\.kind: expected one of "event", .*\(claim c\d+\)\n$/);
    // Not JSON: the position comes from jsonc-parser, in quick-extra.cjs too.
    writeFileSync(dataset, original.slice(0, 200));
    same('truncated');
    const truncated = viaEntry(copy, ['search', 'Gyumri']).result;
    expect(truncated.status).toBe(2);
    expect(truncated.stderr).toMatch(/claims\.json:\d+:\d+: invalid JSON: /);
    // Missing: no index at all.
    writeFileSync(dataset, original);
    rmSync(index, { recursive: true, force: true });
    same('missing');
    // A copy that lacks quick-extra.cjs is answered by the full CLI, which holds it all.
    writeFileSync(dataset, original.slice(0, 200));
    rmSync(join(copy, 'dist/armru/quick-extra.cjs'));
    const lacking = viaEntry(copy, ['search', 'Gyumri']);
    expect(lacking.chosen).toBe('cli');
    expect(lacking.result).toEqual(viaFullCli(copy, ['search', 'Gyumri']));
    expect(lacking.result.status).toBe(2);
  });
});
