/**
 * The dataset model. Field names are a contract shared with `data/claims.schema.json`,
 * the CLI's `--json` output and every export: change them only with a schema version bump.
 */

/** Version of the dataset format this build reads and writes. */
export const SCHEMA_VERSION = 1;

/** The article a dataset describes. */
export interface Source {
  /** Short stable id of the article, used to prefix claim ids when several datasets are loaded. */
  id: string;
  type: 'NewsArticle';
  title: string;
  author: string;
  publisher: string | null;
  /** `YYYY-MM-DD`, or null when the article carries no date. */
  datePublished: string | null;
  /** BCP 47 language tag of the article text. */
  inLanguage: string;
  /** Path of the article text, relative to the dataset file. Exactly one of `textFile` and `text`. */
  textFile?: string;
  /** The article text itself, for self-contained datasets. */
  text?: string;
  /** SHA-256 (hex) of the article text's UTF-8 bytes; loading refuses a text that does not match. */
  textSha256: string;
  /** Offsets in `quote.start`/`quote.end` count Unicode code points, as the W3C TextPositionSelector does. */
  offsetUnit: 'codepoint';
  /** Where the article was published, when known. */
  url?: string;
}

export const ENTITY_TYPES = [
  'Person',
  'Country',
  'Government',
  'Organization',
  'MilitaryUnit',
  'Media',
  'Place',
  'Group',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A person, state, body, outlet, place or group the article names. */
export interface Entity {
  id: string;
  type: EntityType;
  name: string;
  /** Other spellings readers may type: transliterations, native spellings, acronyms, metonyms. */
  aliases: string[];
  description: string;
  /**
   * Organisational membership: the id (or ids) of what this entity belongs to (a minister to a
   * ministry, a ministry to a government, a government to its country, an official to an
   * organisation). Not nationality: a Russian newspaper is not part of the Russian state.
   */
  memberOf?: string | string[];
  /** URLs of the same entity in outside knowledge bases. */
  sameAs: string[];
  /** `draft` while no editor has checked what `armru draft` found; absent once checked. */
  review?: Review;
}

/** A subject from the dataset's controlled list. */
export interface Topic {
  id: string;
  name: string;
  aliases: string[];
  description: string;
}

export const CLAIM_KINDS = [
  'event',
  'statement',
  'quote',
  'report',
  'denial',
  'assessment',
  'background',
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** The one review state a record carries: written by a program, not yet checked by an editor. */
export type Review = 'draft';

/** Review states a listing can filter on: `checked` means the record has no `review` field. */
export const REVIEW_STATES = ['draft', 'checked'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const DATE_BASES = ['text', 'context', 'external'] as const;
export type DateBasis = (typeof DATE_BASES)[number];

/** When something happened, and where that date comes from. */
export interface When {
  /** ISO 8601 date at the precision known (`2018`, `2019-10`, `2019-10-29`), or an interval `A/B`. */
  date: string;
  /** The article's own words for the date, or a short description for an outside date. */
  text: string;
  /** `text`: the article gives it; `context`: the article gives part and context settles the rest; `external`: from outside the article. */
  basis: DateBasis;
  /** URL of the outside source, required for `context` and `external`. */
  source?: string;
}

/** The verbatim article text a claim rests on. */
export interface Quote {
  exact: string;
  /** Code-point offset of the first character. */
  start: number;
  /** Code-point offset just past the last character (exclusive). */
  end: number;
}

/** One proposition the article makes, anchored to its exact words. */
export interface Claim {
  id: string;
  /** The proposition in plain words, written by the dataset's editor. */
  text: string;
  quote: Quote;
  kind: ClaimKind;
  /** `author` for the writer's own voice, else the id of the entity that asserts it. */
  assertedBy: string;
  /** The reporting verb ("announced", "according to"). */
  cue?: string;
  /**
   * True where the asserting source signals uncertainty (seems, appears, apparently,
   * reportedly, allegedly, may, might, likely). Attribution ("according to") and future or
   * conditional modality ("would not provide") are not hedges.
   */
  hedged: boolean;
  /** Ids of the entities the claim is about or that act in it. */
  actors: string[];
  topics: string[];
  when?: When;
  /** CAMEO event code, as a string ("057"). */
  cameo?: string;
  /** Editor's note a reader must see beside the claim (other reporting differs, a probable typo). */
  note?: string;
  /** `draft` while no editor has checked what `armru draft` wrote; absent once checked. */
  review?: Review;
}

export const AGREEMENT_KINDS = [
  'agreement',
  'memorandum',
  'basing',
  'deployment',
  'membership',
] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const AGREEMENT_STATUSES = [
  'signed',
  'negotiating',
  'in-force',
  'announced',
  'reported',
] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** An agreement or standing arrangement the article reports. */
export interface Agreement {
  id: string;
  name: string;
  kind: AgreementKind;
  /** Entity ids of the parties. */
  parties: string[];
  status: AgreementStatus;
  when?: When;
  /** Ids of the claims that evidence the agreement. */
  claims: string[];
  note?: string;
}

export const RELATION_TYPES = [
  'disputes',
  'supports',
  'qualifies',
  'elaborates',
  'follows',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** A directed link between two claims. */
export interface Relation {
  from: string;
  type: RelationType;
  to: string;
  note?: string;
}

/** A dataset document as stored in `claims.json`. */
export interface DatasetDocument {
  $schema?: string;
  schemaVersion: typeof SCHEMA_VERSION;
  source: Source;
  entities: Entity[];
  topics: Topic[];
  claims: Claim[];
  agreements: Agreement[];
  relations: Relation[];
}

/** A loaded, verified dataset: the document plus what loading established. */
export interface Dataset {
  /** Path of the file it was loaded from (as given by the user, for messages). */
  file: string;
  doc: DatasetDocument;
  /** The article text. */
  text: string;
  /** Lookup tables built once at load. */
  entityById: Map<string, Entity>;
  topicById: Map<string, Topic>;
  claimById: Map<string, Claim>;
  /** fuse.js's index of the search records, when a fresh on-disk index provided it. */
  searchIndex?: unknown;
}

/** The ids an entity is a member of, whichever form `memberOf` takes. */
export function parentIds(entity: Entity): string[] {
  const { memberOf } = entity;
  return memberOf === undefined ? [] : Array.isArray(memberOf) ? memberOf : [memberOf];
}
