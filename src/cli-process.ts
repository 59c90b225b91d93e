import { delimiter } from 'node:path';
import { type CommandContext, type Outcome, withRemedy } from './commands/context.js';
import { ArmruError } from './core/model/errors.js';
import { startOutputThread, type ThreadedOutput, writeFully } from './output-thread.js';
import { COLOR_MODES, type ColorMode, decideColor, palette } from './render/color.js';
import { PagedOutput, page, pagerCommand } from './render/pager.js';
import { sanitize, sanitizeInline } from './render/sanitize.js';
import type { ListingFormat, View } from './render/view.js';
import { fdIsTerminal } from './terminal-fd.js';

/**
 * The CLI's part that does not parse: the process's streams, the context every command is
 * given, and how outcomes and errors become exit statuses. Shared by the full CLI (cli.ts,
 * with commander) and the quick bundle (quick-search.ts), so that both print alike; nothing
 * here loads commander.
 */

/**
 * Exit statuses of the command-line contract (DESIGN.md §3). Only the CLI maps outcomes and
 * errors to them: 2 for a usage error or data that fails its checks, 70 (EX_SOFTWARE) for an
 * internal error, which is armru's fault, not the user's.
 */
export const EXIT = {
  ok: 0,
  noMatch: 1,
  usage: 2,
  data: 2,
  internal: 70,
  interrupted: 130,
} as const;

/** The streams and environment a run uses; tests pass their own. */
export interface Io {
  stdout: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** The options of the program and of the command that shape a command's context. */
export interface ContextOptions {
  data?: string[];
  json?: boolean;
  format?: string;
  fields?: string[];
  header?: boolean;
}

/** The width output is fitted to: COLUMNS when set, else the terminal's own, else 80. */
export function terminalWidth(io: Io): number {
  const fromEnv = Number(io.env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  const columns = io.stdout.columns;
  return columns && columns > 0 ? columns : 80;
}

/**
 * The `--color` setting as typed anywhere on the line (`--color X`, `--color=X`, `--no-color`;
 * the last one wins). Read before commander parses, so that its own errors obey it too; an
 * invalid value counts as `auto` here and is refused by commander.
 */
export function colorModeOf(args: string[]): ColorMode {
  let mode: ColorMode = 'auto';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') break;
    const value =
      arg === '--color' ? args[i + 1] : arg.startsWith('--color=') ? arg.slice(8) : undefined;
    if (arg === '--no-color') mode = 'never';
    else if (value !== undefined && (COLOR_MODES as readonly string[]).includes(value))
      mode = value as ColorMode;
  }
  return mode;
}

/** `armru:` as stderr shows it, coloured when stderr is: decided once, before any parsing. */
export async function errorPrefix(colorMode: ColorMode, io: Io): Promise<string> {
  const colors = await palette(decideColor(colorMode, io.env, Boolean(io.stderr.isTTY)));
  return colors.error('armru:');
}

/**
 * What a command is given: where and how to print (`listing` says whether it takes --format,
 * --fields and --header), the datasets named, and its ways to speak on stderr.
 */
export async function commandContext(
  io: Io,
  colorMode: ColorMode,
  prefix: string,
  globals: ContextOptions,
  listing: boolean,
): Promise<CommandContext> {
  const format = listing ? (globals.format as ListingFormat | undefined) : undefined;
  const json = Boolean(globals.json) || format === 'json' || format === 'jsonl';
  const tty = Boolean(io.stdout.isTTY);
  const mode = json
    ? 'json'
    : format === 'tsv' || format === 'csv'
      ? 'plain'
      : format || tty
        ? 'table'
        : 'plain';
  const view: View = {
    mode,
    ...(format ? { format } : globals.json ? { format: 'json' as const } : {}),
    ...(listing && globals.fields ? { fields: globals.fields } : {}),
    ...(listing && globals.header ? { header: true } : {}),
    width: terminalWidth(io),
    colors: await palette(!json && decideColor(colorMode, io.env, tty)),
    write: (text) => {
      io.stdout.write(text);
    },
    ...(mode === 'table' ? { kit: (await import('./render/table-kit.js')).kit } : {}),
  };
  // --data wins over ARMRU_DATA, which may list several paths like PATH does.
  const dataPaths = globals.data ?? (io.env.ARMRU_DATA ?? '').split(delimiter).filter(Boolean);
  // A status line (validate, index) wraps at spaces in a terminal like every other line.
  const line = (text: string) => {
    const safe = sanitizeInline(text);
    io.stdout.write(`${view.kit ? view.kit.wrap(safe, view.width).join('\n') : safe}\n`);
  };
  const note = (message: string) => {
    io.stderr.write(`${prefix} ${sanitizeInline(message)}\n`);
  };
  const detail = (line: string) => {
    io.stderr.write(`  ${sanitizeInline(line)}\n`);
  };
  let lastProgress = 0;
  const progress = (text: string) => {
    if (io.stderr.isTTY) {
      // Rewritten in place, so it must stay on one row: a wrapped line would leave its
      // first rows behind at every update.
      const row = [...sanitizeInline(text)].slice(0, Math.max(1, view.width - 1)).join('');
      io.stderr.write(text ? `\r\u001b[K${row}` : '\r\u001b[K');
    } else if (text && Date.now() - lastProgress > 2000) {
      // In a log, a line every few seconds says it is alive without flooding it.
      lastProgress = Date.now();
      io.stderr.write(`${prefix} ${sanitizeInline(text)}\n`);
    }
  };
  // Output kept for the pager (see runProcess): `read --claim` may ask it to open at a line.
  const paged = io.stdout instanceof PagedOutput ? io.stdout : undefined;
  const pager = paged
    ? {
        command: paged.command,
        startAt: (at: number) => {
          paged.startLine = at;
        },
      }
    : undefined;
  return { view, dataPaths, line, note, detail, progress, ...(pager ? { pager } : {}) };
}

/** The exit status of a command that ended, after its closing message (if any) on stderr. */
export function outcomeStatus(outcome: Outcome, io: Io, prefix: string): number {
  if (outcome.message) io.stderr.write(`${prefix} ${sanitizeInline(outcome.message)}\n`);
  if (outcome.status === 'invalid') return EXIT.data;
  return outcome.status === 'no-match' ? EXIT.noMatch : EXIT.ok;
}

/**
 * Reports an error a command threw (not commander's, which cli.ts answers) and returns its
 * exit status: armru's own errors in their one-line form, anything else as an internal error.
 */
export function reportFailure(error: unknown, io: Io, prefix: string): number {
  if (error instanceof ArmruError) {
    // The core says what was not found; the CLI says which command lists what there is.
    const list =
      error.unknown && !error.message.includes('; closest: ')
        ? `; run 'armru ${error.unknown}s' to list them`
        : '';
    io.stderr.write(`${prefix} ${sanitizeInline(withRemedy(error) + list)}\n`);
    // A single problem that is the message itself is not repeated under it.
    const lines = error.problems;
    if (!(lines.length === 1 && lines[0] === error.message))
      for (const problem of lines) io.stderr.write(`  ${sanitizeInline(problem)}\n`);
    if (error.hint) io.stderr.write(`${sanitize(error.hint)}\n`);
    if (io.env.DEBUG) io.stderr.write(`${error.stack}\n`);
    return EXIT.data;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  io.stderr.write(`${prefix} internal error: ${sanitizeInline(err.message)}\n`);
  io.stderr.write(io.env.DEBUG ? `${err.stack}\n` : 'Set DEBUG=1 to see where it happened.\n');
  return EXIT.internal;
}

/**
 * A closed pipe (`armru export | head -1`) means the reader has all it wants: stop quietly.
 * Any other failure to write (a full disk, a quota) is bad output, not "no match": say so
 * in one line and exit 2.
 */
function stdoutFailed(error: NodeJS.ErrnoException): never {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  const why =
    error.code === 'ENOSPC' ? 'no space left on the device' : (error.code ?? error.message);
  process.stderr.write(
    `armru: cannot write to standard output (${why}); the output is incomplete\n`,
  );
  if (process.env.DEBUG) process.stderr.write(`${error.stack}\n`);
  process.exit(EXIT.data);
}

/** Whether file descriptor 1 or 2 is a terminal (see fdIsTerminal: cheap for a pipe, a file, /dev/null). */
export function isTerminal(fd: 1 | 2): boolean {
  return fdIsTerminal(fd, () => Boolean((fd === 1 ? process.stdout : process.stderr).isTTY));
}

/**
 * Output to a terminal past this many bytes goes through the output thread: some hundred
 * screens, where the thread's start (a few milliseconds of another core) is long repaid.
 */
const THREAD_AFTER_BYTES = 1 << 20;

/** Text at least this long, and at most the second, is encoded into a buffer kept for the purpose. */
const LARGE_TEXT = 1 << 16;
const LARGEST_KEPT = 1 << 22;
let encoder: TextEncoder | undefined;
let scratch: Uint8Array | undefined;

/**
 * The UTF-8 bytes of `text` (a lone surrogate becomes U+FFFD, as with Buffer.from). A long
 * export writes some hundred pieces of a megabyte: each used to become a new Buffer, which
 * cost more than encoding itself (allocating external memory, and collecting it); they are
 * encoded into one buffer instead, used again by the next piece.
 */
export function utf8(text: string): Uint8Array {
  if (text.length < LARGE_TEXT || text.length > LARGEST_KEPT) return Buffer.from(text, 'utf8');
  // A UTF-16 unit never takes more than three bytes of UTF-8.
  if (!scratch || scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  encoder ??= new TextEncoder();
  const { written } = encoder.encodeInto(text, scratch);
  return scratch.subarray(0, written);
}

/**
 * Standard output written with writeSync: each write is out before the call returns. In a
 * terminal (without a pager to keep the text), Node writes with blocking writes but reports
 * them done only when the event loop next turns, so the writes of a long listing made in
 * one synchronous pass were all held in memory and written together at the end; to a pipe
 * or a file, process.stdout itself is not made (see isTerminal). Past a megabyte to a
 * terminal, a thread of its own writes the rest, so that the terminal takes one piece while
 * the next is made (see output-thread.ts); `flush` waits until all of it is out.
 */
function directOutput(terminal: boolean): Io['stdout'] & { flush(): void } {
  // A long output to a terminal is handed to a thread that writes it while the next pieces
  // are made (see output-thread.ts); a short one never starts the thread, and where no thread
  // can be made (Node's permission model without --allow-worker) armru writes it itself.
  let written = 0;
  let thread: ThreadedOutput | undefined;
  let threadless = !terminal;
  return {
    isTTY: terminal,
    ...(terminal ? { columns: process.stdout.columns } : {}),
    write: (chunk: string) => {
      const bytes = utf8(chunk);
      if (thread) {
        thread.write(bytes);
        return true;
      }
      written += bytes.length;
      if (!threadless && written > THREAD_AFTER_BYTES) {
        try {
          thread = startOutputThread(1, stdoutFailed);
        } catch {
          threadless = true;
        }
        if (thread) {
          thread.write(bytes);
          return true;
        }
      }
      writeFully(1, bytes, stdoutFailed);
      return true;
    },
    flush: () => thread?.flush(),
  };
}

/**
 * Writes to standard error when it is a pipe or a file, with writeSync as standard output is
 * written: making process.stderr for a pipe loads Node's net and stream modules (some 26
 * modules, 4 to 6 ms), and a search writes a note ("showing 20 of 501") on nearly every run.
 * Each write is out before the call returns, as Node's own writes to a pipe are on Linux. A
 * write that fails (the reader has gone) is dropped: there is nowhere left to say so.
 */
function directErrors(chunk: string): boolean {
  try {
    writeFully(2, Buffer.from(chunk, 'utf8'), () => {});
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `main` as the real process: wires signals, the streams and closed pipes, then sets the
 * exit status. `main` is the full CLI's (cli.ts) or the quick bundle's (quick-search.ts).
 */
export function runProcess(
  argv: string[],
  main: (argv: string[], io: Io) => Promise<number>,
): void {
  // No SIGINT handler: a JavaScript handler runs only when the event loop is free, and armru's
  // work (parsing, checking, scoring, printing) is synchronous, so Ctrl-C would wait for the
  // work to end. The default action ends the process at once, whatever it is doing; the shell
  // reports status 130 (128 + SIGINT). Files are written to a temporary name and renamed, so
  // an interruption never leaves a partial file where one was asked for.
  const terminal = isTerminal(1);
  // In a terminal, output is kept until the command ends, then shown through the pager
  // when it is longer than the window (see render/pager.ts); without a pager it is written
  // as it is made (directOutput).
  const pager = pagerCommand(argv.slice(2), process.env, terminal);
  const paged = pager ? new PagedOutput(process.stdout.columns, pager) : undefined;
  if (paged) process.stdout.on('error', stdoutFailed);
  const direct = paged ? undefined : directOutput(terminal);
  const stdout = paged ?? (direct as Io['stdout']);
  // Whatever way the process ends (a failure nobody caught included), what the output thread
  // holds is written first.
  if (direct)
    process.once('exit', () => {
      try {
        direct.flush();
      } catch {
        // A refused write was reported when it was found.
      }
    });
  // In a terminal, made only when something is written to it (a note, an error); to a pipe
  // or a file, written with writeSync (directErrors). What stdout was given is out first, so
  // that a terminal shows both in the order they were written.
  let wroteStderr = false;
  const stderrTerminal = isTerminal(2);
  const stderr = {
    isTTY: stderrTerminal,
    write: stderrTerminal
      ? (chunk: string) => {
          wroteStderr = true;
          direct?.flush();
          return process.stderr.write(chunk);
        }
      : (chunk: string) => {
          direct?.flush();
          return directErrors(chunk);
        },
  };
  main(argv, { stdout, stderr, env: process.env }).then(async (code) => {
    if (paged && pager)
      await page(paged.pieces(), pager, process.stdout.rows, process.stdout, paged.startLine);
    process.exitCode = code;
    // Every command has finished its work, and what it wrote is out: stdout by writeSync (or
    // by the output thread, which the exit handler above waits for), stderr unless it still
    // holds bytes (a pipe is written asynchronously on some systems). Ending here spares Node
    // freeing a large heap piece by piece on its way out, tens of milliseconds after a command
    // that parsed megabytes.
    if (!wroteStderr || process.stderr.writableLength === 0) process.exit(code);
  });
}
