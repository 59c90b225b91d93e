import { sha256Hasher } from './hash.js';
import { jsonPath } from './json-path.js';
import { type DatasetDocument, type Entity, parentIds } from './types.js';

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
    report(`the article text's SHA-256 is ${hash}, not the one recorded`, 'source', 'textSha256');
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

  const codePoints = Array.from(text);
  doc.claims.forEach((claim, i) => {
    if (claim.assertedBy !== AUTHOR)
      ref(entityIds, 'entity', claim.assertedBy, 'claims', i, 'assertedBy');
    claim.actors.forEach((id, j) => ref(entityIds, 'entity', id, 'claims', i, 'actors', j));
    claim.topics.forEach((id, j) => ref(topicIds, 'topic', id, 'claims', i, 'topics', j));
    const problem = checkQuote(claim.quote, codePoints);
    if (problem) report(problem, 'claims', i, 'quote');
  });

  doc.agreements.forEach((agreement, i) => {
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

/** Why a quote does not sit at its offsets, or undefined when it does. */
export function checkQuote(
  quote: { exact: string; start: number; end: number },
  codePoints: string[],
): string | undefined {
  const { exact, start, end } = quote;
  if (end <= start) return `end (${end}) must be greater than start (${start})`;
  if (end > codePoints.length) {
    return `end (${end}) is past the end of the article (${codePoints.length} code points)`;
  }
  const found = codePoints.slice(start, end).join('');
  if (found === exact) return undefined;
  const text = codePoints.join('');
  const at = text.indexOf(exact);
  let elsewhere = 'the quoted words do not occur in the article';
  if (at !== -1) {
    const from = Array.from(text.slice(0, at)).length;
    elsewhere = `the quoted words occur at ${from}..${from + Array.from(exact).length}`;
  }
  return `quote.exact is not the article's text at ${start}..${end} (found ${JSON.stringify(clip(found))}); ${elsewhere}`;
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
