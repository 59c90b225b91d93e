import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from './json-chars.js';

/**
 * What JSON.parse lets through but a dataset must not contain: a key given twice in one
 * object (JSON.parse silently keeps the last, so a second empty `"claims"` would erase every
 * claim), a string holding half of a surrogate pair (not text in any encoding), and nesting
 * deep enough to exhaust the stack of whatever walks the document next.
 *
 * One linear pass over the text, character by character between strings; only keys are read as
 * strings, and only strings with a `\u` escape are decoded, to look for lone surrogates. The
 * JSON path of a place is worked out only when a problem is found there.
 */

/** A problem found by the scan: where (JSONPath and UTF-16 offset) and what is wrong. */
export interface ScanProblem {
  path: string;
  offset: number;
  message: string;
}

/** Deeper than this, a document is refused before anything walks it recursively. */
export const MAX_DEPTH = 512;

/** An open object or array, and where it sits in the one enclosing it. */
interface Frame {
  object: boolean;
  parent: Frame | undefined;
  /** Its key or index in the parent, when it was opened. */
  at: string | number | undefined;
  /** Objects: the keys seen so far, and their offsets (a Map once there are many). */
  keys: string[];
  offsets: number[];
  many: Map<string, number> | undefined;
  key: string | undefined;
  /** Arrays: the index of the current element. */
  index: number;
}

/** Past this many keys in one object, its keys are looked up in a Map instead of a list. */
const FEW_KEYS = 24;

// Structural characters and the quote that opens a string; a string's end is found with
// indexOf, since a regular expression over a 100 MB string would exhaust the stack.
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const LONE_SURROGATE = /\p{Cs}/u;

/** The offset just past the string that opens at `start` (text JSON.parse accepted). */
function stringEnd(text: string, start: number): number {
  let at = text.indexOf('"', start + 1);
  for (;;) {
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return at + 1;
    at = text.indexOf('"', at + 1);
  }
}

/**
 * Whether `needle` occurs in a range of `text`, for ranges asked in increasing order: the next
 * occurrence is found once and kept, so the whole scan reads the text for it once.
 */
function occursWithin(text: string, needle: string): (start: number, end: number) => boolean {
  let next = -1;
  return (start, end) => {
    if (next !== Number.POSITIVE_INFINITY && next < start) {
      const at = text.indexOf(needle, start);
      next = at === -1 ? Number.POSITIVE_INFINITY : at;
    }
    return next < end;
  };
}

function member(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function step(path: string, at: string | number | undefined): string {
  return at === undefined ? path : typeof at === 'number' ? `${path}[${at}]` : member(path, at);
}

/** The JSON path of an open frame. */
function framePath(frame: Frame | undefined): string {
  if (!frame) return '$';
  return step(framePath(frame.parent), frame.at);
}

/** The key or index the frame is at now. */
function position(frame: Frame): string | number | undefined {
  return frame.object ? frame.key : frame.index;
}

/** Where in the frame a key was seen first, or undefined; records it when new. */
function firstSeen(frame: Frame, key: string, offset: number): number | undefined {
  if (frame.many) {
    const first = frame.many.get(key);
    if (first === undefined) frame.many.set(key, offset);
    return first;
  }
  const i = frame.keys.indexOf(key);
  if (i !== -1) return frame.offsets[i];
  frame.keys.push(key);
  frame.offsets.push(offset);
  if (frame.keys.length > FEW_KEYS) {
    frame.many = new Map(frame.keys.map((k, j) => [k, frame.offsets[j] as number]));
  }
  return undefined;
}

/**
 * Scans JSON text that JSON.parse has accepted; returns the problems in document order.
 * `where` turns an offset into words for the message ("line 3, column 5").
 */
export function scanJson(text: string, where: (offset: number) => string): ScanProblem[] {
  const problems: ScanProblem[] = [];
  let top: Frame | undefined;
  let depth = 0;
  let expectKey = false;
  const here = (): string => (top ? step(framePath(top), position(top)) : '$');
  // Strings without a `\u` escape need no decoding, and a key without a backslash is its
  // characters as they stand.
  const escapeWithin = occursWithin(text, '\\u');
  const backslashWithin = occursWithin(text, '\\');
  // Character by character outside strings (whose ends are found natively): no match objects.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case OPEN_BRACE:
      case OPEN_BRACKET: {
        if (depth >= MAX_DEPTH) {
          problems.push({
            path: here(),
            offset: i,
            message: `nested more than ${MAX_DEPTH} levels deep; expected a dataset's shape`,
          });
          return problems;
        }
        top = {
          object: c === OPEN_BRACE,
          parent: top,
          at: top ? position(top) : undefined,
          keys: [],
          offsets: [],
          many: undefined,
          key: undefined,
          index: 0,
        };
        depth++;
        expectKey = c === OPEN_BRACE;
        break;
      }
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        top = top?.parent;
        depth--;
        expectKey = false;
        break;
      case COMMA:
        if (top && !top.object) top.index++;
        expectKey = top?.object === true;
        break;
      case COLON:
        expectKey = false;
        break;
      case QUOTE: {
        const start = i;
        const end = stringEnd(text, start);
        i = end - 1;
        const escaped = escapeWithin(start, end);
        const isKey = expectKey && top?.object === true;
        if (!isKey && !escaped) {
          expectKey = false;
          break;
        }
        // One string per key: its characters as they stand, unless it holds an escape.
        const value = backslashWithin(start, end)
          ? (JSON.parse(text.slice(start, end)) as string)
          : text.slice(start + 1, end - 1);
        if (isKey && top) {
          const first = firstSeen(top, value, start);
          top.key = value;
          if (first !== undefined) {
            problems.push({
              path: here(),
              offset: start,
              message: `the key ${JSON.stringify(value)} appears twice in one object (first at ${where(first)}); expected each key once, since JSON readers keep only one of them`,
            });
          }
        }
        if (escaped && LONE_SURROGATE.test(value)) {
          problems.push({
            path: here(),
            offset: start,
            message: `${expectKey ? 'a key' : 'a string'} holds an unpaired UTF-16 surrogate (a \\uD800-\\uDFFF escape without its other half); expected text`,
          });
        }
        expectKey = false;
      }
    }
  }
  return problems;
}

/** The code unit a `\u` escape at `at` (its backslash) writes. */
const escapedUnit = (text: string, at: number) => Number.parseInt(text.slice(at + 2, at + 6), 16);

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
const LETTER_U = 0x75;

/**
 * True when no `\u` escape in the text writes a colon, or half of a surrogate pair on its own:
 * a high half is let through only when an escaped low half follows at once (an emoji as
 * Python's json module writes it). A `\u` after a backslash that is itself escaped (`\\u`) is
 * no escape. Text that JSON.parse accepted is assumed.
 */
function escapesProvedSafe(text: string): boolean {
  let at = text.indexOf('\\u');
  while (at !== -1) {
    let before = 0;
    while (text.charCodeAt(at - 1 - before) === BACKSLASH) before++;
    if (before % 2 === 1) {
      at = text.indexOf('\\u', at + 1);
      continue;
    }
    const unit = escapedUnit(text, at);
    if (unit === COLON || isLow(unit)) return false;
    if (isHigh(unit)) {
      const paired =
        text.charCodeAt(at + 6) === BACKSLASH &&
        text.charCodeAt(at + 7) === LETTER_U &&
        isLow(escapedUnit(text, at + 6));
      if (!paired) return false;
      at += 6;
    }
    at = text.indexOf('\\u', at + 6);
  }
  return true;
}

/** How many times `:` occurs in `s`. */
function colonsIn(s: string): number {
  let n = 0;
  for (let at = s.indexOf(':'); at !== -1; at = s.indexOf(':', at + 1)) n++;
  return n;
}

/** Keys and colons counted over a parsed document (see `countedClean`). */
interface Tally {
  keys: number;
  colons: number;
}

/**
 * Adds a value's keys, and the colons in its strings (keys included), to `tally`; false when
 * the value nests more than MAX_DEPTH containers deep (the count then proves nothing).
 */
function tallyOf(value: unknown, depth: number, tally: Tally): boolean {
  if (typeof value === 'string') {
    tally.colons += colonsIn(value);
    return true;
  }
  if (typeof value !== 'object' || value === null) return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!tallyOf(value[i], depth + 1, tally)) return false;
    return true;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    tally.keys++;
    tally.colons += colonsIn(key);
    if (!tallyOf(record[key], depth + 1, tally)) return false;
  }
  return true;
}

/**
 * True when the scan (`scanJson`) would find nothing in `text`, proved without reading the
 * text character by character; false when this cannot prove it, and then the scan must run.
 * `doc` is what JSON.parse made of `text`.
 *
 * The proof is a count. In JSON text that JSON.parse accepted, a colon outside a string ends a
 * key, one per key; inside a string it is a colon of that string (only an escape, `\u003a`,
 * could write one otherwise). So the text's colons are the keys written plus the colons in
 * its strings. A parsed object keeps each key once: when a key is written twice, the document
 * lacks the earlier key, its value's keys and the colons of its strings, so the document's
 * keys and string colons fall short of the text's colons by at least one. Equal counts
 * therefore mean no key is written twice. A lone surrogate can only be written as an escape,
 * so a text whose escaped surrogate halves all come in pairs (and that escapes no colon) has
 * none; and the count walks the document no deeper than the scan allows. Several times faster
 * than the scan, which stays the judge whenever this says false, and alone says what is wrong
 * and where.
 *
 * `doc` must be JSON.parse's document as it came, before anything else has read it: a key or
 * a colon added since would cancel out a key written twice. (An enumerable property inherited
 * by every object would only make the counts differ, and the scan would run.)
 */
export function countedClean(text: string, doc: unknown): boolean {
  if (!escapesProvedSafe(text)) return false;
  const tally: Tally = { keys: 0, colons: 0 };
  if (!tallyOf(doc, 0, tally)) return false;
  return colonsIn(text) === tally.keys + tally.colons;
}
