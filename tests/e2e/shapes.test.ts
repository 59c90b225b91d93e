import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { armru, armruTty } from '../helpers.js';
import { writeCutQuotes, writeInvisible, writeShape } from './shapes.js';

// Sizes at which the whole-chain bookkeeping of membership ran out of memory (a chain of 1,500)
// or printed chains whose total length grows with the square of the depth.
const CHAIN = 1500;

describe('a deep membership chain', () => {
  const data = ['--data', writeShape('chain', CHAIN)];

  it('lists every entity with the claims of all its members', () => {
    const r = armru([...data, 'actors']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(CHAIN);
    expect(lines[0]).toBe(`root\tCountry\tRootland\t${CHAIN}\t${CHAIN}\t`);
    expect(lines[1]).toBe(`e1\tPerson\tMember 1\t${CHAIN - 1}\t${CHAIN - 1}\t`);
    expect(lines.at(-1)).toBe(`e${CHAIN - 1}\tPerson\tMember ${CHAIN - 1}\t1\t1\t`);
  });

  it('shows a long chain as its ends and the number of entities between', () => {
    const r = armru([...data, 'claims', '--actor', 'root']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(CHAIN);
    const last = CHAIN - 1;
    expect(lines.at(-1)).toBe(
      `c${last}\tstatement\tMember ${last}\tClaim ${last}.\tMember ${last} (via Member ${last} → Member ${last - 1} → Member ${last - 2} → … ${CHAIN - 6} more … → Member 2 → Member 1 → Rootland)`,
    );
    // Eight entities or fewer: the whole chain.
    expect(lines[7]).toBe(
      'c7\tstatement\tMember 7\tClaim 7.\tMember 7 (via Member 7 → Member 6 → Member 5 → Member 4 → Member 3 → Member 2 → Member 1 → Rootland)',
    );
    expect(lines[8]).toContain('(via Member 8 → Member 7 → Member 6 → … 3 more … → Member 2');
    // Each line is bounded, so the output grows with the claims, not with depth × claims.
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(200);
    const asserted = armru([...data, 'claims', '--asserted-by', 'e1']).stdout.trimEnd();
    expect(asserted.split('\n').at(-1)).toContain(
      `(asserted via Member ${last} → Member ${last - 1} → Member ${last - 2} → … ${CHAIN - 7} more … → Member 3 → Member 2 → Member 1)`,
    );
  });

  it('gives JSON the ends of a long path and the count left out', () => {
    const r = armru([...data, 'actors', 'e1', '--json']);
    expect(r.status).toBe(0);
    const [profile] = JSON.parse(r.stdout);
    expect(profile.claimCount).toBe(CHAIN - 1);
    expect(profile.claims[0].via).toBeUndefined();
    expect(profile.claims[2].via).toEqual([
      {
        option: 'actor',
        name: 'Member 1',
        path: ['e3', 'e2', 'e1'],
        text: 'via Member 3 → Member 2 → Member 1',
      },
    ]);
    expect(profile.claims.at(-1).via).toEqual([
      {
        option: 'actor',
        name: 'Member 1',
        path: [`e${CHAIN - 1}`, `e${CHAIN - 2}`, `e${CHAIN - 3}`, 'e3', 'e2', 'e1'],
        omitted: CHAIN - 7,
        text: `via Member ${CHAIN - 1} → Member ${CHAIN - 2} → Member ${CHAIN - 3} → … ${CHAIN - 7} more … → Member 3 → Member 2 → Member 1`,
      },
    ]);
  });
});

describe('membership where each entity belongs to the two before it', () => {
  const n = 400;
  const data = ['--data', writeShape('lattice', n)];

  it('finds every member by a shortest chain, shown bounded', () => {
    const r = armru([...data, 'claims', '--actor', 'root', '--json']);
    expect(r.status).toBe(0);
    const claims = JSON.parse(r.stdout);
    expect(claims).toHaveLength(n);
    // e399 reaches root in 200 steps (two at a time): 201 entities, 6 shown.
    const last = claims.at(-1).via[0];
    expect(last.path).toEqual(['e399', 'e397', 'e395', 'e3', 'e1', 'root']);
    expect(last.omitted).toBe(201 - 6);
    const listing = armru([...data, 'actors'])
      .stdout.trimEnd()
      .split('\n');
    expect(listing[0]).toBe(`root\tCountry\tRootland\t${n}\t${n}\t`);
    expect(listing[2]).toBe(`e2\tPerson\tMember 2\t${n - 2}\t${n - 2}\t`);
  });
});

describe('an agreement with many parties', () => {
  it('pairs the parties of a small agreement', () => {
    const data = ['--data', writeShape('crowd', 6)];
    const dot = armru([...data, 'graph']).stdout;
    expect(dot.match(/\[label="Crowd pact", style=dashed/g)).toHaveLength(15);
    expect(dot).not.toContain('agreement:');
  });

  it('draws a larger one as a node linked to each party, in every format', () => {
    const data = ['--data', writeShape('crowd', 7)];
    const dot = armru([...data, 'graph']).stdout.split('\n');
    expect(dot).toContain('  "agreement:pact" [label="Crowd pact", shape=diamond];');
    expect(dot.filter((l) => l.includes(' -- '))).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map(
        (i) => `  "p${i}" -- "agreement:pact" [style=dashed, color="#1f6feb"];`,
      ),
    );
    const mermaid = armru([...data, 'graph', '--format', 'mermaid']).stdout.split('\n');
    expect(mermaid).toContain('  n_agreement_3a_pact{"Crowd pact"}');
    expect(mermaid).toContain('  n_p6 -.- n_agreement_3a_pact');
    const json = JSON.parse(armru([...data, 'graph', '--format', 'json']).stdout);
    expect(json.nodes.at(-1)).toEqual({
      id: 'agreement:pact',
      name: 'Crowd pact',
      type: 'Agreement',
    });
    expect(json.edges).toHaveLength(7);
    expect(json.edges[0]).toEqual({
      kind: 'party',
      a: 'p0',
      b: 'agreement:pact',
      agreement: 'pact',
      label: 'Crowd pact',
    });
    const svg = armru([...data, 'graph', '--format', 'svg']);
    expect(svg.status).toBe(0);
    expect(svg.stdout).toContain('<title>p3&#45;&#45;agreement:pact</title>');
  });

  it('counts actors, not agreements, where a picture says how many it shows', () => {
    const file = writeShape('crowd', 150);
    // The most connected 100 nodes: the agreement's and 99 of its parties.
    const svg = armru(['--data', file, 'graph', '--format', 'svg']);
    expect(svg.status).toBe(0);
    expect(svg.stderr).toBe(
      'armru: the picture shows the 99 most connected of 150 actors; narrow the network with --actor, --min-weight or the claim filters, or lay out the whole of it from DOT (armru graph | sfdp -Tsvg)\n',
    );
    // The report's network: 40 nodes, the agreement's and 39 parties.
    const page = armru(['--data', file, 'report']).stdout;
    expect(page).toContain('The 39 most connected of 150 actors.');
  });

  it('keeps the graph linear in the parties', () => {
    const parties = 4000;
    const r = armru(['--data', writeShape('crowd', parties), 'graph', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const graph = JSON.parse(r.stdout);
    expect(graph.nodes).toHaveLength(parties + 1);
    expect(graph.edges).toHaveLength(parties);
  });
});

describe('a claim that names many actors', () => {
  it('pairs the actors of a claim of six, as always', () => {
    const dot = armru(['--data', writeShape('throng', 6), 'graph']).stdout;
    // 15 pairs, the one c1 also names weighing 2.
    expect(dot.match(/ -- /g)).toHaveLength(15);
    expect(dot).toContain('  "p0" -- "p1" [label="2", weight=2, penwidth=2.0];');
    expect(dot).not.toContain('claim:');
  });

  it('draws a larger one as a node linked to each actor, in every format', () => {
    const data = ['--data', writeShape('throng', 7)];
    const dot = armru([...data, 'graph']).stdout.split('\n');
    expect(dot).toContain('  "claim:c0" [label="claim c0", shape=note];');
    expect(dot.filter((l) => l.includes(' -- '))).toEqual([
      '  "p0" -- "p1" [label="1", weight=1, penwidth=1.0];',
      ...[0, 1, 2, 3, 4, 5, 6].map((i) => `  "p${i}" -- "claim:c0" [color="#57606a"];`),
    ]);
    const mermaid = armru([...data, 'graph', '--format', 'mermaid']).stdout.split('\n');
    expect(mermaid).toContain('  n_claim_3a_c0[/"claim c0"/]');
    expect(mermaid).toContain('  n_p6 --- n_claim_3a_c0');
    expect(mermaid).toContain('  n_p0 ---|"1"| n_p1');
    const json = JSON.parse(armru([...data, 'graph', '--format', 'json']).stdout);
    expect(json.nodes.at(-1)).toEqual({ id: 'claim:c0', name: 'claim c0', type: 'Claim' });
    expect(json.edges).toHaveLength(8);
    expect(json.edges[1]).toEqual({ kind: 'named', a: 'p0', b: 'claim:c0', claim: 'c0' });
    const svg = armru([...data, 'graph', '--format', 'svg']);
    expect(svg.status).toBe(0);
    expect(svg.stdout).toContain('<title>p3&#45;&#45;claim:c0</title>');
    // --min-weight drops the pair and keeps the claim's links, as it keeps agreements.
    const heavy = JSON.parse(
      armru([...data, 'graph', '--format', 'json', '--min-weight', '2']).stdout,
    );
    expect(heavy.edges.map((e: { kind: string }) => e.kind)).toEqual(Array(7).fill('named'));
  });

  it('counts actors, not claims, where a picture says how many it shows', () => {
    const file = writeShape('throng', 150);
    const svg = armru(['--data', file, 'graph', '--format', 'svg']);
    expect(svg.status).toBe(0);
    expect(svg.stderr).toBe(
      'armru: the picture shows the 99 most connected of 150 actors; narrow the network with --actor, --min-weight or the claim filters, or lay out the whole of it from DOT (armru graph | sfdp -Tsvg)\n',
    );
    const page = armru(['--data', file, 'report']).stdout;
    expect(page).toContain('The 39 most connected of 150 actors.');
  });

  it('keeps the graph linear in the actors a claim names', () => {
    const actors = 4000;
    const r = armru(['--data', writeShape('throng', actors), 'graph', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const graph = JSON.parse(r.stdout);
    expect(graph.nodes).toHaveLength(actors + 1);
    expect(graph.edges).toHaveLength(actors + 1);
  });
});

describe('words that hide invisible characters', () => {
  // Claim texts hide a zero-width character (or a soft hyphen) inside "ABC"; search folds them
  // away, and the highlight stays on those very characters, shown escaped where they would be
  // invisible.
  const data = ['--data', writeInvisible(mkdtempSync(join(tmpdir(), 'armru-invisible-')))];
  const match = (s: string) => `\x1b[1m\x1b[31m${s}\x1b[39m\x1b[22m`;

  it('are found by the word typed without them, highlighted where they are', () => {
    const r = armru([...data, 'search', 'ABC', '--color', 'always']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe('');
    const id = (s: string) => `\x1b[36m${s}\x1b[39m`;
    const kind = (s: string) => `\x1b[33m${s}\x1b[39m`;
    // The astral letter and the combining mark after it keep their place.
    const tail = (z: string) => ` \u{10400}${z}x\u0301.`;
    expect(lines).toEqual([
      `${id('c0')}\t${kind('statement')}\tauthor\tClaim 0 names ${match('A\u00adB\u00adC')}${tail('\u00ad')}\tPer\u00adson 0`,
      `${id('c1')}\t${kind('statement')}\tauthor\tClaim 1 names x ${match('A\\u200bB\\u200bC')}.\tPer\\u200bson 1`,
      `${id('c2')}\t${kind('statement')}\tauthor\tClaim 2 names ${match('A\\u200cB\\u200cC')}${tail('\\u200c')}\tPer\\u200cson 2`,
      `${id('c3')}\t${kind('statement')}\tauthor\tClaim 3 names x ${match('A\\u200dB\\u200dC')}.\tPer\\u200dson 3`,
      `${id('c4')}\t${kind('statement')}\tauthor\tClaim 4 names ${match('A\\u2060B\\u2060C')}${tail('\\u2060')}\tPer\\u2060son 4`,
      `${id('c5')}\t${kind('statement')}\tauthor\tClaim 5 names x ${match('A\\ufeffB\\ufeffC')}.\tPer\\ufeffson 5`,
      `${id('plain')}\t${kind('event')}\tauthor\tA claim with ${match('ABC')} in plain letters.\t`,
    ]);
    // JSON keeps the words matched as they are, invisible characters included.
    const json = JSON.parse(armru([...data, 'search', 'ABC', '--json']).stdout) as {
      id: string;
      matched: { field: string; value: string }[];
    }[];
    expect(json.find((h) => h.id === 'c3')?.matched).toEqual([
      { field: 'text', value: 'A\u200dB\u200dC' },
    ]);
  });

  it('are highlighted in a terminal table too', () => {
    const r = armruTty([...data, 'search', 'ABC'], { COLUMNS: '120' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(match('A\\u200dB\\u200dC'));
    expect(r.stdout).toContain(match('A\\ufeffB\\ufeffC'));
  });
});

describe('quotes that cut a grapheme cluster', () => {
  const file = writeCutQuotes(mkdtempSync(join(tmpdir(), 'armru-cut-')));

  it('are valid, with a warning naming the claim, its JSON path and the offset', () => {
    const r = armru(['validate', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${file}: valid (3 claims)\n`);
    expect(r.stderr).toBe(
      [
        `armru: ${file}: warning: $.claims[0].quote.start: offset 7 falls inside the character "\u{1f1e6}\u{1f1f2}" (U+1F1E6 U+1F1F2) as readers see it (a grapheme cluster), so the quote begins with part of it (claim c1)`,
        `armru: ${file}: warning: $.claims[2].quote.end: offset 21 falls inside the character "e\u0301" (U+0065 U+0301) as readers see it (a grapheme cluster), so the quote ends with part of it (claim c3)`,
        '',
      ].join('\n'),
    );
    const [report] = JSON.parse(armru(['validate', file, '--json']).stdout);
    expect(report.valid).toBe(true);
    expect(report.problems).toEqual([]);
    expect(
      report.warnings.map((w: { code: string; path: string; claimId: string }) => [
        w.code,
        w.path,
        w.claimId,
      ]),
    ).toEqual([
      ['grapheme', '$.claims[0].quote.start', 'c1'],
      ['grapheme', '$.claims[2].quote.end', 'c3'],
    ]);
  });

  it('are not found in the built-in dataset or any valid fixture', () => {
    for (const data of [
      [],
      ['--data', 'tests/fixtures/mini/claims.json'],
      ['--data', 'tests/fixtures/hostile/claims.json'],
      ['--data', 'tests/fixtures/hostile-html/claims.json'],
      ['--data', 'tests/fixtures/draft/aldermoor.gold.claims.json'],
      ['--data', 'tests/fixtures/spreadsheet/formulas.claims.json'],
    ]) {
      const r = armru([...data, 'validate', '--json']);
      expect(r.status, data.join(' ')).toBe(0);
      expect(JSON.parse(r.stdout)[0].warnings, data.join(' ')).toEqual([]);
    }
  });
});
