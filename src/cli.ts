import { Argument, Command, CommanderError, Help, Option } from 'commander';
import {
  type ContextOptions,
  colorModeOf,
  commandContext,
  EXIT,
  errorPrefix,
  type Io,
  outcomeStatus,
  reportFailure,
  runProcess,
  terminalWidth,
} from './cli-process.js';
import { OK, type Outcome } from './commands/context.js';
import {
  COMMANDS,
  GLOBAL_OPTIONS,
  type OptionDefinition,
  OUTPUT_OPTIONS,
} from './commands/registry.js';
import { VERSION } from './core/model/paths.js';
import { sanitizeInline } from './render/sanitize.js';

export { colorModeOf, EXIT, type Io, isTerminal, utf8 } from './cli-process.js';

type HelpLayout = typeof import('./render/help.js');

/** The help's closing part: examples, then what the command prints in a pipe. */
function helpFooter(
  layout: HelpLayout | undefined,
  width: number,
  exampleLines: string[],
  pipe?: string,
): string {
  const examples = layout
    ? layout.helpExamples(exampleLines, width)
    : exampleLines.map((l) => `  ${l}`).join('\n');
  const head = `\nExamples:\n${examples}\n`;
  if (!pipe) return head;
  const note = `In a pipe: ${pipe}.`;
  const lines = layout ? layout.hangingWrap(note, width, 2) : [note];
  return `${head}\n${lines.join('\n')}\n`;
}

/**
 * Whether this line may print help: no arguments (commander then shows the program's help),
 * `help`, or -h/--help anywhere. Only then is the help's layout loaded (see main).
 */
function mayShowHelp(args: string[]): boolean {
  return args.length === 0 || args[0] === 'help' || args.includes('--help') || args.includes('-h');
}

/**
 * commander's help fitted to the window (see render/help.ts): every line at most `width`
 * columns, measured by display width, descriptions wrapped with a hanging indent, the usage
 * line too.
 */
function helpConfiguration(layout: HelpLayout, width: number) {
  return {
    helpWidth: width,
    displayWidth: (s: string) => layout.displayWidth(s),
    boxWrap: (s: string, w: number) => layout.wrapBox(s, w),
    formatItem: (term: string, termWidth: number, description: string) =>
      layout.helpItem(term, termWidth, description, width),
    formatHelp(this: Help, cmd: Command, helper: Help): string {
      const [usage = '', ...rest] = Help.prototype.formatHelp.call(this, cmd, helper).split('\n');
      // "Usage: " and then the usage, its further lines under its start.
      return [...layout.hangingWrap(usage, width, 7), ...rest].join('\n');
    },
  };
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

/** A commander option from its declaration. */
function toOption(definition: OptionDefinition): Option {
  const option = new Option(definition.flags, definition.description);
  if (definition.choices) option.choices(definition.choices);
  if (definition.parse) option.argParser(definition.parse);
  if (definition.default !== undefined) option.default(definition.default);
  if (definition.conflicts) option.conflicts([...definition.conflicts]);
  return option;
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
  const prefix = await errorPrefix(colorMode, io);
  // The help is as wide as the window (COLUMNS, else the terminal's width, else 80); its layout
  // is loaded only when help may be shown, so other runs start no slower.
  const width = terminalWidth(io);
  const layout = mayShowHelp(argv.slice(2)) ? await import('./render/help.js') : undefined;
  const footer = (examples: string[], pipe?: string) => helpFooter(layout, width, examples, pipe);

  const context = (command: Command) =>
    commandContext(
      io,
      colorMode,
      prefix,
      command.optsWithGlobals<ContextOptions>(),
      COMMANDS.find((c) => c.name === command.name())?.listing === true,
    );

  // Commands come from the one list of declarations (commands/registry.ts); each handler's
  // module is imported only when it runs, so --help and --version stay fast.
  program
    .name('armru')
    .description(
      "Explore the claims a news article makes, each anchored to the article's exact words.",
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpText(
      'after',
      footer([
        'armru search Gyumri                   claims that mention Gyumri',
        'armru search biolab access            several words: all must match',
        'armru show c09                        one claim in full, in its passage',
        'armru claims --actor Shoigu           claims about an actor, in article order',
        'armru disputes                        where sources disagree',
        'armru graph | dot -Tsvg > actors.svg  the network of actors',
        'armru draft a.txt -o a.claims.json    a first dataset from your own article',
      ]),
    )
    .configureHelp({
      showGlobalOptions: true,
      ...(layout ? helpConfiguration(layout, width) : {}),
    })
    .showSuggestionAfterError(true)
    .exitOverride();
  for (const option of GLOBAL_OPTIONS) program.addOption(toOption(option));
  configureOutput(program, io, prefix);

  // When the first word is a command (`armru search Gyumri`), commander dispatches to it and
  // never looks at the others: only that one is defined, which spares a short command making
  // some twenty commands and their options. Any other line (options first, help, a misspelt
  // command) gets them all, so that the program's help lists them and "did you mean" can
  // name one.
  const named = COMMANDS.find((c) => c.name === argv[2]);
  for (const definition of named ? [named] : COMMANDS) {
    const options = definition.listing
      ? [...definition.options, ...OUTPUT_OPTIONS]
      : definition.options;
    const command = program
      .command(definition.name, definition.hidden ? { hidden: true } : {})
      .description(definition.summary)
      .addHelpText('after', footer(definition.examples, definition.pipe));
    for (const argument of definition.arguments) {
      const arg = new Argument(argument.spec, argument.description);
      command.addArgument(argument.choices ? arg.choices(argument.choices) : arg);
    }
    for (const option of options) command.addOption(toOption(option));
    command.action(async (...values: unknown[]) => {
      // commander passes the arguments, then the options object, then the command.
      const self = values.at(-1) as Command;
      const args = values.slice(0, definition.arguments.length);
      outcome = await definition.run(await context(self), args, self.opts());
    });
  }

  // Subcommands copy settings when created; give each its own name in error hints.
  for (const command of program.commands) configureOutput(command, io, prefix);

  try {
    await program.parseAsync(argv);
  } catch (error) {
    return reportError(error, io, prefix);
  }
  return outcomeStatus(outcome, io, prefix);
}

function reportError(error: unknown, io: Io, prefix: string): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" under exitOverride; they succeeded.
    if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) {
      return error.code === 'commander.help' && error.exitCode !== 0 ? EXIT.usage : EXIT.ok;
    }
    return EXIT.usage; // commander already printed the message through outputError
  }
  return reportFailure(error, io, prefix);
}

/** Entry point for the real process (see runProcess). */
export function run(argv: string[]): void {
  runProcess(argv, main);
}
