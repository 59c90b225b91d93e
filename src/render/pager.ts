import { createRequire } from 'node:module';
/**
 * Long output in a terminal goes through a pager, as git and gh do: `$ARMRU_PAGER`, else
 * `$PAGER`, else `less -FRX` (quit if one screen, keep colours, leave the text on the
 * screen). `PAGER=cat` (or `ARMRU_PAGER=cat`, or `--no-pager`) turns it off; a pipe never
 * gets one. Output that fits the window is written directly, without starting a pager.
 */

/** The pager command to use, or undefined for none. */
export function pagerCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  stdoutIsTerminal: boolean,
): string | undefined {
  if (!stdoutIsTerminal) return undefined;
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  if (options.includes('--no-pager')) return undefined;
  const command = (env.ARMRU_PAGER ?? env.PAGER ?? 'less -FRX').trim();
  if (command === '' || command === 'cat') return undefined;
  return command;
}

/** Whether a pager command runs `less`, which can be told which line to open at. */
export function isLess(command: string): boolean {
  const first = command.trim().split(/\s+/)[0] ?? '';
  return first === 'less' || first.endsWith('/less');
}

/** A stdout stand-in that keeps what is written, for the pager to show at the end. */
export class PagedOutput {
  readonly isTTY = true;
  readonly columns: number | undefined;
  /** The pager that will show the text. */
  readonly command: string;
  /** The line (0-based) the pager should open at, when it is `less` (`armru read --claim`). */
  startLine: number | undefined;
  private readonly chunks: string[] = [];

  constructor(columns: number | undefined, command = '') {
    this.columns = columns;
    this.command = command;
  }

  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }

  /** Everything written so far. */
  text(): string {
    return this.chunks.join('');
  }

  /** Everything written so far, as it was written (not joined: it may be hundreds of MB). */
  pieces(): readonly string[] {
    return this.chunks;
  }
}

/**
 * Whether `pieces` hold at least `rows` lines. Counted up to `rows` only: an export of millions
 * of lines was split into an array of them just to be counted.
 */
function atLeastLines(pieces: readonly string[], rows: number): boolean {
  if (rows <= 0) return true;
  let lines = 0;
  for (const piece of pieces) {
    let at = piece.indexOf('\n');
    while (at !== -1) {
      if (++lines >= rows) return true;
      at = piece.indexOf('\n', at + 1);
    }
  }
  return false;
}

/**
 * Shows `text`: through the pager when it is longer than the window, else straight to
 * stdout. Resolves when the pager has quit (or could not start; then the text is written
 * directly). Ctrl-C belongs to the pager while it runs.
 */
export async function page(
  output: string | readonly string[],
  command: string,
  rows: number | undefined,
  stdout: NodeJS.WriteStream,
  startLine?: number,
): Promise<void> {
  const pieces = typeof output === 'string' ? [output] : output;
  // Handed on piece by piece: joined, a long output would be copied whole once more.
  const writeAll = (to: { write(chunk: string): unknown }) => {
    for (const piece of pieces) if (piece !== '') to.write(piece);
  };
  if (rows === undefined || pieces.every((p) => p === '') || !atLeastLines(pieces, rows)) {
    writeAll(stdout);
    return;
  }
  // Loaded only when a pager runs: node:child_process and what it brings cost every start.
  // (require, not import(): the bundle runs as a script, which cannot import dynamically.)
  const { spawn } = createRequire(import.meta.url)(
    'node:child_process',
  ) as typeof import('node:child_process');
  return new Promise((resolve) => {
    const env = { ...process.env };
    // less keeps colours and quits on one screen only with these; git sets the same default.
    env.LESS ??= 'FRX';
    env.LV ??= '-c';
    // less opens at a line given as +Ng; other pagers get the text from the top.
    const line = startLine !== undefined && isLess(command) ? ` +${startLine + 1}g` : '';
    const child = spawn(`${command}${line}`, {
      shell: true,
      stdio: ['pipe', 'inherit', 'inherit'],
      env,
    });
    // Ctrl-C is the pager's while it runs (less uses it to stop a search): armru waits.
    const handlers = process.listeners('SIGINT');
    process.removeAllListeners('SIGINT');
    const ignoreInterrupt = () => {};
    process.on('SIGINT', ignoreInterrupt);
    let started = true;
    child.on('error', () => {
      started = false;
    });
    // The reader quitting early (q in less) is not an error.
    child.stdin.on('error', () => {});
    writeAll(child.stdin);
    child.stdin.end();
    child.on('close', (code) => {
      process.off('SIGINT', ignoreInterrupt);
      for (const handler of handlers) process.on('SIGINT', handler as () => void);
      // No such pager (the shell's 127): show the text rather than nothing.
      if (!started || code === 127) writeAll(stdout);
      resolve();
    });
  });
}
