// armru's benchmarks: start-up against bare node, the report page at 10^4 claims against a
// bare JSON.parse, and search at scale against bare node and plain fuse.js, all measured in
// the same run as medians of repeated runs.
//
//   npm run bench                      start-up, then 10^4, 10^5 and 10^6 claims
//   node bench/run.mjs --sizes 10000   start-up and the sizes given
//   node bench/run.mjs --startup-only
//   node bench/run.mjs --report-only   the report at 10^4 claims alone
//
// Corpora are generated once into bench/out/ (deterministic, from a seed) and indexed there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/armru.js');
const out = join(root, 'bench/out');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const sizes = (option('--sizes') ?? '10000,100000,1000000').split(',').map(Number);
const startupOnly = args.includes('--startup-only');
const reportOnly = args.includes('--report-only');
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

/** Runs each command `runs` times, interleaved so that machine noise hits all alike. */
function measure(commands, runs) {
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs; i++)
    for (const [k, argv] of Object.entries(commands)) times[k].push(time(argv));
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
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

// 1. Start-up.
if (!reportOnly) {
  const runs = 31;
  const m = measure(
    {
      node: ['-e', '0'],
      version: [bin, '--version'],
      help: [bin, '--help'],
      search: [bin, 'search', 'Gyumri'],
    },
    runs,
  );
  console.log(
    `Start-up (median of ${runs} runs, stdout a pipe; ratio to bare node in the same run)\n`,
  );
  table(
    ['command', 'median', 'ratio', 'target'],
    [
      ['node -e 0', ms(m.node), '1.00x', ''],
      ['armru --version', ms(m.version), `${(m.version / m.node).toFixed(2)}x`, '<= 1.15x'],
      ['armru --help', ms(m.help), `${(m.help / m.node).toFixed(2)}x`, '<= 1.15x'],
      ['armru search Gyumri', ms(m.search), `${(m.search / m.node).toFixed(2)}x`, '<= 1.30x'],
    ],
  );
}
if (startupOnly) process.exit(0);

// 2. The report page at 10^4 claims, against reading and parsing the same dataset in bare
// node (the least any program that reads it must do).
{
  const size = 10_000;
  const dir = join(out, `synthetic-${size}`);
  const file = join(dir, `synthetic-${size}.claims.json`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${size} claims…\n`);
    writeCorpus(size, dir, 1);
  }
  const runs = 9;
  const m = measure(
    {
      parse: ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`],
      claims: [bin, '--data', file, 'claims'],
      report: [bin, '--data', file, 'report', '-o', join(dir, 'report.html')],
    },
    runs,
  );
  // Processor time (user + system, all threads) as well: on a shared machine it varies far
  // less than the wall clock, which waits for other people's work.
  const cpu = (argv) => {
    if (!GNU_TIME) return undefined;
    const times = Array.from({ length: runs }, () => {
      const r = spawnSync(GNU_TIME, ['-f', '%U %S', process.execPath, ...argv], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
      });
      const [user, system] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
      return (user + system) * 1000;
    });
    return median(times);
  };
  const c = {
    parse: cpu(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]),
    claims: cpu([bin, '--data', file, 'claims']),
    report: cpu([bin, '--data', file, 'report', '-o', join(dir, 'report.html')]),
  };
  const cpuCells = (k) =>
    c.parse && c[k] ? [ms(c[k]), `${(c[k] / c.parse).toFixed(2)}x`] : ['n/a', 'n/a'];
  console.log(`armru report over ${size.toLocaleString('en')} claims (medians of ${runs} runs)\n`);
  table(
    ['command', 'wall', 'ratio', 'processor time', 'ratio', 'target'],
    [
      ['node: JSON.parse of the dataset', ms(m.parse), '1.00x', ...cpuCells('parse'), ''],
      [
        'armru claims (load and list)',
        ms(m.claims),
        `${(m.claims / m.parse).toFixed(2)}x`,
        ...cpuCells('claims'),
        '',
      ],
      [
        'armru report -o FILE',
        ms(m.report),
        `${(m.report / m.parse).toFixed(2)}x`,
        ...cpuCells('report'),
        '< 3x',
      ],
    ],
  );
}
if (reportOnly) process.exit(0);

// 3. Scale.
/** Queries of the kinds people type, drawn from names the corpus contains. */
function queriesFor(file) {
  // Surnames of seven letters or more, as most real ones are: a shorter word allows one edit
  // in five letters, which matches a large share of any archive (the "broad" row shows it).
  const script = `const d=JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'));console.log(JSON.stringify(d.entities.filter(e=>e.type==='Person').map(e=>e.name.split(' ')[1]).filter(s=>s.length>=7).slice(0,60)))`;
  const names = JSON.parse(
    spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout,
  );
  const surname = (i) => names[i];
  const typo = (s) => `${s.slice(0, 2)}${s[3]}${s[2]}${s.slice(4)}`;
  return [
    { label: 'name', query: surname(11) },
    { label: 'typo', query: typo(surname(23)) },
    { label: 'two words', query: `${surname(31)} Gyumri` },
    { label: 'OR', query: `${surname(41)} | ${surname(42)}` },
    { label: 'exact', query: `'${surname(52)}` },
    { label: 'broad (a common first name)', query: 'Tigran', broad: true },
  ];
}

const scaleRows = [];
for (const size of sizes) {
  const dir = join(out, `synthetic-${size}`);
  const file = join(dir, `synthetic-${size}.claims.json`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${size} claims…\n`);
    writeCorpus(size, dir, 1);
  }
  process.stderr.write(`indexing ${size} claims…\n`);
  const indexTime = time([bin, 'index', file]);
  const queries = queriesFor(file);
  const runs = size >= 1_000_000 ? 5 : 9;
  const commands = { node: ['-e', '0'] };
  queries.forEach((q, i) => {
    commands[`q${i}`] = [bin, '--data', file, 'search', q.query];
  });
  const m = measure(commands, runs);
  const typical = queries.filter((q) => !q.broad);
  const armru = median(typical.map((q) => m[`q${queries.indexOf(q)}`]));
  // Plain fuse.js takes seconds to minutes a run at these sizes: fewer runs, two queries.
  const plainRuns = size >= 1_000_000 ? 3 : 5;
  const plainQueries = queries.slice(0, size >= 1_000_000 ? 1 : 2);
  const plain = median(
    plainQueries.map((q) =>
      median(
        Array.from({ length: plainRuns }, () =>
          time([join(root, 'bench/plain-fuse.mjs'), file, q.query]),
        ),
      ),
    ),
  );
  const armruSame = median(plainQueries.map((_, i) => m[`q${i}`]));
  const memArmru = peakMemory([bin, '--data', file, 'search', queries[0].query]);
  const memPlain = peakMemory([join(root, 'bench/plain-fuse.mjs'), file, queries[0].query]);
  process.stderr.write(
    `  ${size}: ${queries.map((q, i) => `${q.label} "${q.query}" ${ms(m[`q${i}`])}`).join('; ')}\n`,
  );
  scaleRows.push([
    size.toLocaleString('en'),
    ms(m.node),
    ms(armru),
    `${(armru / m.node).toFixed(2)}x`,
    ms(plain),
    `${(plain / armruSame).toFixed(0)}x`,
    memArmru ? `${memArmru.toFixed(0)} MiB` : 'n/a',
    memPlain ? `${memPlain.toFixed(0)} MiB` : 'n/a',
    `${(indexTime / 1000).toFixed(1)} s`,
  ]);
}
console.log(
  'Search at scale, end to end through the CLI with a prepared index (medians; armru over five',
);
console.log(
  'query kinds, plain fuse.js over the first two; "faster" compares the same two queries)\n',
);
table(
  [
    'claims',
    'node -e 0',
    'armru search',
    'vs node',
    'plain fuse.js',
    'faster',
    'armru peak',
    'fuse.js peak',
    'index build',
  ],
  scaleRows,
);
