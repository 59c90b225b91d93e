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
   * 5 March:", "LONDON, Jan. 5, 2024 /PRNewswire/ --"): `span` is all of it up to the first
   * word of the sentence, `place` its place.
   */
  dateline?: {
    span: Span;
    place: Span;
    /** Its date as written ("Jan. 5, 2024"), and as YYYY-MM-DD when it gives the year. */
    date?: { span: Span; iso?: string };
    /** The outlet that filed it: "Reuters" in "(Reuters)", "PRNewswire" in "/PRNewswire/". */
    outlet?: Span;
  };
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

// Month names as datelines write them, in the languages the draft tells apart; the number is
// the month's. English abbreviations take a full stop ("Jan.", "Sept.").
const MONTHS: [string, number][] = [
  ['January|Jan|enero|janvier|janv|Januar|gennaio|janeiro|januari|января', 1],
  ['February|Feb|febrero|février|févr|Februar|febbraio|fevereiro|februari|февраля', 2],
  ['March|Mar|marzo|mars|März|Mär|março|maart|марта', 3],
  ['April|Apr|abril|avril|aprile|апреля', 4],
  ['May|mayo|mai|Mai|maggio|maio|mei|мая', 5],
  ['June|Jun|junio|juin|Juni|giugno|junho|juni|июня', 6],
  ['July|Jul|julio|juillet|juil|Juli|luglio|julho|juli|июля', 7],
  ['August|Aug|agosto|août|augustus|августа', 8],
  ['September|Sept|Sep|septiembre|setiembre|septembre|settembre|setembro|сентября', 9],
  ['October|Oct|octubre|octobre|Oktober|Okt|ottobre|outubro|oktober|октября', 10],
  ['November|Nov|noviembre|novembre|novembro|ноября', 11],
  ['December|Dec|diciembre|décembre|déc|Dezember|Dez|dicembre|dezembro|december|декабря', 12],
];
const MONTH_NUMBER = new Map<string, number>();
for (const [names, n] of MONTHS)
  for (const name of names.split('|')) MONTH_NUMBER.set(name.toLowerCase(), n);
// Longest first, so that "Sept" is not read as "Sep" and a stray "t"; either capital.
const MONTH = `(?:${[...MONTH_NUMBER.keys()]
  .sort((a, b) => b.length - a.length)
  .map((m) => `[${m[0]?.toUpperCase()}${m[0]}]${m.slice(1)}`)
  .join('|')})\\.?`;
const YEAR_PART = '(?:,?\\s+(?:de\\s+)?(\\d{4}))?';
/** "May 3", "Jan. 5, 2024"; "3 May", "3. Mai", "5 mars 2024", "5 de marzo de 2024". */
const DATE = `(?:(${MONTH})\\s+(\\d{1,2})${YEAR_PART}|(\\d{1,2})\\.?\\s+(?:de\\s+)?(${MONTH})${YEAR_PART})`;
const PLACE_WORD = "\\p{Lu}[\\p{L}\\p{M}'’.-]*";
const OUTLET = '[\\p{L}\\p{M}\\d .&-]{1,40}';
const DATELINE = new RegExp(
  `^(${PLACE_WORD}(?: ${PLACE_WORD}){0,3})` + // the place
    `(?:,\\s+${PLACE_WORD}(?: ${PLACE_WORD}){0,2}(?=\\s*[,(/—–:-]))?` + // its state or country
    `(?:,\\s+(${DATE}))?` + // the date
    '(?:' +
    // The outlet, in brackets or between slashes, then a dash or a colon: "(Reuters) -",
    // "/PRNewswire/ --"; or Business Wire's "--(BUSINESS WIRE)--", with no space after it.
    `(?:\\s*\\((${OUTLET})\\)|\\s*/(${OUTLET})/)?\\s*(?:[—–]|--?|:)\\s+` +
    `|\\s*--\\((${OUTLET})\\)--\\s*` +
    ')' +
    '(?=[\\p{Lu}“"‘\\d])',
  'du',
);

/**
 * The dateline at the start of the body. A place in capitals needs nothing more
 * ("NAIROBI —"); a place written like any word needs a date or an outlet beside it ("Paris,
 * 5 March:"), so that a sentence such as "Tomas Brenner — the council leader — said" is not
 * taken for one.
 */
function readDateline(text: string, bodyStart: number): Layout['dateline'] {
  const lead = /^\s*/.exec(text.slice(bodyStart))?.[0].length ?? 0;
  const at = bodyStart + lead;
  const head = text.slice(at, at + 200);
  const m = DATELINE.exec(head);
  if (!m) return undefined;
  const place = m[1] as string;
  const [, , date, month1, day1, year1, day2, month2, year2, ...outlets] = m;
  const month = month1 ?? month2;
  const outletAt = outlets.findIndex((o) => o !== undefined);
  const caps = /^[\p{Lu}\p{M}'’. -]+$/u.test(place) && /\p{Lu}{2}/u.test(place);
  if (!caps && !(date || outletAt >= 0)) return undefined;
  const span = (group: number): Span => {
    const [start, end] = m.indices?.[group] ?? [0, 0];
    return { start: at + start, end: at + end };
  };
  const dateline: NonNullable<Layout['dateline']> = {
    span: { start: at, end: at + m[0].length },
    place: span(1),
  };
  if (date && month) {
    const iso = isoDate(year1 ?? year2, month, day1 ?? day2);
    dateline.date = { span: span(2), ...(iso ? { iso } : {}) };
  }
  // The outlet's groups follow the nine before them, one for each way of writing it.
  if (outletAt >= 0) dateline.outlet = span(9 + outletAt);
  return dateline;
}

/** YYYY-MM-DD when the dateline gives a year and the day exists in its month. */
function isoDate(
  year: string | undefined,
  month: string,
  day: string | undefined,
): string | undefined {
  const n = MONTH_NUMBER.get(month.replace(/\.$/, '').toLowerCase());
  if (!year || !n || !day) return undefined;
  const d = new Date(Date.UTC(Number(year), n - 1, Number(day)));
  if (d.getUTCMonth() !== n - 1 || d.getUTCDate() !== Number(day)) return undefined;
  return d.toISOString().slice(0, 10);
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
