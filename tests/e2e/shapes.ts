import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZERO_WIDTH } from '../../src/core/text/fold.js';

/**
 * Datasets of awkward shape, written to a temporary folder for the CLI to read:
 * - `chain`: e1 a member of root, e2 of e1, … e(n-1) of e(n-2); claim ci names and is
 *   asserted by ei (c0 by root).
 * - `lattice`: as `chain`, but from e3 on each entity is a member of the two before it.
 * - `crowd`: people p0 … p(n-1), one claim each, and one agreement whose parties are all.
 * - `throng`: people p0 … p(n-1); claim c0 names them all, c1 names p0 and p1.
 */
export type Shape = 'chain' | 'lattice' | 'crowd' | 'throng';

const codePoints = (s: string) => [...s].length;

export function writeShape(shape: Shape, n: number): string {
  const dir = mkdtempSync(join(tmpdir(), `armru-${shape}-`));
  let text = `Shape ${shape}\n\n`;
  const sentence = (s: string) => {
    const start = codePoints(text);
    text += `${s} `;
    return { exact: s, start, end: start + codePoints(s) };
  };
  const person = (id: string, name: string, memberOf?: string | string[]) => ({
    id,
    type: 'Person',
    name,
    aliases: [],
    description: '',
    sameAs: [],
    ...(memberOf === undefined ? {} : { memberOf }),
  });
  const entities: object[] = [];
  const claims: object[] = [];
  const agreements: object[] = [];
  const claim = (i: number, who: string, quote: ReturnType<typeof sentence>) => ({
    id: `c${i}`,
    text: `Claim ${i}.`,
    quote,
    kind: 'statement',
    assertedBy: who,
    cue: 'said',
    hedged: false,
    actors: [who],
    topics: ['t'],
  });
  if (shape === 'crowd') {
    for (let i = 0; i < n; i++) entities.push(person(`p${i}`, `Party ${i}`));
    for (let i = 0; i < n; i++) claims.push(claim(i, `p${i}`, sentence(`Party ${i} said yes.`)));
    agreements.push({
      id: 'pact',
      name: 'Crowd pact',
      kind: 'agreement',
      parties: entities.map((e) => (e as { id: string }).id),
      status: 'signed',
      claims: ['c0'],
    });
  } else if (shape === 'throng') {
    for (let i = 0; i < n; i++) entities.push(person(`p${i}`, `Party ${i}`));
    claims.push({
      ...claim(0, 'author', sentence('Everyone was there.')),
      actors: entities.map((e) => (e as { id: string }).id),
    });
    claims.push({ ...claim(1, 'p0', sentence('Party 0 met Party 1.')), actors: ['p0', 'p1'] });
  } else {
    entities.push({ ...person('root', 'Rootland'), type: 'Country' });
    for (let i = 1; i < n; i++) {
      const up =
        i === 1 ? 'root' : shape === 'chain' || i === 2 ? `e${i - 1}` : [`e${i - 1}`, `e${i - 2}`];
      entities.push(person(`e${i}`, `Member ${i}`, up));
    }
    for (let i = 0; i < n; i++) {
      claims.push(claim(i, i === 0 ? 'root' : `e${i}`, sentence(`Member ${i} said so.`)));
    }
  }
  const name = `${shape}-${n}`;
  writeFileSync(join(dir, `${name}.txt`), text);
  const doc = {
    schemaVersion: 1,
    source: {
      id: name,
      type: 'NewsArticle',
      title: `Shape ${name}`,
      author: 'Nobody',
      publisher: null,
      datePublished: null,
      inLanguage: 'en',
      textFile: `${name}.txt`,
      textSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      offsetUnit: 'codepoint',
    },
    entities,
    topics: [{ id: 't', name: 'Things', aliases: [], description: '' }],
    claims,
    agreements,
    relations: [],
  };
  const file = join(dir, `${name}.claims.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

/** A dataset whose claim texts and entity names hide invisible characters inside "ABC". */
export function writeInvisible(folder: string): string {
  const cp = (s: string) => [...s].length;
  let text = 'Invisible\n\n';
  const claims: object[] = [];
  const entities: object[] = [];
  const sentence = (s: string) => {
    const start = cp(text);
    text += `${s} `;
    return { exact: s, start, end: start + cp(s) };
  };
  [...ZERO_WIDTH].forEach((z, i) => {
    entities.push({
      id: `e${i}`,
      type: 'Person',
      name: `Per${z}son ${i}`,
      aliases: [],
      description: '',
      sameAs: [],
    });
    // Beside an astral letter and a combining mark, which must stay whole around it.
    const words = i % 2 === 0 ? `A${z}B${z}C \u{10400}${z}x\u0301` : `x A${z}B${z}C`;
    claims.push({
      id: `c${i}`,
      text: `Claim ${i} names ${words}.`,
      quote: sentence(`Sentence ${i}.`),
      kind: 'statement',
      assertedBy: 'author',
      hedged: false,
      actors: [`e${i}`],
      topics: ['t'],
    });
  });
  claims.push({
    id: 'plain',
    text: 'A claim with ABC in plain letters.',
    quote: sentence('Plain sentence.'),
    kind: 'event',
    assertedBy: 'author',
    hedged: false,
    actors: [],
    topics: ['t'],
  });
  writeFileSync(join(folder, 'invisible.txt'), text);
  const doc = {
    schemaVersion: 1,
    source: {
      id: 'invisible',
      type: 'NewsArticle',
      title: 'Invisible',
      author: 'Nobody',
      publisher: null,
      datePublished: null,
      inLanguage: 'en',
      textFile: 'invisible.txt',
      textSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      offsetUnit: 'codepoint',
    },
    entities,
    topics: [{ id: 't', name: 'Things', aliases: [], description: '' }],
    claims,
    agreements: [],
    relations: [],
  };
  const out = join(folder, 'invisible.claims.json');
  writeFileSync(out, JSON.stringify(doc));
  return out;
}

/**
 * A dataset whose quotes start or end inside a grapheme cluster of the article: between the
 * two regional indicators of a flag, and before a combining mark. They are the article's code
 * points at their offsets, so the dataset is valid; `validate` warns about them.
 */
export function writeCutQuotes(folder: string): string {
  const text = 'Flags \u{1f1e6}\u{1f1f2}\u{1f1f7}\u{1f1fa} meet. Cafe\u0301 opens.';
  const points = [...text];
  const quote = (start: number, end: number) => ({
    exact: points.slice(start, end).join(''),
    start,
    end,
  });
  const at = (s: string) => [...text.slice(0, text.indexOf(s))].length;
  const claim = (id: string, q: ReturnType<typeof quote>) => ({
    id,
    text: `Claim ${id}.`,
    quote: q,
    kind: 'event',
    assertedBy: 'author',
    hedged: false,
    actors: [],
    topics: ['t'],
  });
  writeFileSync(join(folder, 'cut.txt'), text);
  const doc = {
    schemaVersion: 1,
    source: {
      id: 'cut',
      type: 'NewsArticle',
      title: 'Cut',
      author: 'Nobody',
      publisher: null,
      datePublished: null,
      inLanguage: 'en',
      textFile: 'cut.txt',
      textSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      offsetUnit: 'codepoint',
    },
    entities: [],
    topics: [{ id: 't', name: 'Things', aliases: [], description: '' }],
    claims: [
      // From the second indicator of the first flag to the end of the sentence.
      claim('c1', quote(at('\u{1f1f2}'), at(' meet') + 6)),
      // The whole sentence: no warning.
      claim('c2', quote(0, at(' meet') + 6)),
      // "Cafe" without the accent that follows it.
      claim('c3', quote(at('Cafe'), at('\u0301'))),
    ],
    agreements: [],
    relations: [],
  };
  const out = join(folder, 'cut.claims.json');
  writeFileSync(out, JSON.stringify(doc));
  return out;
}
