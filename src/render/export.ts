import type { ClaimRef, Corpus } from '../core/corpus.js';
import type { DatasetDocument } from '../core/types.js';
import { AUTHOR } from '../core/verify.js';
import { actorNames, asserterName, claimJson, topicNames } from './claims.js';
import { toJson } from './json.js';

/** A dataset document, as `claims.json` is written. */
export function toDatasetJson(doc: DatasetDocument): string {
  return `${toJson(doc, 2)}\n`;
}

/** JSON Lines: one claim object per line (with `dataset` when several datasets are loaded). */
export function toJsonLines(corpus: Corpus, refs: ClaimRef[]): string {
  return refs.map((ref) => `${toJson(claimJson(corpus, ref))}\n`).join('');
}

/** The CSV columns, in order. Arrays are joined with "; "; names sit beside the ids they resolve. */
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
] as const;

// RFC 4180: a field with a comma, quote, CR or LF is quoted, and quotes inside are doubled.
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV: a header row, then one row per claim, CRLF line ends; optional UTF-8 BOM. */
export function toCsv(refs: ClaimRef[], options: { bom?: boolean } = {}): string {
  const rows = refs.map(({ dataset, claim }) => {
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
    };
    return CSV_COLUMNS.map((column) => csvField(values[column])).join(',');
  });
  const body = [CSV_COLUMNS.join(','), ...rows].map((row) => `${row}\r\n`).join('');
  return options.bom ? `\uFEFF${body}` : body;
}

/** The IRI armru gives an article: it has no URL of its own in the dataset. */
export function sourceIri(sourceId: string): string {
  return `urn:armru:${encodeURIComponent(sourceId)}`;
}

/** Up to 32 code points of context on each side of a quote, for the TextQuoteSelector. */
function context(
  codePoints: string[],
  start: number,
  end: number,
): { prefix: string; suffix: string } {
  return {
    prefix: codePoints.slice(Math.max(0, start - 32), start).join(''),
    suffix: codePoints.slice(end, end + 32).join(''),
  };
}

/**
 * A W3C Web Annotation AnnotationCollection (JSON-LD) with every claim as an Annotation in one
 * embedded AnnotationPage. Each annotation targets its article with a TextQuoteSelector and a
 * TextPositionSelector (code points, as the model defines them); its bodies are the claim text
 * (purpose `describing`) and tags for its kind and topics (purpose `tagging`).
 */
export function toAnnotations(corpus: Corpus, refs: ClaimRef[]): string {
  const codePoints = new Map(corpus.datasets.map((d) => [d, Array.from(d.text)]));
  const collectionId = `urn:armru:${corpus.datasets.map((d) => encodeURIComponent(d.doc.source.id)).join('+')}:annotations`;
  const items = refs.map(({ dataset, claim }) => {
    const source = sourceIri(dataset.doc.source.id);
    const cps = codePoints.get(dataset) as string[];
    const { prefix, suffix } = context(cps, claim.quote.start, claim.quote.end);
    const tag = (value: string) => ({ type: 'TextualBody', purpose: 'tagging', value });
    return {
      id: `${source}:claim:${encodeURIComponent(claim.id)}`,
      type: 'Annotation',
      motivation: 'describing',
      body: [
        {
          type: 'TextualBody',
          purpose: 'describing',
          value: claim.text,
          format: 'text/plain',
          language: dataset.doc.source.inLanguage,
        },
        tag(claim.kind),
        ...topicNames(dataset, claim).map(tag),
      ],
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
      // Who asserts the claim in the article, kept for consumers that understand armru's terms.
      'armru:assertedBy': claim.assertedBy === AUTHOR ? AUTHOR : asserterName(dataset, claim),
    };
  });
  const collection = {
    '@context': ['http://www.w3.org/ns/anno.jsonld', { armru: 'urn:armru:terms:' }],
    id: collectionId,
    type: 'AnnotationCollection',
    label: `Claims in ${corpus.datasets.map((d) => `“${d.doc.source.title}”`).join(' and ')}`,
    total: items.length,
    generator: { id: 'urn:armru:software', type: 'Software', name: 'armru' },
    ...(items.length > 0
      ? {
          first: { id: `${collectionId}:page-1`, type: 'AnnotationPage', startIndex: 0, items },
          last: `${collectionId}:page-1`,
        }
      : {}),
  };
  return `${toJson(collection, 2)}\n`;
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

/**
 * schema.org JSON-LD: an `@graph` with the NewsArticle, one Claim per claim (its `text`, the
 * asserting party as `author`, the article as `appearance`, its actors and topics as `about`,
 * the exact words as a Quotation in `citation`), and the entities and topics it names.
 */
export function toJsonLd(corpus: Corpus, refs: ClaimRef[]): string {
  const graph: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  const add = (node: Record<string, unknown>) => {
    const id = node['@id'] as string;
    if (!seen.has(id)) {
      seen.add(id);
      graph.push(node);
    }
  };
  for (const dataset of corpus.datasets) {
    const mine = refs.filter((r) => r.dataset === dataset);
    if (mine.length === 0) continue;
    const { source } = dataset.doc;
    const article = sourceIri(source.id);
    const entityIri = (id: string) => `${article}:entity:${encodeURIComponent(id)}`;
    const topicIri = (id: string) => `${article}:topic:${encodeURIComponent(id)}`;
    const authorIri = `${article}:author`;
    add({
      '@id': article,
      '@type': 'NewsArticle',
      headline: source.title,
      author: { '@id': authorIri },
      inLanguage: source.inLanguage,
      ...(source.publisher
        ? { publisher: { '@type': 'Organization', name: source.publisher } }
        : {}),
      ...(source.datePublished ? { datePublished: source.datePublished } : {}),
      ...(source.url ? { url: source.url } : {}),
    });
    add({ '@id': authorIri, '@type': 'Person', name: source.author });
    for (const { claim } of mine) {
      const used = new Set([
        ...claim.actors,
        ...(claim.assertedBy === AUTHOR ? [] : [claim.assertedBy]),
      ]);
      for (const id of used) {
        const entity = dataset.entityById.get(id);
        if (!entity) continue;
        add({
          '@id': entityIri(id),
          '@type': SCHEMA_TYPES[entity.type] ?? 'Thing',
          name: entity.name,
          ...(entity.aliases.length > 0 ? { alternateName: entity.aliases } : {}),
          description: entity.description,
          ...(entity.sameAs.length > 0 ? { sameAs: entity.sameAs } : {}),
        });
      }
      for (const id of claim.topics) {
        const topic = dataset.topicById.get(id);
        if (!topic) continue;
        add({
          '@id': topicIri(id),
          '@type': 'DefinedTerm',
          name: topic.name,
          ...(topic.aliases.length > 0 ? { alternateName: topic.aliases } : {}),
          description: topic.description,
        });
      }
      add({
        '@id': `${article}:claim:${encodeURIComponent(claim.id)}`,
        '@type': 'Claim',
        identifier: claim.id,
        text: claim.text,
        author: { '@id': claim.assertedBy === AUTHOR ? authorIri : entityIri(claim.assertedBy) },
        appearance: { '@id': article },
        about: [
          ...claim.actors.map((id) => ({ '@id': entityIri(id) })),
          ...claim.topics.map((id) => ({ '@id': topicIri(id) })),
        ],
        citation: { '@type': 'Quotation', text: claim.quote.exact, isPartOf: { '@id': article } },
        ...(claim.when ? { temporalCoverage: claim.when.date } : {}),
      });
    }
  }
  return `${toJson({ '@context': 'https://schema.org', '@graph': graph }, 2)}\n`;
}
