import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/core/dataset/files.js';
import type { DatasetDocument } from '../../src/core/model/types.js';
import { evaluate } from '../../src/draft/evaluate.js';
import {
  type DraftOptions,
  draftDataset,
  findDates,
  findHedge,
  readLayout,
  splitSentences,
} from '../../src/draft/index.js';

const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));
const draft = (text: string, options: Partial<DraftOptions> = {}) =>
  draftDataset(text, { fallbackTitle: 'test', ...options }).doc;
const entity = (doc: DatasetDocument, id: string) => doc.entities.find((e) => e.id === id);

describe('sentence splitting', () => {
  it('keeps abbreviations, initials and decimals inside a sentence', () => {
    expect(
      sentences('Dr. J. R. Smith paid $3.5 million to Acme Corp. on Jan. 5 at 3 p.m. He left.'),
    ).toEqual(['Dr. J. R. Smith paid $3.5 million to Acme Corp. on Jan. 5 at 3 p.m.', 'He left.']);
  });

  it('ends a sentence after an acronym only when a sentence opener follows', () => {
    expect(sentences('The U.S. Treasury paid. Aid went to the U.S. The talks ended.')).toEqual([
      'The U.S. Treasury paid.',
      'Aid went to the U.S.',
      'The talks ended.',
    ]);
  });

  it('ends a quotation that ends a sentence inside its closing mark', () => {
    expect(sentences('The mayor said: “The plan is dead.” Officials told reporters.')).toEqual([
      'The mayor said: “The plan is dead.”',
      'Officials told reporters.',
    ]);
  });

  it('keeps a quotation that runs over a sentence boundary in one sentence', () => {
    expect(sentences('“Never. Not this year,” she said. He left.')).toEqual([
      '“Never. Not this year,” she said.',
      'He left.',
    ]);
    expect(sentences('"It is sound. We checked," said Ann. Then rain fell.')).toEqual([
      '"It is sound. We checked," said Ann.',
      'Then rain fell.',
    ]);
  });

  it('splits a paragraph whose quotation goes on in the next one', () => {
    expect(
      sentences(
        '“We will rebuild. The money is there. The plans are drawn.\n\n“We start in June,” he said.',
      ),
    ).toEqual([
      '“We will rebuild.',
      'The money is there.',
      'The plans are drawn.',
      '“We start in June,” he said.',
    ]);
  });

  it('does not end a sentence before a lower-case attribution', () => {
    expect(sentences('“It works!” cried Ann. Nobody answered.')).toEqual([
      '“It works!” cried Ann.',
      'Nobody answered.',
    ]);
  });

  it('ends one at a blank line, and takes text without an ending as one sentence', () => {
    expect(sentences('A heading without a stop\r\n\r\nThe body starts here. It ends')).toEqual([
      'A heading without a stop',
      'The body starts here.',
      'It ends',
    ]);
  });

  it('splits right-to-left text, whose letters have no case', () => {
    expect(sentences('ראש העיר אמר כי התוכנית בוטלה. היא עזבה.')).toEqual([
      'ראש העיר אמר כי התוכנית בוטלה.',
      'היא עזבה.',
    ]);
    expect(sentences('هذا نص عربي؟ نعم.')).toEqual(['هذا نص عربي؟', 'نعم.']);
  });
});

describe('headline and byline', () => {
  it('reads the first line as the headline and a "By" line as the byline', () => {
    const text = 'Dam Vote Delayed\n\nBy Priya N. Halvorsen\n\nThe council met.';
    const layout = readLayout(text);
    expect(layout.title?.text).toBe('Dam Vote Delayed');
    expect(layout.byline?.name).toBe('Priya N. Halvorsen');
    expect(text.slice(layout.bodyStart).trim()).toBe('The council met.');
  });

  it('takes no headline from a text that is one paragraph, or whose first line is a sentence', () => {
    expect(readLayout('The council met. It voted.').title).toBeUndefined();
    expect(readLayout('The council met on Monday.\nIt voted.').title).toBeUndefined();
  });
});

describe('hedges', () => {
  it('finds the hedge words of the dataset rule', () => {
    for (const [text, word] of [
      ['Russia seems to have accepted it.', 'seems'],
      ['It appears to work.', 'appears'],
      ['The plant may close.', 'may'],
      ['He reportedly left.', 'reportedly'],
      ['The vote will likely return.', 'likely'],
      ['The apparent uncertainty remains.', 'apparent'],
    ])
      expect(findHedge(text as string), text).toBe(word);
  });

  it('leaves attribution, conditionals, a court appearance and the month alone', () => {
    for (const text of [
      'According to the Courier, the plan failed.',
      'The memorandum would not provide access.',
      'He appeared in court on Monday.',
      'The vote was held in May.',
    ])
      expect(findHedge(text), text).toBeUndefined();
  });
});

describe('dates', () => {
  const text =
    'The minister said last week that talks would resume in June. By next year the plant will close. He spoke on March 3rd, 2024, and in 2018, on October 29th and yesterday; 1500 soldiers came.';

  it('resolves relative dates against the publication date', () => {
    expect(findDates(text, '2024-05-15').map((d) => [d.text, d.date])).toEqual([
      ['last week', '2024-05-06/2024-05-12'],
      ['June', '2024-06'],
      ['next year', '2025'],
      ['March 3rd, 2024', '2024-03-03'],
      ['2018', '2018'],
      ['October 29th', '2024-10-29'],
      ['yesterday', '2024-05-14'],
    ]);
  });

  it('takes a length of time for no date, and a point in time for one', () => {
    const spans =
      'He has fished here for 30 years. The public may comment for 30 days, within two weeks, over the next five years, for the past three years. It closes in 30 days; it opened 30 years ago, last week.';
    expect(findDates(spans, '2025-02-11').map((d) => [d.text, d.date])).toEqual([
      ['in 30 days', '2025-03-13'],
      ['30 years ago', '1995'],
      ['last week', '2025-02-03/2025-02-09'],
    ]);
  });

  it('without a publication date resolves only dates that carry their year', () => {
    expect(findDates(text).map((d) => [d.text, d.date])).toEqual([
      ['last week', undefined],
      ['June', undefined],
      ['next year', undefined],
      ['March 3rd, 2024', '2024-03-03'],
      ['2018', '2018'],
      ['October 29th', undefined],
      ['yesterday', undefined],
    ]);
  });
});

describe('entities and attribution', () => {
  it('strips a title from a name, and resolves the surname and "the ministry" later', () => {
    const doc = draft(
      'Armenian Defense Minister Davit Tonoyan met officials of the Russian Defense Ministry. Tonoyan said the ministry had agreed.',
    );
    expect(entity(doc, 'davit-tonoyan')).toMatchObject({
      type: 'Person',
      name: 'Davit Tonoyan',
      aliases: ['Tonoyan'],
      description: 'Named in the article as "Davit Tonoyan" (Armenian Defense Minister).',
      review: 'draft',
    });
    expect(entity(doc, 'armenia')).toMatchObject({ type: 'Country', aliases: ['Armenian'] });
    expect(entity(doc, 'russian-defense-ministry')).toMatchObject({
      type: 'Government',
      aliases: ['the ministry'],
    });
    expect(doc.claims[1]).toMatchObject({
      kind: 'statement',
      assertedBy: 'davit-tonoyan',
      cue: 'said',
      actors: ['davit-tonoyan', 'russian-defense-ministry'],
    });
  });

  it('attributes a quotation followed by "X told reporters" to X, on the quoted words', () => {
    const doc = draft('“We will not rush a decision,” Mayor Jane Roe told reporters on Monday.');
    expect(doc.claims).toHaveLength(1);
    expect(doc.claims[0]).toMatchObject({
      text: 'We will not rush a decision',
      kind: 'quote',
      assertedBy: 'jane-roe',
      cue: 'told reporters',
    });
  });

  it('gives a quotation with no speaker of its own to the paragraph’s speaker', () => {
    const doc = draft(
      'Jane Roe said the dam was safe. “Every letter was answered. We had no money.”',
    );
    expect(doc.claims.map((c) => [c.kind, c.assertedBy])).toEqual([
      ['statement', 'jane-roe'],
      ['quote', 'jane-roe'],
    ]);
  });

  it('reads reports, denials, rejections and expectations', () => {
    const doc = draft(
      [
        'According to the Valley Courier, the repairs could cost 4.5 million euros.',
        'The regional utility, Northfield Water, denied that the dam was unsafe.',
        'Brenner rejected claims that the council had ignored warnings.',
        'A final decision is expected to come by next year.',
        'Residents may be asked to save water, officials said.',
      ].join(' '),
    );
    expect(doc.claims.map((c) => [c.kind, c.assertedBy, c.cue, c.hedged])).toEqual([
      ['report', 'valley-courier', 'According to', false],
      ['denial', 'northfield-water', 'denied', false],
      ['denial', 'brenner', 'rejected', false],
      ['assessment', 'author', 'is expected to', false],
      ['statement', 'officials', 'said', true],
    ]);
    expect(entity(doc, 'valley-courier')?.type).toBe('Media');
    expect(entity(doc, 'officials')?.type).toBe('Group');
  });

  it('tells the writer’s events, assessments and standing facts apart', () => {
    const doc = draft(
      'The council postponed the vote. The delay seems to have calmed tempers. The dam supplies water to two villages.',
    );
    expect(doc.claims.map((c) => [c.kind, c.assertedBy, c.hedged])).toEqual([
      ['event', 'author', false],
      ['assessment', 'author', true],
      ['background', 'author', false],
    ]);
  });
});

describe('a third invented article, written after the rules (tests/fixtures/draft/veltrix.txt)', () => {
  it('attributes its reported and quoted sentences and names its bodies', () => {
    const doc = draft(readFileSync('tests/fixtures/draft/veltrix.txt', 'utf8'), {
      published: '2024-06-12',
    });
    expect(doc.source).toMatchObject({
      title: 'Tech Firm Faces Scrutiny Over Data Breach',
      author: "Marcus O'Neill",
    });
    expect(doc.claims.map((c) => [c.kind, c.assertedBy, c.cue ?? null])).toEqual([
      ['event', 'author', null],
      ['statement', 'european-commission', 'said'],
      ['quote', 'hanna-lindqvist', 'said'],
      ['statement', 'hanna-lindqvist', 'added'],
      ['report', 'reuters', 'According to'],
      ['denial', 'veltrix-systems', 'denied'],
      ['event', 'author', null],
      ['statement', 'paul-mendes', 'told'],
      ['quote', 'paul-mendes', 'said'],
      ['quote', 'paul-mendes', null],
      ['assessment', 'author', 'is expected to'],
      ['statement', 'analysts', 'said'],
    ]);
    expect(doc.entities.map((e) => [e.name, e.type])).toEqual([
      ['Brussels', 'Place'],
      ['Veltrix Systems', 'Organization'],
      ['Europe', 'Place'],
      ['European Commission', 'Organization'],
      ['Hanna Lindqvist', 'Person'],
      ['Reuters', 'Media'],
      ['Paul Mendes', 'Person'],
      ['BBC', 'Media'],
      ['Analysts', 'Group'],
    ]);
    expect(doc.claims[0]?.when).toEqual({ date: '2024-06-11', text: 'on Tuesday', basis: 'text' });
  });
});

describe('a fourth invented article, with a dateline and straight quotes (solar.txt)', () => {
  it('attributes sentence-final "officials said", "Mr. Otieno said", "the minister" and "she"', () => {
    const doc = draft(readFileSync('tests/fixtures/draft/solar.txt', 'utf8'), {
      published: '2024-09-16',
    });
    expect(
      doc.claims.map((c) => [c.kind, c.assertedBy, c.cue ?? null, c.when?.date ?? null]),
    ).toEqual([
      ['statement', 'officials', 'said', '2024-09-13'],
      ['report', 'daily-nation', 'according to', null],
      ['statement', 'david-otieno', 'told', '2024-10'],
      ['quote', 'david-otieno', 'said', null],
      ['statement', 'david-otieno', 'added', '2027'],
      ['statement', 'amina-hassan', 'criticised', null],
      ['statement', 'amina-hassan', 'said', null],
      ['quote', 'amina-hassan', 'told reporters', '2024-09-09/2024-09-15'],
      ['denial', 'sunforge-energy-ltd', 'rejected', null],
      ['assessment', 'author', null, null],
      ['event', 'author', null, '2019'],
      ['background', 'author', null, null],
    ]);
    expect(entity(doc, 'nairobi')?.type).toBe('Place');
    expect(entity(doc, 'sunforge-energy-ltd')?.aliases).toEqual(['Sunforge']);
    expect(entity(doc, 'david-otieno')?.aliases).toEqual(['Otieno']);
  });
});

describe('the draft as a dataset', () => {
  it('anchors every claim by code points, past characters outside the BMP', () => {
    const text =
      'Emoji 😀 News\n\n😀😀 The 𝒜 council met on Monday. “It is 𝔰𝔬𝔲𝔫𝔡 and safe,” said Ann Lee.';
    const doc = draft(text, { published: '2024-03-05' });
    const points = Array.from(text);
    for (const c of doc.claims)
      expect(points.slice(c.quote.start, c.quote.end).join('')).toBe(c.quote.exact);
    expect(doc.claims.map((c) => c.quote.exact)).toEqual([
      '😀😀 The 𝒜 council met on Monday.',
      'It is 𝔰𝔬𝔲𝔫𝔡 and safe',
    ]);
    expect(doc.claims[0]?.when).toEqual({ date: '2024-03-04', text: 'on Monday', basis: 'text' });
    expect(() => checkDataset(doc, 'draft.claims.json')).not.toThrow();
  });

  it('takes title and author from flags over the text, and embeds the text without a file', () => {
    const text = 'Old Title\n\nBy Ann Lee\n\nThe council met.';
    const doc = draft(text, { title: 'New Title', author: 'Bo Yu', url: 'https://example.org/a' });
    expect(doc.source).toMatchObject({
      id: 'new-title',
      title: 'New Title',
      author: 'Bo Yu',
      url: 'https://example.org/a',
      text,
      datePublished: null,
    });
    expect(doc.claims).toHaveLength(1);
  });
});

describe('measured against the gold datasets (npm run eval:draft)', () => {
  const measure = (gold: string, text: string) => {
    const doc = JSON.parse(readFileSync(gold, 'utf8')) as DatasetDocument;
    const published = doc.source.datePublished ?? undefined;
    const result = draftDataset(text, {
      fallbackTitle: 'x',
      ...(published ? { published } : {}),
    });
    const bodyStart = Array.from(text.slice(0, readLayout(text).bodyStart)).length;
    return evaluate(doc, result.doc, text, bodyStart);
  };

  it('meets the issue’s targets on the invented test article', () => {
    const e = measure(
      'tests/fixtures/draft/aldermoor.gold.claims.json',
      readFileSync('tests/fixtures/draft/aldermoor.txt', 'utf8'),
    );
    expect(e.covered.hit).toBe(e.covered.of);
    expect(e.attribution.hit / e.attribution.of).toBeGreaterThanOrEqual(5 / 6);
    expect(e.entities.hit / e.entities.of).toBeGreaterThanOrEqual(0.8);
    expect(e.dates.hit).toBe(e.dates.of);
    expect(e.hedgeRecall.hit).toBe(e.hedgeRecall.of);
    expect(e.hedgePrecision.hit).toBe(e.hedgePrecision.of);
  });

  it('attributes the built-in article’s reported and quoted claims', () => {
    const e = measure('data/claims.json', readFileSync('data/article.txt', 'utf8'));
    // Two gold claims added by the fact-checker's review have no draft counterpart: c36, the
    // headline's thesis, lies before the body the draft reads, and c38 (that Pashinyan spoke
    // to Kommersant) rests on the attribution clause rather than on the quoted words.
    expect(e.covered.hit).toBe(e.covered.of - 2);
    expect(e.attributed.filter((a) => !a.right)).toEqual([]);
    expect(e.attributed.map((a) => a.gold)).toEqual([
      'Sergey Shoygu',
      'Kommersant',
      "CivilNet's sources in Armenia's Government",
      'Nikol Pashinyan',
      'Nikol Pashinyan',
    ]);
    expect(e.entities.hit / e.entities.of).toBeGreaterThanOrEqual(0.8);
  });
});
