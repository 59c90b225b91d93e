/** Stable machine-readable error codes. */
export type ErrorCode =
  | 'usage'
  | 'not-found'
  | 'bad-json'
  | 'bad-schema'
  | 'bad-data'
  | 'io'
  | 'unknown-name'
  | 'unknown-id';

/**
 * One problem found in a dataset, as data: where (file, JSON path, and for JSON text the line
 * and column), which claim, and what is wrong. The CLI prints it as a line; `validate --json`
 * returns it as it is.
 */
export interface DataProblem {
  file: string;
  /**
   * What kind of problem: `json` (text JSON readers refuse or silently change), `schema`
   * (the shape), `check` (hash, ids, references, quotes, dates), `quote` (a quote no longer
   * at its offsets in the article on disk), `fix` (what --fix did or could not do), `io`.
   */
  code: 'json' | 'schema' | 'check' | 'quote' | 'grapheme' | 'fix' | 'io';
  /** JSONPath of the value, when the problem has one (`$.claims[3].quote`). */
  path?: string;
  line?: number;
  column?: number;
  /** The id of the claim the path is inside, when there is one. */
  claimId?: string;
  /** For a schema problem that is a missing required property: the property's name. */
  missing?: string;
  message: string;
}

/** A problem as one line: `FILE[:LINE:COLUMN]: [$.path: ]message[ (claim ID)]`. */
export function problemLine(p: DataProblem): string {
  const at = p.line === undefined ? '' : `:${p.line}:${p.column ?? 1}`;
  const path = p.path === undefined ? '' : `${shortPath(p.path)}: `;
  const claim = p.claimId === undefined ? '' : ` (claim ${p.claimId})`;
  return `${p.file}${at}: ${path}${p.message}${claim}`;
}

/**
 * A path as a line shows it: one hundreds of steps long (JSON nested 512 deep) by its two
 * ends, so the line stays one a person can read; JSON output keeps it whole.
 */
function shortPath(path: string): string {
  return path.length > 120 ? `${path.slice(0, 48)}…${path.slice(-48)}` : path;
}

/**
 * Names for a message, the first `shown` of them and then how many more: a folder of 10^4
 * articles made a line of every source id when a command wanted one.
 */
export function someOf(names: readonly string[], shown = 10): string {
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${(names.length - shown).toLocaleString('en')} more`;
}

/**
 * What a person can do about a problem, as a code: the CLI turns it into words that name its
 * commands (the core never does). `reindex`: rebuild the dataset's on-disk index.
 */
export type Remedy = 'reindex' | 'index';

/** A message for the person at the terminal that is not an error, with what they can do. */
export interface Notice {
  message: string;
  remedy?: Remedy;
}

/**
 * The one error type armru throws on purpose. `details` holds every separate problem found
 * (a dataset can have many) as data, and `problems` the same as lines; `message` is the
 * summary line. Which exit status an error means is the CLI's business, not the core's.
 */
export class ArmruError extends Error {
  override readonly name = 'ArmruError';
  readonly code: ErrorCode;
  readonly details: DataProblem[];
  /** Extra lines printed after the message, such as a help hint. */
  readonly hint: string | undefined;
  /** For an unknown id or name: what kind of thing was asked for, so the CLI can say how to list them. */
  readonly unknown: 'claim' | 'actor' | 'topic' | undefined;
  /** What the person can do about it, which the CLI words. */
  readonly remedy: Remedy | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      problems?: DataProblem[];
      hint?: string;
      unknown?: 'claim' | 'actor' | 'topic';
      remedy?: Remedy;
    } = {},
  ) {
    super(message);
    this.code = code;
    this.details = options.problems ?? [];
    this.hint = options.hint;
    this.unknown = options.unknown;
    this.remedy = options.remedy;
  }

  /** Every problem as one line. */
  get problems(): string[] {
    return this.details.map(problemLine);
  }
}
