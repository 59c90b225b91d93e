import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
