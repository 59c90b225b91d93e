import {
  colorModeOf,
  commandContext,
  errorPrefix,
  type Io,
  outcomeStatus,
  reportFailure,
  runProcess,
} from './cli-process.js';
import { searchCommand } from './commands/search.js';
import { SEARCH_DEFAULTS } from './commands/search-defaults.js';
import { quickLine } from './quick-line.js';

/**
 * The quick bundle (dist/armru/quick.cjs): `armru [--data PATH]... search WORDS...` with no other
 * option and stdout not a terminal, the commonest short run (src/quick-line.ts reads the line;
 * src/entry.ts chooses this bundle for it before anything else loads). Every other line goes to
 * the full CLI.
 *
 * Why: a search of the built-in article takes a few milliseconds of work, and a search of an
 * indexed archive some tens, while the full CLI costs more than that just to start (reading and
 * deserialising a code cache made for every command, evaluating the bundle's top, commander's
 * setup and parse). This bundle holds only what a search needs, with a code cache of its own
 * made by searches of the built-in article and of indexed archives (scripts/build.mjs).
 *
 * It runs the same code as the full CLI: the same command handler (commands/search.ts), given
 * the context, the options and the streams the full CLI gives it (cli-process.ts), with the
 * defaults commander would fill in (search-defaults.ts), and its outcome or error turned into
 * the same exit status and message. Only commander is left out: `--data` paths and plain words
 * are all commander would read here.
 */
export async function quickMain(argv: string[], io: Io): Promise<number> {
  const args = argv.slice(2);
  const colorMode = colorModeOf(args);
  const prefix = await errorPrefix(colorMode, io);
  try {
    const line = quickLine(args);
    if (!line) throw new Error(`the quick bundle was given a line it does not read: ${args}`);
    const globals = line.data.length > 0 ? { data: line.data } : {};
    const ctx = await commandContext(io, colorMode, prefix, globals, true);
    const outcome = await searchCommand(ctx, line.words, { ...SEARCH_DEFAULTS });
    return outcomeStatus(outcome, io, prefix);
  } catch (error) {
    return reportFailure(error, io, prefix);
  }
}

/** Entry point for the real process. */
export function run(argv: string[]): void {
  runProcess(argv, quickMain);
}
