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

/**
 * The quick bundle (dist/armru/quick.cjs): `armru search WORDS...` of the built-in dataset with
 * no option, stdout not a terminal, the commonest short run. src/entry.ts chooses it (see
 * `quickSearch` there) before anything else loads; every other line goes to the full CLI.
 *
 * Why: a search of the built-in article takes a few milliseconds of work, and the full CLI
 * costs more than that just to start (reading and deserialising a code cache made for every
 * command and for searches of large archives, evaluating the bundle's top, commander's setup and
 * parse). This bundle holds only what such a run needs, with a code cache of its own.
 *
 * It runs the same code as the full CLI: the same command handler (commands/search.ts), given
 * the context, the options and the streams the full CLI gives it (cli-process.ts), with the
 * defaults commander would fill in (search-defaults.ts), and its outcome or error turned into
 * the same exit status and message. Only commander is left out: a line of plain words after
 * `search` is all commander would read here.
 */
export async function quickMain(argv: string[], io: Io): Promise<number> {
  const args = argv.slice(2);
  const colorMode = colorModeOf(args);
  const prefix = await errorPrefix(colorMode, io);
  try {
    const ctx = await commandContext(io, colorMode, prefix, {}, true);
    const outcome = await searchCommand(ctx, args.slice(1), { ...SEARCH_DEFAULTS });
    return outcomeStatus(outcome, io, prefix);
  } catch (error) {
    return reportFailure(error, io, prefix);
  }
}

/** Entry point for the real process. */
export function run(argv: string[]): void {
  runProcess(argv, quickMain);
}
