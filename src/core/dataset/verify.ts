import { ArmruError, type DataProblem } from '../model/errors.js';
import { type DatasetDocument, type Entity, parentIds } from '../model/types.js';
import { sha256Hasher } from '../text/hash.js';
import { jsonPath } from '../text/json-path.js';

/** A problem found in a dataset: where (JSONPath) and what is wrong. */
export interface Problem {
  path: string;
  message: string;
}

/** The reserved `assertedBy` value for the writer's own voice. */
export const AUTHOR = 'author';

/** SHA-256 hex of a string's UTF-8 bytes. */
export function sha256(text: string): string {
  return sha256Hasher().update(text, 'utf8').digest('hex');
}

/**
 * Checks what a JSON Schema cannot: the text's hash, unique ids, that every reference
 * resolves, and that every quote is the article's exact words at its code-point offsets.
 * Expects a document that already passed the schema. Returns every problem found.
 */
export function verifyDocument(doc: DatasetDocument, text: string): Problem[] {
  const problems: Problem[] = [];
  const report = (message: string, ...path: (string | number)[]): void => {
    problems.push({ path: jsonPath(...path), message });
  };

  const hash = sha256(text);
  if (hash !== doc.source.textSha256) {
    report(hashMismatch(text, hash, doc.source.textSha256), 'source', 'textSha256');
  }
  if (doc.source.datePublished) {
    const problem = checkDate(doc.source.datePublished);
    if (problem) report(problem, 'source', 'datePublished');
  }

  const entityIds = uniqueIds(doc.entities, 'entities', report);
  const topicIds = uniqueIds(doc.topics, 'topics', report);
  const claimIds = uniqueIds(doc.claims, 'claims', report);
  uniqueIds(doc.agreements, 'agreements', report);
  if (entityIds.has(AUTHOR)) {
    report(
      `"${AUTHOR}" is reserved for the writer's own voice`,
      'entities',
      indexOfId(doc.entities, AUTHOR),
      'id',
    );
  }

  const ref = (ids: Set<string>, what: string, id: string, ...path: (string | number)[]): void => {
    if (!ids.has(id)) report(`no ${what} has the id "${id}"`, ...path);
  };

  doc.entities.forEach((entity, i) => {
    if (Array.isArray(entity.memberOf))
      entity.memberOf.forEach((id, j) =>
        ref(entityIds, 'entity', id, 'entities', i, 'memberOf', j),
      );
    else if (entity.memberOf !== undefined)
      ref(entityIds, 'entity', entity.memberOf, 'entities', i, 'memberOf');
  });
  const cycle = memberCycle(doc.entities);
  if (cycle) {
    report(
      `membership goes round in a circle: ${cycle.join(' -> ')}`,
      'entities',
      indexOfId(doc.entities, cycle[0] as string),
      'memberOf',
    );
  }

  const article = new ArticleText(text);
  doc.claims.forEach((claim, i) => {
    // Looked up first: the path of a problem is made only when there is one.
    if (claim.assertedBy !== AUTHOR && !entityIds.has(claim.assertedBy))
      ref(entityIds, 'entity', claim.assertedBy, 'claims', i, 'assertedBy');
    claim.actors.forEach((id, j) => {
      if (!entityIds.has(id)) ref(entityIds, 'entity', id, 'claims', i, 'actors', j);
    });
    claim.topics.forEach((id, j) => {
      if (!topicIds.has(id)) ref(topicIds, 'topic', id, 'claims', i, 'topics', j);
    });
    const problem = article.check(claim.quote);
    if (problem) report(problem, 'claims', i, 'quote');
    if (claim.when) {
      const bad = checkDate(claim.when.date);
      if (bad) report(bad, 'claims', i, 'when', 'date');
    }
  });

  doc.agreements.forEach((agreement, i) => {
    if (agreement.when) {
      const bad = checkDate(agreement.when.date);
      if (bad) report(bad, 'agreements', i, 'when', 'date');
    }
    agreement.parties.forEach((id, j) =>
      ref(entityIds, 'entity', id, 'agreements', i, 'parties', j),
    );
    agreement.claims.forEach((id, j) => ref(claimIds, 'claim', id, 'agreements', i, 'claims', j));
  });

  doc.relations.forEach((relation, i) => {
    ref(claimIds, 'claim', relation.from, 'relations', i, 'from');
    ref(claimIds, 'claim', relation.to, 'relations', i, 'to');
    if (relation.from === relation.to)
      report('a claim cannot be related to itself', 'relations', i);
  });

  return problems;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Why an ISO date (YYYY, YYYY-MM, YYYY-MM-DD, or an interval A/B of those) names no day of
 * the calendar, or undefined when it is a real one: month 13 or 30 February are refused.
 */
export function checkDate(date: string): string | undefined {
  // Most dates are one day, YYYY-MM-DD: read from its character codes, without the arrays
  // the general reading makes (10^5 dated claims are checked at every load).
  if (date.length === 10 && PLAIN_DAY.test(date)) {
    const digits = (from: number, to: number) => {
      let value = 0;
      for (let i = from; i < to; i++) value = value * 10 + date.charCodeAt(i) - 48;
      return value;
    };
    const m = digits(5, 7);
    const d = digits(8, 10);
    if (m >= 1 && m <= 12 && d >= 1 && d <= 28) return undefined;
  }
  return checkDateParts(date);
}

const PLAIN_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** checkDate for any form: each part of an interval, then its order. */
function checkDateParts(date: string): string | undefined {
  const parts = date.split('/');
  for (const part of parts) {
    const [y, m, d] = part.split('-').map(Number) as [number, number?, number?];
    if (m !== undefined && (m < 1 || m > 12)) {
      return `"${date}" has month ${m}; expected a month from 01 to 12`;
    }
    if (m !== undefined && d !== undefined) {
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      const last = m === 2 && !leap ? 28 : (DAYS_IN_MONTH[m - 1] as number);
      if (d < 1 || d > last) {
        return `"${date}" has day ${d}, but ${part.slice(0, 7)} has ${last} days; expected a real calendar date`;
      }
    }
  }
  if (
    parts.length === 2 &&
    (parts[1] as string) < (parts[0] as string).slice(0, parts[1]?.length)
  ) {
    return `"${date}" ends before it starts; expected an interval START/END in that order`;
  }
  return undefined;
}

function hashMismatch(text: string, hash: string, recorded: string): string {
  const base = `the article text's SHA-256 is ${hash}, not the one recorded`;
  // The commonest cause: a copy with Windows line endings. Say so rather than let every
  // quote fail without a reason.
  if (text.includes('\r\n') && sha256(text.replace(/\r\n/g, '\n')) === recorded) {
    return `${base}: the article's line endings differ (it has CRLF, the dataset was made from the LF text); convert it back, for example with dos2unix`;
  }
  if (!text.includes('\r\n') && sha256(text.replace(/\n/g, '\r\n')) === recorded) {
    return `${base}: the article's line endings differ (it has LF, the dataset was made from the CRLF text); convert it back, for example with unix2dos`;
  }
  return base;
}

/** Past this many misplaced quotes, a problem no longer says where else the words occur. */
const LOCATED_MISSES = 100;

/**
 * The article as code points, for checking quotes in time linear in the article and the
 * quotes together: the code points are made once, and only the first LOCATED_MISSES
 * misplaced quotes are searched for elsewhere in the text.
 */
export class ArticleText {
  readonly text: string;
  private points: string[] | undefined;
  private misses = 0;

  constructor(text: string) {
    this.text = text;
  }

  get codePoints(): string[] {
    this.points ??= Array.from(this.text);
    return this.points;
  }

  /** True when every character is one UTF-16 unit: then code-point offsets are string offsets. */
  private get bmpOnly(): boolean {
    this.bmp ??= !/[\ud800-\udfff]/.test(this.text);
    return this.bmp;
  }
  private bmp: boolean | undefined;

  /** Why a quote does not sit at its offsets, or undefined when it does. */
  check(quote: { exact: string; start: number; end: number }): string | undefined {
    const { exact, start, end } = quote;
    if (end <= start) return `end (${end}) must be greater than start (${start})`;
    // The common case costs no array of code points: a slice of the text itself.
    if (this.bmpOnly && end <= this.text.length && this.text.slice(start, end) === exact) {
      return undefined;
    }
    const codePoints = this.codePoints;
    if (end > codePoints.length) {
      return `end (${end}) is past the end of the article (${codePoints.length} code points)`;
    }
    const found = codePoints.slice(start, end).join('');
    if (found === exact) return undefined;
    let elsewhere = 'the quoted words are not there';
    if (this.misses++ < LOCATED_MISSES) {
      const at = this.text.indexOf(exact);
      elsewhere = 'the quoted words do not occur in the article';
      if (at !== -1) {
        const from = Array.from(this.text.slice(0, at)).length;
        elsewhere = `the quoted words occur at ${from}..${from + Array.from(exact).length}`;
      } else if (exact.includes('\n') && this.text.includes('\r\n')) {
        elsewhere += ' (the article has CRLF line endings; the quote has LF)';
      }
    }
    return `quote.exact is not the article's text at ${start}..${end} (found ${JSON.stringify(clip(found))}); ${elsewhere}`;
  }
}

function clip(s: string): string {
  const cps = Array.from(s);
  return cps.length > 40 ? `${cps.slice(0, 37).join('')}...` : s;
}

function uniqueIds(
  items: { id: string }[],
  collection: string,
  report: (message: string, ...path: (string | number)[]) => void,
): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, i) => {
    if (ids.has(item.id)) report(`duplicate id "${item.id}"`, collection, i, 'id');
    ids.add(item.id);
  });
  return ids;
}

function indexOfId(items: { id: string }[], id: string): number {
  return items.findIndex((item) => item.id === id);
}

/** A chain of memberOf ids that comes back to where it started, or undefined. */
function memberCycle(entities: Entity[]): string[] | undefined {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const done = new Set<string>();
  const walk = (id: string, path: string[]): string[] | undefined => {
    const at = path.indexOf(id);
    if (at !== -1) return [...path.slice(at), id];
    if (done.has(id)) return undefined;
    const entity = byId.get(id);
    for (const parent of entity ? parentIds(entity) : []) {
      const found = walk(parent, [...path, id]);
      if (found) return found;
    }
    done.add(id);
    return undefined;
  };
  for (const entity of entities) {
    const found = walk(entity.id, []);
    if (found) return found;
  }
  return undefined;
}

/**
 * Problems of the claims whose quotes are not the article's text at their offsets; empty
 * when every quote holds.
 */
export function misplacedQuotes(
  file: string,
  claims: readonly { id: string; quote: { exact: string; start: number; end: number } }[],
  article: ArticleText,
): DataProblem[] {
  const problems: DataProblem[] = [];
  for (const claim of claims) {
    const why = article.check(claim.quote);
    if (why) problems.push({ file, code: 'quote', claimId: claim.id, message: why });
  }
  return problems;
}

/** The error for quotes that no longer hold: the data changed under a cache or a run. */
export function changedUnderfoot(file: string, problems: DataProblem[]): ArmruError {
  const n = problems.length;
  return new ArmruError(
    'bad-data',
    `${file}: ${n} claim${n === 1 ? "'s quote is" : "s' quotes are"} not the article's words at ${n === 1 ? 'its offsets' : 'their offsets'} in the files on disk now; nothing is shown`,
    { problems },
  );
}
