/**
 * `validate --fix` writes what it filled in into the file's own text: each value is put in
 * place (a new property after the object's last one, indented as its neighbours; a value that
 * was there but wrong replaced), and every other byte stays as it was. Writing the whole
 * document out again changed every line of a file indented with tabs, or with escapes or
 * spacing of its own, which a dataset kept in git showed as a diff of the whole file.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FixEdit } from './fix.js';
import { loadJsonc } from './json-text.js';

type Node = import('jsonc-parser').Node;

/** A change of the text: `length` characters at `offset` replaced by `text`. */
interface Splice {
  offset: number;
  length: number;
  text: string;
}

/**
 * The text with `edits` written in, or undefined when they cannot be placed in it (the
 * caller then writes the document whole). `fixed` is the document as the edits left it: the
 * new text must parse to exactly that, or it is not used.
 */
export async function fixedText(
  text: string,
  edits: readonly FixEdit[],
  fixed: unknown,
): Promise<string | undefined> {
  const jsonc = await loadJsonc();
  const tree = jsonc.parseTree(text);
  if (!tree) return undefined;
  const splices: Splice[] = [];
  for (const edit of edits) {
    const object = jsonc.findNodeAtLocation(tree, edit.at);
    if (object?.type !== 'object') return undefined;
    const placed = placeValues(text, object, edit.values);
    if (!placed) return undefined;
    splices.push(...placed);
  }
  // One pass in text order: each splice once, and the text between them once (splicing into
  // the whole text edit by edit copied it once an edit, minutes on a 7 MB file).
  splices.sort((a, b) => a.offset - b.offset);
  const parts: string[] = [];
  let from = 0;
  for (const s of splices) {
    parts.push(text.slice(from, s.offset), s.text);
    from = s.offset + s.length;
  }
  parts.push(text.slice(from));
  const out = parts.join('');
  try {
    return isDeepStrictEqual(JSON.parse(out), fixed) ? out : undefined;
  } catch {
    return undefined;
  }
}

/** The splices that set `values` on the object `node` of `text`. */
function placeValues(
  text: string,
  node: Node,
  values: Record<string, unknown>,
): Splice[] | undefined {
  const properties = node.children ?? [];
  const last = properties[properties.length - 1];
  if (!last) return undefined;
  // A new property goes after the last one: on a line of its own when the object's properties
  // are each on one (indented as that last one), else after the separator they have.
  const lineStart = text.lastIndexOf('\n', last.offset) + 1;
  const before = text.slice(lineStart, last.offset);
  const ownLine = /^[ \t]*$/.test(before) && lineStart > node.offset;
  // The line ending of that line; on one line, what stands between its last two properties
  // (", " or a bare ",").
  const previous = properties[properties.length - 2];
  const newline = text[lineStart - 2] === '\r' ? '\r\n' : '\n';
  const separator = ownLine
    ? `,${newline}${before}`
    : previous
      ? text.slice(previous.offset + previous.length, last.offset)
      : text[node.offset + 1] === '"'
        ? ','
        : ', ';
  const colon = colonOf(text, last);
  const splices: Splice[] = [];
  let added = '';
  for (const [key, value] of Object.entries(values)) {
    const json = JSON.stringify(value);
    const existing = properties.find((p) => p.children?.[0]?.value === key);
    const valueNode = existing?.children?.[1];
    if (existing && valueNode) {
      splices.push({ offset: valueNode.offset, length: valueNode.length, text: json });
    } else if (existing) {
      return undefined;
    } else {
      added += `${separator}${JSON.stringify(key)}${colon}${json}`;
    }
  }
  if (added !== '') splices.push({ offset: last.offset + last.length, length: 0, text: added });
  return splices;
}

/** How the object writes the colon of its last property (`": "`, `":"`, `" : "`). */
function colonOf(text: string, property: Node): string {
  const key = property.children?.[0];
  const value = property.children?.[1];
  if (!key || !value) return ': ';
  return text.slice(key.offset + key.length, value.offset);
}
