import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GLOBAL_OPTIONS,
  OUTPUT_OPTIONS,
  COMMANDS as REGISTRY,
} from '../../src/commands/registry.js';
import { displayWidth } from '../../src/render/text-width.js';
import { BIN, ROOT, stripAnsi } from '../helpers.js';

// Every command in a real pseudo-terminal at several widths: no line wider than the window,
// no word of a claim split, and long output through the pager.

let dir: string;
let pager: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'armru-layout-'));
  pager = join(dir, 'pager.sh');
  writeFileSync(pager, '#!/bin/sh\necho "PAGER START"\ncat\necho "PAGER END"\n');
  chmodSync(pager, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs armru in a pseudo-terminal of `columns` × `rows`; returns the screen text. */
function screen(
  args: string,
  columns: number,
  rows = 40,
  env: Record<string, string | undefined> = {},
) {
  const base = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'ARMRU_DATA', 'DEBUG', 'PAGER'])
    delete base[name];
  const merged: Record<string, string | undefined> = {
    ...base,
    TERM: 'xterm-256color',
    ARMRU_PAGER: 'cat',
    ...env,
  };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const r = spawnSync(
    'script',
    ['-qec', `stty cols ${columns} rows ${rows}; ${process.execPath} ${BIN} ${args}`, '/dev/null'],
    { cwd: ROOT, env: merged as NodeJS.ProcessEnv },
  );
  // Decode once, after the whole output has arrived, so no character is cut between reads.
  return {
    status: r.status,
    text: stripAnsi(r.stdout.toString('utf8')).replace(/\r\n/g, '\n').replace(/\r/g, ''),
  };
}

/**
 * How each command runs in the width matrix. Every command of the registry has an entry (a
 * test below checks it), so a new command cannot miss the matrix. Commands that write data
 * for another program (a dataset, a page, an index) write it to a file here: what reaches the
 * terminal is then what a person reads. `DIR` is the test's temporary directory.
 */
const RUNS: Record<string, string[]> = {
  search: ['search Russia', 'search Gyumri', 'search what did Shoygu announce', 'search Zygrhar'],
  claims: ['claims', 'claims --actor Russia --limit 5'],
  show: ['show c09', 'show c08', 'show c28'],
  read: ['read', 'read --claim c08', 'read --asserted-by Kommersant'],
  actors: ['actors', 'actors Russia', 'actors Tonoyan'],
  topics: ['topics', 'topics csto'],
  agreements: ['agreements', 'agreements --status signed'],
  disputes: ['disputes'],
  timeline: ['timeline'],
  stats: ['stats', 'stats --actor Russia'],
  graph: ['graph', 'graph --actor Shoygu --min-weight 2'],
  export: ['export -o DIR/export.claims.json', 'export --format csv -o DIR/export.csv'],
  report: ['report -o DIR/report.html'],
  validate: ['validate'],
  draft: ['draft ARTICLE --published 2019-10-30 -o DIR/draft.claims.json --force'],
  index: ['index DIR/copy/claims.json'],
};

/** Commands whose only output is text for another program, shown as it will read it. */
const DATA_ONLY: Record<string, string> = {
  completion: 'prints a shell script for the shell to source',
};

const COMMANDS = Object.values(RUNS).flat();

const shownCache = new Map<string, { id: string; text: string }[]>();

/** The claims a command shows, from its own --json output in a pipe. */
function shownClaims(command: string): { id: string; text: string }[] {
  const cached = shownCache.get(command);
  if (cached) return cached;
  // Commands whose --json holds no claim objects, or that show the article instead.
  if (
    /^(stats|validate|agreements|disputes|actors$|topics$|read|export|report|draft|index|graph)/.test(
      command,
    )
  )
    return [];
  const r = spawnSync(process.execPath, [BIN, ...command.split(' '), '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const found: { id: string; text: string }[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const v = value as { id?: unknown; text?: unknown; quote?: unknown };
      if (typeof v.id === 'string' && typeof v.text === 'string' && v.quote)
        found.push({ id: v.id, text: v.text });
      Object.values(value).forEach(walk);
    }
  };
  walk(JSON.parse(r.stdout));
  shownCache.set(command, found);
  return found;
}

describe('every command in a terminal', () => {
  it('has a run in the width matrix for every command the registry declares', () => {
    const declared = REGISTRY.filter((c) => !c.hidden).map((c) => c.name);
    expect(declared.filter((name) => !(name in RUNS) && !(name in DATA_ONLY))).toEqual([]);
    expect(Object.keys(RUNS).filter((name) => !declared.includes(name))).toEqual([]);
  });

  for (const columns of [40, 50, 60, 80, 120]) {
    for (const paging of ['through the pager', 'without the pager'] as const) {
      it(`fits ${columns} columns ${paging} and splits no word`, () => {
        mkdirSync(join(dir, 'copy'), { recursive: true });
        for (const command of COMMANDS) {
          // A fresh copy to index each time, so `index` always has work to report.
          for (const name of ['claims.json', 'article.txt'])
            copyFileSync(join(ROOT, 'data', name), join(dir, 'copy', name));
          const args = command
            .replaceAll('DIR', dir)
            .replace('ARTICLE', join(ROOT, 'data', 'article.txt'));
          const errors = join(dir, 'stderr.txt');
          const { status, text } = screen(
            `${args}${paging === 'without the pager' ? ' --no-pager' : ''} 2>${errors}`,
            columns,
            40,
            paging === 'through the pager' ? { ARMRU_PAGER: pager } : {},
          );
          const said = readFileSync(errors, 'utf8');
          expect(status, `${command}: ${said}`).toBe(command === 'search Zygrhar' ? 1 : 0);
          // Messages on stderr are one line each (a log line is never wrapped), and only
          // messages: "armru: ..." or an indented detail under one.
          for (const line of said.split('\n').filter(Boolean))
            expect(line, command).toMatch(/^(armru: | {2})/);
          const lines = text.split('\n').filter((l) => !['PAGER START', 'PAGER END'].includes(l));
          const widest = lines.reduce((w, l) => Math.max(w, displayWidth(l)), 0);
          expect(widest, `${command} at ${columns} ${paging}`).toBeLessThanOrEqual(columns);
          // Every word of every claim the command shows stands whole on some line.
          const flat = lines.join(' ');
          for (const claim of shownClaims(command)) {
            for (const word of claim.text.split(' '))
              expect(flat, `${command} at ${columns}: ${claim.id} "${word}"`).toContain(word);
          }
        }
      }, 300_000);
    }
  }

  it('prints records as cards when a table cannot fit, and tables when it can', () => {
    const narrow = screen('agreements', 50).text;
    expect(narrow).not.toContain('┌');
    expect(narrow).toMatch(/^ID {7}mod-agreements-2019\nNAME {5}Bilateral agreements/m);
    const wide = screen('agreements', 160).text;
    expect(wide).toContain('┌');
    expect(wide).toMatch(/│ mod-agreements-2019 │/);
  });

  it('shows the graph as a table of its edges, and DOT when --format asks or in a pipe', () => {
    const table = screen('graph', 120).text;
    expect(table).toMatch(/│ ACTOR +│ LINK +│ ACTOR +│ CLAIMS │ THROUGH +│/);
    expect(table).toMatch(/│ Armenia +│ with +│ Russia +│ +15 │ c36, c02/);
    expect(table).toMatch(/│ agreement │/);
    expect(table).not.toContain('graph "');
    expect(screen('graph --format dot', 120).text).toMatch(/^graph "Armenia and Russia/);
    const piped = spawnSync(process.execPath, [BIN, 'graph'], { cwd: ROOT, encoding: 'utf8' });
    expect(piped.stdout).toMatch(/^graph "Armenia and Russia Enhance Defense Cooperation" \{\n/);
  });

  it('right-aligns numbers', () => {
    const text = screen('topics', 120).text;
    expect(text).toMatch(/│ {3,}\d+ │/);
  });
});

describe('the pager', () => {
  it('shows long output in a terminal through $ARMRU_PAGER, keeping the table', () => {
    const { text } = screen('claims', 100, 20, { ARMRU_PAGER: pager });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('PAGER START');
    expect(lines.at(-1)).toBe('PAGER END');
    expect(text).toContain('┌');
  });

  it('falls back to $PAGER, and writes short output directly', () => {
    expect(screen('claims', 100, 20, { ARMRU_PAGER: undefined, PAGER: pager }).text).toContain(
      'PAGER START',
    );
    expect(screen('show c09', 120, 60, { ARMRU_PAGER: pager }).text).not.toContain('PAGER START');
  });

  it('is off with --no-pager, PAGER=cat, and in a pipe', () => {
    expect(screen('claims --no-pager', 100, 20, { ARMRU_PAGER: pager }).text).not.toContain(
      'PAGER',
    );
    expect(screen('claims', 100, 20, { ARMRU_PAGER: undefined, PAGER: 'cat' }).text).not.toContain(
      'PAGER',
    );
    const piped = spawnSync(process.execPath, [BIN, 'claims'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ARMRU_PAGER: pager, PAGER: pager },
    });
    expect(piped.stdout).not.toContain('PAGER');
    expect(piped.stdout.split('\n')[0]).toMatch(/^c36\tassessment\t/);
  });

  it('shows the output anyway when the pager does not exist', () => {
    const { text, status } = screen('claims', 100, 20, { ARMRU_PAGER: 'no-such-pager-here' });
    expect(status).toBe(0);
    expect(text).toContain('c35');
  });
});

describe('output control on every listing', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });

  it('--format csv, jsonl, tsv with --header, and json with --fields', () => {
    const csv = run(['search', 'Gyumri', '--format', 'csv']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe('ID,KIND,ASSERTED BY,CLAIM,ACTORS');
    const hits = run(['search', 'Gyumri']).stdout.trimEnd().split('\n').length;
    expect(csv.stdout.split('\r\n')).toHaveLength(hits + 2);
    const jsonl = run(['claims', '--kind', 'quote', '--format', 'jsonl', '--fields', 'id,kind']);
    expect(jsonl.stdout).toBe('{"id":"c28","kind":"quote"}\n{"id":"c29","kind":"quote"}\n');
    const tsv = run(['search', 'Gyumri', '--fields', 'id,assertedBy', '--header']);
    expect(tsv.stdout.split('\n').slice(0, 2)).toEqual(['id\tassertedBy', 'c12\tauthor']);
    const json = JSON.parse(
      run(['agreements', '--format', 'json', '--fields', 'id,status']).stdout,
    );
    expect(json[0]).toEqual({ id: 'mod-agreements-2019', status: 'signed' });
  });

  it('--format table and cards in a pipe, at 80 columns and without colour', () => {
    const table = run(['topics', '--format', 'table']).stdout;
    expect(table.startsWith('┌')).toBe(true);
    for (const line of table.trimEnd().split('\n'))
      expect(displayWidth(line)).toBeLessThanOrEqual(80);
    const cards = run(['agreements', '--format', 'cards']).stdout;
    expect(cards).toMatch(/^ID {7}mod-agreements-2019\n/);
    expect(cards).not.toContain('\u001b');
  });

  it('--fields can ask for the names behind the ids', () => {
    const [first] = JSON.parse(
      run([
        'claims',
        '--kind',
        'quote',
        '--json',
        '--fields',
        'id,actors,actorNames,assertedByName',
      ]).stdout,
    );
    expect(Object.keys(first)).toEqual(['id', 'actors', 'actorNames', 'assertedByName']);
    expect(first.actorNames).toHaveLength(first.actors.length);
    expect(first.assertedByName).toBe('Nikol Pashinyan');
  });

  it('refuses an unknown field or format, naming what there is', () => {
    const field = run(['claims', '--fields', 'id,nope']);
    expect(field.status).toBe(2);
    expect(field.stderr).toMatch(
      /^armru: --fields: no field named "nope"; expected some of id, text, /,
    );
    const format = run(['claims', '--format', 'xml']);
    expect(format.status).toBe(2);
    expect(format.stderr.split('\n')[0]).toBe(
      "armru: option '--format <format>' argument 'xml' is invalid: Allowed choices are table, cards, tsv, json, jsonl, csv",
    );
  });
});

describe('--help in a terminal', () => {
  const visible = REGISTRY.filter((c) => !c.hidden);
  /** The words a help must show, each whole: of names, flags, descriptions and examples. */
  const words = (...texts: string[]) => texts.flatMap((t) => t.split(/\s+/)).filter(Boolean);
  const shown = (help: string) => new Set(help.split(/\s+/));

  for (const columns of [40, 80, 120]) {
    it(`fits ${columns} columns, for the program and every command, and loses nothing`, () => {
      const top = screen('--help', columns);
      expect(top.status).toBe(0);
      const helps: [string, string, string[]][] = [
        [
          'armru --help',
          top.text,
          words(
            ...visible.flatMap((c) => [c.name, c.summary]),
            ...GLOBAL_OPTIONS.flatMap((o) => [o.flags, o.description]),
          ),
        ],
      ];
      for (const c of visible) {
        const own = screen(`${c.name} --help`, columns);
        expect(own.status, c.name).toBe(0);
        const options = [...c.options, ...(c.listing ? OUTPUT_OPTIONS : []), ...GLOBAL_OPTIONS];
        helps.push([
          `armru ${c.name} --help`,
          own.text,
          words(
            c.summary,
            c.pipe,
            ...c.examples,
            ...c.arguments.map((a) => a.description),
            ...options.flatMap((o) => [o.flags, o.description]),
          ),
        ]);
      }
      for (const [what, text, expected] of helps) {
        const lines = text.trimEnd().split('\n');
        for (const line of lines)
          expect(displayWidth(line), `${what} at ${columns}: ${line}`).toBeLessThanOrEqual(columns);
        const seen = shown(text);
        const missing = expected.filter((w) => !seen.has(w) && !seen.has(`${w}.`));
        expect(missing, `${what} at ${columns}`).toEqual([]);
      }
    }, 120_000);
  }

  it('puts a description beside its option when there is room, else under it, wrapped', () => {
    const wide = screen('read --help', 80).text;
    expect(wide).toContain(
      [
        '  --asserted-by <name>  only claims this source, or one of its members, asserts',
        '                        ("author" or the name for the writer)',
      ].join('\n'),
    );
    const narrow = screen('read --help', 40).text;
    expect(narrow).toContain(
      [
        '  --asserted-by <name>',
        '      only claims this source, or one of',
        '      its members, asserts ("author" or',
        '      the name for the writer)',
      ].join('\n'),
    );
    // An example too wide breaks between words, options with their values, the command's
    // lines ending with a backslash so that they paste as one command; its comment goes under.
    expect(narrow).toContain(
      [
        '  armru read --query biolab \\',
        '    --from 2019',
        '      mark the claims a search and a',
        '      date range keep',
      ].join('\n'),
    );
    expect(narrow).toMatch(/^Usage: armru read \[options\]\n/);
    expect(screen('search --help', 30).text).toMatch(
      /^Usage: armru search \[options\]\n {7}<query\.\.\.>\n/,
    );
  });

  it('fits COLUMNS in a pipe, and 80 columns without it', () => {
    for (const [env, columns] of [
      [{ COLUMNS: '40' }, 40],
      [{}, 80],
    ] as const) {
      for (const args of [['--help'], ['graph', '--help'], ['help', 'search']]) {
        const r = spawnSync(process.execPath, [BIN, ...args], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, COLUMNS: undefined, ...env },
        });
        expect(r.status).toBe(0);
        for (const line of r.stdout.trimEnd().split('\n'))
          expect(displayWidth(line), `${args.join(' ')}: ${line}`).toBeLessThanOrEqual(columns);
      }
    }
  });
});
