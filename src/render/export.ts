import { AUTHOR } from '../core/dataset/verify.js';
import { type ClaimRef, type Corpus, refsByDataset } from '../core/model/corpus.js';
import type { DatasetDocument, Entity } from '../core/model/types.js';
import { CodePoints } from '../core/text/code-points.js';
import { actorNames, asserterName, topicNames } from './claims.js';
import { holdsRisky, jsonPieces, LazyArray, toJson } from './json.js';
import { claimJson } from './refs.js';

/**
 * Each export is made as pieces of text written one after another (`...Pieces`), so that a
 * long export is written as it is made rather than held whole; `to...` joins the pieces.
 */
const joined = (pieces: Iterable<string>): string => [...pieces].join('');

/** A dataset document, as `claims.json` is written. */
export function toDatasetJson(doc: DatasetDocument): string {
  return joined(datasetJsonPieces(doc));
}

export function* datasetJsonPieces(doc: DatasetDocument): Generator<string> {
  yield* jsonPieces({ ...doc, claims: new LazyArray(doc.claims) }, 2);
  yield '\n';
}

/** JSON Lines: one claim object per line (with `dataset` when several datasets are loaded). */
export function toJsonLines(corpus: Corpus, refs: ClaimRef[]): string {
  return joined(jsonLinesPieces(corpus, refs));
}

export function* jsonLinesPieces(corpus: Corpus, refs: ClaimRef[]): Generator<string> {
  for (const ref of refs) yield `${toJson(claimJson(corpus, ref))}\n`;
}

/**
 * The CSV columns, in order. Arrays are joined with "; "; names sit beside the ids they resolve.
 * Columns are only ever added at the end (`note` came last), so a script that reads a column by
 * its position keeps reading the same one.
 */
export const CSV_COLUMNS = [
  'source',
  'id',
  'kind',
  'text',
  'quote',
  'start',
  'end',
  'assertedBy',
  'assertedByName',
  'cue',
  'hedged',
  'actors',
  'actorNames',
  'topics',
  'topicNames',
  'date',
  'dateBasis',
  'dateText',
  'dateSource',
  'cameo',
  'note',
] as const;

// RFC 4180: a field with a comma, quote, CR or LF is quoted, and quotes inside are doubled.
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Spreadsheets (Excel, LibreOffice, Google Sheets) run a cell that starts with `=`, `+`, `-` or
 * `@` as a formula, and tab or carriage return can lead into one; an apostrophe in front makes
 * them show the text as it is (OWASP's advice for CSV injection).
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV options: `bom` starts the file with U+FEFF; `spreadsheet` adds it and defuses formulas. */
export interface CsvOptions {
  bom?: boolean;
  spreadsheet?: boolean;
}

/**
 * RFC 4180 CSV: a header row, then one row per claim, CRLF line ends. By default every value is
 * exact; `spreadsheet` prefixes cells that a spreadsheet would run as a formula with `'` and
 * starts with a UTF-8 byte order mark, which Excel needs to read UTF-8.
 */
export function toCsv(refs: ClaimRef[], options: CsvOptions = {}): string {
  return joined(csvPieces(refs, options));
}

export function* csvPieces(refs: ClaimRef[], options: CsvOptions = {}): Generator<string> {
  const cell = options.spreadsheet ? (v: string) => csvField(spreadsheetSafe(v)) : csvField;
  if (options.bom || options.spreadsheet) yield '\uFEFF';
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  for (const { dataset, claim } of refs) {
    const values: Record<(typeof CSV_COLUMNS)[number], string> = {
      source: dataset.doc.source.id,
      id: claim.id,
      kind: claim.kind,
      text: claim.text,
      quote: claim.quote.exact,
      start: String(claim.quote.start),
      end: String(claim.quote.end),
      assertedBy: claim.assertedBy,
      assertedByName: asserterName(dataset, claim),
      cue: claim.cue ?? '',
      hedged: String(claim.hedged),
      actors: claim.actors.join('; '),
      actorNames: actorNames(dataset, claim).join('; '),
      topics: claim.topics.join('; '),
      topicNames: topicNames(dataset, claim).join('; '),
      date: claim.when?.date ?? '',
      dateBasis: claim.when?.basis ?? '',
      dateText: claim.when?.text ?? '',
      dateSource: claim.when?.source ?? '',
      cameo: claim.cameo ?? '',
      note: claim.note ?? '',
    };
    yield `${CSV_COLUMNS.map((column) => cell(values[column])).join(',')}\r\n`;
  }
}

/**
 * 'plain' when nothing an export is made from holds a character toJson escapes: the datasets'
 * documents (every string in them, keys too) and, when the export quotes it, the article. The
 * rest of an export's text is armru's own (keys, IRIs made with encodeURIComponent, numbers).
 */
function plainness(corpus: Corpus, article: boolean): 'plain' | undefined {
  for (const dataset of corpus.datasets) {
    if (holdsRisky(dataset.doc)) return undefined;
    if (article && holdsRisky(dataset.text)) return undefined;
  }
  return 'plain';
}

/** The IRI armru gives an article: it has no URL of its own in the dataset. */
export function sourceIri(sourceId: string): string {
  return `urn:armru:${encodeURIComponent(sourceId)}`;
}

/**
 * The IRIs of one claim: the W3C annotation that anchors it in the article and the schema.org
 * `Claim` it states are different things, so merging the two exports never gives one node both
 * types; the annotation names the Claim as its body and the Claim points back with `subjectOf`.
 */
export function claimIris(
  sourceId: string,
  claimId: string,
): { annotation: string; claim: string } {
  const base = `${sourceIri(sourceId)}:`;
  return {
    annotation: `${base}annotation:${encodeURIComponent(claimId)}`,
    claim: `${base}claim:${encodeURIComponent(claimId)}`,
  };
}

/** The IRI of an entity of a dataset (also the article's author, when an entity is the author). */
function entityIri(sourceId: string, entityId: string): string {
  return `${sourceIri(sourceId)}:entity:${encodeURIComponent(entityId)}`;
}

/**
 * armru's own terms, written as full IRIs: a context given as an inline object makes a W3C
 * annotation invalid on its own ("@context" must be the W3C context, or strings), and a context
 * document of armru's own would need a server.
 */
export const ARMRU_TERMS = 'urn:armru:terms:';
const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/**
 * Whether a claim's source signals uncertainty: schema.org has no property for it (a Claim's
 * certainty is what a ClaimReview rates, and armru reviews nothing), so it is armru's term.
 */
const HEDGED = `${ARMRU_TERMS}hedged`;

/** Up to 32 code points of context on each side of a quote, for the TextQuoteSelector. */
function context(
  codePoints: CodePoints,
  start: number,
  end: number,
): { prefix: string; suffix: string } {
  return {
    prefix: codePoints.slice(Math.max(0, start - 32), start),
    suffix: codePoints.slice(end, end + 32),
  };
}

/** The entity or the article's author who asserts a claim, with its IRI. */
function asserter(
  dataset: ClaimRef['dataset'],
  claim: ClaimRef['claim'],
): { id: string; name: string } {
  const sourceId = dataset.doc.source.id;
  if (claim.assertedBy !== AUTHOR) {
    return { id: entityIri(sourceId, claim.assertedBy), name: asserterName(dataset, claim) };
  }
  return { id: authorIri(dataset), name: dataset.doc.source.author };
}

// The author's IRI of each dataset, looked up once rather than once a claim.
const authorIris = new WeakMap<ClaimRef['dataset'], string>();

/** The article's author: the entity with the author's name when the dataset has one. */
function authorIri(dataset: ClaimRef['dataset']): string {
  const known = authorIris.get(dataset);
  if (known !== undefined) return known;
  const { source, entities } = dataset.doc;
  const entity = entities.find((e) => e.type === 'Person' && e.name === source.author);
  const iri = entity ? entityIri(source.id, entity.id) : `${sourceIri(source.id)}:author`;
  authorIris.set(dataset, iri);
  return iri;
}

/**
 * A W3C Web Annotation AnnotationCollection (JSON-LD) with every claim as an Annotation in one
 * embedded AnnotationPage (`partOf` the collection). Each annotation is valid on its own: it
 * carries the W3C context as its only `@context`, targets its article with a
 * TextQuoteSelector and a TextPositionSelector (code points, as the model defines them), and
 * has as bodies the claim text (purpose `describing`), the editor's note when the claim has
 * one (purpose `commenting`), the schema.org Claim it identifies (purpose `identifying`) and
 * tags (purpose `tagging`) for its kind, `hedged` when the source signals uncertainty, and its
 * topics. Who asserts the claim is armru's term `urn:armru:terms:assertedBy`.
 */
export function toAnnotations(corpus: Corpus, refs: ClaimRef[]): string {
  return joined(annotationPieces(corpus, refs));
}

export function* annotationPieces(corpus: Corpus, refs: ClaimRef[]): Generator<string> {
  const codePoints = new Map(corpus.datasets.map((d) => [d, new CodePoints(d.text)]));
  const collectionId = `urn:armru:${corpus.datasets.map((d) => encodeURIComponent(d.doc.source.id)).join('+')}:annotations`;
  const pageId = `${collectionId}:page-1`;
  // What recurs from claim to claim is made once and shared (JSON text does not show that an
  // object is shared): each dataset's IRIs, each asserter, each tag.
  const bases = new Map(
    corpus.datasets.map((d) => {
      const source = sourceIri(d.doc.source.id);
      return [d, { source, claim: `${source}:claim:`, annotation: `${source}:annotation:` }];
    }),
  );
  const asserters = new Map<ClaimRef['dataset'], Map<string, { id: string; name: string }>>();
  const asserterOf = (dataset: ClaimRef['dataset'], claim: ClaimRef['claim']) => {
    let known = asserters.get(dataset);
    if (!known) {
      known = new Map();
      asserters.set(dataset, known);
    }
    let found = known.get(claim.assertedBy);
    if (!found) {
      found = asserter(dataset, claim);
      known.set(claim.assertedBy, found);
    }
    return found;
  };
  const tags = new Map<string, { type: string; purpose: string; value: string }>();
  const tag = (value: string) => {
    let found = tags.get(value);
    if (!found) {
      found = { type: 'TextualBody', purpose: 'tagging', value };
      tags.set(value, found);
    }
    return found;
  };
  const annotation = ({ dataset, claim }: ClaimRef) => {
    const base = bases.get(dataset) as { source: string; claim: string; annotation: string };
    const source = base.source;
    const encoded = encodeURIComponent(claim.id);
    const iris = { annotation: `${base.annotation}${encoded}`, claim: `${base.claim}${encoded}` };
    const cps = codePoints.get(dataset) as CodePoints;
    const { prefix, suffix } = context(cps, claim.quote.start, claim.quote.end);
    const body: unknown[] = [
      {
        type: 'TextualBody',
        purpose: 'describing',
        value: claim.text,
        format: 'text/plain',
        language: dataset.doc.source.inLanguage,
      },
    ];
    // The editor's note is a reader's to see beside the claim: a comment on the quoted words.
    if (claim.note) {
      body.push({
        type: 'TextualBody',
        purpose: 'commenting',
        value: claim.note,
        format: 'text/plain',
        language: dataset.doc.source.inLanguage,
      });
    }
    body.push({ id: iris.claim, type: 'schema:Claim', purpose: 'identifying' }, tag(claim.kind));
    // The source signals uncertainty: said as a tag, as the kind is, rather than as a term of
    // armru's own that an annotation client would not show.
    if (claim.hedged) body.push(tag('hedged'));
    for (const name of topicNames(dataset, claim)) body.push(tag(name));
    return {
      '@context': ANNO_CONTEXT,
      id: iris.annotation,
      type: 'Annotation',
      motivation: 'describing',
      body,
      target: {
        type: 'SpecificResource',
        // The article on the web when the dataset knows its address, so annotation viewers
        // can anchor the claims on the page itself.
        source: dataset.doc.source.url ?? source,
        selector: [
          { type: 'TextQuoteSelector', exact: claim.quote.exact, prefix, suffix },
          { type: 'TextPositionSelector', start: claim.quote.start, end: claim.quote.end },
        ],
      },
      [`${ARMRU_TERMS}assertedBy`]: asserterOf(dataset, claim),
    };
  };
  function* items(): Generator<unknown> {
    for (const ref of refs) yield annotation(ref);
  }
  const collection = {
    '@context': ANNO_CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label: `Claims in ${corpus.datasets.map((d) => `“${d.doc.source.title}”`).join(' and ')}`,
    total: refs.length,
    generator: { id: 'urn:armru:software', type: 'Software', name: 'armru' },
    ...(refs.length > 0
      ? {
          first: {
            id: pageId,
            type: 'AnnotationPage',
            partOf: collectionId,
            startIndex: 0,
            items: new LazyArray(items(), 'oneLine'),
          },
          last: pageId,
        }
      : {}),
  };
  yield* jsonPieces(collection, 2, 0, plainness(corpus, true));
  yield '\n';
}

const SCHEMA_TYPES: Record<string, string> = {
  Person: 'Person',
  Country: 'Country',
  Government: 'GovernmentOrganization',
  Organization: 'Organization',
  MilitaryUnit: 'Organization',
  Media: 'NewsMediaOrganization',
  Place: 'Place',
  Group: 'Organization',
};

/** Entity types whose schema.org type is a Person or an Organization, and so has `memberOf`. */
const HAS_MEMBER_OF = new Set([
  'Person',
  'Government',
  'Organization',
  'MilitaryUnit',
  'Media',
  'Group',
]);

/** An entity's `memberOf`, one id or several, as a list. */
export function memberIds(entity: Entity): string[] {
  const value = (entity as { memberOf?: string | string[] }).memberOf;
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** A date schema.org can take as a Date: a year, year-month or full date, not an interval. */
const SCHEMA_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * schema.org JSON-LD: an `@graph` with the NewsArticle and one Claim per claim: its `text`,
 * the asserting party as `author` (the article's author is the same node as the author
 * entity), the article as `appearance`, its actors, topics and the agreements it evidences
 * as `about`, the exact words as a Quotation in `citation`, its date as `dateCreated` (and
 * `temporalCoverage`), the article's date as `datePublished` when known, and `subjectOf`
 * pointing at the W3C annotation that anchors it; whether it is hedged as armru's term
 * `urn:armru:terms:hedged`; and the editor's notes as `comment`s: the claim's own, and each
 * note of a relation from it (`about` the other claim). Entities carry `memberOf` where
 * schema.org has it (people and organisations); agreements are CreativeWorks with their parties
 * as `contributor` and their note as `description`; relations between claims, which schema.org
 * has no property for, use armru's terms (`urn:armru:terms:disputes`, …).
 */
export function toJsonLd(corpus: Corpus, refs: ClaimRef[]): string {
  return joined(jsonLdPieces(corpus, refs));
}

export function* jsonLdPieces(corpus: Corpus, refs: ClaimRef[]): Generator<string> {
  yield* jsonPieces(
    {
      '@context': 'https://schema.org',
      '@graph': new LazyArray(graphNodes(corpus, refs), 'oneLine'),
    },
    2,
    0,
    plainness(corpus, false),
  );
  yield '\n';
}

/** The nodes of the JSON-LD graph, each once, made as they are written. */
function* graphNodes(corpus: Corpus, refs: ClaimRef[]): Generator<Record<string, unknown>> {
  // Nodes added since the last were handed on; handed on after each claim.
  let graph: Record<string, unknown>[] = [];
  const flush = () => {
    const done = graph;
    graph = [];
    return done;
  };
  const seen = new Set<string>();
  const add = (node: Record<string, unknown>) => {
    const id = node['@id'] as string;
    if (!seen.has(id)) {
      seen.add(id);
      graph.push(node);
    }
  };
  const byDataset = refsByDataset(refs);
  for (const dataset of corpus.datasets) {
    const mine = byDataset.get(dataset);
    if (mine === undefined) continue;
    const { source } = dataset.doc;
    const article = sourceIri(source.id);
    // Each IRI is made once: most claims name the same few thousand entities and topics.
    const entityIris = new Map<string, string>();
    const entityIriOf = (id: string) => {
      let iri = entityIris.get(id);
      if (iri === undefined) {
        iri = entityIri(source.id, id);
        entityIris.set(id, iri);
      }
      return iri;
    };
    const entityRef = (id: string) => ({ '@id': entityIriOf(id) });
    const topicIris = new Map<string, string>();
    const topicIri = (id: string) => {
      let iri = topicIris.get(id);
      if (iri === undefined) {
        iri = `${article}:topic:${encodeURIComponent(id)}`;
        topicIris.set(id, iri);
      }
      return iri;
    };
    const agreementIri = (id: string) => `${article}:agreement:${encodeURIComponent(id)}`;
    const claimBase = `${article}:claim:`;
    const annotationBase = `${article}:annotation:`;
    const claimRef = (id: string) => ({ '@id': `${claimBase}${encodeURIComponent(id)}` });
    const author = authorIri(dataset);
    add({
      '@id': article,
      '@type': 'NewsArticle',
      headline: source.title,
      author: { '@id': author },
      inLanguage: source.inLanguage,
      ...(source.publisher
        ? { publisher: { '@type': 'Organization', name: source.publisher } }
        : {}),
      ...(source.datePublished ? { datePublished: source.datePublished } : {}),
      ...(source.url ? { url: source.url } : {}),
    });
    // Entities already in the graph, by id: most claims name the same few actors.
    const described = new Set<string>();
    const addEntity = (id: string) => {
      if (described.has(id)) return;
      const entity = dataset.entityById.get(id);
      if (!entity || seen.has(entityIriOf(id))) return;
      described.add(id);
      const members = HAS_MEMBER_OF.has(entity.type) ? memberIds(entity) : [];
      add({
        '@id': entityIriOf(id),
        '@type': SCHEMA_TYPES[entity.type] ?? 'Thing',
        name: entity.name,
        ...(entity.aliases.length > 0 ? { alternateName: entity.aliases } : {}),
        description: entity.description,
        ...(members.length > 0 ? { memberOf: members.map(entityRef) } : {}),
        ...(entity.sameAs.length > 0 ? { sameAs: entity.sameAs } : {}),
      });
      // What it is a member of is described too, so every reference resolves in the graph.
      for (const parent of memberIds(entity)) addEntity(parent);
    };
    if (author.startsWith(`${article}:entity:`)) {
      const entity = dataset.doc.entities.find((e) => entityIri(source.id, e.id) === author);
      if (entity) addEntity(entity.id);
    } else {
      add({ '@id': author, '@type': 'Person', name: source.author });
    }
    const selected = new Set(mine.map((r) => r.claim.id));
    const agreements = dataset.doc.agreements
      .map((a) => ({ ...a, claims: a.claims.filter((id) => selected.has(id)) }))
      .filter((a) => a.claims.length > 0);
    // Each claim's agreements and outgoing relations, gathered once (in document order) so
    // that the claims are written in time linear in claims, relations and agreements.
    const agreementsOf = new Map<string, string[]>();
    for (const a of agreements) {
      for (const id of new Set(a.claims)) {
        const list = agreementsOf.get(id);
        if (list) list.push(a.id);
        else agreementsOf.set(id, [a.id]);
      }
    }
    const relationsFrom = new Map<string, typeof dataset.doc.relations>();
    for (const r of dataset.doc.relations) {
      if (!selected.has(r.to)) continue;
      const list = relationsFrom.get(r.from);
      if (list) list.push(r);
      else relationsFrom.set(r.from, [r]);
    }
    for (const { claim } of mine) {
      claim.actors.forEach(addEntity);
      if (claim.assertedBy !== AUTHOR) addEntity(claim.assertedBy);
      for (const id of claim.topics) {
        const topic = dataset.topicById.get(id);
        if (!topic || seen.has(topicIri(id))) continue;
        add({
          '@id': topicIri(id),
          '@type': 'DefinedTerm',
          name: topic.name,
          ...(topic.aliases.length > 0 ? { alternateName: topic.aliases } : {}),
          description: topic.description,
        });
      }
      const encoded = encodeURIComponent(claim.id);
      const iris = { claim: `${claimBase}${encoded}`, annotation: `${annotationBase}${encoded}` };
      const date = claim.when?.date;
      // The node is made key by key, in the order of its JSON, rather than by spreading
      // optional parts into it: a spread makes an object only to copy it, once per claim.
      const about: { '@id': string }[] = [];
      for (const id of claim.actors) about.push(entityRef(id));
      for (const id of claim.topics) about.push({ '@id': topicIri(id) });
      for (const id of agreementsOf.get(claim.id) ?? []) about.push({ '@id': agreementIri(id) });
      const node: Record<string, unknown> = {
        '@id': iris.claim,
        '@type': 'Claim',
        identifier: claim.id,
        text: claim.text,
        author: { '@id': claim.assertedBy === AUTHOR ? author : entityIriOf(claim.assertedBy) },
        appearance: { '@id': article },
        about,
        citation: { '@type': 'Quotation', text: claim.quote.exact, isPartOf: { '@id': article } },
      };
      if (date && SCHEMA_DATE.test(date)) node.dateCreated = date;
      if (source.datePublished) node.datePublished = source.datePublished;
      if (date) node.temporalCoverage = date;
      node.subjectOf = { '@id': iris.annotation };
      node[HEDGED] = claim.hedged;
      // The editor's notes a reader must see beside the claim, as schema.org Comments: the
      // claim's own, then each relation's, `about` the other claim (the link itself is a bare
      // IRI in armru's terms and cannot carry a note).
      const comments: Record<string, unknown>[] = [];
      if (claim.note) comments.push({ '@type': 'Comment', text: claim.note });
      for (const r of relationsFrom.get(claim.id) ?? []) {
        const key = `${ARMRU_TERMS}${r.type}`;
        const list = node[key] as { '@id': string }[] | undefined;
        if (list) list.push(claimRef(r.to));
        else node[key] = [claimRef(r.to)];
        if (r.note) comments.push({ '@type': 'Comment', text: r.note, about: claimRef(r.to) });
      }
      if (comments.length > 0) node.comment = comments;
      // A claim's IRI is its own (claim ids are unique in a dataset, source ids across them,
      // and no other node's IRI has ":claim:" in it): no need to remember it.
      graph.push(node);
      yield* flush();
    }
    for (const agreement of agreements) {
      agreement.parties.forEach(addEntity);
      const date = agreement.when?.date;
      add({
        '@id': agreementIri(agreement.id),
        '@type': 'CreativeWork',
        identifier: agreement.id,
        name: agreement.name,
        genre: agreement.kind,
        creativeWorkStatus: agreement.status,
        contributor: agreement.parties.map(entityRef),
        ...(date && SCHEMA_DATE.test(date) ? { dateCreated: date } : {}),
        ...(date ? { temporalCoverage: date } : {}),
        ...(agreement.note ? { description: agreement.note } : {}),
      });
    }
  }
  yield* flush();
}
