// Deterministic generator of long plain-text news articles for `armru draft`, for benchmarks:
//
//   node bench/article.mjs BYTES OUT_FILE [SEED]
//
// The text reads like a long run of wire stories: a headline, a byline, then paragraphs in
// which new people, companies, councils and outlets keep appearing (a few hundred distinct
// names per 100 kB), are named again by surname or short form, speak, deny and are quoted.
// That is the case whose cost grows with names times text if any rule scans the whole text,
// or every entity, for each name.
import { writeFileSync } from 'node:fs';
import { random, SYLLABLES } from './corpus.mjs';

const ORG_SUFFIX = ['Systems', 'Water', 'Holdings', 'Bank', 'Foundation', 'Institute', 'Partners'];
const MEDIA_SUFFIX = ['Courier', 'Gazette', 'Herald', 'Tribune'];
const TITLES = ['chief executive', 'spokeswoman', 'mayor', 'director', 'analyst'];
const PLACES = ['Gyumri', 'Lyon', 'Bergen', 'Tartu', 'Porto', 'Graz', 'Turku'];

/** The article, about `bytes` long (UTF-8), the same for the same seed. */
export function article(bytes, seed = 1) {
  const rnd = random(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const word = (n) => cap(Array.from({ length: n }, () => pick(SYLLABLES)).join(''));
  const parts = ['Council Weighs Contracts After Months of Dispute', '', 'By Mira Tal', ''];
  let size = parts.join('\n').length;
  let n = 0;
  while (size < bytes) {
    n++;
    const person = `${word(2)} ${word(3)}`;
    const surname = person.split(' ')[1];
    const org = `${word(2)} ${pick(ORG_SUFFIX)}`;
    const media = `${word(2)} ${pick(MEDIA_SUFFIX)}`;
    const place = pick(PLACES);
    const para = [
      `${person}, the ${pick(TITLES)} of ${org}, said on Tuesday that the contract in ${place} would be reviewed.`,
      `According to the ${media}, the review may cost ${(n % 90) + 10} million euros.`,
      `“We have nothing to hide and every document is public,” ${surname} told reporters.`,
      `${org.split(' ')[0]} denied that it had been given the contract without a tender.`,
      `The company reportedly hired ${word(2)} ${word(2)} as an adviser in ${2000 + (n % 24)}.`,
    ].join(' ');
    parts.push(para, '');
    size += para.length + 1;
  }
  return parts.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [bytes, file, seed] = process.argv.slice(2);
  if (!bytes || !file) throw new Error('usage: node bench/article.mjs BYTES OUT_FILE [SEED]');
  writeFileSync(file, article(Number(bytes), Number(seed ?? 1)));
}
