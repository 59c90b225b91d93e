/**
 * What JSON.parse lets through but a dataset must not contain: a key given twice in one
 * object (JSON.parse silently keeps the last, so a second empty `"claims"` would erase every
 * claim), a string holding half of a surrogate pair (not text in any encoding), and nesting
 * deep enough to exhaust the stack of whatever walks the document next.
 *
 * One linear pass over the text with a tokenising regular expression; only strings with a
 * `\u` escape are decoded, to look for lone surrogates.
 */

/** A problem found by the scan: where (JSONPath and UTF-16 offset) and what is wrong. */
export interface ScanProblem {
  path: string;
  offset: number;
  message: string;
}

/** Deeper than this, a document is refused before anything walks it recursively. */
export const MAX_DEPTH = 512;

type Frame =
  | { kind: 'object'; path: string; keys: Map<string, number>; key: string | undefined }
  | { kind: 'array'; path: string; index: number };

// Structural characters and the quote that opens a string; a string's end is found with
// indexOf, since a regular expression over a 100 MB string would exhaust the stack.
const TOKEN = /[{}[\],:"]/g;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const LONE_SURROGATE = /\p{Cs}/u;

/** The offset just past the string that opens at `start` (text JSON.parse accepted). */
function stringEnd(text: string, start: number): number {
  let at = text.indexOf('"', start + 1);
  for (;;) {
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return at + 1;
    at = text.indexOf('"', at + 1);
  }
}

function member(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Scans JSON text that JSON.parse has accepted; returns the problems in document order.
 * `where` turns an offset into words for the message ("line 3, column 5").
 */
export function scanJson(text: string, where: (offset: number) => string): ScanProblem[] {
  const problems: ScanProblem[] = [];
  const stack: Frame[] = [];
  let expectKey = false;
  const here = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '$';
    return top.kind === 'array'
      ? `${top.path}[${top.index}]`
      : top.key === undefined
        ? top.path
        : member(top.path, top.key);
  };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    let token = m[0];
    if (token === '"') {
      const end = stringEnd(text, m.index);
      token = text.slice(m.index, end);
      TOKEN.lastIndex = end;
    }
    const top = stack[stack.length - 1];
    switch (token) {
      case '{':
      case '[': {
        if (stack.length >= MAX_DEPTH) {
          problems.push({
            path: here(),
            offset: m.index,
            message: `nested more than ${MAX_DEPTH} levels deep; expected a dataset's shape`,
          });
          return problems;
        }
        const path = here();
        stack.push(
          token === '{'
            ? { kind: 'object', path, keys: new Map(), key: undefined }
            : { kind: 'array', path, index: 0 },
        );
        expectKey = token === '{';
        break;
      }
      case '}':
      case ']':
        stack.pop();
        expectKey = false;
        break;
      case ',':
        if (top?.kind === 'array') top.index++;
        expectKey = top?.kind === 'object';
        break;
      case ':':
        expectKey = false;
        break;
      default: {
        const value = token.includes('\\') ? (JSON.parse(token) as string) : token.slice(1, -1);
        if (expectKey && top?.kind === 'object') {
          const first = top.keys.get(value);
          top.key = value;
          if (first !== undefined) {
            problems.push({
              path: here(),
              offset: m.index,
              message: `the key ${JSON.stringify(value)} appears twice in one object (first at ${where(first)}); expected each key once, since JSON readers keep only one of them`,
            });
          } else {
            top.keys.set(value, m.index);
          }
        }
        if (token.includes('\\u') && LONE_SURROGATE.test(value)) {
          problems.push({
            path: here(),
            offset: m.index,
            message: `${expectKey ? 'a key' : 'a string'} holds an unpaired UTF-16 surrogate (a \\uD800-\\uDFFF escape without its other half); expected text`,
          });
        }
        expectKey = false;
      }
    }
  }
  return problems;
}
