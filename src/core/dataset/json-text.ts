import { ArmruError, type DataProblem, problemLine } from '../model/errors.js';
import { countedClean, scanJson } from './json-scan.js';

/** Human wording for jsonc-parser's error codes: what the parser expected at that point. */
const EXPECTATIONS: Record<string, string> = {
  InvalidSymbol: 'expected a JSON value (string, number, object, array, true, false or null)',
  InvalidNumberFormat: 'expected a valid number',
  PropertyNameExpected: 'expected a property name in double quotes (no trailing commas)',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' between items",
  CloseBraceExpected: "expected ',' or '}'",
  CloseBracketExpected: "expected ',' or ']'",
  EndOfFileExpected: 'expected the end of the file after the top-level value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'expected a closing double quote',
  UnexpectedEndOfNumber: 'expected more digits',
  InvalidUnicode: 'expected four hex digits after \\u',
  InvalidEscapeCharacter: 'expected a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)',
  InvalidCharacter: 'expected no raw control characters inside a string (escape them)',
};

/** Line and column (1-based, column in code points) of a UTF-16 offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = [...text.slice(lineStart, offset)].length + 1;
  return { line, column };
}

/**
 * jsonc-parser, loaded when first needed (a JSON error's position, `validate --fix`'s edits).
 * The CommonJS build (Node, tests) has the API on `default`; the ES build (the bundle) is the API.
 */
export async function loadJsonc(): Promise<typeof import('jsonc-parser')> {
  const loaded = (await import('jsonc-parser')) as typeof import('jsonc-parser') & {
    default?: typeof import('jsonc-parser');
  };
  return loaded.default ?? loaded;
}

/**
 * Parses JSON, and on failure throws an ArmruError that names the file, line and column
 * and what was expected there. The slow locating parser is loaded only on that path.
 *
 * Text that JSON.parse accepts is also scanned for what it lets through silently: a key
 * given twice in one object, a lone surrogate, nesting too deep to walk. Each is reported
 * as `FILE:LINE:COLUMN: $.path: what is wrong`, and the document is refused.
 */
export async function parseJson(text: string, file: string): Promise<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const { offset, expected } = await locateSyntaxError(text, error as Error);
    const { line, column } = lineColumn(text, offset);
    const problem: DataProblem = {
      file,
      code: 'json',
      line,
      column,
      message: `invalid JSON: ${expected}`,
    };
    throw new ArmruError('bad-json', problemLine(problem), { problems: [problem] });
  }
  // The count proves most texts clean at a fraction of the scan's cost; the scan judges the rest.
  if (countedClean(text, value)) return value;
  const at = (offset: number) => {
    const { line, column } = lineColumn(text, offset);
    return `${line}:${column}`;
  };
  const found = scanJson(text, (offset) => `line ${at(offset).replace(':', ', column ')}`);
  if (found.length > 0) {
    const problems: DataProblem[] = found.map((p) => ({
      file,
      code: 'json' as const,
      ...lineColumn(text, p.offset),
      path: p.path,
      message: p.message,
    }));
    const n = problems.length;
    throw new ArmruError(
      'bad-json',
      n === 1
        ? problemLine(problems[0] as DataProblem)
        : `${file}: ${n} problems that JSON readers let through`,
      { problems },
    );
  }
  return value;
}

async function locateSyntaxError(
  text: string,
  error: Error,
): Promise<{ offset: number; expected: string }> {
  if (text.trim() === '')
    return { offset: 0, expected: 'expected a JSON value, found an empty file' };
  const trailing = /non-whitespace character after JSON at position (\d+)/.exec(error.message);
  if (trailing)
    return { offset: Number(trailing[1]), expected: EXPECTATIONS.EndOfFileExpected as string };
  const jsonc = await loadJsonc();
  const errors: import('jsonc-parser').ParseError[] = [];
  try {
    jsonc.parse(text, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
  } catch (locating) {
    // The locating parser recurses: very deep nesting exhausts the stack. V8 still knows where.
    if (!(locating instanceof RangeError)) throw locating;
    errors.length = 0;
  }
  const first = errors[0];
  if (first) {
    const name = jsonc.printParseErrorCode(first.error);
    return { offset: first.offset, expected: EXPECTATIONS[name] ?? name };
  }
  // JSON.parse refused something the locating parser accepts: fall back to V8's own words.
  const at = /position (\d+)/.exec(error.message);
  return { offset: at ? Number(at[1]) : 0, expected: error.message };
}
