import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { codePointIndex, occurrences, occurrencesOfAll } from '../../src/core/dataset/fix.js';
import { checkSchema } from '../../src/core/dataset/schema.js';
import { checkDate, sha256, verifyDocument } from '../../src/core/dataset/verify.js';
import type { Dataset } from '../../src/core/model/types.js';
import { loadDataset } from '../../src/core/store/load.js';
import { ROOT } from '../helpers.js';

// SHA-256 of the article as delivered ("Armenia and Russia Enhance Defense Cooperation").
const ARTICLE_SHA256 = '0a5331979c1c8c67a0ea9fb1325465a6f2626b8faaa9ca8b0a41bba430618804';

/** The article's body sentences: after the byline, paragraph by paragraph. */
function bodySentences(text: string): { start: number; end: number; text: string }[] {
  const cps = Array.from(text);
  const body = text.indexOf('\n\n', text.indexOf('By Emilio Luciano Cricchio'));
  const out: { start: number; end: number; text: string }[] = [];
  const re = /[^\s][\s\S]*?(?:[.!?][”"]?(?=\s|$)|(?=\n\n)|$)/g;
  re.lastIndex = body;
  for (let m = re.exec(text); m !== null && m[0] !== ''; m = re.exec(text)) {
    const start = Array.from(text.slice(0, m.index)).length;
    out.push({ start, end: start + Array.from(m[0]).length, text: m[0] });
  }
  expect(cps.length).toBeGreaterThan(0);
  return out;
}

describe('the built-in dataset', () => {
  let ds: Dataset;
  beforeAll(async () => {
    ds = await loadDataset();
  });

  it('carries the article byte for byte', () => {
    const bytes = readFileSync(`${ROOT}/data/article.txt`);
    expect(sha256(bytes.toString('utf8'))).toBe(ARTICLE_SHA256);
    expect(ds.doc.source.textSha256).toBe(ARTICLE_SHA256);
    expect(ds.doc.source.offsetUnit).toBe('codepoint');
  });

  it('anchors every claim to the exact article words at its code-point offsets', () => {
    const cps = Array.from(ds.text);
    for (const claim of ds.doc.claims) {
      expect(cps.slice(claim.quote.start, claim.quote.end).join(''), claim.id).toBe(
        claim.quote.exact,
      );
    }
  });

  it('passes every integrity check: unique ids, resolving references, matching hash', () => {
    expect(verifyDocument(ds.doc, ds.text)).toEqual([]);
  });

  it('covers each of the 19 body sentences with at least one claim', () => {
    const sentences = bodySentences(ds.text);
    expect(sentences).toHaveLength(19);
    const uncovered = sentences.filter(
      (s) => !ds.doc.claims.some((c) => c.quote.start < s.end && c.quote.end > s.start),
    );
    expect(uncovered.map((s) => s.text)).toEqual([]);
  });

  it('splits the visit sentence into talks with Tonoyan, talks with Pashinyan and the base visit', () => {
    const sentence = bodySentences(ds.text).find((s) => s.text.startsWith('The visit included'));
    expect(sentence).toBeDefined();
    const inside = ds.doc.claims.filter(
      (c) => sentence && c.quote.start >= sentence.start && c.quote.end <= sentence.end,
    );
    expect(
      inside.map((c) => c.actors.filter((a) => ['tonoyan', 'pashinyan', 'base-102'].includes(a))),
    ).toEqual([['tonoyan'], ['pashinyan'], ['base-102']]);
  });

  it('keeps claims in article order; ids never change, later claims take the next number', () => {
    const starts = ds.doc.claims.map((c) => c.quote.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    // The first edition's c01..c35 keep their ids (people cite them); claims added by the
    // review's corrections are c36 onwards, placed where their words are.
    const ids = ds.doc.claims.map((c) => c.id);
    expect(ids.filter((id) => id <= 'c35')).toEqual(
      Array.from({ length: 35 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`),
    );
    expect([...ids].sort()).toEqual(ids.map((_, i) => `c${String(i + 1).padStart(2, '0')}`));
  });

  it('attributes as the text does', () => {
    const by = (words: string) => {
      const claim = ds.doc.claims.find((c) => c.quote.exact.includes(words));
      if (!claim) throw new Error(`no claim quotes "${words}"`);
      return claim;
    };
    expect(by('Russia is also working on gaining access')).toMatchObject({
      assertedBy: 'kommersant',
      kind: 'report',
    });
    // "would not provide" is conditional modality, not a hedge; "According to" is attribution.
    expect(by('would not provide any access')).toMatchObject({
      assertedBy: 'civilnet-gov-sources',
      kind: 'denial',
      hedged: false,
    });
    expect(by('Russia is also working on gaining access')).toMatchObject({ hedged: false });
    expect(by('will be doubled')).toMatchObject({
      assertedBy: 'shoygu',
      kind: 'statement',
      cue: 'announced',
    });
    expect(by('make a choice between Europe and Russia')).toMatchObject({
      assertedBy: 'pashinyan',
      kind: 'quote',
    });
    expect(by('integral part of European civilization')).toMatchObject({
      assertedBy: 'pashinyan',
      kind: 'quote',
    });
    for (const claim of ds.doc.claims.filter((c) => /seems to/.test(c.quote.exact))) {
      expect(claim, claim.id).toMatchObject({ assertedBy: 'author', hedged: true });
    }
  });

  it('flags hedged exactly the claims whose words signal uncertainty', () => {
    // The hedge rule of the schema and README: seems, appears, apparent(ly), reportedly,
    // allegedly, may, might, likely. The claim's own proposition must carry the word.
    const hedge = /\b(seems?|appears?|apparent(ly)?|reportedly|allegedly|may|might|likely)\b/;
    const byRule = ds.doc.claims
      .filter((c) => hedge.test(c.quote.exact) && !/committed to military/.test(c.quote.exact))
      .map((c) => c.id);
    expect(ds.doc.claims.filter((c) => c.hedged).map((c) => c.id)).toEqual(byRule);
  });

  it('records the CivilNet sources as qualifying the Kommersant report, and says why', () => {
    const report = ds.doc.claims.find((c) => c.assertedBy === 'kommersant' && c.kind === 'report');
    const denial = ds.doc.claims.find((c) => c.assertedBy === 'civilnet-gov-sources');
    const relation = ds.doc.relations.find((r) => r.from === denial?.id && r.to === report?.id);
    expect(relation?.type).toBe('qualifies');
    expect(relation?.note).toMatch(/never says who the third party is/);
    expect(denial?.actors).not.toContain('russia');
  });

  it('builds the membership chain from ministers up to their countries', () => {
    const up = (id: string): string[] => {
      const m = ds.entityById.get(id)?.memberOf;
      const first = Array.isArray(m) ? m[0] : m;
      return first ? [id, ...up(first)] : [id];
    };
    expect(up('shoygu')).toEqual([
      'shoygu',
      'russian-defense-ministry',
      'russian-government',
      'russia',
    ]);
    expect(up('tonoyan')).toEqual([
      'tonoyan',
      'armenian-defense-ministry',
      'armenian-government',
      'armenia',
    ]);
    expect(up('base-102').at(-1)).toBe('russia');
    expect(up('khachaturov')).toEqual(['khachaturov', 'csto']);
    // Membership is not nationality: the Russian daily is not part of the Russian state.
    expect(ds.entityById.get('kommersant')?.memberOf).toBeUndefined();
  });

  it('lists the agreements the issue names, each evidenced by claims', () => {
    const kinds = ds.doc.agreements.map((a) => `${a.kind}:${a.status}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'agreement:signed',
        'memorandum:negotiating',
        'basing:in-force',
        'deployment:in-force',
        'membership:in-force',
      ]),
    );
    expect(
      ds.doc.agreements.filter((a) => a.kind === 'membership').flatMap((a) => a.parties),
    ).toEqual(expect.arrayContaining(['csto', 'eaeu']));
  });

  it('dates only with a basis, and gives a source for every outside date', () => {
    const dated = [...ds.doc.claims, ...ds.doc.agreements].filter((x) => x.when);
    expect(dated.length).toBeGreaterThan(0);
    for (const item of dated) {
      if (item.when?.basis !== 'text') expect(item.when?.source, item.id).toMatch(/^https:\/\//);
      else expect(ds.text, item.id).toContain(item.when.text);
    }
    const visit = ds.doc.claims.find((c) =>
      c.quote.exact.includes('visited Armenia on October 29th'),
    );
    expect(visit?.when).toMatchObject({
      date: '2019-10-29',
      basis: 'context',
      text: 'October 29th',
    });
  });

  it('lists the spellings readers type as aliases', () => {
    const aliases = (id: string) => {
      const e = ds.entityById.get(id);
      return [e?.name, ...(e?.aliases ?? [])];
    };
    expect(aliases('shoygu')).toEqual(expect.arrayContaining(['Shoigu', 'Sergei Shoigu']));
    expect(aliases('pashinyan')).toEqual(expect.arrayContaining(['Pashinian']));
    expect(aliases('csto')).toEqual(
      expect.arrayContaining(['CSTO', 'Collective Security Treaty Organization']),
    );
    expect(aliases('eaeu')).toEqual(expect.arrayContaining(['EAEU', 'EEU']));
    // Metonyms for the Russian state belong to the state, so they reach all its members.
    expect(aliases('russia')).toEqual(expect.arrayContaining(['the Kremlin', 'Moscow']));
    // Offices and compounds are not names.
    expect(aliases('khachaturov')).not.toContain('CSTO Secretary General');
    expect(aliases('united-states')).not.toContain('US-built');
    expect(aliases('gyumri')).toEqual(
      expect.arrayContaining(['Leninakan', 'Kumayri', 'Alexandropol']),
    );
  });
});

describe('checkDate', () => {
  it('accepts exactly the days of the calendar, in every form', () => {
    const real = (y: number, m: number, d: number) => {
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    };
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    for (const y of [1900, 1996, 2000, 2019, 2024, 2100]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const day = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          const ok = m >= 1 && m <= 12 && real(y, m, d);
          expect(checkDate(day) === undefined, day).toBe(ok);
          // The same day as the end of an interval that starts at the year's beginning.
          expect(checkDate(`${pad(y, 4)}/${day}`) === undefined, `${y}/${day}`).toBe(ok);
        }
      }
    }
    expect(checkDate('2019-02-29')).toBe(
      '"2019-02-29" has day 29, but 2019-02 has 28 days; expected a real calendar date',
    );
    expect(checkDate('2019-13-01')).toBe(
      '"2019-13-01" has month 13; expected a month from 01 to 12',
    );
    expect(checkDate('2019-05-01/2019-04-30')).toBe(
      '"2019-05-01/2019-04-30" ends before it starts; expected an interval START/END in that order',
    );
  });
});

describe('occurrences (validate --fix)', () => {
  it('gives every place a quote occurs as code points, as counting the text before it does', () => {
    const piece = fc.constantFrom('a', 'b', 'ab', ' ', 'é', '😀', '\u{10400}');
    const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
    const needle = fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, needle, (t, q) => {
        const expected: number[] = [];
        for (let at = t.indexOf(q); at !== -1; at = t.indexOf(q, at + 1))
          expected.push(Array.from(t.slice(0, at)).length);
        expect(occurrences(t, q)).toEqual(expected);
        expect(occurrences(t, q, codePointIndex(t))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('finds many quotes at once, short and long, as indexOf finds each', () => {
    const piece = fc.constantFrom('a', 'b', 'ab', ' ', 'é', '😀', '\u{10400}', 'said ');
    const text = fc.array(piece, { maxLength: 80 }).map((p) => p.join(''));
    const needle = fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.array(needle, { maxLength: 12 }), (t, qs) => {
        const index = codePointIndex(t);
        const found = occurrencesOfAll(t, qs, index);
        for (const q of qs) {
          const expected: number[] = [];
          for (let at = t.indexOf(q); at !== -1; at = t.indexOf(q, at + 1))
            expected.push(index[at] as number);
          expect(found.get(q), q).toEqual(expected);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads the text once for 2,000 quotes, not once a quote', () => {
    const sentences = Array.from({ length: 2000 }, (_, i) => `Sentence number ${i} is here.`);
    const text = sentences.join(' ');
    const indexOf = vi.spyOn(String.prototype, 'indexOf');
    const found = occurrencesOfAll(text, sentences);
    const scans = indexOf.mock.calls.length;
    indexOf.mockRestore();
    expect(scans).toBe(0);
    expect(found.get('Sentence number 7 is here.')).toEqual([text.indexOf('Sentence number 7 ')]);
    expect([...found.values()].every((at) => at.length === 1)).toBe(true);
  });
});

describe('schema problems in words', () => {
  it('says how many items, characters or what number was expected, not what ajv says', () => {
    const doc = JSON.parse(readFileSync(`${ROOT}/tests/fixtures/mini/claims.json`, 'utf8'));
    doc.claims[0].topics = [];
    doc.claims[1].text = '';
    doc.claims[1].quote.start = -1;
    doc.entities[0].sameAs = ['not an address'];
    expect(checkSchema(doc)).toEqual([
      { path: '$.entities[0].sameAs[0]', message: 'expected a uri (JSON Schema format "uri")' },
      { path: '$.claims[0].topics', message: 'expected at least 1 item' },
      { path: '$.claims[1].text', message: 'expected at least 1 character' },
      { path: '$.claims[1].quote.start', message: 'expected a number at least 0' },
    ]);
  });
});
