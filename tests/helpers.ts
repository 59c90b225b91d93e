import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleMarks, type Span } from '../src/core/browse/marks.js';
import type { ArticlePage } from '../src/render/article.js';

/** A source record for documents made in tests: a one-letter title and author, no text file. */
export const TEST_SOURCE = {
  id: 's',
  type: 'NewsArticle',
  title: 'T',
  author: 'A',
  publisher: null,
  datePublished: null,
  inLanguage: 'en',
  textSha256: '0'.repeat(64),
  offsetUnit: 'codepoint',
} as const;

/** An article page whose claims are `spans`, each an event asserted by the writer, unhedged. */
export function testPage(text: string, spans: Span[]): ArticlePage {
  const claims = spans.map((s) => ({
    id: s.id,
    kind: 'event' as const,
    asserter: 'author',
    hedged: false,
    start: s.start,
  }));
  return { source: TEST_SOURCE, runs: articleMarks(text, spans), claims, text };
}

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The built binary, as a user runs it. */
export const BIN = fileURLToPath(new URL('../bin/armru.js', import.meta.url));
/** Fixture path, relative to the repository root (so messages name it the same way). */
export const fixture = (name: string) => `tests/fixtures/${name}`;

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

/**
 * Runs the built `armru` binary in the repository root with a clean environment: no colour
 * or width settings leak in from the machine running the tests.
 */
export function armru(args: string[], env: Record<string, string> = {}, input?: string): RunResult {
  const base = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'ARMRU_DATA', 'DEBUG', 'TERM'])
    delete base[name];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...base, ...env },
    encoding: 'utf8',
    input,
    // Large outputs are checked too (spawnSync kills the child past 1 MiB by default).
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Runs the binary inside a pseudo-terminal (util-linux `script`), as a user at a terminal. */
export function armruTty(args: string[], env: Record<string, string> = {}): RunResult {
  const base = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'ARMRU_DATA', 'DEBUG']) delete base[name];
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: ROOT,
    // The pager has tests of its own (layout.test.ts); elsewhere it would hide the output.
    env: { ...base, TERM: 'xterm-256color', ARMRU_PAGER: 'cat', ...env },
    encoding: 'utf8',
  });
  if (result.error) {
    throw new Error(
      `cannot run util-linux script for a pseudo-terminal (${result.error.message}); Linux has it in bsdutils`,
    );
  }
  // The terminal turns \n into \r\n; give tests the text as the program wrote it.
  return {
    stdout: result.stdout.replace(/\r\n/g, '\n'),
    stderr: result.stderr,
    status: result.status,
  };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Removes ANSI escape sequences. */
export function stripAnsi(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences start with ESC.
  return s.replace(/\u001b\[[0-9;]*m/g, '');
}

/**
 * The mini fixture with its article changed by `edit`, its offsets and hash made anew, as
 * `NAME.claims.json` and `NAME.txt` in `dir`; returns the dataset's path.
 */
export function writeMiniAs(dir: string, name: string, edit: (text: string) => string): string {
  const text = edit(readFileSync(fixture('mini/article.txt'), 'utf8'));
  const doc = JSON.parse(readFileSync(fixture('mini/claims.json'), 'utf8'));
  // The mini article is all in the BMP: a UTF-16 index is a code point offset.
  for (const claim of doc.claims) {
    claim.quote.start = text.indexOf(claim.quote.exact);
    claim.quote.end = claim.quote.start + claim.quote.exact.length;
  }
  doc.source.textFile = `${name}.txt`;
  doc.source.textSha256 = createHash('sha256').update(text).digest('hex');
  writeFileSync(join(dir, `${name}.txt`), text);
  const file = join(dir, `${name}.claims.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

/** The mini fixture saved with Windows line ends (CR LF), as `crlf.claims.json` and `crlf.txt`. */
export function writeCrlfMini(dir: string): string {
  return writeMiniAs(dir, 'crlf', (text) => text.replace(/\n/g, '\r\n'));
}
