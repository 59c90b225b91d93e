import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { writeCorpus } from '../../bench/corpus.mjs';
import { armruTty, BIN, ROOT } from '../helpers.js';
import { requireTool } from '../tools.js';

// Which of Node's own modules a search loads beyond what Node has loaded when it hands over
// the process. Each of these families costs milliseconds of every run: zlib and the stream
// modules (a CRC-32 of a large index file), net and tty (process.stderr made for a pipe),
// worker_threads (the output thread's module), crypto (hashing).
const HEAVY = /\b(zlib|net|tty|stream|worker_threads|crypto)\b/;

let dir: string;
let file: string;
let preload: string;
let listing: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'armru-modules-'));
  file = writeCorpus(5000, join(dir, 'a'), 3, 'topical') as string;
  expect(spawnSync(process.execPath, [BIN, 'index', file]).status).toBe(0);
  listing = join(dir, 'modules.txt');
  preload = join(dir, 'preload.cjs');
  writeFileSync(
    preload,
    `const before = new Set(process.moduleLoadList);
process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(listing)},
  process.moduleLoadList.filter((m) => !before.has(m)).join('\\n')));`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The modules a run loads, stdout and stderr both pipes as in a script (or stdout /dev/null,
 * where a benchmark tool or a scheduled job sends it).
 */
function loaded(
  args: string[],
  stdout: 'pipe' | number = 'pipe',
): { status: number | null; stderr: string; modules: string[] } {
  const run = spawnSync(process.execPath, ['-r', preload, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', stdout, 'pipe'],
    env: { ...process.env, DEBUG: '' },
  });
  return {
    status: run.status,
    stderr: run.stderr,
    modules: readFileSync(listing, 'utf8').split('\n').filter(Boolean),
  };
}

describe("a search in a pipe loads none of Node's heavy modules", () => {
  it('of the built-in article', () => {
    const { status, modules } = loaded(['search', 'Gyumri']);
    expect(status).toBe(0);
    expect(modules.filter((m) => HEAVY.test(m))).toEqual([]);
  });

  it('with stdout /dev/null, a character device that is never a terminal', () => {
    // Asking Node whether it is a terminal made process.stdout, and with it the stream modules.
    const nul = openSync('/dev/null', 'w');
    try {
      for (const args of [
        ['search', 'Gyumri'],
        ['claims', '--actor', 'Shoygu'],
      ]) {
        const { status, modules } = loaded(args, nul);
        expect(status, args.join(' ')).toBe(0);
        expect(
          modules.filter((m) => HEAVY.test(m)),
          args.join(' '),
        ).toEqual([]);
      }
    } finally {
      closeSync(nul);
    }
  });

  it('through the word index of a large dataset, with a note on stderr and a suggestion', () => {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const name = doc.entities.find((e: { type: string }) => e.type === 'Person').name.split(' ')[1];
    // A name (20 claims shown, "showing 20 of ..." on stderr) reads the vocabulary (past the
    // size checked in JavaScript, so the CRC-32 in WebAssembly), and a word that matches
    // nothing gets suggestions.
    const found = loaded(['--data', file, 'search', name]);
    expect(found.status).toBe(0);
    expect(found.stderr).toMatch(/^armru: showing 20 of \d+/m);
    expect(found.modules.filter((m) => HEAVY.test(m))).toEqual([]);
    const swapped = `${name.slice(0, 2)}${name[3]}${name[2]}${name.slice(4)}`;
    const typo = loaded(['--data', file, 'search', swapped]);
    expect(typo.status).toBe(1);
    expect(typo.stderr).toContain(`did you mean ${name.toLowerCase()}`);
    expect(typo.modules.filter((m) => HEAVY.test(m))).toEqual([]);
  });
});

describe('a table in a terminal makes no grapheme segmenter unless it cuts inside a word', () => {
  // Making an Intl.Segmenter loads ICU's break rules, some 15 ms of every run in a terminal
  // when one was made as the table code loaded; it is made only when a word must be cut.
  const counted = (args: string[], context: TestContext) => {
    requireTool(context, 'script');
    const count = join(dir, 'segmenters.txt');
    const counter = join(dir, 'count-segmenters.cjs');
    writeFileSync(count, '');
    writeFileSync(
      counter,
      `const Made = Intl.Segmenter;
Intl.Segmenter = function (...a) { require('fs').appendFileSync(${JSON.stringify(count)}, 'x'); return new Made(...a); };`,
    );
    const run = armruTty(args, { NODE_OPTIONS: `--require ${counter}`, COLUMNS: '40' });
    expect(run.status).toBe(0);
    return readFileSync(count, 'utf8').length;
  };

  it('none for the built-in claims, read and show, all words narrower than the window', (context) => {
    for (const args of [['claims'], ['read'], ['show', 'c08']])
      expect(counted(args, context), args.join(' ')).toBe(0);
  });

  it('one, made when a word wider than the window is cut', (context) => {
    const article = join(dir, 'wide.txt');
    writeFileSync(
      article,
      `Wide words\n\nThe council met on Monday. ${'東京'.repeat(40)} was its only word.\n`,
    );
    const file = join(dir, 'wide.claims.json');
    const drafted = spawnSync(process.execPath, [BIN, 'draft', article, '-o', file, '--force']);
    expect(drafted.status, String(drafted.stderr)).toBe(0);
    expect(counted(['--data', file, 'read'], context)).toBe(1);
  });
});
