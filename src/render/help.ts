import { displayWidth, wrap, wrapLines } from './text-width.js';

/**
 * The layout of `--help`, fitted to the window like every other output: no line wider than
 * `width` columns (display width: wide characters count two), descriptions wrapped under
 * their own start. commander lays out the rest (which parts, in which order); these do the
 * measuring and wrapping, which commander gives up on below 40 columns and does by code
 * units (so a wide character was counted as one column).
 */

/** Below this many columns beside the terms, a description goes under its term instead. */
const MIN_BESIDE = 24;
/** How far under its term a description starts when it cannot stand beside it. */
const UNDER = 6;

/**
 * `text` in lines of at most `width` columns: the first line from the left edge, the rest
 * after `indent` spaces (a hanging indent). A word wider than a line is cut (see wrap).
 */
export function hangingWrap(text: string, width: number, indent: number): string[] {
  const max = Math.max(1, width);
  const [first] = wrapLines(text, max, true);
  if (!first || first.ranges.length === 0) return [text.trim()];
  const end = first.ranges[first.ranges.length - 1]?.[1] ?? text.length;
  const head =
    first.ranges.map(([a, b]) => text.slice(a, b)).join(' ') + (first.continued ? '\\' : '');
  const rest = text.slice(end).replace(/^ +/, '');
  if (rest === '') return [head];
  const pad = ' '.repeat(Math.min(indent, max - 1));
  return [head, ...wrap(rest, max - pad.length).map((line) => pad + line)];
}

/** Every line of `text` wrapped to `width` columns (commander's boxWrap, by display width). */
export function wrapBox(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => (line.trim() === '' ? [''] : wrap(line, Math.max(1, width))))
    .join('\n');
}

/**
 * One item of a list (an option, a command, an argument): the term two columns in, and its
 * description beside it in a column of its own, wrapped there; when the window leaves that
 * column too narrow, the description goes under the term, indented.
 */
export function helpItem(
  term: string,
  termWidth: number,
  description: string,
  width: number,
): string {
  const terms = wrap(term, Math.max(1, width - 2)).map((line) => `  ${line}`);
  if (!description) return terms.join('\n');
  const beside = width - termWidth - 4;
  if (beside >= MIN_BESIDE && terms.length === 1) {
    const padded = term + ' '.repeat(Math.max(0, termWidth - displayWidth(term)));
    const lead = ' '.repeat(termWidth + 4);
    return wrap(description, beside)
      .map((line, i) => (i === 0 ? `  ${padded}  ${line}` : `${lead}${line}`))
      .join('\n');
  }
  const under = ' '.repeat(Math.min(UNDER, Math.max(0, width - 1)));
  return [
    ...terms,
    ...wrap(description, Math.max(1, width - under.length)).map((line) => under + line),
  ].join('\n');
}

/**
 * The words of a shell command, a quoted string kept as one, and an option kept with its
 * value, a redirection or pipe with what follows it: a line breaks between these units.
 */
function shellWords(command: string): string[] {
  const words = command.match(/(?:"[^"]*"|'[^']*'|[^\s"']+)+/g) ?? [];
  const units: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    const joins = /^(-|[|<>]|\d?>>?$)/.test(word) && next !== undefined && !/^[-|<>]/.test(next);
    units.push(joins ? `${word} ${next}` : word);
    if (joins) i++;
  }
  return units;
}

/**
 * A command line in lines of at most `width` columns, two columns in: it breaks between shell
 * words, each broken line ending with ` \`, so that the lines still paste into a shell as one
 * command.
 */
function commandLines(command: string, width: number): string[] {
  const lines: string[] = [];
  let line = '  ';
  // Whether the line holds nothing yet but its indent.
  let fresh = true;
  for (const word of shellWords(command)) {
    const w = displayWidth(word);
    // Room is kept for the ` \` that ends a broken line.
    if (!fresh && displayWidth(line) + 1 + w + 2 > width) {
      lines.push(`${line} \\`);
      line = '    ';
      fresh = true;
    }
    if (w > width - displayWidth(line)) {
      // A word wider than any line (the line is fresh here): cut, as anywhere else.
      const parts = wrap(word, Math.max(1, width - line.length));
      for (const part of parts.slice(0, -1)) lines.push(line + part);
      line += parts[parts.length - 1] ?? '';
      fresh = false;
      continue;
    }
    line += fresh ? word : ` ${word}`;
    fresh = false;
  }
  lines.push(line);
  return lines;
}

/**
 * The examples: each `command  comment` line as written when it fits the window; else the
 * command (broken between words if need be, see commandLines) and the comment under it,
 * indented.
 */
export function helpExamples(examples: string[], width: number): string {
  const lines: string[] = [];
  for (const example of examples) {
    if (displayWidth(example) + 2 <= width) {
      lines.push(`  ${example}`);
      continue;
    }
    const split = /^(.*?\S) {2,}(\S.*)$/.exec(example);
    const command = split?.[1] ?? example;
    lines.push(...commandLines(command, width));
    if (split?.[2]) {
      const under = ' '.repeat(Math.min(UNDER, Math.max(0, width - 1)));
      for (const line of wrap(split[2], Math.max(1, width - under.length)))
        lines.push(under + line);
    }
  }
  return lines.join('\n');
}

export { displayWidth };
