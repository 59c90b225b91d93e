/** Exit statuses of the command-line contract (DESIGN.md §3). */
export const EXIT = {
  ok: 0,
  noMatch: 1,
  usage: 2,
  data: 2,
  interrupted: 130,
} as const;

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
 * The one error type armru throws on purpose. `problems` holds every separate problem
 * found (a dataset can have many); `message` is the summary line.
 */
export class ArmruError extends Error {
  override readonly name = 'ArmruError';
  readonly code: ErrorCode;
  readonly exitCode: number;
  readonly problems: string[];
  /** Extra lines printed after the message, such as a help hint. */
  readonly hint: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { problems?: string[]; hint?: string; exitCode?: number } = {},
  ) {
    super(message);
    this.code = code;
    this.exitCode = options.exitCode ?? EXIT.usage;
    this.problems = options.problems ?? [];
    this.hint = options.hint;
  }
}
