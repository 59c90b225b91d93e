import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/registry.js';
import { armru, armruTty, stripAnsi } from '../helpers.js';

// The same claim filters on every command that shows claims, each narrowing what it shows.

const ids = (stdout: string, column = 0) =>
  stdout
    .trimEnd()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t')[column]);

describe('the same filters everywhere claims are shown', () => {
  it('are declared on search, claims, timeline, disputes, stats and export', () => {
    const wanted = ['--actor', '--topic', '--kind', '--asserted-by', '--from', '--to'];
    for (const name of ['search', 'claims', 'timeline', 'disputes', 'stats', 'export', 'graph']) {
      const command = COMMANDS.find((c) => c.name === name);
      const flags = command?.options.map((o) => /--[a-z-]+/.exec(o.flags)?.[0]) ?? [];
      // graph's --actor draws one actor's neighbourhood (issue #12); the rest filter claims.
      for (const flag of wanted) expect(flags, `${name} ${flag}`).toContain(flag);
      if (name !== 'search') expect(flags, `${name} --query`).toContain('--query');
    }
  });

  it('timeline: --from and --to keep the claims whose dates meet the range', () => {
    const all = armru(['timeline']);
    const in2018 = armru(['timeline', '--from', '2018', '--to', '2018-12-31']);
    expect(in2018.status).toBe(0);
    expect(ids(in2018.stdout).every((date) => date?.startsWith('2018'))).toBe(true);
    expect(ids(in2018.stdout).length).toBeGreaterThan(0);
    expect(ids(in2018.stdout).length).toBeLessThan(ids(all.stdout).length);
    const kocharyan = armru(['timeline', '--actor', 'Kocharyan']);
    expect(ids(kocharyan.stdout, 3)).toEqual(['c23']);
  });

  it('refuses a date range that ends before it starts, and an empty list of fields', () => {
    for (const [command, from, to] of [
      ['read', '2020', '2019'],
      ['timeline', '2020', '2019'],
      ['claims', '2019-11', '2019-10-31'],
      ['export', '2019-10-30', '2019-10-29'],
    ] as const) {
      expect(armru([command, '--from', from, '--to', to]), command).toEqual({
        status: 2,
        stdout: '',
        stderr: `armru: --from "${from}" is after --to "${to}"; expected the earlier date first\n`,
      });
    }
    // A month and its year overlap: a range, not an error.
    expect(armru(['claims', '--from', '2019-10', '--to', '2019']).status).toBe(0);
    for (const fields of ['', ',', ' , ']) {
      const r = armru(['claims', '--fields', fields]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toBe(
        `armru: option '--fields <names>' argument '${fields}' is invalid: expected one field name or more`,
      );
    }
  });

  it('disputes: a pair stays when one of its claims passes', () => {
    const r = armru(['disputes', '--asserted-by', 'Kommersant']);
    expect(r.status).toBe(0);
    for (const line of r.stdout.trimEnd().split('\n')) expect(line).toContain('c08');
    expect(armru(['disputes', '--kind', 'background']).stderr).toBe(
      'armru: no disputes or qualifications recorded\n',
    );
  });

  it('stats: facet counts of the filtered set', () => {
    const r = armru(['stats', '--kind', 'quote']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('total\tclaims\tclaims\t2');
    expect(lines.filter((l) => l.startsWith('kind\t'))).toEqual(['kind\tquote\tquote\t2']);
  });

  it('claims: --query and --limit, saying what was left out', () => {
    const r = armru(['claims', '--query', 'Russia', '--limit', '2']);
    expect(ids(r.stdout)).toHaveLength(2);
    expect(r.stderr).toMatch(
      /^armru: showing 2 of \d+ claims \(--limit N to change, or leave it out for all\)\n$/,
    );
    // In a terminal the count stands under the table, as search's does.
    const tty = stripAnsi(
      armruTty(['claims', '--query', 'Russia', '--limit', '2'], { COLUMNS: '120' }).stdout,
    );
    expect(tty.trimEnd().split('\n').at(-1)).toMatch(
      /^showing 2 of \d+ claims \(--limit N to change/,
    );
    // In article order, unlike search.
    const shown = JSON.parse(armru(['claims', '--query', 'Russia', '--json']).stdout) as {
      quote: { start: number };
    }[];
    const starts = shown.map((c) => c.quote.start);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
  });

  it('graph: the subgraph of the filtered claims and the agreements they evidence', () => {
    const all = JSON.parse(armru(['graph', '--format', 'json']).stdout);
    const quotes = JSON.parse(armru(['graph', '--format', 'json', '--kind', 'quote']).stdout);
    expect(quotes.nodes.length).toBeLessThan(all.nodes.length);
    const claimEdges = quotes.edges.filter((e: { kind: string }) => e.kind === 'claims');
    expect(claimEdges.length).toBeGreaterThan(0);
    for (const edge of claimEdges)
      for (const id of edge.claims as string[]) expect(['c28', 'c29']).toContain(id);
  });

  it('search and export take the date range too; a bad date is a usage error', () => {
    expect(armru(['search', 'Kocharyan', '--from', '2019']).status).toBe(1);
    expect(ids(armru(['search', 'Kocharyan', '--to', '2018']).stdout)).toContain('c23');
    const exported = armru(['export', '--format', 'jsonl', '--from', '2018', '--to', '2018']);
    for (const line of exported.stdout.trimEnd().split('\n'))
      expect(JSON.parse(line).when.date).toMatch(/^2018/);
    const bad = armru(['claims', '--to', '2019-13']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      'armru: --to "2019-13": expected a date as YYYY, YYYY-MM or YYYY-MM-DD\n',
    );
  });
});
