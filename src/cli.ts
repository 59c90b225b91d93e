import { delimiter } from 'node:path';
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type CommandContext, OK, type Outcome } from './commands/context.js';
import type { ExportOptions } from './commands/export.js';
import type { SearchOptions } from './commands/search.js';
import { ArmruError, EXIT } from './core/errors.js';
import type { ClaimFilterInput } from './core/filter.js';
import { VERSION } from './core/paths.js';
import { AGREEMENT_STATUSES, CLAIM_KINDS } from './core/types.js';
import { COLOR_MODES, type ColorMode, decideColor, palette } from './render/color.js';
import type { CompletionSpec, OptionSpec, Shell } from './render/completion.js';
import { EXPORT_FORMATS, GRAPH_FORMATS, type GraphFormat } from './render/formats.js';
import { sanitize, sanitizeInline } from './render/sanitize.js';
import type { View } from './render/view.js';

/** The streams and environment a run uses; tests pass their own. */
export interface Io {
  stdout: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

interface GlobalOptions {
  data?: string[];
  color?: ColorMode | false;
}

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

/** A repeatable option whose values (also comma-separated) must be among `choices`. */
function collectChoice(choices: readonly string[]) {
  return (value: string, previous: string[] | undefined): string[] => {
    const values = value.split(',').map((v) => v.trim());
    for (const v of values) {
      if (!choices.includes(v))
        throw new InvalidArgumentError(`expected one of ${choices.join(', ')}.`);
    }
    return [...(previous ?? []), ...values];
  };
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

const IDS_COMMAND = '__complete-ids';
const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

// Values of options whose parsers check them (so commander does not know them as choices).
const OPTION_VALUES: Record<string, readonly string[]> = {
  '--kind': CLAIM_KINDS,
  '--status': AGREEMENT_STATUSES,
};
const PATH_OPTIONS = new Set(['--data', '--output']);
const ARGUMENTS: Record<string, CompletionSpec['commands'][number]['argument']> = {
  search: 'text',
  show: 'claim-id',
  validate: 'path',
  index: 'path',
  actors: 'text',
  topics: 'text',
};

/** Describes the program for the completion scripts, from its own definition. */
function completionSpec(program: Command): CompletionSpec {
  const option = (o: Option): OptionSpec => ({
    ...(o.long ? { long: o.long } : {}),
    ...(o.short ? { short: o.short } : {}),
    description: o.description,
    takesValue: o.required || o.optional,
    ...(o.argChoices || (o.long && OPTION_VALUES[o.long])
      ? { choices: o.argChoices ?? (OPTION_VALUES[o.long as string] as readonly string[]) }
      : {}),
    ...(o.long && PATH_OPTIONS.has(o.long) ? { path: true } : {}),
  });
  const help = { long: '--help', short: '-h', description: 'show help', takesValue: false };
  return {
    program: 'armru',
    globalOptions: [...program.options.map(option), help],
    commands: program.commands
      .filter((c) => c.name() !== IDS_COMMAND)
      .map((c) => ({
        name: c.name(),
        description: c.description(),
        options: [...c.options.map(option), help],
        argument: ARGUMENTS[c.name()] ?? 'none',
      })),
    idsCommand: IDS_COMMAND,
  };
}

/** Routes commander's output to our streams, and its errors through armru's one-line form. */
function configureOutput(command: Command, io: Io, prefix: string): void {
  const name = command.parent ? `armru ${command.name()}` : 'armru';
  command.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    // commander's messages repeat what was typed: escape it like any other untrusted text.
    outputError: (s, write) =>
      write(`${prefix} ${sanitizeInline(commanderMessage(s))}\nRun '${name} --help' for usage.\n`),
  });
}

/**
 * Runs armru with `argv` (as process.argv: node, script, args...) and returns the exit status.
 * Never throws and never exits; `run` below is the thin wrapper for the real process.
 */
export async function main(argv: string[], io: Io): Promise<number> {
  let outcome: Outcome = OK;
  const program = new Command('armru');

  // Colour is decided once per stream, before parsing, so even usage errors follow --color.
  const colorMode = colorModeOf(argv.slice(2));
  const stderrColors = await palette(decideColor(colorMode, io.env, Boolean(io.stderr.isTTY)));
  const prefix = stderrColors.error('armru:');

  const context = async (command: Command): Promise<CommandContext> => {
    const globals = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
    const json = Boolean(globals.json);
    const tty = Boolean(io.stdout.isTTY);
    const mode = json ? 'json' : tty ? 'table' : 'plain';
    const view: View = {
      mode,
      width: terminalWidth(io),
      colors: await palette(!json && decideColor(colorMode, io.env, tty)),
      write: (text) => {
        io.stdout.write(text);
      },
      ...(mode === 'table' ? { kit: (await import('./render/table-kit.js')).kit } : {}),
    };
    // --data wins over ARMRU_DATA, which may list several paths like PATH does.
    const dataPaths = globals.data ?? (io.env.ARMRU_DATA ?? '').split(delimiter).filter(Boolean);
    const line = (text: string) => {
      io.stdout.write(`${sanitizeInline(text)}\n`);
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
        io.stderr.write(text ? `\r\u001b[K${sanitizeInline(text)}` : '\r\u001b[K');
      } else if (text && Date.now() - lastProgress > 2000) {
        // In a log, a line every few seconds says it is alive without flooding it.
        lastProgress = Date.now();
        io.stderr.write(`${prefix} ${sanitizeInline(text)}\n`);
      }
    };
    return { view, dataPaths, line, note, detail, progress };
  };

  // Each command's module is imported only when it runs, so --help and --version stay fast.
  program
    .name('armru')
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
        'armru show c09                       one claim in full, in its place in the article',
        'armru claims --actor Shoigu          claims about an actor, in article order',
        'armru disputes                       where sources disagree',
        'armru graph | dot -Tsvg > actors.svg the network of actors',
      ]),
    )
    .option(
      '--data <path>',
      'dataset file, or directory of *.claims.json files, instead of the built-in article (repeatable; also ARMRU_DATA)',
      collect,
    )
    .addOption(new Option('--color <when>', 'when to colour the output').choices(COLOR_MODES))
    .option('--no-color', 'same as --color never')
    .showSuggestionAfterError(true)
    .exitOverride();
  configureOutput(program, io, prefix);

  const claimFilters = (command: Command) =>
    command
      .option('--actor <name>', 'only claims about this actor (repeat: all of them)', collect)
      .option('--topic <name>', 'only claims on this topic (repeat: all of them)', collect)
      .option(
        '--kind <kind>',
        `only claims of this kind (${CLAIM_KINDS.join(', ')}; repeat or comma: any)`,
        collectChoice(CLAIM_KINDS),
      );
  const json = (command: Command, what: string) =>
    command.option('--json', `print ${what} as JSON`);

  const search = program
    .command('search')
    .description('Fuzzy search over claims by text, quote, actor, topic and source.')
    .argument(
      '<query...>',
      "words to look for (space = AND, | = OR, 'exact, ^prefix, suffix$, !not)",
    );
  claimFilters(search)
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
    .action(async (words: string[], options: SearchOptions, command: Command) => {
      const { searchCommand } = await import('./commands/search.js');
      outcome = await searchCommand(await context(command), words, options);
    });

  const claims = program
    .command('claims')
    .description('List claims in article order, optionally filtered.');
  claimFilters(claims).option(
    '--asserted-by <name>',
    'only claims this source asserts ("author" for the writer)',
    collect,
  );
  json(claims, 'a JSON array of claim objects')
    .addHelpText(
      'before',
      examples([
        'armru claims',
        'armru claims --actor Pashinian --kind quote',
        'armru claims --asserted-by Kommersant --json',
        'armru claims --asserted-by author --topic "Gyumri base"',
      ]),
    )
    .action(async (options: ClaimFilterInput, command: Command) => {
      const { claimsCommand } = await import('./commands/claims.js');
      outcome = await claimsCommand(await context(command), options);
    });

  json(
    program
      .command('show')
      .description(
        'Show one claim in full: who asserts it, its date, the article passage, related claims.',
      )
      .argument('<id>', 'claim id, as listed by search and claims'),
    'the claim object with related claims and agreements',
  )
    .addHelpText('before', examples(['armru show c09', 'armru show c07 --json']))
    .action(async (id: string, _options: object, command: Command) => {
      const { showCommand } = await import('./commands/show.js');
      outcome = await showCommand(await context(command), id);
    });

  json(
    program
      .command('actors')
      .description('List the people, states, bodies, outlets and places, or profile one.')
      .argument('[name]', "an actor's name, alias or id: show its profile"),
    'a JSON array (entity objects with claimCount and assertedCount)',
  )
    .addHelpText(
      'before',
      examples(['armru actors', 'armru actors Shoigu', 'armru actors Kremlin --json']),
    )
    .action(async (name: string | undefined, _options: object, command: Command) => {
      const { actorsCommand } = await import('./commands/actors.js');
      outcome = await actorsCommand(await context(command), name);
    });

  json(
    program
      .command('topics')
      .description('List the topics, or profile one.')
      .argument('[name]', "a topic's name, alias or id: show its profile"),
    'a JSON array (topic objects with claimCount)',
  )
    .addHelpText(
      'before',
      examples(['armru topics', 'armru topics biolabs', 'armru topics EAEU --json']),
    )
    .action(async (name: string | undefined, _options: object, command: Command) => {
      const { topicsCommand } = await import('./commands/topics.js');
      outcome = await topicsCommand(await context(command), name);
    });

  json(
    program
      .command('agreements')
      .description('List the agreements and standing arrangements the article reports.')
      .option(
        '--status <status>',
        `only agreements with this status (${AGREEMENT_STATUSES.join(', ')}; repeat or comma: any)`,
        collectChoice(AGREEMENT_STATUSES),
      )
      .option(
        '--party <name>',
        'only agreements this actor is party to (repeat: all of them)',
        collect,
      ),
    'a JSON array of agreement objects',
  )
    .addHelpText(
      'before',
      examples([
        'armru agreements',
        'armru agreements --status in-force',
        'armru agreements --party CSTO --json',
      ]),
    )
    .action(async (options: { status?: string[]; party?: string[] }, command: Command) => {
      const { agreementsCommand } = await import('./commands/agreements.js');
      outcome = await agreementsCommand(await context(command), options);
    });

  json(
    program
      .command('disputes')
      .description('Show claims that dispute or qualify other claims, side by side.'),
    'a JSON array of relations with both claims',
  )
    .addHelpText('before', examples(['armru disputes', 'armru disputes --json']))
    .action(async (_options: object, command: Command) => {
      const { disputesCommand } = await import('./commands/disputes.js');
      outcome = await disputesCommand(await context(command));
    });

  json(
    program
      .command('timeline')
      .description(
        "List dated claims and agreements in date order, with each date's precision and basis.",
      ),
    'a JSON array of claim and agreement objects with item and precision',
  )
    .addHelpText('before', examples(['armru timeline', 'armru timeline --json']))
    .action(async (_options: object, command: Command) => {
      const { timelineCommand } = await import('./commands/timeline.js');
      outcome = await timelineCommand(await context(command));
    });

  json(
    program
      .command('stats')
      .description(
        'Count claims by kind, source, topic and actor, and how much of the article they cover.',
      ),
    'a JSON object of counts',
  )
    .addHelpText('before', examples(['armru stats', 'armru stats --json']))
    .action(async (_options: object, command: Command) => {
      const { statsCommand } = await import('./commands/stats.js');
      outcome = await statsCommand(await context(command));
    });

  program
    .command('graph')
    .description('Print the network of actors for Graphviz (DOT) or Mermaid.')
    .addOption(
      new Option('--format <format>', 'output format').choices(GRAPH_FORMATS).default('dot'),
    )
    .addHelpText(
      'before',
      examples([
        'armru graph | dot -Tsvg > actors.svg',
        'armru graph --format mermaid > actors.mmd',
        'armru graph --format json',
      ]),
    )
    .action(async (options: { format: GraphFormat }, command: Command) => {
      const { graphCommand } = await import('./commands/graph.js');
      outcome = await graphCommand(await context(command), options.format);
    });

  const exporter = program
    .command('export')
    .description(
      'Export claims as a dataset (JSON), JSON Lines, CSV, W3C Web Annotations or schema.org JSON-LD.',
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).default('json'),
    )
    .option('-o, --output <file>', 'write to this file (atomically) instead of stdout');
  claimFilters(exporter)
    .option(
      '--asserted-by <name>',
      'only claims this source asserts ("author" for the writer)',
      collect,
    )
    .option('--query <text>', 'only claims matching this search query')
    .option('--bom', 'start CSV with a UTF-8 byte order mark (for spreadsheets that need one)')
    .addHelpText(
      'before',
      examples([
        'armru export > armenia.claims.json          the whole dataset, self-contained',
        'armru export --format csv --bom -o claims.csv',
        'armru export --format jsonl --actor Shoigu',
        'armru export --format annotations --query biolab',
        'armru export --format jsonld --kind quote',
      ]),
    )
    .action(async (options: ExportOptions, command: Command) => {
      const { exportCommand } = await import('./commands/export.js');
      outcome = await exportCommand(await context(command), options);
    });

  program
    .command('validate')
    .description(
      'Check datasets (files or directories) and report every problem; --fix fills in missing offsets.',
    )
    .argument(
      '[paths...]',
      'dataset files or directories (default: --data, else the built-in dataset)',
    )
    .option('--fix', 'fill in missing quote offsets and textSha256, rewriting the file atomically')
    .option('--json', 'print a JSON array with one report per file')
    .addHelpText(
      'before',
      examples([
        'armru validate                          the built-in dataset',
        'armru validate my-article.claims.json',
        'armru validate --fix my-article.claims.json',
        'armru validate datasets/ --json',
      ]),
    )
    .action(async (paths: string[], options: { fix?: boolean }, command: Command) => {
      const { validateCommand } = await import('./commands/validate.js');
      outcome = await validateCommand(await context(command), paths, options);
    });

  program
    .command('index')
    .description('Build the on-disk index beside each dataset, for fast search of large ones.')
    .argument(
      '[paths...]',
      'dataset files or directories (default: --data, else the built-in dataset)',
    )
    .addHelpText(
      'before',
      examples([
        'armru index --data archive/                 every *.claims.json in archive/',
        'armru index big.claims.json && armru --data big.claims.json search Gyumri',
      ]),
    )
    .action(async (paths: string[], _options: object, command: Command) => {
      const { indexCommand } = await import('./commands/index.js');
      outcome = await indexCommand(await context(command), paths);
    });

  program
    .command('completion')
    .description('Print a shell completion script for bash, zsh or fish.')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText(
      'before',
      examples([
        'source <(armru completion bash)          in ~/.bashrc',
        'source <(armru completion zsh)           in ~/.zshrc',
        'armru completion fish | source           in ~/.config/fish/config.fish',
      ]),
    )
    .action(async (shell: Shell) => {
      const { completionScript } = await import('./render/completion.js');
      io.stdout.write(completionScript(shell, completionSpec(program)));
    });

  // Used by the completion scripts to offer claim ids; not for people, so not in the help.
  program
    .command(IDS_COMMAND, { hidden: true })
    .description('print the claim ids of the loaded datasets, one per line')
    .action(async (_options: object, command: Command) => {
      const { idsCommand } = await import('./commands/ids.js');
      outcome = await idsCommand(await context(command));
    });

  // Subcommands copy settings when created; give each its own name in error hints.
  for (const command of program.commands) configureOutput(command, io, prefix);

  try {
    await program.parseAsync(argv);
  } catch (error) {
    return reportError(error, io, prefix);
  }
  if (outcome.message) io.stderr.write(`${prefix} ${sanitizeInline(outcome.message)}\n`);
  if (outcome.status === 'invalid') return EXIT.data;
  return outcome.status === 'no-match' ? EXIT.noMatch : EXIT.ok;
}

function reportError(error: unknown, io: Io, prefix: string): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" under exitOverride; they succeeded.
    if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) {
      return error.code === 'commander.help' && error.exitCode !== 0 ? EXIT.usage : EXIT.ok;
    }
    return EXIT.usage; // commander already printed the message through outputError
  }
  if (error instanceof ArmruError) {
    io.stderr.write(`${prefix} ${sanitizeInline(error.message)}\n`);
    for (const problem of error.problems) io.stderr.write(`  ${sanitizeInline(problem)}\n`);
    if (error.hint) io.stderr.write(`${sanitize(error.hint)}\n`);
    if (io.env.DEBUG) io.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  io.stderr.write(`${prefix} internal error: ${sanitizeInline(err.message)}\n`);
  io.stderr.write(io.env.DEBUG ? `${err.stack}\n` : 'Set DEBUG=1 to see where it happened.\n');
  return EXIT.usage;
}

/** Entry point for the real process: wires signals and closed pipes, then sets the exit status. */
export function run(argv: string[]): void {
  // No SIGINT handler: a JavaScript handler runs only when the event loop is free, and armru's
  // work (parsing, checking, scoring, printing) is synchronous, so Ctrl-C would wait for the
  // work to end. The default action ends the process at once, whatever it is doing; the shell
  // reports status 130 (128 + SIGINT). Files are written to a temporary name and renamed, so
  // an interruption never leaves a partial file where one was asked for.
  // A closed pipe (`armru export | head -1`) means the reader has all it wants: stop quietly.
  // Any other failure to write (a full disk, a quota) is bad output, not "no match": say so
  // in one line and exit 2.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    const why =
      error.code === 'ENOSPC' ? 'no space left on the device' : (error.code ?? error.message);
    process.stderr.write(
      `armru: cannot write to standard output (${why}); the output is incomplete\n`,
    );
    if (process.env.DEBUG) process.stderr.write(`${error.stack}\n`);
    process.exit(EXIT.data);
  });
  main(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
    process.exitCode = code;
  });
}
