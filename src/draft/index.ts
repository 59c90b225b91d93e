/**
 * `armru draft`'s core: plain article text in, a draft dataset out, every claim anchored to
 * the exact words of a body sentence and marked `review: "draft"`. Pure: it neither reads,
 * writes nor prints. Built as its own bundle (see scripts/build.mjs), loaded only by `draft`.
 */

import type { Claim, DatasetDocument, Entity, When } from '../core/model/types.js';
import { SCHEMA_VERSION } from '../core/model/types.js';
import { sha256Hasher } from '../core/text/hash.js';
import {
  type Attribution,
  attribute,
  findInterviewee,
  readInterview,
  speechClauses,
} from './attribution.js';
import { findDates } from './dates.js';
import { EntityFinder, type FoundEntity, slug } from './entities.js';
import { findHedge } from './hedges.js';
import { detectLanguage, LANGUAGE_NAMES } from './language.js';
import { readLayout } from './layout.js';
import { paragraphs, quoteMarks, type Span, splitSentences } from './sentences.js';

export { findDates } from './dates.js';
export { findHedge } from './hedges.js';
export { detectLanguage, LANGUAGE_NAMES } from './language.js';
export { readLayout } from './layout.js';
export { splitSentences } from './sentences.js';

/** What the user gave besides the text. Flags win over what the text says. */
export interface DraftOptions {
  title?: string;
  author?: string;
  /** Publication date, YYYY-MM-DD: relative dates are resolved against it. */
  published?: string;
  url?: string;
  /** Path of the article relative to the output file; when absent the text is embedded. */
  textFile?: string;
  /** Title to use when neither a flag nor the text gives one (the file's name). */
  fallbackTitle: string;
}

/** The draft and what a user should hear about it. */
export interface DraftResult {
  doc: DatasetDocument;
  sentences: number;
  /** Dates the text gives that need --published to be resolved. */
  unresolvedDates: string[];
  /** Where the title and author came from. */
  titleFrom: 'flag' | 'text' | 'file name';
  authorFrom: 'flag' | 'text' | 'none';
  /** Where the publication date came from: --published, the dateline, or nowhere. */
  publishedFrom: 'flag' | 'dateline' | 'none';
  /** The article's language as detected (BCP 47; `und` when the text does not tell). */
  language: string;
  /** Its name in English ("French"), for messages. */
  languageName: string;
  /**
   * The English-only rules left out because the article is not (or not clearly) in English,
   * in words for a note; empty for an English article.
   */
  skippedRules: string[];
}

/**
 * What `armru draft` reads by English words, and so reads only in an English article: in any
 * other, each claim is the writer's, of kind `background`, unhedged, with no actors, and dated
 * only by a year written in digits.
 */
export const ENGLISH_ONLY_RULES = [
  'attribution (speakers and cues)',
  'claim kinds',
  'hedges',
  'names (entities and actors)',
  'dates in words',
];

/** The topic every drafted claim is filed under until an editor files it. */
export const UNFILED = {
  id: 'unfiled',
  name: 'Unfiled',
  aliases: [],
  description: 'Claims armru draft wrote; an editor files them under real topics.',
};

/** The writer's name when neither the text nor --author gives one. */
export const UNKNOWN_AUTHOR = 'Unknown';

/** Drafts a dataset from an article's text. */
export function draftDataset(text: string, options: DraftOptions): DraftResult {
  const layout = readLayout(text);
  const language = detectLanguage(text).code;
  const english = language === 'en';
  const toCodePoint = codePointIndex(text);
  // The text as the sentence and attribution rules read it: single curly quotation marks
  // (‘…,’ she said) written as double ones. Same offsets; claims take their words from `text`.
  const read = quoteMarks(text);
  const finder = new EntityFinder(text);
  const unresolvedDates: string[] = [];
  const drafted: Omit<Claim, 'id'>[] = [];
  let sentences = 0;

  // A dateline ("GOTHENBURG, March 3 —", "LONDON, Jan. 5, 2024 /PRNewswire/ --") says where,
  // when and by whom the story was filed: its place and outlet are recorded, and a date with
  // its year is the publication date unless --published gives one; but it is no claim, nor
  // part of one, nor its speaker, and its date is not the claim's. The body's sentences are
  // split after it, so that a full stop inside it ("3. Mai") ends no sentence.
  const dateline = layout.dateline;
  let bodyStart = layout.bodyStart;
  if (dateline) {
    finder.datelinePlace(text.slice(dateline.place.start, dateline.place.end));
    if (dateline.outlet)
      finder.datelineOutlet(text.slice(dateline.outlet.start, dateline.outlet.end));
    bodyStart = dateline.span.end;
  }
  const published = options.published ?? dateline?.date?.iso;

  // A Q/A interview (read in English only): questions are nobody's claims, answers the
  // interviewee's.
  const paras = paragraphs(read, bodyStart);
  const interview = english ? readInterview(read, paras) : undefined;
  const intro: { sentence: Span; mentions: ReturnType<EntityFinder['mentionsIn']> }[] = [];
  let interviewee: FoundEntity | undefined;
  for (const para of paras) {
    let previous: FoundEntity | undefined;
    const units = interview
      ? interview.sentencesIn(para)
      : splitSentences(read, para.start, para.end).map((span) => ({ span, role: undefined }));
    for (const { span: sentence, role } of units) {
      sentences++;
      const mentions = english ? finder.mentionsIn(text, sentence.start, sentence.end) : [];
      if (english) noteOffices(text, sentence, mentions, finder);
      if (interview && sentence.start < interview.firstTurn) intro.push({ sentence, mentions });
      if (role === 'question') continue;
      if (role === 'answer')
        interviewee ??= findInterviewee(intro, read, finder, layout.title?.span);

      // A sentence that joins two reports ("…,” Pashinyan said, while Lavrov said …") is a
      // claim for each, each its own speaker's.
      const clauses = english && role === undefined ? speechClauses(read, sentence) : [sentence];
      for (const clause of clauses) {
        const inClause =
          clauses.length === 1
            ? mentions
            : mentions.filter((m) => m.start >= clause.start && m.end <= clause.end);
        const who: Attribution = !english
          ? { kind: 'background', quotations: [] }
          : role === 'answer' && interviewee
            ? { speaker: interviewee, kind: 'quote', quotations: [] }
            : attribute(read, clause, inClause, finder, previous);
        if (who.speaker) previous = who.speaker;
        // Each part's own dates: a date in the other speaker's words is not this claim's.
        const dates = findDates(text.slice(clause.start, clause.end), published, english);
        for (const d of dates) if (d.date === undefined) unresolvedDates.push(d.text);
        const dated = dates.find((d) => d.date !== undefined);
        const when: When | undefined = dated
          ? { date: dated.date as string, text: dated.text, basis: 'text' }
          : undefined;
        const actors = unique([
          ...(who.speaker ? [who.speaker.id] : []),
          ...inClause.map((m) => m.entity.id),
        ]);
        const spans: { span: Span; kind: typeof who.kind; cue?: string }[] =
          who.quotations.length > 0
            ? [
                ...who.quotations.map((span) => ({ span, kind: who.kind, cue: who.cue })),
                ...(who.reported ?? []),
              ].sort((a, b) => a.span.start - b.span.start)
            : [{ span: clause, kind: who.kind, cue: who.cue }];
        for (const { span, kind, cue } of spans) {
          const exact = text.slice(span.start, span.end);
          drafted.push({
            text: exact.replace(/\s+/g, ' '),
            quote: { exact, start: toCodePoint(span.start), end: toCodePoint(span.end) },
            kind,
            assertedBy: who.speaker?.id ?? 'author',
            ...(cue ? { cue } : {}),
            hedged: english && (findHedge(exact) !== undefined || who.hedge !== undefined),
            actors,
            topics: [UNFILED.id],
            ...(when ? { when } : {}),
            review: 'draft',
          });
        }
      }
    }
  }

  const width = Math.max(2, String(drafted.length).length);
  const claims: Claim[] = drafted.map((c, i) => ({
    id: `c${String(i + 1).padStart(width, '0')}`,
    ...c,
  }));
  const title = options.title ?? layout.title?.text ?? options.fallbackTitle;
  const author = options.author ?? layout.byline?.name ?? UNKNOWN_AUTHOR;
  const doc: DatasetDocument = {
    schemaVersion: SCHEMA_VERSION,
    source: {
      id: slug(title) || 'draft',
      type: 'NewsArticle',
      title,
      author,
      publisher: null,
      datePublished: published ?? null,
      inLanguage: language,
      ...(options.textFile !== undefined ? { textFile: options.textFile } : { text }),
      textSha256: sha256Hasher().update(text, 'utf8').digest('hex'),
      offsetUnit: 'codepoint',
      ...(options.url !== undefined ? { url: options.url } : {}),
    },
    entities: finder.entities.map(toEntity),
    topics: claims.length > 0 ? [UNFILED] : [],
    claims,
    agreements: [],
    relations: [],
  };
  return {
    doc,
    sentences,
    unresolvedDates,
    titleFrom: options.title ? 'flag' : layout.title ? 'text' : 'file name',
    authorFrom: options.author ? 'flag' : layout.byline ? 'text' : 'none',
    publishedFrom: options.published ? 'flag' : published ? 'dateline' : 'none',
    language,
    languageName: LANGUAGE_NAMES[language] ?? language,
    skippedRules: english ? [] : ENGLISH_ONLY_RULES,
  };
}

function toEntity(e: FoundEntity): Entity {
  const title = e.title ? ` (${e.title})` : '';
  return {
    id: e.id,
    type: e.type,
    name: e.name,
    aliases: e.aliases,
    description: `Named in the article as "${e.name}"${title}.`,
    sameAs: [],
    review: 'draft',
  };
}

/** "Jane Roe, the mayor of …": the office a person is given right after the name. */
function noteOffices(
  text: string,
  sentence: Span,
  mentions: ReturnType<EntityFinder['mentionsIn']>,
  finder: EntityFinder,
): void {
  for (const m of mentions) {
    if (m.entity.type !== 'Person') continue;
    const after = text.slice(m.end, Math.min(sentence.end, m.end + 60));
    const office =
      /^,\s+(?:the|a|an)\s+(?:[\p{Ll}-]+\s+){0,2}?([\p{Ll}]+)(?=\s+(?:of|for|at|in)\b|,)/u.exec(
        after,
      );
    if (office) finder.addTitle(m.entity, office[1] as string);
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Converts UTF-16 indices into code-point offsets. Text outside the Basic Multilingual Plane
 * is rare, so only the positions of surrogate pairs are kept and counted.
 */
function codePointIndex(text: string): (utf16: number) => number {
  const pairs: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        pairs.push(i + 1);
        i++;
      }
    }
  }
  return (utf16) => {
    let lo = 0;
    let hi = pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pairs[mid] as number) < utf16) lo = mid + 1;
      else hi = mid;
    }
    return utf16 - lo;
  };
}
