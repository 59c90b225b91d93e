// armru's benchmarks: start-up against bare node, and search at scale against bare node and
// plain fuse.js, all measured in the same run as medians of repeated runs.
//
//   npm run bench                      start-up, search at 10^4, 10^5 and 10^6 claims (two
//                                      corpus shapes), every command, Ctrl-C
//   node bench/run.mjs --sizes 10000   start-up and the sizes given
//   node bench/run.mjs --startup-only
//   node bench/run.mjs --only startup --baseline DIR   start-up against another build too
//   node bench/run.mjs --only commands  one section: startup, report, search, commands or interrupt
//   --runs N                           runs per measurement in the search and command sections
//   --commands 'LABEL,LABEL'           with --only commands: only the rows with these labels
//   --commands-size N                  with --only commands or interrupt: claims in the corpus
//   --only draft                       armru draft over generated articles of 30 kB, 300 kB
//                                      and 3 MB (--draft-sizes BYTES,BYTES to choose)
//
// Corpora are generated once into bench/out/ (deterministic, from a seed) and indexed there.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { article } from './article.mjs';
import { writeCorpus } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/armru.js');
const out = join(root, 'bench/out');
const args = process.argv.slice(2);
// The options this script takes, each with a value or without: anything else (a typo, --help)
// stops it before it starts a run that takes an hour.
const VALUED = [
  '--sizes',
  '--only',
  '--runs',
  '--baseline',
  '--commands',
  '--commands-size',
  '--draft-sizes',
];
const FLAGS = ['--startup-only'];
const SECTIONS = ['startup', 'report', 'search', 'commands', 'interrupt', 'draft'];
const usage = () => {
  const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
  const end = lines.findIndex((l) => !l.startsWith('//'));
  return lines
    .slice(0, end)
    .map((l) => l.slice(3))
    .join('\n');
};
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--help' || arg === '-h') {
    console.log(usage());
    process.exit(0);
  }
  if (FLAGS.includes(arg)) continue;
  if (VALUED.includes(arg) && i + 1 < args.length) {
    i++;
    continue;
  }
  console.error(
    `bench/run.mjs: ${VALUED.includes(arg) ? `${arg} needs a value` : `unknown option ${arg}`}; run with --help for the options`,
  );
  process.exit(2);
}
const option = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const sizes = (option('--sizes') ?? '10000,100000,1000000').split(',').map(Number);
const only = args.includes('--startup-only') ? 'startup' : option('--only');
if (only !== undefined && !SECTIONS.includes(only)) {
  console.error(`bench/run.mjs: --only ${only}: expected one of ${SECTIONS.join(', ')}`);
  process.exit(2);
}
const section = (name) => only === undefined || only === name;
const runsOption = option('--runs') === undefined ? undefined : Number(option('--runs'));
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

/** Wall time of one run of `node ARGS`, output discarded (stdout is a pipe). */
function time(argv, env = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  return elapsed;
}

/** Peak resident memory (MiB) of one run, where GNU time is available. */
function peakMemory(argv) {
  if (!GNU_TIME) return undefined;
  const r = spawnSync(GNU_TIME, ['-f', '%M', process.execPath, ...argv], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const kib = Number(r.stderr.trim().split('\n').at(-1));
  return Number.isFinite(kib) ? kib / 1024 : undefined;
}

/** Each command's times over `runs` rounds, interleaved so that machine noise hits all alike. */
function measureRuns(commands, runs) {
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs; i++)
    for (const [k, argv] of Object.entries(commands)) times[k].push(time(argv));
  return times;
}

/** Runs each command `runs` times, interleaved, and gives each one's median. */
function measure(commands, runs) {
  const times = measureRuns(commands, runs);
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

/**
 * Each round's ratio of one command to the baseline run of the same round: their median and
 * the worst. A round that a burst of other work slowed hits both alike.
 */
function roundRatios(times, key, baseline) {
  const ratios = times[key].map((t, i) => t / times[baseline][i]);
  return { median: median(ratios), worst: Math.max(...ratios) };
}

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log();
}

console.log(
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}\n`,
);

// Every process is measured without NODE_EXTRA_CA_CERTS. Node reads the certificates that
// variable names as it starts, before any script runs, so where it is set (some sandboxes set
// it for every process) each run, bare node's included, pays the same constant, and every
// ratio looks better than on a machine without it. Its cost here is measured and printed.
const EXTRA_CERTS = 'NODE_EXTRA_CA_CERTS';
if (process.env[EXTRA_CERTS] !== undefined) {
  const bare = ['-e', '0'];
  const runs = 11;
  const withIt = median(Array.from({ length: runs }, () => time(bare)));
  const without = median(
    Array.from({ length: runs }, () => time(bare, { [EXTRA_CERTS]: undefined })),
  );
  delete process.env[EXTRA_CERTS];
  console.log(
    `${EXTRA_CERTS} is set here; it is unset for every run below. Bare node starts in ${ms(without)} without it and ${ms(withIt)} with it (medians of ${runs}): with it, each figure below would be ${ms(withIt - without)} higher, and each ratio lower.\n`,
  );
}

// 1. Start-up.
/**
 * Processor time (user + system) of one run of `node ARGS`, stdout a pipe as in `time`: from
 * the shell's `times`, which reads the kernel's accounting of its finished children to the
 * millisecond (GNU time gives only hundredths of a second, too coarse for a 30 ms run).
 */
function cpuTime(argv) {
  const r = spawnSync(
    'bash',
    ['-c', '"$@"; status=$?; times >&2; exit $status', 'bash', process.execPath, ...argv],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  // The last line of `times`: the children's user and system time, as 0m0.021s 0m0.006s.
  const seconds = (t) => {
    const [, min, sec] = /^(\d+)m([\d.]+)s$/.exec(t) ?? [];
    return Number(min) * 60 + Number(sec);
  };
  const [user, system] = r.stderr.trim().split('\n').at(-1).trim().split(/\s+/);
  return (seconds(user) + seconds(system)) * 1000;
}

if (section('startup')) {
  const runs = runsOption ?? 31;
  const hasBash = spawnSync('bash', ['-c', 'times'], { stdio: 'ignore' }).status === 0;
  // --baseline DIR: another build of armru (a checkout of main, built), measured in the same
  // runs, interleaved, so that each ratio compares like with like on a busy machine.
  const baseline = option('--baseline');
  const builds = { '': bin, ...(baseline ? { 'baseline ': join(baseline, 'bin/armru.js') } : {}) };
  const lines = [['node -e 0', ['-e', '0'], '']];
  for (const [label, b] of Object.entries(builds)) {
    lines.push([`${label}armru --version`, [b, '--version'], '<= 1.15x']);
    lines.push([`${label}armru --help`, [b, '--help'], '<= 1.15x']);
    lines.push([`${label}armru search Gyumri`, [b, 'search', 'Gyumri'], '<= 1.30x']);
  }
  const wall = lines.map(() => []);
  const cpu = lines.map(() => []);
  for (let i = 0; i < runs; i++) {
    lines.forEach(([, argv], k) => wall[k].push(time(argv)));
    if (hasBash) lines.forEach(([, argv], k) => cpu[k].push(cpuTime(argv)));
  }
  const w = wall.map(median);
  const c = hasBash ? cpu.map(median) : undefined;
  console.log(
    `Start-up (median of ${runs} runs, stdout a pipe; ratio to bare node in the same run; processor time is user + system from the shell's times, in separate runs interleaved the same way)\n`,
  );
  table(
    ['command', 'median', 'ratio', 'processor', 'ratio', 'target'],
    lines.map(([label, , target], k) => [
      label,
      ms(w[k]),
      `${(w[k] / w[0]).toFixed(2)}x`,
      c ? ms(c[k]) : 'n/a',
      c ? `${(c[k] / c[0]).toFixed(2)}x` : 'n/a',
      target,
    ]),
  );
}
// The report page at 10^4 claims, against reading and parsing the same dataset in bare
// node (the least any program that reads it must do).
if (section('report')) {
  const size = 10_000;
  const runs = runsOption ?? 9;
  // Both shapes: the varied corpus has no dates; the topical one dates nearly every claim,
  // so its page has a timeline of 10^4 entries, and it has relations and agreements.
  for (const shape of ['varied', 'topical']) {
    const file = corpusFile(size, shape);
    const parse = ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`];
    const claims = [bin, '--data', file, 'claims'];
    const report = [bin, '--data', file, 'report', '-o', join(dirname(file), 'report.html')];
    // First without an index (every check runs on load), then indexed with `armru index` (the
    // checks it recorded are not repeated; the quotes are checked against the article anyway).
    const indexDir = `${file}.armru-index`;
    rmSync(indexDir, { recursive: true, force: true });
    const commands = { parse, claims, report };
    const mediansOf = (times) =>
      Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
    const t = measureRuns(commands, runs);
    const m = mediansOf(t);
    // Processor time (user + system, all threads) as well: on a shared machine it varies far
    // less than the wall clock, which waits for other people's work.
    const cpu = (argv) => {
      if (!GNU_TIME) return undefined;
      return median(Array.from({ length: runs }, () => timePipe(argv).cpu));
    };
    const c = { parse: cpu(parse), claims: cpu(claims), report: cpu(report) };
    time([bin, 'index', file]);
    const ti = measureRuns(commands, runs);
    const mi = mediansOf(ti);
    const ci = { parse: cpu(parse), claims: cpu(claims), report: cpu(report) };
    rmSync(indexDir, { recursive: true, force: true });
    const cpuCells = (cs, k) =>
      cs.parse && cs[k] ? [ms(cs[k]), `${(cs[k] / cs.parse).toFixed(2)}x`] : ['n/a', 'n/a'];
    const x = (r) => `${r.toFixed(2)}x`;
    const perRound = (tt, k) => {
      const r = roundRatios(tt, k, 'parse');
      return [x(r.median), x(r.worst)];
    };
    const rowsOf = (mm, tt, cs, how) => [
      [
        `node: JSON.parse of the dataset`,
        ms(mm.parse),
        '1.00x',
        '',
        '',
        ...cpuCells(cs, 'parse'),
        '',
      ],
      [
        `armru claims (load and list), ${how}`,
        ms(mm.claims),
        x(mm.claims / mm.parse),
        ...perRound(tt, 'claims'),
        ...cpuCells(cs, 'claims'),
        '',
      ],
      [
        `armru report -o FILE, ${how}`,
        ms(mm.report),
        x(mm.report / mm.parse),
        ...perRound(tt, 'report'),
        ...cpuCells(cs, 'report'),
        '< 3x',
      ],
    ];
    console.log(
      `armru report over ${size.toLocaleString('en')} claims, ${shape} shape (medians of ${runs} runs; "ratio" is median over median, "per round" each round's ratio to the parse run of the same round, their median and the worst)\n`,
    );
    table(
      ['command', 'wall', 'ratio', 'per round', 'worst round', 'processor time', 'ratio', 'target'],
      [...rowsOf(m, t, c, 'no index'), ...rowsOf(mi, ti, ci, 'indexed')],
    );
  }
}

// 2. Scale.
/** Names from a corpus file, read in a separate process so this one stays small. */
function namesOf(file) {
  const script = `const d=JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'));const p=d.entities.filter(e=>e.type==='Person').map(e=>e.name.split(' ')[1]);console.log(JSON.stringify({people:p,places:d.entities.filter(e=>e.type==='Place').map(e=>e.name)}))`;
  return JSON.parse(
    spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout,
  );
}

const typo = (s) => `${s.slice(0, 2)}${s[3]}${s[2]}${s.slice(4)}`;
const COMMON_WORDS =
  'announced signed discussed memorandum agreements plan budget report talks proposal deal changes review defence cooperation military base border trade energy';

/**
 * Queries of the kinds people type. The varied shape: names of seven letters or more (a
 * shorter word allows one edit in five letters and matches a large share of any archive). The
 * topical shape: its six leaders each occur in about 12% of claims, the case that costs most.
 */
function queriesFor(file, shape) {
  const { people, places } = namesOf(file);
  if (shape === 'topical') {
    const [a, b, c] = people;
    const rare = people.slice(6).find((s) => s.length >= 7);
    return [
      { label: 'a common name', query: a },
      { label: 'two common words', query: 'memorandum defence' },
      { label: 'a typo of a common name', query: typo(b) },
      { label: 'an exact phrase', query: `'"talks on energy"` },
      { label: 'an OR of two names', query: `${a} | ${c}` },
      { label: 'a rare token', query: rare },
      { label: 'a name and a place', query: `${a} ${places[0]}` },
      { label: 'twenty common words', query: COMMON_WORDS },
    ];
  }
  const long = people.filter((s) => s.length >= 7);
  return [
    { label: 'a name', query: long[11] },
    { label: 'two common words', query: 'memorandum defence' },
    { label: 'a typo of a name', query: typo(long[23]) },
    { label: 'an exact phrase', query: `'"talks on energy"` },
    { label: 'an OR of two names', query: `${long[41]} | ${long[42]}` },
    { label: 'a rare token', query: long.at(-1) },
    { label: 'a name and a place', query: `${long[31]} Gyumri` },
    { label: 'twenty common words', query: COMMON_WORDS },
    { label: 'an exact name', query: `'${long[52]}` },
  ];
}

function corpusFile(size, shape) {
  const dir = join(out, `${shape}-${size}`);
  const file = join(dir, `${shape === 'topical' ? 'topical' : 'synthetic'}-${size}.claims.json`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${size} claims (${shape})…\n`);
    writeCorpus(size, dir, 1, shape);
  }
  return file;
}

const ratio = (x, base) => `${(x / base).toFixed(2)}x`;

if (section('search')) {
  const rows = [];
  const summary = [];
  for (const shape of ['varied', 'topical']) {
    for (const size of sizes) {
      const file = corpusFile(size, shape);
      process.stderr.write(`indexing ${size} claims (${shape})…\n`);
      const indexTime = time([bin, 'index', file]);
      const parseTime = median(
        Array.from({ length: 3 }, () =>
          time(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'))`]),
        ),
      );
      const queries = queriesFor(file, shape);
      const runs = runsOption ?? (size >= 1_000_000 ? 5 : 9);
      const commands = { node: ['-e', '0'] };
      queries.forEach((q, i) => {
        commands[`q${i}`] = [bin, '--data', file, 'search', q.query];
      });
      const m = measure(commands, runs);
      // Plain fuse.js takes seconds to minutes a run at these sizes: one run of each kind up
      // to 10^5 claims, the first kind only beyond.
      const plain = queries.map((q, i) =>
        size >= 1_000_000 && i > 0
          ? undefined
          : time([join(root, 'bench/plain-fuse.mjs'), file, q.query]),
      );
      const memory = queries.map((q) => peakMemory([bin, '--data', file, 'search', q.query]));
      queries.forEach((q, i) => {
        rows.push([
          shape,
          size.toLocaleString('en'),
          q.label,
          ms(m[`q${i}`]),
          ratio(m[`q${i}`], m.node),
          plain[i] === undefined ? '' : `${(plain[i] / m[`q${i}`]).toFixed(0)}x`,
          memory[i] === undefined ? '' : `${memory[i].toFixed(0)} MiB`,
          i === 0
            ? `${(indexTime / 1000).toFixed(1)} s (${(indexTime / parseTime).toFixed(1)}x JSON.parse)`
            : '',
        ]);
      });
      const worst = queries.reduce((w, _, i) => (m[`q${i}`] > m[`q${w}`] ? i : w), 0);
      const times = queries.map((_, i) => m[`q${i}`]);
      summary.push([
        shape,
        size.toLocaleString('en'),
        ms(m.node),
        ratio(median(times), m.node),
        `${ratio(m[`q${worst}`], m.node)} (${queries[worst].label})`,
        `${Math.min(...plain.map((x, i) => (x === undefined ? Number.POSITIVE_INFINITY : x / times[i]))).toFixed(0)}x`,
        `${Math.max(...memory.map((x) => x ?? 0)).toFixed(0)} MiB`,
      ]);
      process.stderr.write(
        `  ${shape} ${size}: node ${ms(m.node)}; worst: ${queries[worst].label} ${ratio(m[`q${worst}`], m.node)}\n`,
      );
    }
  }
  console.log(
    'Search at scale, end to end through the CLI with a prepared index (medians; ratio to bare `node -e 0` in the same run; "vs fuse.js": plain fuse.js over every claim, one run, divided by armru; peak: resident memory of that query)\n',
  );
  table(
    ['shape', 'claims', 'query kind', 'armru', 'vs node', 'vs fuse.js', 'peak', 'index build'],
    rows,
  );
  table(
    ['shape', 'claims', 'bare node', 'median kind', 'worst kind', 'least vs fuse.js', 'peak'],
    summary,
  );
}

/**
 * One run inside a pseudo-terminal (util-linux `script`), output discarded: its wall time,
 * and armru's own processor time (user + system, from GNU time inside the terminal, so the
 * terminal's copying is not counted in it), or undefined without GNU time.
 */
function timeTty(argv) {
  const quote = (x) => `'${String(x).replace(/'/g, `'\\''`)}'`;
  const cpuFile = join(out, 'tty-cpu.txt');
  const timed = GNU_TIME ? [GNU_TIME, '-o', cpuFile, '-f', '%U %S'] : [];
  const line = [...timed, process.execPath, ...argv].map(quote).join(' ');
  const start = process.hrtime.bigint();
  const r = spawnSync('script', ['-qec', `${line} > /dev/tty`, '/dev/null'], {
    cwd: root,
    env: { ...process.env, PAGER: 'cat', COLUMNS: '120', TERM: 'xterm-256color' },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} failed in a terminal`);
  return { wall, cpu: GNU_TIME ? cpuOf(readFileSync(cpuFile, 'utf8')) : undefined };
}

/** Processor time (ms) from GNU time's `%U %S` output (its last line). */
function cpuOf(text) {
  const [user, system] = text.trim().split('\n').at(-1).split(' ').map(Number);
  return (user + system) * 1000;
}

/** One run with stdout a pipe: wall time, processor time (user + system) and peak memory. */
function timePipe(argv) {
  if (!GNU_TIME) return { wall: time(argv), cpu: undefined, peak: undefined };
  const start = process.hrtime.bigint();
  const r = spawnSync(GNU_TIME, ['-f', '%U %S %M', process.execPath, ...argv], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  const [user, system, kib] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: (user + system) * 1000, peak: kib / 1024 };
}

if (section('commands')) {
  const size = Number(option('--commands-size') ?? 100_000);
  const file = corpusFile(size, 'topical');
  time([bin, 'index', file]);
  const { people } = namesOf(file);
  const leader = people[0];
  const page = join(out, 'commands-report.html');
  const commands = {
    claims: ['claims'],
    'claims --actor NAME': ['claims', '--actor', leader],
    'claims --query NAME': ['claims', '--query', leader],
    'search NAME --limit 100000': ['search', leader, '--limit', '100000'],
    'show s5000': ['show', 's5000'],
    actors: ['actors'],
    'actors NAME': ['actors', leader],
    topics: ['topics'],
    'topics Energy': ['topics', 'Energy'],
    agreements: ['agreements'],
    disputes: ['disputes'],
    'disputes --query NAME': ['disputes', '--query', leader],
    timeline: ['timeline'],
    'timeline --query NAME': ['timeline', '--query', leader],
    stats: ['stats'],
    'stats --query NAME': ['stats', '--query', leader],
    graph: ['graph'],
    'graph --query NAME': ['graph', '--query', leader],
    'graph --format mermaid': ['graph', '--format', 'mermaid'],
    read: ['read'],
    'report -o FILE': ['report', '-o', page],
    validate: ['validate'],
    export: ['export'],
    'export --format csv': ['export', '--format', 'csv'],
    'export --format jsonl': ['export', '--format', 'jsonl'],
    'export --format annotations': ['export', '--format', 'annotations'],
    'export --format jsonld': ['export', '--format', 'jsonld'],
  };
  // --commands 'search NAME --limit 100000,export --format jsonld' runs only those rows.
  const wanted = option('--commands')?.split(',');
  if (wanted) {
    const unknown = wanted.filter((label) => !(label in commands));
    if (unknown.length > 0) throw new Error(`no such rows: ${unknown.join(', ')}`);
    for (const label of Object.keys(commands)) if (!wanted.includes(label)) delete commands[label];
  }
  const runs = runsOption ?? 3;
  const parse = ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'))`];
  // The bare parse is run again before each command, so that the baseline sees the same
  // machine load as the commands (the median of all those runs is the baseline).
  const baseRuns = [];
  const rows = [];
  const med = (xs) => (xs.some((x) => x === undefined) ? undefined : median(xs));
  for (const [label, argv] of Object.entries(commands)) {
    const full = [bin, '--data', file, ...argv];
    const pipes = [];
    const ttys = [];
    for (let i = 0; i < runs; i++) {
      baseRuns.push(timePipe(parse));
      pipes.push(timePipe(full));
      // A report is a file, not terminal output: its terminal run would only be refused.
      if (label !== 'report -o FILE') ttys.push(timeTty(full));
    }
    rows.push({
      label,
      pipe: med(pipes.map((p) => p.wall)),
      pipeCpu: med(pipes.map((p) => p.cpu)),
      tty: ttys.length > 0 ? med(ttys.map((t) => t.wall)) : undefined,
      ttyCpu: ttys.length > 0 ? med(ttys.map((t) => t.cpu)) : undefined,
      peak: Math.max(0, ...pipes.map((p) => p.peak ?? 0)),
    });
    process.stderr.write(`  ${label}\n`);
  }
  const base = med(baseRuns.map((b) => b.wall));
  const baseCpu = med(baseRuns.map((b) => b.cpu));
  const cell = (x, b) => (x === undefined || b === undefined ? 'n/a' : ratio(x, b));
  console.log(
    `Every command over ${size.toLocaleString('en')} claims (topical shape, indexed), stdout a pipe and a pseudo-terminal (no pager, 120 columns); medians of ${runs}; ratios to a bare JSON.parse of the file run before each command (wall ${ms(base)}, processor ${baseCpu === undefined ? 'n/a' : ms(baseCpu)}); processor time is user + system of armru alone\n`,
  );
  table(
    ['command', 'pipe wall', 'pipe cpu', 'terminal wall', 'terminal cpu', 'peak'],
    rows.map((r) => [
      r.label,
      cell(r.pipe, base),
      cell(r.pipeCpu, baseCpu),
      cell(r.tty, base),
      cell(r.ttyCpu, baseCpu),
      r.peak ? `${r.peak.toFixed(0)} MiB` : 'n/a',
    ]),
  );
}

// armru draft at scale: generated articles in which new people and bodies keep appearing, so
// that any rule costing names times text shows as a growth far beyond the text's. The
// baseline, run before each draft in the same run, is bare node reading the same text and
// splitting it into words with a Unicode pattern: one linear pass, the least a drafter does.
// Both ratios are printed: armru over that baseline at each size, and how much longer armru
// takes at each size than at the one before (10x the text should cost about 10x the time).
if (section('draft')) {
  const bytes = (option('--draft-sizes') ?? '30000,300000,3000000').split(',').map(Number);
  const dir = join(out, 'draft');
  mkdirSync(dir, { recursive: true });
  const rows = [];
  let previous;
  for (const size of bytes) {
    const file = join(dir, `article-${size}.txt`);
    if (!existsSync(file)) writeFileSync(file, article(size, 1));
    const words = [
      '-e',
      `let n=0;for(const _ of require('fs').readFileSync(${JSON.stringify(file)},'utf8').matchAll(/[\\p{L}\\p{N}]+/gu))n++;`,
    ];
    const draft = [bin, 'draft', file, '-o', join(dir, `article-${size}.claims.json`), '--force'];
    const runs = runsOption ?? (size >= 1_000_000 ? 3 : 5);
    const base = [];
    const pipes = [];
    for (let i = 0; i < runs; i++) {
      base.push(timePipe(words));
      pipes.push(timePipe(draft));
    }
    const wall = median(pipes.map((p) => p.wall));
    const cpu = GNU_TIME ? median(pipes.map((p) => p.cpu)) : undefined;
    const baseWall = median(base.map((p) => p.wall));
    const drafted = JSON.parse(readFileSync(join(dir, `article-${size}.claims.json`), 'utf8'));
    rows.push([
      `${(size / 1000).toLocaleString('en')} kB`,
      drafted.entities.length.toLocaleString('en'),
      drafted.claims.length.toLocaleString('en'),
      ms(baseWall),
      ms(wall),
      cpu === undefined ? 'n/a' : ms(cpu),
      ratio(wall, baseWall),
      previous ? `${ratio(wall, previous.wall)} for ${ratio(size, previous.size)} the text` : '',
      `${Math.max(...pipes.map((p) => p.peak ?? 0)).toFixed(0)} MiB`,
    ]);
    previous = { wall, size };
    process.stderr.write(`  draft ${size} bytes: ${ms(wall)}\n`);
  }
  console.log(
    `armru draft -o FILE over generated articles with many distinct names (medians; baseline: bare node reading the text and splitting it into words, run before each draft)\n`,
  );
  table(
    [
      'text',
      'entities',
      'claims',
      'baseline',
      'armru draft',
      'processor',
      'vs baseline',
      'growth',
      'peak',
    ],
    rows,
  );
}

/** Milliseconds from SIGINT to the end of a process started `after` ms earlier. */
function interruptLatency(argv, after) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd: root, stdio: 'ignore' });
    let sent = 0n;
    setTimeout(() => {
      sent = process.hrtime.bigint();
      child.kill('SIGINT');
    }, after);
    child.on('exit', (code, signal) => {
      const latency = sent === 0n ? Number.NaN : Number(process.hrtime.bigint() - sent) / 1e6;
      resolve({ latency, how: signal ?? `exit ${code}` });
    });
  });
}

if (section('interrupt')) {
  const size = Number(option('--commands-size') ?? 100_000);
  const file = corpusFile(size, 'topical');
  const rows = [];
  for (const [label, argv, after] of [
    ['actors (parsing)', [bin, '--data', file, 'actors'], 300],
    ['validate (checking)', [bin, '--data', file, 'validate'], 1500],
    ['export --format jsonld', [bin, '--data', file, 'export', '--format', 'jsonld'], 2500],
    [
      'export --format jsonld -o FILE',
      [bin, '--data', file, 'export', '--format', 'jsonld', '-o', join(out, 'interrupted.jsonld')],
      2500,
    ],
    ['report -o FILE', [bin, '--data', file, 'report', '-o', join(out, 'interrupted.html')], 2500],
    ['read (a pipe)', [bin, '--data', file, 'read'], 1500],
    ['index (building)', [bin, 'index', file], 2000],
  ]) {
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await interruptLatency(argv, after));
    rows.push([
      label,
      `${after} ms`,
      ms(median(results.map((r) => r.latency))),
      [...new Set(results.map((r) => r.how))].join(', '),
    ]);
  }
  console.log('Ctrl-C: SIGINT sent while the command works; time until the process is gone\n');
  table(['command', 'signal after', 'latency (median of 3)', 'ended by'], rows);
}
