// How armru draft's language tooling was chosen: load time, sentence splitting on hard cases,
// and named-entity recall on the two gold datasets, for compromise (+ compromise-dates),
// wink-nlp (+ wink-eng-lite-web-model) and armru's own rules; chrono-node against
// compromise-dates for dates. The candidates are not dependencies of armru; install them
// somewhere and point ARMRU_NLP_DIR at that directory:
//
//   mkdir ../nlp-candidates && (cd ../nlp-candidates && npm init -y && \
//     npm install compromise compromise-dates wink-nlp wink-eng-lite-web-model chrono-node)
//   npm run build && ARMRU_NLP_DIR=../nlp-candidates node bench/draft-tooling.mjs
//
// A candidate that is not installed there is skipped with a note.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nlpDir = process.env.ARMRU_NLP_DIR ?? root;
const requireNlp = createRequire(join(nlpDir, 'package.json'));
const { splitSentences, draftDataset, readLayout, findDates } = await import(
  join(root, 'dist/draft/index.js')
);
const { evaluate } = await import(join(root, 'dist/draft/evaluate.js'));

const tryRequire = (name) => {
  try {
    return requireNlp(name);
  } catch {
    console.log(`  (${name} is not installed in ${nlpDir}: skipped)`);
    return undefined;
  }
};

/** Median of `runs` fresh processes' time to load `code`, in ms. */
function loadTime(code, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(
      process.execPath,
      ['-e', `const t=performance.now();${code};console.log(performance.now()-t)`],
      { cwd: nlpDir, encoding: 'utf8' },
    );
    times.push(Number(out.trim()));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

// Each case: a text and the sentences a reader sees in it.
const CASES = [
  ['Dr. J. R. Smith paid $3.5 million to Acme Corp. on Jan. 5. He left.', 2],
  ['The U.S. Treasury paid. Aid went to the U.S. The talks ended.', 3],
  ['The mayor said: “The plan is dead.” Officials told reporters.', 2],
  ['“Never. Not this year,” she said. He left.', 2],
  ['“It works!” cried Ann. Nobody answered.', 2],
  ['Ms. Lee arrived at 3 p.m. yesterday. She left at 5 p.m. The hall closed.', 3],
  [
    '“The structure is sound. Our inspections show no movement at all,” said Ines Okafor. She left.',
    2,
  ],
  ['ראש העיר אמר כי התוכנית בוטלה. היא עזבה.', 2],
];

const wink = tryRequire('wink-nlp');
const winkModel = tryRequire('wink-eng-lite-web-model');
const compromise = tryRequire('compromise');
const compromiseDates = tryRequire('compromise-dates');
const chrono = tryRequire('chrono-node');

const splitters = [
  ['armru rules', (t) => splitSentences(t).map((s) => t.slice(s.start, s.end))],
  ...(compromise ? [['compromise', (t) => compromise(t).sentences().out('array')]] : []),
  ...(wink && winkModel ? [['wink-nlp', (t) => wink(winkModel).readDoc(t).sentences().out()]] : []),
];

console.log('\nTime to load, inside a fresh process, median of 5 (ms):');
if (compromise)
  console.log(
    `  compromise + dates        ${loadTime("const n=require('compromise');n.plugin(require('compromise-dates'))").toFixed(0)}`,
  );
if (wink && winkModel)
  console.log(
    `  wink-nlp + model          ${loadTime("require('wink-nlp')(require('wink-eng-lite-web-model'))").toFixed(0)}`,
  );
if (chrono)
  console.log(`  chrono-node               ${loadTime("require('chrono-node')").toFixed(0)}`);
console.log(
  `  armru draft bundle        ${loadTime(`require(${JSON.stringify(join(root, 'dist/armru/draft.cjs'))})`).toFixed(0)}`,
);

console.log(`\nSentence splitting, hard cases split as a reader does (of ${CASES.length}):`);
for (const [name, split] of splitters) {
  const right = CASES.filter(([text, n]) => split(text).length === n).length;
  console.log(`  ${name.padEnd(24)} ${right}/${CASES.length}`);
}

console.log('\nNamed entities found (people, organisations, places named in the body):');
const golds = ['data/claims.json', 'tests/fixtures/draft/aldermoor.gold.claims.json'];
for (const file of golds) {
  const doc = JSON.parse(readFileSync(join(root, file), 'utf8'));
  const text = readFileSync(join(dirname(join(root, file)), doc.source.textFile), 'utf8');
  const bodyStart = Array.from(text.slice(0, readLayout(text).bodyStart)).length;
  const published = doc.source.datePublished ?? undefined;
  const ours = draftDataset(text, { fallbackTitle: 'x', ...(published ? { published } : {}) });
  const e = evaluate(doc, ours.doc, text, bodyStart);
  let line = `  ${file}: armru rules ${e.entities.hit}/${e.entities.of}`;
  if (compromise) {
    const d = compromise(text.slice(readLayout(text).bodyStart));
    const names = [
      ...d.people().out('array'),
      ...d.organizations().out('array'),
      ...d.places().out('array'),
    ].map((n) => n.replace(/[’']s$|[.,;:“”"]/g, '').trim());
    const entities = [...new Set(names)].map((name, i) => ({
      id: `e${i}`,
      type: 'Organization',
      name,
      aliases: [],
    }));
    const c = evaluate(doc, { ...ours.doc, entities }, text, bodyStart);
    line += `; compromise ${c.entities.hit}/${c.entities.of}`;
  }
  console.log(`${line}; wink-nlp's English model names no people or organisations`);
}

if (chrono && compromise && compromiseDates) {
  const nlp = compromise;
  nlp.plugin(compromiseDates);
  const text =
    'He spoke last week. Talks resume in June. The plant closes by next year. It began in 2018. They met on October 29th.';
  const want = ['2024-05-06', '2024-06', '2025', '2018', '2024-10-29'];
  const got = chrono
    .parse(text, new Date('2024-05-15T12:00:00Z'))
    .map((r) => r.start.date().toISOString().slice(0, 10));
  const gotC = nlp(text)
    .dates({ today: '2024-05-15' })
    .json()
    .map((d) => d.dates?.start?.slice(0, 10));
  const score = (xs) => want.filter((w) => xs.some((x) => x?.startsWith(w))).length;
  const ours = findDates(text, '2024-05-15').map((d) => d.date);
  console.log(
    `\nDates resolved against 2024-05-15 (of ${want.length}): chrono-node alone ${score(got)}; compromise-dates ${score(gotC)}; armru (chrono-node, weeks as intervals, bare years by rule) ${score(ours)}`,
  );
}
