import type { IFuseOptions } from 'fuse.js';
import { AUTHOR } from '../dataset/verify.js';
import type { Agreement, AgreementStatus, Claim, ClaimKind, Dataset } from '../model/types.js';
import { FOLD_RULES, fold } from '../text/fold.js';

// What claims offer to search and how fuse.js is configured to search it. Kept apart from
// search.ts so that code needing only these (the loader, the index) does not load fuse.js.

/** The searchable fields of a claim, in the order of their weight. */
export const SEARCH_FIELDS = [
  'text',
  'quote',
  'actors',
  'topics',
  'source',
  'kind',
  'date',
  'context',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/**
 * What one claim offers to search. `actors`, `topics` and `source` list every name and
 * alias as separate entries, so an exact alias scores as well as an exact name. `kind` holds
 * the kind and the words for it (`denial`, `denied`, `deny`), `date` the forms of its date
 * (`2019`, `2019-10`, `October 2019`, `29 October 2019`), `context` the names and statuses of
 * the agreements it evidences and its note.
 */
export interface SearchRecord {
  text: string;
  quote: string;
  actors: string[];
  topics: string[];
  source: string[];
  kind: string[];
  date: string[];
  context: string[];
}

/** The words people use for each kind of claim (the kind itself first). */
export const KIND_WORDS: Record<ClaimKind, string[]> = {
  event: ['event', 'happened', 'occurred'],
  statement: ['statement', 'stated', 'announced', 'announce', 'announcement', 'declared', 'said'],
  quote: ['quote', 'quoted', 'quotation', 'said', 'say', 'says', 'told'],
  report: ['report', 'reported', 'reports', 'reporting', 'reportedly'],
  denial: ['denial', 'denied', 'deny', 'denies', 'rebuttal', 'rejected'],
  assessment: ['assessment', 'analysis', 'judgement', 'judgment', 'assessed', 'opinion'],
  background: ['background', 'context'],
};

/** The words for agreement statuses, beside the status itself. */
const STATUS_WORDS: Record<AgreementStatus, string[]> = {
  signed: ['signed', 'signing'],
  negotiating: ['negotiating', 'negotiated', 'negotiation', 'under negotiation'],
  'in-force': ['in-force', 'in force', 'standing'],
  announced: ['announced'],
  reported: ['reported'],
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * The forms people type for an ISO date: `2019-10-29` gives `2019-10-29`, `2019-10`, `2019`,
 * `October 2019`, `29 October 2019`, `October 29 2019`. An interval gives the forms of both ends.
 */
export function dateForms(date: string): string[] {
  const known = formsOf.get(date);
  if (known) return [...known];
  const forms = computeDateForms(date);
  // Archives repeat their dates: each is spelled out once (a bounded memory).
  if (formsOf.size > 100_000) formsOf.clear();
  formsOf.set(date, forms);
  return [...forms];
}

const formsOf = new Map<string, string[]>();

function computeDateForms(date: string): string[] {
  const out: string[] = [];
  for (const end of date.split('/')) {
    const [year, month, day] = end.split('-');
    if (!year) continue;
    out.push(end);
    if (month) out.push(`${year}-${month}`);
    out.push(year);
    const name = month ? MONTHS[Number(month) - 1] : undefined;
    if (name) {
      out.push(`${name} ${year}`);
      if (day) out.push(`${Number(day)} ${name} ${year}`, `${name} ${Number(day)} ${year}`);
    }
  }
  return [...new Set(out)];
}

/** Where an entry of a list field comes from: whose name it is, and whether it is an alias. */
export interface EntryOrigin {
  /** The entity's or topic's name, or a short label ("kind", "date", an agreement's name). */
  of: string;
  /** True for an alias (another name of `of`), false for the name or a value of the claim. */
  alias: boolean;
}

/**
 * The fuse.js options every search path uses. Both the plain path and any indexed path must
 * score with exactly these, so that rankings agree.
 */
export const FUSE_OPTIONS: IFuseOptions<SearchRecord> = {
  keys: [
    { name: 'text', weight: 3 },
    { name: 'quote', weight: 2 },
    { name: 'actors', weight: 2 },
    { name: 'topics', weight: 1.5 },
    { name: 'source', weight: 1 },
    { name: 'kind', weight: 1 },
    { name: 'date', weight: 1 },
    { name: 'context', weight: 1 },
  ],
  // Records are folded once when the index is built; queries are folded the same way.
  getFn: (record, path) => {
    const value = record[(Array.isArray(path) ? path[0] : path) as SearchField];
    return typeof value === 'string' ? fold(value) : value.map(fold);
  },
  includeScore: true,
  includeMatches: true,
  ignoreLocation: true,
  useExtendedSearch: true,
  // About one edit per five characters: Shoigu finds Shoygu, Gyumri does not find "Yuri".
  threshold: 0.2,
  minMatchCharLength: 2,
  isCaseSensitive: true,
};

/** A word of the word index: a run of letters, digits and marks in folded text. */
const WORD_SOURCE = '[\\p{L}\\p{N}\\p{M}]+';
let word: RegExp | undefined;

/**
 * The word pattern (global, Unicode), made on first use: V8 builds the tables of its Unicode
 * classes when the expression is made (some 0.3 ms), and a search of the built-in article
 * never uses it.
 */
export function wordPattern(): RegExp {
  word ??= new RegExp(WORD_SOURCE, 'gu');
  return word;
}

/**
 * The fuse.js release armru scores with. package.json pins exactly this version (a test checks
 * both agree): another release may score differently, so it is part of the index fingerprint.
 */
export const FUSE_VERSION = '7.5.0';

/** The byte order of this machine, in which the index's binary tables are written. */
export const BYTE_ORDER = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE';

/**
 * What an on-disk index depends on: the fuse.js release, the byte order, the search fields
 * and weights, the matching options and the folding rules. An index built under another
 * fingerprint is stale.
 */
export const SEARCH_FINGERPRINT = JSON.stringify({
  fuse: FUSE_VERSION,
  byteOrder: BYTE_ORDER,
  keys: FUSE_OPTIONS.keys,
  threshold: FUSE_OPTIONS.threshold,
  minMatchCharLength: FUSE_OPTIONS.minMatchCharLength,
  ignoreLocation: FUSE_OPTIONS.ignoreLocation,
  fold: FOLD_RULES,
  words: WORD_SOURCE,
  // What the record holds beyond the fields' names: the kind words, date forms, agreements.
  record: { kinds: KIND_WORDS, statuses: STATUS_WORDS, dates: 1 },
});

/** Builds the search record of a claim: its words, its quote, and the names behind its ids. */
export function searchRecord(dataset: Dataset, claim: Claim): SearchRecord {
  const record = {} as SearchRecord;
  for (const [field, entries] of Object.entries(recordEntries(dataset, claim))) {
    const values = entries.map((e) => e.value);
    (record as unknown as Record<string, string | string[]>)[field] =
      field === 'text' || field === 'quote' ? (values[0] ?? '') : values;
  }
  return record;
}

const byClaim = new WeakMap<Dataset['doc']['agreements'], Map<string, Agreement[]>>();
const byClaimSize = new WeakMap<Dataset['doc']['agreements'], number>();

/** The agreements each claim evidences, in the dataset's order (computed once per dataset). */
function agreementsOf(dataset: Dataset): Map<string, Agreement[]> {
  const list = dataset.doc.agreements;
  let found = byClaim.get(list);
  // A list edited since (a draft being written) is indexed again.
  if (!found || byClaimSize.get(list) !== list.length) {
    found = new Map();
    for (const a of list)
      for (const id of new Set(a.claims)) {
        const those = found.get(id);
        if (those) those.push(a);
        else found.set(id, [a]);
      }
    byClaim.set(list, found);
    byClaimSize.set(list, list.length);
  }
  return found;
}

type Entry = { value: string; origin: EntryOrigin };

/**
 * The entries of a name and its aliases, made once per entity or topic: archives name the same
 * few thousand entities in every claim. The list is shared by every record that names the
 * item, so nobody may change it; it is made again when the item's names change.
 */
const namesOf = new WeakMap<
  object,
  { name: string; aliases: string[]; count: number; list: Entry[] }
>();

function names(item: { name: string; aliases: string[] } | undefined): readonly Entry[] {
  if (!item) return [];
  const known = namesOf.get(item);
  if (
    known &&
    known.name === item.name &&
    known.aliases === item.aliases &&
    known.count === item.aliases.length
  )
    return known.list;
  const list: Entry[] = [{ value: item.name, origin: { of: item.name, alias: false } }];
  for (const value of item.aliases) list.push({ value, origin: { of: item.name, alias: true } });
  namesOf.set(item, { name: item.name, aliases: item.aliases, count: item.aliases.length, list });
  return list;
}

/** The kind words' entries of each kind, made once. */
const KIND_ENTRIES = Object.fromEntries(
  Object.entries(KIND_WORDS).map(([kind, words]) => [
    kind,
    words.map((value) => ({ value, origin: { of: `kind ${kind}`, alias: false } })),
  ]),
) as unknown as Record<ClaimKind, readonly Entry[]>;

/**
 * Each field's values with where they come from, in the order of the search record. Entries
 * of names and kinds are shared between records (see `names`): read them, never change them.
 */
export function recordEntries(
  dataset: Dataset,
  claim: Claim,
): Record<SearchField, { value: string; origin: EntryOrigin }[]> {
  const own = (value: string, of: string) => ({ value, origin: { of, alias: false } });
  const append = (to: Entry[], from: readonly Entry[]) => {
    for (const entry of from) to.push(entry);
  };
  const source: Entry[] = [];
  if (claim.assertedBy === AUTHOR)
    source.push(own(AUTHOR, 'author'), own(dataset.doc.source.author, 'author'));
  else append(source, names(dataset.entityById.get(claim.assertedBy)));
  if (claim.cue) source.push(own(claim.cue, 'cue'));
  const actors: Entry[] = [];
  for (const id of claim.actors) append(actors, names(dataset.entityById.get(id)));
  const topics: Entry[] = [];
  for (const id of claim.topics) append(topics, names(dataset.topicById.get(id)));
  const date: Entry[] = [];
  if (claim.when) {
    const of = `date ${claim.when.date}`;
    for (const d of dateForms(claim.when.date)) date.push(own(d, of));
    date.push(own(claim.when.text, of));
  }
  const context: Entry[] = [];
  for (const a of agreementsOf(dataset).get(claim.id) ?? []) {
    const of = `agreement ${a.id}`;
    context.push(own(a.name, of), own(a.status, of));
    for (const w of STATUS_WORDS[a.status]) context.push(own(w, of));
  }
  if (claim.note) context.push(own(claim.note, 'note'));
  return {
    text: [own(claim.text, 'text')],
    quote: [own(claim.quote.exact, 'quote')],
    actors,
    topics,
    source,
    kind: [...KIND_ENTRIES[claim.kind]],
    date,
    context,
  };
}

/**
 * What `visitRecord` calls: `value` for each value of a search record. A run of values that
 * recurs from claim to claim (an entity's or topic's name and aliases; the words of a kind; the
 * forms of a date) may be taken whole by `names` or `list`, whose `item` or `list` is the same
 * object each time the run recurs and is never changed; without them, `value` gets its values.
 * `of` is where a value comes from, as `EntryOrigin.of` says (`recordEntries` gives the same).
 */
export interface RecordVisitor {
  value(field: number, value: string, alias: boolean, of: string): void;
  /** The name (not an alias) and then the aliases (each an alias) of an entity or topic. */
  names?(field: number, item: { name: string; aliases: readonly string[] }): void;
  /** Values that are none of them an alias, all from `of`. */
  list?(field: number, list: readonly string[], of: string): void;
}

/**
 * Visits every value of the claim's search record, in the order and with the fields, alias
 * flags and origins of `recordEntries`, without building the record: the index builder cuts
 * millions of values and need not allocate an entry for each, and the searcher keeps an
 * entity's names once, not once per claim naming it. `field` is the field's number in
 * SEARCH_FIELDS.
 */
export function visitRecord(dataset: Dataset, claim: Claim, visitor: RecordVisitor): void {
  visitor.value(0, claim.text, false, 'text');
  visitor.value(1, claim.quote.exact, false, 'quote');
  for (const id of claim.actors) visitNames(visitor, 2, dataset.entityById.get(id));
  for (const id of claim.topics) visitNames(visitor, 3, dataset.topicById.get(id));
  if (claim.assertedBy === AUTHOR) {
    visitor.value(4, AUTHOR, false, 'author');
    visitor.value(4, dataset.doc.source.author, false, 'author');
  } else visitNames(visitor, 4, dataset.entityById.get(claim.assertedBy));
  if (claim.cue) visitor.value(4, claim.cue, false, 'cue');
  visitList(visitor, 5, KIND_WORDS[claim.kind], `kind ${claim.kind}`);
  if (claim.when) {
    const of = `date ${claim.when.date}`;
    visitList(visitor, 6, dateFormsOf(claim.when.date), of);
    visitor.value(6, claim.when.text, false, of);
  }
  const agreements = agreementsOf(dataset).get(claim.id);
  if (agreements)
    for (const a of agreements) {
      const of = `agreement ${a.id}`;
      visitor.value(7, a.name, false, of);
      visitor.value(7, a.status, false, of);
      for (const word of STATUS_WORDS[a.status]) visitor.value(7, word, false, of);
    }
  if (claim.note) visitor.value(7, claim.note, false, 'note');
}

function visitNames(
  visitor: RecordVisitor,
  field: number,
  item: { name: string; aliases: string[] } | undefined,
): void {
  if (!item) return;
  if (visitor.names) visitor.names(field, item);
  else {
    visitor.value(field, item.name, false, item.name);
    for (const alias of item.aliases) visitor.value(field, alias, true, item.name);
  }
}

function visitList(
  visitor: RecordVisitor,
  field: number,
  values: readonly string[],
  of: string,
): void {
  if (visitor.list) visitor.list(field, values, of);
  else for (const value of values) visitor.value(field, value, false, of);
}

/** The date forms of `dateForms`, shared rather than copied (the caller only reads them). */
function dateFormsOf(date: string): readonly string[] {
  let forms = formsOf.get(date);
  if (!forms) {
    dateForms(date);
    forms = formsOf.get(date) as string[];
  }
  return forms;
}
