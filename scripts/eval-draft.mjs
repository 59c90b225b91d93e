// `npm run eval:draft`: drafts the built-in article and the invented test article with
// `armru draft`'s core, and scores each draft against its hand-made gold dataset (see
// src/draft/evaluate.ts for what each figure counts). Runs on the built library in dist/.
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { loadDataset } = await import(join(root, 'dist/core/store/load.js'));
const { draftDataset, readLayout } = await import(join(root, 'dist/draft/index.js'));
const { evaluate, formatRatio } = await import(join(root, 'dist/draft/evaluate.js'));

const articles = [
  { label: 'built-in article (data/claims.json)', gold: 'data/claims.json' },
  { label: 'invented test article', gold: 'tests/fixtures/draft/aldermoor.gold.claims.json' },
];

const rows = [
  ['gold claims covered by a drafted claim', 'covered'],
  ['attribution, reported and quoted claims', 'attribution'],
  ["the writer's own claims left to the writer", 'authorVoice'],
  ['named entities found (people, bodies, places)', 'entities'],
  ['hedge precision', 'hedgePrecision'],
  ['hedge recall', 'hedgeRecall'],
  ['kind', 'kinds'],
  ['dates the claim words give, resolved right', 'dates'],
];

for (const { label, gold: goldFile } of articles) {
  const gold = await loadDataset(join(root, goldFile), { useIndex: false });
  const published = gold.doc.source.datePublished ?? undefined;
  const started = performance.now();
  const draft = draftDataset(gold.text, {
    fallbackTitle: basename(goldFile),
    ...(published ? { published } : {}),
  });
  const ms = performance.now() - started;
  const bodyStart = Array.from(gold.text.slice(0, readLayout(gold.text).bodyStart)).length;
  const e = evaluate(gold.doc, draft.doc, gold.text, bodyStart);
  console.log(`\n${label}: ${goldFile}`);
  console.log(
    `  ${draft.sentences} body sentences, ${draft.doc.claims.length} drafted claims, ${draft.doc.entities.length} entities; --published ${published ?? '(none: the article carries no date)'}; ${ms.toFixed(0)} ms`,
  );
  for (const [name, key] of rows) console.log(`  ${name.padEnd(46)} ${formatRatio(e[key])}`);
  for (const a of e.attributed)
    console.log(`    ${a.right ? 'right' : 'wrong'}  ${a.id}: gold ${a.gold}; draft ${a.draft}`);
  if (e.missedEntities.length > 0)
    console.log(`    entities missed: ${e.missedEntities.join(', ')}`);
}
