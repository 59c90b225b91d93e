import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Fuse from 'fuse.js';
import { ArmruError } from '../model/errors.js';
import {
  FUSE_OPTIONS,
  SEARCH_FIELDS,
  SEARCH_FINGERPRINT,
  type SearchRecord,
  searchRecord,
  WORD,
} from '../search/search.js';
import { fold } from '../text/fold.js';
import {
  INDEX_FORMAT,
  type IndexMeta,
  indexDirectory,
  LARGE_INDEX_CLAIMS,
  stampOf,
} from './index-store.js';
import { loadDataset } from './load.js';

/** What building an index reports. */
export interface IndexReport {
  file: string;
  dir: string;
  kind: 'small' | 'large';
  claims: number;
  words?: number;
}

/** The folded text of a search record's fields, joined by NUL as the candidate filter sees it. */
export function recordText(record: SearchRecord): string {
  return SEARCH_FIELDS.flatMap((field) => record[field])
    .map(fold)
    .join('\u0000');
}

/**
 * Builds the index of one dataset file (see index-store.ts for the layout). The dataset is
 * loaded with every check first, never through an existing index; the new index is written
 * to a temporary directory and moved into place at the end, so a reader sees the old index,
 * no index, or the new one, never a part of one.
 */
export async function buildIndex(
  file: string,
  onProgress?: (done: number, total: number) => void,
): Promise<IndexReport> {
  const before = stampOf(file);
  const dataset = await loadDataset(file, { useIndex: false });
  const { doc } = dataset;
  const textFile = doc.source.text === undefined ? (doc.source.textFile ?? null) : null;
  const kind = doc.claims.length >= LARGE_INDEX_CLAIMS ? 'large' : 'small';
  const meta: IndexMeta = {
    format: INDEX_FORMAT,
    searchOptions: SEARCH_FINGERPRINT,
    kind,
    claims: doc.claims.length,
    dataset: before,
    textFile,
    text: textFile === null ? null : stampOf(join(dirname(file), textFile)),
  };
  const dir = indexDirectory(file);
  const temporary = `${dir}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary, { recursive: true });
  const report: IndexReport = { file, dir, kind, claims: doc.claims.length };
  try {
    const records = doc.claims.map((claim) => searchRecord(dataset, claim));
    if (kind === 'small') {
      const index = Fuse.createIndex(FUSE_OPTIONS.keys ?? [], records, {
        getFn: FUSE_OPTIONS.getFn as never,
      });
      writeFileSync(join(temporary, 'fuse.json'), JSON.stringify(index.toJSON()));
    } else {
      // Entities go to a store of their own: a search reads only those its candidates name.
      const { claims: _all, entities, ...rest } = doc;
      meta.doc = { ...rest, entities: [] };
      writeEntityStore(temporary, entities);
      report.words = writeLargeIndex(temporary, doc.claims, records, onProgress);
    }
    writeFileSync(join(temporary, 'meta.json'), JSON.stringify(meta));
    const after = statSync(file);
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
      throw new ArmruError(
        'io',
        `${file}: the dataset changed while it was being indexed; run armru index again`,
      );
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(temporary, dir);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  return report;
}

/** Entities sorted by id, one JSON line each, with their ids and line offsets beside. */
function writeEntityStore(dir: string, entities: readonly { id: string }[]): void {
  const sorted = [...entities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const offsets = new Float64Array(sorted.length + 1);
  let position = 0;
  const lines = sorted.map((entity, i) => {
    const line = `${JSON.stringify(entity)}\n`;
    offsets[i] = position;
    position += Buffer.byteLength(line);
    return line;
  });
  offsets[sorted.length] = position;
  writeFileSync(join(dir, 'entities.jsonl'), lines.join(''));
  writeFileSync(join(dir, 'entity-offsets.bin'), Buffer.from(offsets.buffer));
  writeFileSync(join(dir, 'entity-ids.txt'), sorted.map((e) => `${e.id}\n`).join(''));
}

function writeLargeIndex(
  dir: string,
  claims: readonly unknown[],
  records: SearchRecord[],
  onProgress?: (done: number, total: number) => void,
): number {
  // The claims store: one JSON line per claim, and where each line starts.
  const offsets = new Float64Array(claims.length + 1);
  const lines: string[] = [];
  let position = 0;
  claims.forEach((claim, i) => {
    const line = `${JSON.stringify(claim)}\n`;
    offsets[i] = position;
    position += Buffer.byteLength(line);
    lines.push(line);
  });
  offsets[claims.length] = position;
  writeFileSync(join(dir, 'claims.jsonl'), lines.join(''));
  writeFileSync(join(dir, 'claim-offsets.bin'), Buffer.from(offsets.buffer));

  // The word index: each folded word and the claims whose search record has it.
  const postings = new Map<string, number[]>();
  const step = Math.max(1, Math.floor(records.length / 50));
  records.forEach((record, i) => {
    for (const word of new Set(recordText(record).match(WORD))) {
      const list = postings.get(word);
      if (list) list.push(i);
      else postings.set(word, [i]);
    }
    if (onProgress && (i + 1) % step === 0) onProgress(i + 1, records.length);
  });
  const vocabulary = [...postings.keys()].sort();
  const postingOffsets = new Uint32Array(vocabulary.length + 1);
  let total = 0;
  vocabulary.forEach((word, w) => {
    postingOffsets[w] = total;
    total += (postings.get(word) as number[]).length;
  });
  postingOffsets[vocabulary.length] = total;
  const all = new Uint32Array(total);
  vocabulary.forEach((word, w) =>
    all.set(postings.get(word) as number[], postingOffsets[w] as number),
  );
  writeFileSync(join(dir, 'vocabulary.txt'), `${vocabulary.join('\n')}\n`);
  writeFileSync(join(dir, 'postings.bin'), Buffer.from(all.buffer));
  writeFileSync(join(dir, 'posting-offsets.bin'), Buffer.from(postingOffsets.buffer));
  onProgress?.(records.length, records.length);
  return vocabulary.length;
}
