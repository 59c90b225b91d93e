// The baseline for the scale benchmark: plain fuse.js over every claim, end to end, with the
// same records and options as armru (no candidate filter, no index).
//
//   node bench/plain-fuse.mjs DATASET QUERY
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Fuse from 'fuse.js';
import { parseQuery } from '../dist/core/search/search.js';
import { FUSE_OPTIONS, searchRecord } from '../dist/core/search/search-record.js';

const [file, query] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(file, 'utf8'));
readFileSync(join(dirname(file), doc.source.textFile), 'utf8');
const dataset = {
  doc,
  entityById: new Map(doc.entities.map((e) => [e.id, e])),
  topicById: new Map(doc.topics.map((t) => [t.id, t])),
};
const fuse = new Fuse(
  doc.claims.map((claim) => searchRecord(dataset, claim)),
  FUSE_OPTIONS,
);
const best = new Map();
for (const group of parseQuery(query)) {
  for (const result of fuse.search({ $and: group.terms })) {
    const seen = best.get(result.refIndex);
    if (seen === undefined || result.score < seen) best.set(result.refIndex, result.score);
  }
}
const top = [...best].sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, 20);
process.stdout.write(`${top.map(([i]) => doc.claims[i].id).join('\n')}\n`);
