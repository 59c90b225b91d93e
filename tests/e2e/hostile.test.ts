import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { armru, armruTty, fixture } from '../helpers.js';

const DATA = ['--data', fixture('hostile/claims.json')];
const doc = JSON.parse(readFileSync(fixture('hostile/claims.json'), 'utf8'));

/** Control characters that must never reach a terminal raw (armru's own SGR colours aside). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: armru's own colour codes.
const OWN_SGR = /\u001b\[[0-9;]*m/g;

const COMMANDS = [
  ['search', 'plan'],
  ['claims'],
  ['show', 'h1'],
  ['show', 'h2'],
  ['actors'],
  ['actors', 'minister'],
  ['topics'],
  ['topics', 'plan'],
  ['agreements'],
  ['disputes'],
  ['timeline'],
  ['stats'],
  ['graph'],
  ['graph', '--format', 'mermaid'],
  ['export', '--format', 'jsonl'],
  ['export', '--format', 'annotations'],
  ['export', '--format', 'jsonld'],
  ['export'],
  ['validate'],
];

describe('hostile dataset text', () => {
  it('loads: the escapes are in the article and the quotes are exact', () => {
    expect(armru([...DATA, 'validate']).status).toBe(0);
    expect(doc.claims[1].quote.exact).toContain('\u001b]8;;https://evil.example/\u0007');
  });

  it('is shown escaped in every command’s plain output', () => {
    for (const args of COMMANDS) {
      const r = armru([...DATA, ...args]);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      const out = r.stdout;
      expect(RAW.test(out.replace(/[\n\t]/g, '')), `${args.join(' ')}:\n${out}`).toBe(false);
      expect(RAW.test(r.stderr.replace(/\n/g, '')), args.join(' ')).toBe(false);
    }
    expect(armru([...DATA, 'claims']).stdout).toContain('The Minister\\x1b[2J\\x1b[H');
  });

  it('is shown escaped in a terminal, where only armru’s own colours are sent', () => {
    for (const args of COMMANDS.slice(0, 12)) {
      const r = armruTty([...DATA, ...args], { COLUMNS: '100' });
      expect(r.status, args.join(' ')).toBe(0);
      const text = r.stdout.replace(OWN_SGR, '').replace(/[\n\t]/g, '');
      expect(RAW.test(text), `${args.join(' ')}:\n${r.stdout}`).toBe(false);
    }
    expect(armruTty([...DATA, 'show', 'h2'], { COLUMNS: '100' }).stdout).toContain(
      '\\u202eesrever\\u202c',
    );
  });

  it('is escaped in error messages that echo it', () => {
    const r = armru([...DATA, 'claims', '--actor', 'evil\u001b]0;title\u0007']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no actor is named "evil\\x1b]0;title\\x07"');
    expect(RAW.test(r.stderr.replace(/\n/g, ''))).toBe(false);
  });

  it('keeps CSV exact: it is data, read back by a CSV parser, not a terminal view', () => {
    const csv = armru([...DATA, 'export', '--format', 'csv']).stdout;
    expect(csv).toContain(doc.claims[0].text);
  });

  it('stays byte-exact in JSON', () => {
    const claims = JSON.parse(armru([...DATA, 'claims', '--json']).stdout);
    expect(claims).toEqual(doc.claims);
    const [h2] = JSON.parse(armru([...DATA, 'search', 'reporters', '--json']).stdout);
    expect(h2.text).toBe(doc.claims[1].text);
    const lines = armru([...DATA, 'export', '--format', 'jsonl'])
      .stdout.trimEnd()
      .split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(doc.claims);
    // Exact values, with C1 and bidi controls written as \u escapes.
    expect(lines[1]).toContain('\\u202eesrever\\u202c');
    expect(lines[1]).toContain('\\u009b31m');
  });
});
