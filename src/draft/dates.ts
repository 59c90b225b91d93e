import * as chrono from 'chrono-node';

/** A date the text gives, with where its words are (UTF-16 indices into the searched text). */
export interface FoundDate {
  /** The words as written ("October 29th", "last week", "2018"). */
  text: string;
  start: number;
  end: number;
  /**
   * ISO 8601 at the precision the words give (`2018`, `2019-10`, `2019-10-29`, or a week as
   * an interval); absent when the words need a publication date and none was given.
   */
  date?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

// Cheap test before chrono runs: most sentences of a long text name no date at all.
const MAYBE_DATE =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:today|yesterday|tomorrow|tonight|week|month|year|ago)\b/i;
const YEAR =
  /(?<![\d$€£.,:/-])\b(1[89]\d\d|20\d\d)\b(?![\d%/:-]|\.\d|\s+(?:percent|per\b|[a-z]+s\b))/g;
const WEEK = /\b(last|this|next|past|coming)\s+week\b/i;
/**
 * A length of time, not a time: a count of units after "for", "within", "over", "during",
 * "the past", "the next" ("fished for 30 years", "comment for 30 days", "over the next five
 * years"). chrono reads these as the point that far from the publication date, which would
 * date a claim 2055. Matched on the date's words with the few words before them; "in 30 days"
 * and "30 years ago" name a point and stay, and so do "last week" and "next year" (no count).
 */
const LENGTH_OF_TIME =
  /\b(?:for|within|over|during|past|next|last|coming|lasting)\s+(?:the\s+)?(?:(?:past|next|last|coming)\s+)?(?:\d[\d,.]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|several|few|many|couple\s+of)\s+(?:more\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))\b/i;

/**
 * Finds the dates in `text`. Absolute dates (a year, a month and year, a full date) are
 * resolved as written; dates that need a reference ("October 29th", "last week", "by next
 * year", "in June") are resolved against `published` when it is given, else left unresolved.
 * chrono-node reads the dates; a bare year ("in 2018"), which chrono leaves alone, is read
 * here.
 */
export function findDates(text: string, published?: string, english = true): FoundDate[] {
  // In another language only years, written in digits, are read: chrono reads English words.
  if (!english) return years(text, []);
  if (!MAYBE_DATE.test(text)) return [];
  const reference = published ? new Date(`${published}T12:00:00Z`) : new Date(Date.UTC(2000, 0, 1));
  const found: FoundDate[] = [];
  for (const r of chrono.parse(text, { instant: reference, timezone: 0 })) {
    const around = text.slice(Math.max(0, r.index - 16), r.index + r.text.length);
    if (LENGTH_OF_TIME.test(around) && !/\bago\b/i.test(r.text)) continue;
    // A part of the day alone gives no date ("the Evening Gazette", "in the morning").
    if (/^(?:evening|morning|afternoon|night|noon|midnight)$/i.test(r.text.trim())) continue;
    const s = r.start;
    const week = WEEK.exec(r.text);
    // Without a publication date, only words that carry their own year are resolved.
    const resolvable = s.isCertain('year') && /\b\d{4}\b/.test(r.text);
    // chrono keeps a trailing comma ("on Tuesday,"); the date's words end before it.
    const words = r.text.replace(/[\s,.;:]+$/, '');
    const entry: FoundDate = { text: words, start: r.index, end: r.index + words.length };
    if (published || resolvable)
      entry.date = precise(r, week !== null, tense(text, r.index), reference);
    found.push(entry);
  }
  return years(text, found);
}

/** Adds the bare years of `text` that no date `found` already covers, and sorts them. */
function years(text: string, found: FoundDate[]): FoundDate[] {
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(text); m !== null; m = YEAR.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (found.some((f) => start < f.end && f.start < end)) continue;
    found.push({ text: m[0], start, end, date: m[0] });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * News tells what happened: a weekday alone ("said on Friday") is the last such day up to the
 * publication date unless the sentence looks ahead ("will", "next", "is due to").
 */
function tense(sentence: string, at: number): 'past' | 'future' {
  // "will close …, the ministry said on Friday": the verb before the day decides.
  if (PAST_BEFORE.test(sentence.slice(0, at))) return 'past';
  return FUTURE.test(sentence) ? 'future' : 'past';
}
const PAST_BEFORE = /\b(?:said|told|\p{L}+ed)\s+(?:\p{Ll}+\s+)?$/u;
const FUTURE =
  /\b(?:will|shall|(?:is|are)\s+(?:due|to|on|set\s+for)|next|coming|upcoming|scheduled|plans?\s+to|expected\s+to)\b|['’]ll\b/i;

function precise(
  r: chrono.ParsedResult,
  week: boolean,
  when: 'past' | 'future',
  reference: Date,
): string {
  let d = r.start.date();
  const s = r.start;
  if (s.isCertain('weekday') && !s.isCertain('day')) {
    const day = Date.UTC(
      reference.getUTCFullYear(),
      reference.getUTCMonth(),
      reference.getUTCDate(),
    );
    const step = 7 * 86_400_000;
    if (when === 'past') while (d.getTime() >= day + 86_400_000) d = new Date(d.getTime() - step);
    else while (d.getTime() < day) d = new Date(d.getTime() + step);
  }
  if (week) {
    // A week is the interval from its Monday to its Sunday.
    const day = (d.getUTCDay() + 6) % 7;
    const monday = new Date(d.getTime() - day * 86_400_000);
    const sunday = new Date(monday.getTime() + 6 * 86_400_000);
    return `${iso(monday)}/${iso(sunday)}`;
  }
  // "on Monday" names a day: the one chrono picks nearest the publication date.
  if (s.isCertain('day') || s.isCertain('weekday')) return iso(d);
  if (s.isCertain('month')) return iso(d).slice(0, 7);
  return String(d.getUTCFullYear());
}
