import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type CommandContext, OK, type Outcome } from './commands/context.js';
import { searchCommand } from './commands/search.js';
import { ArmruError, EXIT } from './core/errors.js';
import { CLAIM_KINDS } from './core/types.js';
import { COLOR_MODES, type ColorMode, decideColor, palette } from './render/color.js';
import { sanitizeInline } from './render/sanitize.js';
import type { View } from './render/view.js';

/** The streams and environment a run uses; tests pass their own. */
export interface Io {
  stdout: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

interface GlobalOptions {
  data?: string;
  color?: ColorMode | false;
}

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

// Option value parsers: raw strings become checked values before any work is done.
function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError('expected a whole number of at least 1.');
  }
  return Number(value);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function collectKind(value: string, previous: string[] | undefined): string[] {
  const kinds = value.split(',').map((k) => k.trim());
  for (const kind of kinds) {
    if (!(CLAIM_KINDS as readonly string[]).includes(kind)) {
      throw new InvalidArgumentError(`expected one of ${CLAIM_KINDS.join(', ')}.`);
    }
  }
  return [...(previous ?? []), ...kinds];
}

function examples(lines: string[]): string {
  return `Examples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

function terminalWidth(io: Io): number {
  const fromEnv = Number(io.env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  const columns = io.stdout.columns;
  return columns && columns > 0 ? columns : 80;
}

/** Turns commander's "error: ...\n(Did you mean x?)" into armru's one-line form. */
function commanderMessage(text: string): string {
  return text
    .trim()
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (.*)\?\)$/, ' (did you mean $1?)')
    .replace(/ is invalid\. /, ' is invalid: ')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\.$/, '');
}

/** Routes commander's output to our streams, and its errors through armru's one-line form. */
function configureOutput(command: Command, io: Io): void {
  const name = command.parent ? `armru ${command.name()}` : 'armru';
  command.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    outputError: (s, write) =>
      write(`armru: ${commanderMessage(s)}\nRun '${name} --help' for usage.\n`),
  });
}

/**
 * Runs armru with `argv` (as process.argv: node, script, args...) and returns the exit status.
 * Never throws and never exits; `run` below is the thin wrapper for the real process.
 */
export async function main(argv: string[], io: Io): Promise<number> {
  let outcome: Outcome = OK;
  const program = new Command('armru');

  const context = (command: Command, json = false): CommandContext => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const tty = Boolean(io.stdout.isTTY);
    const mode: ColorMode = globals.color === false ? 'never' : (globals.color ?? 'auto');
    const view: View = {
      mode: json ? 'json' : tty ? 'table' : 'plain',
      width: terminalWidth(io),
      colors: palette(!json && decideColor(mode, io.env, tty)),
      write: (text) => {
        io.stdout.write(text);
      },
    };
    const dataPath = globals.data ?? (io.env.ARMRU_DATA || undefined);
    return { view, dataPath };
  };

  program
    .description(
      "Explore the claims a news article makes, each anchored to the article's exact words.",
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpText(
      'before',
      examples([
        'armru search Gyumri                  claims that mention Gyumri',
        'armru search biolab access           several words: all must match',
        'armru search Shoigu --json           same search, as JSON',
        'armru search "\'Kommersant | CivilNet"  fzf-style operators',
        'armru search base --actor Russia --kind statement',
      ]),
    )
    .option(
      '--data <path>',
      'dataset file to load instead of the built-in article (also ARMRU_DATA)',
    )
    .addOption(new Option('--color <when>', 'when to colour the output').choices(COLOR_MODES))
    .option('--no-color', 'same as --color never')
    .showSuggestionAfterError(true)
    .exitOverride();
  configureOutput(program, io);

  program
    .command('search')
    .description('Fuzzy search over claims by text, quote, actor, topic and source.')
    .argument(
      '<query...>',
      "words to look for (space = AND, | = OR, 'exact, ^prefix, suffix$, !not)",
    )
    .option('--actor <name>', 'only claims about this actor (repeat: all of them)', collect)
    .option('--topic <name>', 'only claims on this topic (repeat: all of them)', collect)
    .option(
      '--kind <kind>',
      `only claims of this kind (${CLAIM_KINDS.join(', ')}; repeat or comma: any)`,
      collectKind,
    )
    .option('--limit <n>', 'show at most n claims', positiveInt, 20)
    .option('--json', 'print a JSON array of claim objects, each with its score')
    .addHelpText(
      'before',
      examples([
        'armru search Gyumri',
        'armru search Shoigu base             spelling variants and aliases match',
        'armru search "\'biolab !Kommersant"   exact word, and not Kommersant\'s claims',
        'armru search Russia --topic CSTO --kind background',
        'armru search Pashinian --limit 3 --json',
      ]),
    )
    .action(
      async (words: string[], options: SearchOptions & { json?: boolean }, command: Command) => {
        outcome = await searchCommand(context(command, options.json), words, options);
      },
    );

  // Subcommands copy settings when created; give each its own name in error hints.
  for (const command of program.commands) configureOutput(command, io);

  try {
    await program.parseAsync(argv);
  } catch (error) {
    return reportError(error, io);
  }
  if (outcome.status === 'no-match') {
    io.stderr.write(`armru: ${sanitizeInline(outcome.message)}\n`);
    return EXIT.noMatch;
  }
  return EXIT.ok;
}

type SearchOptions = Parameters<typeof searchCommand>[2];

function reportError(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" under exitOverride; they succeeded.
    if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) {
      return error.code === 'commander.help' && error.exitCode !== 0 ? EXIT.usage : EXIT.ok;
    }
    return EXIT.usage; // commander already printed the message through outputError
  }
  if (error instanceof ArmruError) {
    io.stderr.write(`armru: ${sanitizeInline(error.message)}\n`);
    for (const problem of error.problems) io.stderr.write(`  ${sanitizeInline(problem)}\n`);
    if (error.hint) io.stderr.write(`${error.hint}\n`);
    if (io.env.DEBUG) io.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  io.stderr.write(`armru: internal error: ${sanitizeInline(err.message)}\n`);
  io.stderr.write(io.env.DEBUG ? `${err.stack}\n` : 'Set DEBUG=1 to see where it happened.\n');
  return EXIT.usage;
}

/** Entry point for the real process: wires signals and closed pipes, then sets the exit status. */
export function run(argv: string[]): void {
  process.on('SIGINT', () => {
    process.exitCode = EXIT.interrupted;
    process.exit(EXIT.interrupted);
  });
  // A closed pipe (`armru export | head -1`) means the reader has all it wants: stop quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
  main(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
    process.exitCode = code;
  });
}
