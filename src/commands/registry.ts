import { InvalidArgumentError } from 'commander';
import { date as isDate, uri as isUri } from '../core/dataset/schema-formats.js';
import { AGREEMENT_STATUSES, CLAIM_KINDS, REVIEW_STATES } from '../core/model/types.js';
import { closest } from '../core/text/suggest.js';
import { COLOR_MODES } from '../render/color.js';
import { NAME_KINDS, type NameKind, SHELLS } from '../render/completion.js';
import { EXPORT_FORMATS, GRAPH_FORMATS } from '../render/format-names.js';
import { LISTING_FORMATS } from '../render/view.js';
import type { CommandContext, Outcome } from './context.js';
import { SEARCH_DEFAULTS } from './search-defaults.js';

/**
 * Every command, declared once: name, summary, arguments, options, examples, what it prints
 * in a pipe, completion kinds, and a handler imported only when the command runs (so
 * start-up loads none of them). The CLI registers this list; the completion scripts, the
 * build's help text, the help tests and the README check read it too.
 */

/** What a shell should complete for a value. */
export type CompletionKind = 'text' | 'claim-id' | 'path' | 'none' | NameKind;

/** One option of a command (or of the program). */
export interface OptionDefinition {
  /** Commander flags: `-o, --output <file>`, `--json`, `--no-pager`. */
  flags: string;
  description: string;
  /** Turns the raw text into a checked value (throws InvalidArgumentError). */
  parse?: (value: string, previous: unknown) => unknown;
  /** The only values accepted (checked by commander, listed by help and completion). */
  choices?: readonly string[];
  /** Values completion offers when `parse` checks them itself. */
  values?: readonly string[];
  default?: unknown;
  /** What completion offers for the value (`path`, or names from the loaded datasets). */
  complete?: 'path' | NameKind;
  /**
   * Options this one cannot be given with (their long names, as commander knows them:
   * `format`): both given is a usage error, not a silent choice of one.
   */
  conflicts?: readonly string[];
}

/** One positional argument. */
export interface ArgumentDefinition {
  /** Commander syntax: `<query...>`, `[name]`. */
  spec: string;
  description: string;
  choices?: readonly string[];
}

/** A command as the CLI, the help, the completion scripts and the README know it. */
export interface CommandDefinition {
  name: string;
  /** One line for the command list and the top of its help. */
  summary: string;
  arguments: ArgumentDefinition[];
  /** What completion offers for the positional arguments. */
  completes: CompletionKind;
  options: OptionDefinition[];
  /** Typical lines, each optionally followed by spaces and a comment. */
  examples: string[];
  /** What it prints when stdout is a pipe, for the help. */
  pipe: string;
  /** Hidden commands are for the completion scripts, not people. */
  hidden?: boolean;
  /** A listing: takes --format table|cards|tsv|json|jsonl|csv, --fields and --header. */
  listing?: boolean;
  /** Runs the command: positional arguments in order, then the checked options. */
  run: (ctx: CommandContext, args: unknown[], options: Record<string, unknown>) => Promise<Outcome>;
}

// --- value parsers: raw strings become checked values before any work is done -----------

/** A whole number of at least 1. */
export function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError('expected a whole number of at least 1.');
  }
  return Number(value);
}

/** A repeatable option: every value given, in order. */
export function collect(value: string, previous: unknown): string[] {
  return [...((previous as string[] | undefined) ?? []), value];
}

/** `value` as one of `choices`, in any case (`Quote` is `quote`); else the nearest is named. */
function pickChoice(choices: readonly string[], value: string): string {
  const found = choices.find((c) => c.toLowerCase() === value.toLowerCase());
  if (found !== undefined) return found;
  const [near] = closest(value.toLowerCase(), [...choices], 1);
  const hint = near ? `did you mean "${near}"? ` : '';
  throw new InvalidArgumentError(`${hint}expected one of ${choices.join(', ')}.`);
}

/**
 * A repeatable option whose values (also comma-separated) must be among `choices`, in any
 * case; an unknown value names the nearest choice.
 */
export function collectChoice(choices: readonly string[]) {
  return (value: string, previous: unknown): string[] => [
    ...((previous as string[] | undefined) ?? []),
    ...value.split(',').map((v) => pickChoice(choices, v.trim())),
  ];
}

/** A single-valued option among `choices`, in any case (`--format CSV`). */
export function oneChoice(choices: readonly string[]) {
  return (value: string): string => pickChoice(choices, value.trim());
}

/** `--published`: a real calendar day, YYYY-MM-DD. */
function publishedDate(value: string): string {
  if (!isDate(value)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD.');
  return value;
}

/** `--url`: an http or https address, as the schema's `source.url` requires. */
function articleUrl(value: string): string {
  if (!isUri(value) || !/^https?:\/\/[^/?#\s]+/.test(value))
    throw new InvalidArgumentError('expected an absolute URL (https://...).');
  return value;
}

/** `--title`, `--author`: some text. */
function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected some text.');
  return value.trim();
}

// --- options shared by several commands -----------------------------------------------

/** Options every command takes (the program's own). */
export const GLOBAL_OPTIONS: OptionDefinition[] = [
  {
    flags: '--data <path>',
    description:
      'dataset file, or directory of *.claims.json files, instead of the built-in article (repeatable; also ARMRU_DATA)',
    parse: collect,
    complete: 'path',
  },
  { flags: '--color <when>', description: 'when to colour the output', choices: COLOR_MODES },
  { flags: '--no-color', description: 'same as --color never' },
  { flags: '--no-pager', description: 'never page long output in a terminal (also PAGER=cat)' },
];

const actor: OptionDefinition = {
  flags: '--actor <name>',
  description:
    'only claims about this actor or one of its members (=NAME: the actor itself; repeat: all of them)',
  parse: collect,
  complete: 'actors',
};
const exactActor: OptionDefinition = {
  flags: '--exact-actor',
  description: 'actor and asserter names mean the entity itself, not its members',
};
const topic: OptionDefinition = {
  flags: '--topic <name>',
  description: 'only claims on this topic (repeat: all of them)',
  parse: collect,
  complete: 'topics',
};
const kind: OptionDefinition = {
  flags: '--kind <kind>',
  description: `only claims of this kind (${CLAIM_KINDS.join(', ')}; repeat or comma: any)`,
  parse: collectChoice(CLAIM_KINDS),
  values: CLAIM_KINDS,
};
const assertedBy: OptionDefinition = {
  flags: '--asserted-by <name>',
  description:
    'only claims this source, or one of its members, asserts ("author" or the name for the writer)',
  parse: collect,
  complete: 'asserters',
};
const query: OptionDefinition = {
  flags: '--query <text>',
  description: 'only claims matching this search query',
};
const from: OptionDefinition = {
  flags: '--from <date>',
  description: 'only claims dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD)',
};
const to: OptionDefinition = {
  flags: '--to <date>',
  description: 'only claims dated on or before this (YYYY, YYYY-MM or YYYY-MM-DD)',
};
const limit: OptionDefinition = {
  flags: '--limit <n>',
  description: 'show at most n (default: all)',
  parse: positiveInt,
};
/** The claim filters every command that shows claims takes. */

/** The claim filters of every command that shows claims (besides search's own query). */
const SELECTION: OptionDefinition[] = [actor, exactActor, topic, kind, assertedBy, query, from, to];

const json = (what: string): OptionDefinition => ({
  flags: '--json',
  description: `print ${what} as JSON`,
});
/** The output controls of every listing (gh style); the CLI adds them to each `listing`. */
export const OUTPUT_OPTIONS: OptionDefinition[] = [
  {
    flags: '--format <format>',
    description: 'output format (default: table in a terminal, tsv in a pipe)',
    choices: LISTING_FORMATS,
    // `--json --format csv` printed CSV without a word: give one or the other.
    conflicts: ['json'],
  },
  {
    flags: '--fields <names>',
    description: 'only these JSON fields, in this order (comma-separated), in any format',
    parse: (value: string) => {
      const names = value
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      // An empty list printed a blank line (or `{}`) per row.
      if (names.length === 0) throw new InvalidArgumentError('expected one field name or more.');
      return names;
    },
  },
  { flags: '--header', description: 'start tab-separated output with a line of column names' },
];

const DATASET_PATHS: ArgumentDefinition = {
  spec: '[paths...]',
  description: 'dataset files or directories (default: --data, else the built-in dataset)',
};

// --- the commands --------------------------------------------------------------------

export const COMMANDS: CommandDefinition[] = [
  {
    name: 'search',
    summary:
      'Fuzzy search over claims: text, quote, actors, topics, source, kind, date, agreements, notes.',
    arguments: [
      {
        spec: '<query...>',
        description: "words to look for (space = AND, | = OR, 'exact, ^prefix, suffix$, !not)",
      },
    ],
    completes: 'text',
    listing: true,
    options: [
      actor,
      exactActor,
      topic,
      kind,
      assertedBy,
      from,
      to,
      {
        flags: '--limit <n>',
        description: 'show at most n claims',
        parse: positiveInt,
        default: SEARCH_DEFAULTS.limit,
        // `--limit 2 --all` listed every match: --all means no limit.
        conflicts: ['all'],
      },
      {
        flags: '--all',
        description: 'show every match: no limit, and claims that match only through an alias',
      },
      {
        flags: '--json',
        description: 'print a JSON array of claim objects, each with its score and what matched',
      },
    ],
    examples: [
      'armru search Gyumri',
      'armru search Shoigu base             spelling variants and aliases match',
      'armru search deny                    other forms too (denied, denies)',
      'armru search "\'biolab !Kommersant"   exact word, and not Kommersant\'s claims',
      'armru search Russia --topic CSTO --kind background',
      'armru search Pashinian --limit 3 --json',
      'armru search what did Shoygu announce   question words are left out',
      'armru search October 2019            dates, kinds (denied, reported), cues, agreements',
    ],
    pipe: 'one claim per line, best first: id, kind, asserted by, claim, actors (tab-separated)',
    run: async (ctx, [words], options) =>
      (await import('./search.js')).searchCommand(ctx, words as string[], options as never),
  },
  {
    name: 'claims',
    summary: 'List claims in article order, optionally filtered.',
    arguments: [],
    completes: 'none',
    listing: true,
    options: [
      actor,
      exactActor,
      topic,
      kind,
      assertedBy,
      {
        flags: '--review <state>',
        description: `only claims in this review state (${REVIEW_STATES.join(', ')}: drafts awaiting an editor, or checked)`,
        parse: collectChoice(REVIEW_STATES),
        values: REVIEW_STATES,
      },
      query,
      from,
      to,
      limit,
      json('a JSON array of claim objects'),
    ],
    examples: [
      'armru claims',
      'armru claims --actor Pashinian --kind quote',
      'armru claims --actor Russia                  with its government, ministry, minister',
      'armru claims --actor =Russia                 the country alone (or --exact-actor)',
      'armru claims --asserted-by Kommersant --json',
      'armru claims --asserted-by author --topic "Gyumri base"',
      'armru --data my.claims.json claims --review draft',
    ],
    pipe: 'one claim per line in article order: id, kind, asserted by, claim, actors',
    run: async (ctx, _args, options) =>
      (await import('./claims.js')).claimsCommand(ctx, options as never),
  },
  {
    name: 'show',
    summary:
      'Show one claim in full: who asserts it, its date, the article passage, related claims.',
    arguments: [{ spec: '<id>', description: 'claim id, as listed by search and claims' }],
    completes: 'claim-id',
    options: [json('the claim object with related claims and agreements')],
    examples: ['armru show c09', 'armru show c07 --json'],
    pipe: 'field, value lines (tab-separated), the quote and passage, then tagged related and agreement lines',
    run: async (ctx, [id]) => (await import('./show.js')).showCommand(ctx, id as string),
  },
  {
    name: 'read',
    summary: "Read the article itself, every claim's words marked by kind, with who asserts each.",
    arguments: [],
    completes: 'none',
    options: [
      {
        flags: '--claim <id>',
        description: 'start at this claim (less opens there)',
        complete: 'claims',
      },
      ...SELECTION,
    ],
    examples: [
      'armru read',
      'armru read --claim c08                 open the article at claim c08',
      'armru read --asserted-by Kommersant    mark only what Kommersant asserts',
      'armru read --query biolab --from 2019   mark the claims a search and a date range keep',
      'armru read | grep -o "⟦c0[0-9] [^⟧]*⟧"  in a pipe: plain text with ⟦id … ⟧ markers',
    ],
    pipe: "the article with ⟦id … ⟧ around each claim's words, then id, kind, asserter, cue, hedged lines (tab-separated)",
    run: async (ctx, _args, options) =>
      (await import('./read.js')).readCommand(ctx, options as never),
  },
  {
    name: 'actors',
    summary: 'List the people, states, bodies, outlets and places, or profile one.',
    arguments: [{ spec: '[name]', description: "an actor's name, alias or id: show its profile" }],
    completes: 'actors',
    listing: true,
    options: [
      { flags: '--exact', description: 'the profile of the entity itself, without its members' },
      json('a JSON array (entity objects with claimCount and assertedCount)'),
    ],
    examples: [
      'armru actors',
      'armru actors Shoigu',
      'armru actors Russia          with its government, ministry, minister, military',
      'armru actors =Russia         the country alone',
      'armru actors Kremlin --json',
    ],
    pipe: 'one actor per line: id, type, name, claims about it, claims it asserts, aliases; a profile as tagged lines: entity, then claims and agreements as their listings print them, tagged about, asserts, agreement',
    run: async (ctx, [name], options) =>
      (await import('./actors.js')).actorsCommand(
        ctx,
        name as string | undefined,
        Boolean(options.exact),
      ),
  },
  {
    name: 'topics',
    summary: 'List the topics, or profile one.',
    arguments: [{ spec: '[name]', description: "a topic's name, alias or id: show its profile" }],
    completes: 'topics',
    listing: true,
    options: [json('a JSON array (topic objects with claimCount)')],
    examples: ['armru topics', 'armru topics biolabs', 'armru topics EAEU --json'],
    pipe: 'one topic per line: id, name, claims, aliases; a profile as tagged lines: topic, then claims and agreements as their listings print them, tagged claim, agreement',
    run: async (ctx, [name]) =>
      (await import('./topics.js')).topicsCommand(ctx, name as string | undefined),
  },
  {
    name: 'agreements',
    summary: 'List the agreements and standing arrangements the article reports.',
    arguments: [],
    completes: 'none',
    listing: true,
    options: [
      {
        flags: '--status <status>',
        description: `only agreements with this status (${AGREEMENT_STATUSES.join(', ')}; repeat or comma: any)`,
        parse: collectChoice(AGREEMENT_STATUSES),
        values: AGREEMENT_STATUSES,
      },
      {
        flags: '--party <name>',
        description:
          'only agreements this actor, or one of its members, is party to (=NAME: itself; repeat: all of them)',
        parse: collect,
        complete: 'actors',
      },
      {
        flags: '--exact-party',
        description: 'party names mean the entity itself, not its members',
      },
      json('a JSON array of agreement objects'),
    ],
    examples: [
      'armru agreements',
      'armru agreements --status in-force',
      'armru agreements --party CSTO --json',
      'armru agreements --party Russia --status signed',
    ],
    pipe: 'one agreement per line: id, name, kind, parties, status, date, claims, note',
    run: async (ctx, _args, options) =>
      (await import('./agreements.js')).agreementsCommand(ctx, options as never),
  },
  {
    name: 'disputes',
    summary: 'Show claims that dispute or qualify other claims, side by side.',
    arguments: [],
    completes: 'none',
    listing: true,
    options: [...SELECTION, limit, json('a JSON array of relations with both claims')],
    examples: ['armru disputes', 'armru disputes --actor Kommersant', 'armru disputes --json'],
    pipe: 'one pair per line: id, asserted by and quote of each claim, and the relation',
    run: async (ctx, _args, options) =>
      (await import('./disputes.js')).disputesCommand(ctx, options as never),
  },
  {
    name: 'timeline',
    summary:
      "List dated claims and agreements in date order, with each date's precision and basis.",
    arguments: [],
    completes: 'none',
    listing: true,
    options: [
      ...SELECTION,
      limit,
      json('a JSON array of claim and agreement objects with item and precision'),
    ],
    examples: [
      'armru timeline',
      'armru timeline --from 2018 --to 2018-12',
      'armru timeline --actor Kocharyan --json',
    ],
    pipe: 'one item per line: date, precision, basis, id, what, source',
    run: async (ctx, _args, options) =>
      (await import('./timeline.js')).timelineCommand(ctx, options as never),
  },
  {
    name: 'stats',
    summary:
      'Count claims by kind, source, topic and actor, and how much of the article they cover.',
    arguments: [],
    completes: 'none',
    options: [...SELECTION, json('a JSON object of counts')],
    examples: [
      'armru stats',
      'armru stats --actor Russia   facet counts of the claims about Russia',
      'armru stats --json',
    ],
    pipe: 'group, key, name, value lines: the totals, then counts by kind, asserter, topic, actor',
    run: async (ctx, _args, options) =>
      (await import('./stats.js')).statsCommand(ctx, options as never),
  },
  {
    name: 'graph',
    summary: 'Print the network of actors for Graphviz (DOT), Mermaid, as JSON, or drawn as SVG.',
    arguments: [],
    completes: 'none',
    options: [
      {
        flags: '--format <format>',
        description: `output format (${GRAPH_FORMATS.join(', ')}; default: dot, or a table of the edges in a terminal)`,
        parse: oneChoice(GRAPH_FORMATS),
        values: GRAPH_FORMATS,
      },
      {
        flags: '--actor <name>',
        description: 'only this actor, its neighbours and the edges among them (repeatable)',
        parse: collect,
        complete: 'actors',
      },
      {
        flags: '--min-weight <n>',
        description: 'only co-occurrence edges shared by at least n claims',
        parse: positiveInt,
      },
      // The claim filters, but for --actor, which here draws one actor's neighbourhood.
      ...SELECTION.filter((o) => o !== actor),
    ],
    examples: [
      'armru graph --format svg > actors.svg   drawn without system Graphviz (100 actors at most)',
      'armru graph | dot -Tsvg > actors.svg',
      'armru graph --format mermaid > actors.mmd',
      'armru graph --actor Shoigu --min-weight 2 --format json',
      'armru graph --topic biolabs --from 2019   the subgraph of those claims',
    ],
    pipe: 'the graph as DOT, or in the format --format names (a terminal gets a table of the edges unless --format is given)',
    run: async (ctx, _args, options) =>
      (await import('./graph.js')).graphCommand(ctx, options as never),
  },
  {
    name: 'export',
    summary:
      'Export claims as a dataset (JSON), JSON Lines, CSV, W3C Web Annotations or schema.org JSON-LD.',
    arguments: [],
    completes: 'none',
    options: [
      {
        flags: '--format <format>',
        description: `output format (${EXPORT_FORMATS.join(', ')})`,
        parse: oneChoice(EXPORT_FORMATS),
        values: EXPORT_FORMATS,
        default: 'json',
      },
      {
        flags: '-o, --output <file>',
        description: 'write to this file (atomically) instead of stdout',
        complete: 'path',
      },
      ...SELECTION,
      {
        flags: '--bom',
        description: 'start CSV with a UTF-8 byte order mark (for spreadsheets that need one)',
      },
      {
        flags: '--spreadsheet',
        description:
          "CSV for spreadsheets: a byte order mark, and ' before cells starting with = + - @",
      },
    ],
    examples: [
      'armru export > armenia.claims.json          the whole dataset, self-contained',
      'armru export --format csv --spreadsheet -o claims.csv',
      'armru export --format jsonl --actor Shoigu',
      'armru export --format annotations --query biolab',
      'armru export --format jsonld --kind quote',
    ],
    pipe: 'the export itself, the same as in a terminal',
    run: async (ctx, _args, options) =>
      (await import('./export.js')).exportCommand(ctx, options as never),
  },
  {
    name: 'report',
    summary:
      'Write the article as one self-contained HTML page: claims highlighted, searchable, with the actor network and timeline.',
    arguments: [],
    completes: 'none',
    options: [
      {
        flags: '-o, --output <file>',
        description: 'write to this file (atomically) instead of stdout',
        complete: 'path',
      },
    ],
    examples: [
      'armru report -o armenia.html                open it in a browser, mail it, attach it',
      'armru --data my.claims.json report > my.html',
    ],
    pipe: 'the HTML page (in a terminal it is refused: give -o FILE)',
    run: async (ctx, _args, options) =>
      (await import('./report.js')).reportCommand(ctx, options as never),
  },
  {
    name: 'validate',
    summary:
      'Check datasets (files or directories) and report every problem; --fix fills in missing offsets.',
    arguments: [DATASET_PATHS],
    completes: 'path',
    options: [
      {
        flags: '--fix',
        description: 'fill in missing quote offsets and textSha256, rewriting the file atomically',
      },
      { flags: '--json', description: 'print a JSON array with one report per file' },
    ],
    examples: [
      'armru validate                          the built-in dataset',
      'armru validate my-article.claims.json',
      'armru validate --fix my-article.claims.json',
      'armru validate datasets/ --json',
    ],
    pipe: '"FILE: valid (N claims)" per valid file on stdout; problems on stderr',
    run: async (ctx, [paths], options) =>
      (await import('./validate.js')).validateCommand(ctx, paths as string[], options),
  },
  {
    name: 'draft',
    summary:
      'Draft a dataset from a plain-text article: claims anchored to every body sentence, marked for review.',
    arguments: [
      {
        spec: '<article>',
        description: 'the article as UTF-8 text: headline, "By ..." line, then the body',
      },
    ],
    completes: 'path',
    options: [
      {
        flags: '--title <title>',
        description: 'the headline (default: the first line)',
        parse: nonEmpty,
      },
      {
        flags: '--author <name>',
        description: 'the writer (default: the "By ..." line)',
        parse: nonEmpty,
      },
      {
        flags: '--published <date>',
        description:
          'publication date, YYYY-MM-DD: relative dates ("last week") are resolved against it',
        parse: publishedDate,
      },
      { flags: '--url <url>', description: 'where the article was published', parse: articleUrl },
      {
        flags: '-o, --output <file>',
        description:
          'write the draft here (atomically), the article referred to by a relative path; never over an existing file without --force',
        complete: 'path',
      },
      {
        flags: '--force',
        description: 'let -o replace an existing file (a dataset an editor has worked on is lost)',
      },
    ],
    examples: [
      'armru draft story.txt -o story.claims.json --published 2024-05-15',
      'armru validate story.claims.json          what awaits review',
      'armru --data story.claims.json claims --review draft',
      'armru draft story.txt | jq .claims[0]     the text embedded, to stdout',
    ],
    pipe: 'the draft dataset as JSON (with -o, one line saying what was written)',
    run: async (ctx, [article], options) =>
      (await import('./draft.js')).draftCommand(ctx, article as string, options as never),
  },
  {
    name: 'index',
    summary: 'Build the on-disk index beside each dataset, for fast search of large ones.',
    arguments: [DATASET_PATHS],
    completes: 'path',
    options: [],
    examples: [
      'armru index --data archive/                 every *.claims.json in archive/',
      'armru index big.claims.json && armru --data big.claims.json search Gyumri',
    ],
    pipe: 'one line per dataset indexed; progress on stderr',
    run: async (ctx, [paths]) =>
      (await import('./build-index.js')).indexCommand(ctx, paths as string[]),
  },
  {
    name: 'completion',
    summary: 'Print a shell completion script for bash, zsh or fish.',
    arguments: [{ spec: '<shell>', description: 'bash, zsh or fish', choices: SHELLS }],
    completes: 'none',
    options: [],
    examples: [
      'source <(armru completion bash)          in ~/.bashrc',
      'source <(armru completion zsh)           in ~/.zshrc',
      'armru completion fish | source           in ~/.config/fish/config.fish',
    ],
    pipe: 'the script',
    run: async (ctx, [shell]) =>
      (await import('./completion.js')).completionCommand(ctx, shell as never),
  },
  {
    name: '__complete-ids',
    summary: 'print the claim ids (or actor, topic or asserter names) of the loaded datasets',
    arguments: [
      { spec: '[kind]', description: 'what to list', choices: ['claims', ...NAME_KINDS] },
    ],
    completes: 'none',
    options: [],
    examples: ['armru __complete-ids actors'],
    pipe: 'one value per line',
    hidden: true,
    run: async (ctx, [kind]) =>
      (await import('./ids.js')).idsCommand(ctx, (kind ?? 'claims') as never),
  },
];

/** The hidden command the completion scripts call for ids and names. */
export const IDS_COMMAND = '__complete-ids';
