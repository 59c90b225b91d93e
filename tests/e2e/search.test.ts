import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/text-width.js';
import { armru, armruTty, fixture, ROOT, stripAnsi } from '../helpers.js';

describe('armru search (built binary)', () => {
  it('prints plain tab-separated lines in a pipe', () => {
    const r = armru(['search', 'Gyumri']);
    expect(r.status).toBe(0);
    // c10 matches only through the agreement it evidences (the basing of the base in Gyumri).
    expect(r.stderr).toBe(
      'armru: 1 more claim matches only through an alias or an agreement (--all shows them)\n',
    );
    const lines = [
      'c12\tbackground\tauthor\tUnder these arrangements Russia has a military base in Gyumri.\tRussia, 102nd Russian Military Base, Gyumri',
      'c06\tevent\tauthor\tDuring the visit Shoygu went to the 102nd Russian Military Base in Gyumri.\tSergey Shoygu, 102nd Russian Military Base, Gyumri',
      'c07\tstatement\tSergey Shoygu\tThe military capability of the Gyumri base will be doubled once new and modernized military equipment is fitted in the near future.\tSergey Shoygu, 102nd Russian Military Base, Gyumri',
    ];
    expect(r.stdout).toBe([...lines, ''].join('\n'));
    expect(armru(['search', 'Gyumri', '--all'])).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        ...lines,
        'c10\tbackground\tauthor\tArmenia has key defense arrangements with Russia. [only through an agreement: "Basing of the 102nd Russian Military Base in Gyumri" (gyumri-basing)]\tArmenia, Russia',
        '',
      ].join('\n'),
    });
  });

  it('prints the claim objects as stored, plus score, with --json', () => {
    const r = armru(['search', 'Pashinian', 'Europe', '--json']);
    expect(r.status).toBe(0);
    const hits = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(hits.map((h) => h.id).slice(0, 2)).toEqual(['c29', 'c28']);
    expect(Object.keys(hits[0] ?? {})).toEqual([
      'id',
      'text',
      'quote',
      'kind',
      'assertedBy',
      'cue',
      'hedged',
      'actors',
      'topics',
      'when',
      'cameo',
      'score',
      'matched',
    ]);
    expect(hits[0]).toMatchObject({
      assertedBy: 'pashinyan',
      kind: 'quote',
      quote: { exact: expect.any(String) },
    });
  });

  it('takes unquoted multi-word queries and fzf operators', () => {
    expect(armru(['search', 'biolab', 'access']).stdout.split('\n').filter(Boolean)).toHaveLength(
      2,
    );
    const r = armru(['search', 'biolab !Kommersant', '--json']);
    expect(JSON.parse(r.stdout).map((c: { id: string }) => c.id)).toEqual(['c09']);
  });

  it('applies --actor, --topic, --kind and --limit', () => {
    const r = armru(['search', 'Europe', '--actor', 'Pashinian', '--kind', 'quote', '--json']);
    expect(JSON.parse(r.stdout).map((c: { id: string }) => c.id)).toEqual(['c29', 'c28']);
    const s = armru([
      'search',
      'Russia',
      '--actor',
      'Kocharian',
      '--kind',
      'event,background',
      '--json',
    ]);
    expect(JSON.parse(s.stdout).map((c: { id: string }) => c.id)).toEqual(['c23']);
    const t = armru(['search', 'Armenia', '--topic', 'ODKB', '--limit', '1', '--json']);
    expect(JSON.parse(t.stdout)).toHaveLength(1);
    expect(JSON.parse(t.stdout)[0].topics).toContain('csto');
  });

  it('exits 1 with a message when nothing matches', () => {
    const r = armru(['search', 'qqqxzz']);
    expect(r).toEqual({ status: 1, stdout: '', stderr: 'armru: no claims match "qqqxzz"\n' });
    const j = armru(['search', 'qqqxzz', '--json']);
    expect(j).toEqual({ status: 1, stdout: '[]\n', stderr: 'armru: no claims match "qqqxzz"\n' });
  });

  it('exits 2 with a one-line message and a help hint on usage errors', () => {
    expect(armru(['search'])).toEqual({
      status: 2,
      stdout: '',
      stderr: "armru: missing required argument 'query'\nRun 'armru search --help' for usage.\n",
    });
    expect(armru(['serch', 'x'])).toEqual({
      status: 2,
      stdout: '',
      stderr:
        "armru: unknown command 'serch' (did you mean search?)\nRun 'armru --help' for usage.\n",
    });
    expect(armru(['search', 'x', '--limit', '0']).stderr).toBe(
      "armru: option '--limit <n>' argument '0' is invalid: expected a whole number of at least 1\nRun 'armru search --help' for usage.\n",
    );
    expect(armru(['search', 'x', '--kind', 'rumour']).status).toBe(2);
    expect(armru(['search', 'x', '--color', 'sometimes']).status).toBe(2);
  });

  it('names the closest actors for an unknown --actor', () => {
    expect(armru(['search', 'x', '--actor', 'Shoygoo'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'armru: no actor is named "Shoygoo"; closest: "Shoygu"\n',
    });
  });

  it('refuses a broken dataset with every problem, exit 2 and no stack trace', () => {
    const f = fixture('bad/dangling.claims.json');
    const r = armru(['--data', f, 'search', 'ferry']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      `armru: ${f}: not a valid armru dataset (5 problems)`,
      `  ${f}: $.claims[3].id: duplicate id "m1" (claim m1)`,
      `  ${f}: $.claims[0].actors[3]: no entity has the id "nobody" (claim m1)`,
      `  ${f}: $.claims[2].topics[1]: no topic has the id "weather" (claim m3)`,
      `  ${f}: $.relations[1].from: no claim has the id "m4"`,
      `  ${f}: $.relations[2].to: no claim has the id "m9"`,
      '',
    ]);
    const s = armru(['--data', fixture('bad/syntax.claims.json'), 'search', 'x']);
    expect(s).toEqual({
      status: 2,
      stdout: '',
      stderr: `armru: ${fixture('bad/syntax.claims.json')}:7:5: invalid JSON: expected ',' between items\n`,
    });
    expect(armru(['--data', 'missing.json', 'search', 'x']).stderr).toBe(
      'armru: missing.json: no such file; expected the dataset here\n',
    );
  });

  it('loads another dataset with --data or ARMRU_DATA', () => {
    const viaFlag = armru(['search', 'ferry', '--data', fixture('mini/claims.json'), '--json']);
    // m2 says "ferries", the plural met as a word found exactly; m1 "ferry" in a longer text.
    expect(JSON.parse(viaFlag.stdout).map((c: { id: string }) => c.id)).toEqual([
      'm2',
      'm1',
      'm3',
      'm4',
    ]);
    const viaEnv = armru(['search', 'Ana Ruíz'], { ARMRU_DATA: fixture('mini/claims.json') });
    expect(viaEnv.stdout.split('\n').map((l) => l.split('\t')[0])).toEqual(['m4', 'm1', '']);
  });

  it('draws a table fitted to the terminal, coloured unless told not to', () => {
    const r = armruTty(['search', 'Gyumri'], { COLUMNS: '80' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\u001b[1mID\u001b[22m');
    expect(r.stdout).toContain('\u001b[1m\u001b[31mGyumri\u001b[39m\u001b[22m');
    const lines = stripAnsi(r.stdout).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^┌─+┬/);
    expect(lines[1]).toMatch(/^│ ID +│ KIND +│ ASSERTED +│ CLAIM +│ ACTORS +│$/);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(Math.max(...lines.map(displayWidth))).toBe(80);

    const plain = armruTty(['search', 'Gyumri'], { COLUMNS: '120', NO_COLOR: '1' });
    expect(plain.stdout).not.toContain('\u001b');
    expect(Math.max(...plain.stdout.trimEnd().split('\n').map(displayWidth))).toBeLessThanOrEqual(
      120,
    );
  });

  it("answers --version and --help from build-time text identical to the program's own", () => {
    const version = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).version;
    expect(armru(['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    expect(armru(['-V']).stdout).toBe(`${version}\n`);
    // COLUMNS turns the fast path off, so commander prints these itself (at the same width).
    for (const args of [['--help'], ['search', '--help'], ['export', '-h']]) {
      const fast = armru(args);
      expect(fast.status).toBe(0);
      expect(fast.stdout, args.join(' ')).toBe(armru(args, { COLUMNS: '80' }).stdout);
    }
  });

  it('shows usage first, then options, then examples and what it prints in a pipe', () => {
    const r = armru(['search', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('Usage: armru search [options] <query...>\n')).toBe(true);
    expect(r.stdout).toContain('\nExamples:\n  armru search Gyumri\n');
    expect(r.stdout.indexOf('Global Options:')).toBeLessThan(r.stdout.indexOf('Examples:'));
    expect(r.stdout.trimEnd().endsWith('(tab-separated).')).toBe(true);
  });
});
