import type { Span } from './sentences.js';

/** The parts of a plain-text article: its headline, its byline and where the body starts. */
export interface Layout {
  /** The headline as written (the first line), when the text has one. */
  title?: { text: string; span: Span };
  /** The writer's name from a "By ..." line ("Par ...", "Von ..."), when the text has one. */
  byline?: { name: string; span: Span };
  /** UTF-16 index where the body begins. */
  bodyStart: number;
  /**
   * A dateline opening the body ("GOTHENBURG, March 3 —", "WASHINGTON (Reuters) -", "Paris,
   * 5 March:"): `span` is all of it up to the first word of the sentence, `place` its place.
   */
  dateline?: { span: Span; place: Span };
}

interface Line {
  text: string;
  start: number;
  end: number;
}

function lines(text: string, limit: number): Line[] {
  const out: Line[] = [];
  const re = /[^\r\n]*(\r\n|\r|\n|$)/g;
  for (let m = re.exec(text); m !== null && out.length < limit; m = re.exec(text)) {
    if (m[0] === '') break;
    const body = m[0].slice(0, m[0].length - (m[1] ?? '').length);
    out.push({ text: body, start: m.index, end: m.index + body.length });
  }
  return out;
}

// "By" and its counterparts in the languages the draft tells apart: a byline is laid out the
// same way in any of them ("Par Claire Dubois", "Von Jana Roth", "di Marco Villa").
const BYLINE =
  /^\s*(?:[Bb]y|[Pp]ar|[Vv]on|[Pp]or|[Dd]i|[Dd]oor)\s+(\p{Lu}[\p{L}\p{M}.'’ -]*?(?:\s+(?:and|&)\s+\p{Lu}[\p{L}\p{M}.'’ -]*?)?)\s*(?:[,|].*)?$/u;

/**
 * Reads the headline and byline the way articles are laid out as text: the first line is the
 * headline when more text follows it and it does not read as a sentence of the body (it is
 * short and does not end in a full stop); a line "By NAME" among the next few is the byline.
 */
export function readLayout(text: string): Layout {
  const head = lines(text, 8).filter((l) => l.text.trim() !== '');
  let bodyStart = 0;
  const layout: Layout = { bodyStart };
  let next = 0;
  const first = head[0];
  const rest = head[1];
  if (first && rest && isHeadline(first.text) && !BYLINE.test(first.text)) {
    const t = trimmed(first);
    layout.title = { text: t.text, span: t };
    bodyStart = first.end;
    next = 1;
  }
  const by = head[next];
  const m = by ? BYLINE.exec(by.text) : null;
  if (by && m && head[next + 1]) {
    const name = (m[1] as string).trim();
    const at = by.start + by.text.indexOf(name);
    layout.byline = { name, span: { start: at, end: at + name.length } };
    bodyStart = by.end;
  }
  layout.bodyStart = bodyStart;
  const dateline = readDateline(text, bodyStart);
  if (dateline) layout.dateline = dateline;
  return layout;
}

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const PLACE_WORD = "\\p{Lu}[\\p{L}\\p{M}'’.-]*";
const DATELINE = new RegExp(
  `^(${PLACE_WORD}(?: ${PLACE_WORD}){0,3})` + // the place
    `((?:,\\s+${PLACE_WORD}(?: ${PLACE_WORD}){0,2}(?=\\s*[,(—–:-]))?` + // its state or country
    `(?:,\\s+(?:${MONTH}\\s+\\d{1,2}|\\d{1,2}\\s+${MONTH})(?:,?\\s+\\d{4})?)?)` + // a date
    '(\\s*\\([\\p{L}\\p{M} .&/-]{1,40}\\))?' + // the agency
    '\\s*(?:[—–]|--?|:)\\s+(?=[\\p{Lu}“"‘\\d])',
  'u',
);

/**
 * The dateline at the start of the body. A place in capitals needs nothing more
 * ("NAIROBI —"); a place written like any word needs a date or an agency beside it ("Paris,
 * 5 March:"), so that a sentence such as "Tomas Brenner — the council leader — said" is not
 * taken for one.
 */
function readDateline(text: string, bodyStart: number): Layout['dateline'] {
  const lead = /^\s*/.exec(text.slice(bodyStart))?.[0].length ?? 0;
  const at = bodyStart + lead;
  const m = DATELINE.exec(text.slice(at, at + 160));
  if (!m) return undefined;
  const place = m[1] as string;
  const caps = /^[\p{Lu}\p{M}'’. -]+$/u.test(place) && /\p{Lu}{2}/u.test(place);
  if (!caps && !(m[2] || m[3])) return undefined;
  return {
    span: { start: at, end: at + m[0].length },
    place: { start: at, end: at + place.length },
  };
}

function isHeadline(line: string): boolean {
  const t = line.trim();
  return t.length <= 200 && !/[.,;:]["”’)]*$/.test(t);
}

function trimmed(line: Line): Line {
  const lead = line.text.length - line.text.trimStart().length;
  const text = line.text.trim();
  return { text, start: line.start + lead, end: line.start + lead + text.length };
}
