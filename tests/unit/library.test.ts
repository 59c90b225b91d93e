import { describe, expect, it } from 'vitest';
import * as armru from '../../src/index.js';

describe('the library API', () => {
  it('loads, searches, selects and exports like the CLI', async () => {
    const corpus = await armru.loadCorpus();
    const hits = new armru.ClaimSearcher(corpus).search('Gyumri');
    // c10 names Gyumri only through the agreement it evidences: a weak match, left out as the
    // CLI leaves it out without --all.
    expect(hits.map((h) => h.claim.id).sort()).toEqual(['c06', 'c07', 'c12']);
    const refs = armru.selectClaims(corpus, { kind: ['quote'] });
    expect(refs.map((r) => r.claim.id)).toEqual(['c28', 'c29']);
    expect(armru.toCsv(refs).split('\r\n')).toHaveLength(4);
    const doc = armru.subsetDocument(
      corpus.datasets[0] as armru.Dataset,
      refs.map((r) => r.claim),
    );
    expect(armru.checkDataset(doc, 'memory.claims.json').doc.claims).toHaveLength(2);
    expect(armru.VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
