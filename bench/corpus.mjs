// Deterministic generator of realistic armru datasets, for benchmarks and large-input tests.
//
//   node bench/corpus.mjs COUNT OUT_DIR [SEED] [varied|topical]
//
// writes OUT_DIR/synthetic-COUNT.claims.json (topical-COUNT.claims.json) and its article text. Each claim quotes one
// sentence of a long synthetic article; names come with transliteration variants as aliases,
// claims are asserted by several outlets and sources, and texts mix ASCII with diacritics and
// typographic punctuation, as real articles do.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same corpus. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Syllables from consonant + vowel (+ final consonant): some hundreds, so that generated names
// are as distinct from one another as real ones, rather than sharing most of their letters.
export const SYLLABLES = [
  'b',
  'd',
  'g',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'z',
  'ch',
  'sh',
  'kh',
  'ts',
  'gh',
].flatMap((c) =>
  ['a', 'e', 'i', 'o', 'u', 'y'].flatMap((v) =>
    ['', 'n', 'r', 'l', 'k', 's'].map((f) => `${c}${v}${f}`),
  ),
);
const FIRST = [
  'Davit',
  'Nikol',
  'Sergey',
  'Robert',
  'Yuri',
  'Anna',
  'Lilit',
  'Mariam',
  'Artur',
  'Zara',
  'Gor',
  'Ruben',
  'Elena',
  'Tigran',
  'Ani',
  'Hayk',
  'Irina',
  'Pavel',
  'Sona',
  'Aram',
];
const PLACES = [
  'Gyumri',
  'Yerevan',
  'Vanadzor',
  'Dilijan',
  'Sevan',
  'Goris',
  'Kapan',
  'Ijevan',
  'Meghri',
  'Artashat',
  'Abovyan',
  'Hrazdan',
  'Ararat',
  'Sisian',
  'Jermuk',
  'Tbilisi',
  'Moscow',
  'Rostov',
  'Sochi',
  'Kazan',
];
const OUTLETS = [
  'Kommersant',
  'CivilNet',
  'Azatutyun',
  'Armenpress',
  'TASS',
  'Interfax',
  'news.am',
  'Hetq',
  'EVN Report',
  'RFE/RL',
];
const TOPICS = [
  'defence cooperation',
  'military base',
  'biolabs',
  'border security',
  'CSTO',
  'Eurasian Economic Union',
  'revolution',
  'prosecutions',
  'humanitarian mission',
  'foreign policy',
  'energy',
  'gas prices',
  'railway',
  'trade',
  'migration',
  'elections',
  'courts',
  'media freedom',
  'peace talks',
  'water',
];
const VERBS = [
  'announced',
  'signed',
  'discussed',
  'rejected',
  'approved',
  'criticised',
  'welcomed',
  'postponed',
  'negotiated',
  'denied',
  'confirmed',
  'reviewed',
];
const OBJECTS = [
  'a memorandum on',
  'new agreements on',
  'a plan for',
  'the budget for',
  'a report about',
  'talks on',
  'a proposal on',
  'the deal on',
  'changes to',
  'a review of',
];
const HEDGES = ['seems to have', 'appears to have', 'reportedly'];
const KINDS = ['event', 'statement', 'quote', 'report', 'denial', 'assessment', 'background'];

const capital = (s) => s[0].toUpperCase() + s.slice(1);
const pick = (rand, list) => list[Math.floor(rand() * list.length)];

function surname(rand) {
  const n = 2 + Math.floor(rand() * 2);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(rand, SYLLABLES);
  return capital(s);
}

// Transliteration variants readers type: -yan/-ian, y/i, kh/h, with and without diacritics.
function variants(name) {
  const out = new Set([
    name.replace(/yan\b/, 'ian'),
    name.replace(/y/g, 'i'),
    name.replace(/kh/gi, 'h'),
    name.replace(/a/, 'á'),
  ]);
  out.delete(name);
  return [...out];
}

/**
 * Builds a dataset document and its article text with `count` claims.
 *
 * `shape` 'varied' (the default): like a general archive, most names occur in a handful of
 * claims; people and places grow with the corpus, outlets and topics stay few and common.
 * 'topical': like an archive on one subject, six leaders each occur in about 12% of claims,
 * while some 13,000 other entities per 100,000 claims occur a few times each; claims carry
 * dates, relations link one claim in ten to an earlier one, and agreements cite claims.
 */
export function generateCorpus(count, seed = 1, shape = 'varied') {
  const rand = random(seed);
  const topical = shape === 'topical';
  const LEADERS = 6;
  const people = topical
    ? Math.max(20, Math.floor(count * 0.115))
    : Math.max(20, Math.min(100_000, Math.floor(count / 8)));
  const placeCount = Math.max(PLACES.length, Math.min(20_000, Math.floor(count / 100)));
  const places = [...PLACES];
  while (places.length < placeCount)
    places.push(
      capital(
        `${pick(rand, SYLLABLES)}${pick(rand, SYLLABLES)}${pick(rand, ['ri', 'an', 'sk', 'ovo', 'shen', 'dzor', 'ak'])}`,
      ),
    );
  const entities = [];
  for (let i = 0; i < people; i++) {
    const first =
      rand() < 0.5
        ? pick(rand, FIRST)
        : capital(`${pick(rand, SYLLABLES)}${pick(rand, SYLLABLES)}`);
    const name = `${first} ${surname(rand)}`;
    const last = name.split(' ')[1];
    entities.push({
      id: `p${i}`,
      type: 'Person',
      name,
      aliases: [last, ...variants(name), ...variants(last)].slice(0, 5),
      description: `A person named in the synthetic corpus (${i}).`,
      sameAs: [],
    });
  }
  places.forEach((place, i) => {
    entities.push({
      id: `place${i}`,
      type: 'Place',
      name: place,
      aliases: variants(place),
      description: `The city of ${place}.`,
      sameAs: [],
    });
  });
  OUTLETS.forEach((outlet, i) => {
    entities.push({
      id: `outlet${i}`,
      type: 'Media',
      name: outlet,
      aliases: [`${outlet} daily`],
      description: `The outlet ${outlet}.`,
      sameAs: [],
    });
  });
  const topics = TOPICS.map((name, i) => ({
    id: `t${i}`,
    name: capital(name),
    aliases: [name, `${name} policy`],
    description: `Claims about ${name}.`,
  }));

  const parts = [
    'Synthetic Corpus of Regional Reporting',
    '\n\n',
    'By the armru benchmark generator',
    '\n\n',
  ];
  let offset = Array.from(parts.join('')).length;
  const claims = [];
  const relations = [];
  const agreements = [];
  for (let i = 0; i < count; i++) {
    // Topical: a leader (entities 0-5) in about 72% of claims, some 12% each.
    const actor = topical
      ? rand() < 0.72
        ? entities[Math.floor(rand() * LEADERS)]
        : entities[LEADERS + Math.floor(rand() * (people - LEADERS))]
      : entities[Math.floor(rand() * people)];
    const other = topical
      ? entities[LEADERS + Math.floor(rand() * (people - LEADERS))]
      : entities[Math.floor(rand() * people)];
    const placeIndex = Math.floor(rand() * places.length);
    const outletIndex = Math.floor(rand() * OUTLETS.length);
    const topicIndex = Math.floor(rand() * TOPICS.length);
    const verb = pick(rand, VERBS);
    const object = pick(rand, OBJECTS);
    const hedge = rand() < 0.15 ? pick(rand, HEDGES) : '';
    const day = 1 + Math.floor(rand() * 28);
    const sentence =
      rand() < 0.5
        ? `According to ${OUTLETS[outletIndex]}, ${actor.name} ${hedge ? `${hedge} ` : ''}${verb} ${object} ${TOPICS[topicIndex]} with ${other.name} in ${places[placeIndex]} on March ${day}.`
        : `${actor.name}’s office ${hedge ? `${hedge} ` : ''}${verb} ${object} ${TOPICS[topicIndex]} in ${places[placeIndex]}, a “${pick(rand, ['key', 'minor', 'delicate', 'overdue'])}” step for ${other.name}.`;
    const length = Array.from(sentence).length;
    const kind = pick(rand, KINDS);
    claims.push({
      id: `s${i + 1}`,
      text: `${actor.name} ${verb} ${object} ${TOPICS[topicIndex]} in ${places[placeIndex]}.`,
      quote: { exact: sentence, start: offset, end: offset + length },
      kind,
      assertedBy: rand() < 0.4 ? 'author' : `outlet${outletIndex}`,
      ...(rand() < 0.5 ? { cue: 'according to' } : {}),
      hedged: hedge !== '',
      actors: [...new Set([actor.id, other.id, `place${placeIndex}`])],
      topics: [`t${topicIndex}`],
      ...(topical
        ? {
            when: {
              date: `20${String(10 + Math.floor(rand() * 14))}-03-${String(day).padStart(2, '0')}`,
              text: `March ${day}`,
              basis: 'text',
            },
          }
        : {}),
    });
    if (topical && i > 0 && rand() < 0.1)
      relations.push({
        from: `s${i + 1}`,
        type: pick(rand, ['disputes', 'supports', 'qualifies', 'elaborates', 'follows']),
        to: `s${1 + Math.floor(rand() * i)}`,
      });
    if (topical && i % 200 === 199)
      agreements.push({
        id: `ag${agreements.length + 1}`,
        name: `Agreement ${agreements.length + 1} on ${TOPICS[topicIndex]}`,
        kind: 'agreement',
        parties: [actor.id, other.id],
        status: 'signed',
        claims: [`s${i + 1}`, `s${i}`],
      });
    parts.push(sentence);
    const separator = i % 6 === 5 ? '\n\n' : ' ';
    parts.push(separator);
    offset += length + separator.length;
  }
  const text = parts.join('');
  const doc = {
    schemaVersion: 1,
    source: {
      id: `${topical ? 'topical' : 'synthetic'}-${count}`,
      type: 'NewsArticle',
      title: 'Synthetic Corpus of Regional Reporting',
      author: 'the armru benchmark generator',
      publisher: null,
      datePublished: null,
      inLanguage: 'en',
      textFile: `${topical ? 'topical' : 'synthetic'}-${count}.txt`,
      textSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      offsetUnit: 'codepoint',
    },
    entities,
    topics,
    claims,
    agreements,
    relations,
  };
  return { doc, text };
}

/** Writes a generated corpus into `dir`; returns the dataset file's path. */
export function writeCorpus(count, dir, seed = 1, shape = 'varied') {
  const { doc, text } = generateCorpus(count, seed, shape);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, doc.source.textFile), text);
  const file = join(dir, `${shape === 'topical' ? 'topical' : 'synthetic'}-${count}.claims.json`);
  // One claim per line keeps the file readable and lets tools stream it.
  const body = doc.claims.map((c) => JSON.stringify(c)).join(',\n');
  const outline = JSON.stringify({ ...doc, claims: '\u0000claims' });
  writeFileSync(file, `${outline.replace('"\\u0000claims"', () => `[\n${body}\n]`)}\n`);
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, dir, seed, shape] = process.argv.slice(2);
  if (!count || !dir) {
    console.error('usage: node bench/corpus.mjs COUNT OUT_DIR [SEED] [varied|topical]');
    process.exit(2);
  }
  console.log(writeCorpus(Number(count), dir, Number(seed ?? 1), shape ?? 'varied'));
}
