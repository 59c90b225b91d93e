import { describe, expect, it } from 'vitest';
import { armru, armruTty, fixture, stripAnsi } from '../helpers.js';
import { writeShape } from './shapes.js';

// `armru graph` draws a key of what the drawing holds: each shape of node and style of edge
// present, and nothing absent, whatever the filters leave.

const MINI = ['--data', fixture('mini/claims.json')];

/** The key's entries, as the DOT label lists them (after its "Key" heading). */
function dotKey(dot: string): string[] {
  const label = /^ {2}graph \[label="((?:[^"\\]|\\.)*)", labelloc=b/m.exec(dot)?.[1];
  if (label === undefined) return [];
  const lines = label.replace(/\\"/g, '"').split('\\l');
  expect(lines.shift()).toBe('Key');
  expect(lines.pop()).toBe('');
  return lines;
}

/** What the key must say, read from the DOT's own node and edge statements. */
function drawn(dot: string): { shapes: Set<string>; edges: Set<string> } {
  const shapes = new Set<string>();
  const edges = new Set<string>();
  for (const line of dot.split('\n')) {
    const node = /^ {2}"(?:[^"\\]|\\.)*" \[label=.*, shape=(\w+)\];$/.exec(line);
    if (node) {
      // A claim's node is a note labelled "claim ID", a media outlet's a note of its name.
      const claim = /^ {2}"claim:/.test(line);
      shapes.add(claim ? `${node[1]}, "claim ID"` : (node[1] as string));
      continue;
    }
    if (!line.includes(' -- ')) continue;
    if (/style=dotted/.test(line) && /dir=forward/.test(line)) edges.add('dotted arrow');
    else if (/style=dashed/.test(line)) edges.add(/label=/.test(line) ? 'dashed named' : 'dashed');
    else edges.add(/label="\d+"/.test(line) ? 'numbered' : 'unnumbered');
  }
  return { shapes, edges };
}

const EDGE_LOOKS: Record<string, string> = {
  numbered: 'solid line, numbered',
  'dashed named': 'dashed blue line, named',
  dashed: 'dashed blue line to a diamond',
  unnumbered: 'unnumbered line to a "claim" note',
  'dotted arrow': 'dotted arrow, "member of"',
};

/** Checks that the key of this DOT lists exactly what it draws; returns the key. */
function checkKey(dot: string, what: string): string[] {
  const key = dotKey(dot);
  const { shapes, edges } = drawn(dot);
  const looks = key.map((line) => line.slice(0, line.indexOf(': ')));
  expect(new Set(looks.filter((l) => !/line|arrow/.test(l))), what).toEqual(shapes);
  expect(new Set(looks.filter((l) => /line|arrow/.test(l))), what).toEqual(
    new Set([...edges].map((e) => EDGE_LOOKS[e])),
  );
  expect(looks.length, what).toBe(new Set(looks).size);
  return key;
}

describe('the key of armru graph', () => {
  it('lists in DOT exactly the shapes and edge styles drawn, whatever the filters leave', () => {
    const crowd = ['--data', writeShape('crowd', 7)];
    const throng = ['--data', writeShape('throng', 8)];
    const runs: string[][] = [
      [],
      ['--min-weight', '3'],
      ['--actor', 'Tonoyan'],
      ['--kind', 'quote'],
      ['--topic', 'biolabs'],
      ['--actor', 'Kommersant', '--min-weight', '2'],
      MINI,
      [...MINI, '--min-weight', '2'],
      [...MINI, '--actor', 'Ruiz'],
      crowd,
      [...crowd, '--actor', 'Party 3'],
      throng,
      [...throng, '--min-weight', '2'],
    ];
    const keys = new Map<string, string[]>();
    for (const args of runs) {
      const r = armru(['graph', ...args]);
      expect(r.status, args.join(' ')).toBe(0);
      keys.set(args.join(' '), checkKey(r.stdout, args.join(' ')));
    }
    // The whole article: every type of its actors, and the three kinds of edge it has.
    expect(keys.get('')).toEqual([
      'ellipse: person, group',
      'box: country, government',
      'hexagon: organisation',
      'octagon: military unit',
      'note: media outlet',
      'house: place',
      'solid line, numbered: named together in that many claims (thicker: more)',
      'dashed blue line, named: parties to that agreement',
      'dotted arrow, "member of": member of what it points to',
    ]);
    // Tonoyan's neighbourhood has no organisation, unit, outlet or place, nor any country.
    expect(keys.get('--actor Tonoyan')).toEqual([
      'ellipse: person',
      'box: government',
      'solid line, numbered: named together in that many claims (thicker: more)',
      'dashed blue line, named: parties to that agreement',
      'dotted arrow, "member of": member of what it points to',
    ]);
    // No pair of the ferry story shares two claims: no numbered line is left to explain.
    expect(keys.get(`${MINI.join(' ')} --min-weight 2`)?.join('\n')).not.toContain('numbered');
    // An agreement of seven parties is a diamond; one claim naming eight actors a note.
    expect(keys.get(crowd.join(' '))).toContain('diamond: agreement of more than six parties');
    expect(keys.get(crowd.join(' '))).toContain(
      'dashed blue line to a diamond: party to that agreement',
    );
    expect(keys.get(throng.join(' '))).toContain(
      'note, "claim ID": claim naming more than six actors',
    );
    expect(keys.get(throng.join(' '))).toContain(
      'unnumbered line to a "claim" note: named in that claim',
    );
    // The one pair that shares a claim (p0, p1) goes with --min-weight 2; the claim's node stays.
    expect(keys.get(`${throng.join(' ')} --min-weight 2`)).toEqual([
      'ellipse: person',
      'note, "claim ID": claim naming more than six actors',
      'unnumbered line to a "claim" note: named in that claim',
    ]);
  });

  it('draws the same key under the SVG picture', () => {
    for (const args of [[], ['--actor', 'Tonoyan'], [...MINI, '--min-weight', '2']]) {
      const key = dotKey(armru(['graph', ...args]).stdout);
      const svg = armru(['graph', '--format', 'svg', ...args]);
      expect(svg.status).toBe(0);
      const texts = [...svg.stdout.matchAll(/<text [^>]*font-size="10\.00">([^<]*)<\/text>/g)].map(
        (m) => m[1]?.replace(/&quot;/g, '"'),
      );
      expect(texts, args.join(' ')).toEqual(['Key', ...key]);
    }
  });

  it('says under the table what each kind of link in it means, and no other', () => {
    for (const args of [[], ['--actor', 'Tonoyan'], [...MINI, '--min-weight', '2']]) {
      const text = stripAnsi(armruTty(['graph', '--no-pager', ...args], { COLUMNS: '100' }).stdout);
      const rows = [...text.matchAll(/^│[^│]*│ (\S+(?: \S+)?) +│/gm)]
        .map((m) => m[1])
        .filter((link) => link !== 'LINK');
      const key = text
        .slice(text.lastIndexOf('\nLINK\n') + 6)
        .trimEnd()
        .split('\n');
      const words = key.map((line) => /^ {2}(\S+(?: of| to| in)?)/.exec(line)?.[1]).filter(Boolean);
      expect(new Set(words), args.join(' ')).toEqual(new Set(rows));
    }
    const mini = stripAnsi(
      armruTty([...MINI, 'graph', '--no-pager', '--min-weight', '2'], { COLUMNS: '100' }).stdout,
    );
    expect(mini.slice(mini.lastIndexOf('\nLINK\n'))).toBe(
      '\nLINK\n  agreement  parties to an agreement\n  member of  the first is a member of the second\n',
    );
  });
});
