import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDataset } from '../../src/core/dataset/files.js';
import type { DatasetDocument } from '../../src/core/model/types.js';
import { evaluate } from '../../src/draft/evaluate.js';
import {
  type DraftOptions,
  detectLanguage,
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
      ['May the talks resume soon.', 'May'],
    ])
      expect(findHedge(text as string), text).toBe(word);
  });

  it('leaves attribution, conditionals, a court appearance, the month and a name alone', () => {
    for (const text of [
      'According to the Courier, the plan failed.',
      'The memorandum would not provide access.',
      'He appeared in court on Monday.',
      'The vote was held in May.',
      'May Berg, the mayor, said the budget was balanced.',
      'May 2019 was wet.',
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

const rows = (doc: DatasetDocument) => doc.claims.map((c) => [c.kind, c.assertedBy, c.cue ?? null]);
const names = (doc: DatasetDocument) => doc.entities.map((e) => [e.name, e.type]);
const firstClaim = (text: string) => draft(text, { published: '2024-03-13' }).claims[0];

describe('datelines', () => {
  it('reads the dateline forms wire stories use, and only at the start of the body', () => {
    const at = (text: string) => {
      const d = readLayout(text).dateline;
      return d && [text.slice(d.span.start, d.span.end), text.slice(d.place.start, d.place.end)];
    };
    expect(at('OSLO, March 3 — The port closed.')).toEqual(['OSLO, March 3 — ', 'OSLO']);
    expect(at('WASHINGTON (Reuters) - The bill passed.')).toEqual([
      'WASHINGTON (Reuters) - ',
      'WASHINGTON',
    ]);
    expect(at('Paris, 5 March: The strike ended.')).toEqual(['Paris, 5 March: ', 'Paris']);
    expect(at('LYON, France (AP) — Rain fell.')).toEqual(['LYON, France (AP) — ', 'LYON']);
    expect(at('NEW YORK — Shares fell.')).toEqual(['NEW YORK — ', 'NEW YORK']);
    // A name written like any word needs a date or an agency to be a dateline.
    expect(at('Tomas Brenner — the council leader — said no.')).toBeUndefined();
    expect(at('Officials: the port is closed.')).toBeUndefined();
  });

  it('keeps the dateline out of the claim, its speaker and its date, and records its place', () => {
    const doc = draft(
      'Head\n\nBy Ann Lee\n\nOSLO, March 3 — The harbour board has delayed the new quay, officials said on Tuesday, citing costs.',
      { published: '2024-03-13' },
    );
    expect(
      doc.claims.map((c) => [c.quote.exact, c.assertedBy, c.cue, c.actors, c.when?.date]),
    ).toEqual([
      [
        'The harbour board has delayed the new quay, officials said on Tuesday, citing costs.',
        'officials',
        'said',
        ['officials'],
        '2024-03-12',
      ],
    ]);
    expect(names(doc)).toEqual([
      ['OSLO', 'Place'],
      ['officials', 'Group'],
    ]);
  });
});

describe('wire and press-release datelines', () => {
  const parts = (text: string) => {
    const d = readLayout(text).dateline;
    const at = (span: { start: number; end: number } | undefined) =>
      span && text.slice(span.start, span.end);
    return (
      d && { place: at(d.place), date: at(d.date?.span), iso: d.date?.iso, outlet: at(d.outlet) }
    );
  };

  it('reads place, date and outlet in the forms agencies and release services use', () => {
    expect(parts('BERLIN, May 3 (Reuters) - The ministry said exports fell.')).toEqual({
      place: 'BERLIN',
      date: 'May 3',
      iso: undefined,
      outlet: 'Reuters',
    });
    expect(
      parts('LONDON, Jan. 5, 2024 /PRNewswire/ -- Acme Holdings plc announced results.'),
    ).toEqual({
      place: 'LONDON',
      date: 'Jan. 5, 2024',
      iso: '2024-01-05',
      outlet: 'PRNewswire',
    });
    expect(
      parts('SAN JOSE, Calif., Sept. 30, 2023 /PRNewswire-FirstCall/ -- Orbex Inc. said.'),
    ).toEqual({
      place: 'SAN JOSE',
      date: 'Sept. 30, 2023',
      iso: '2023-09-30',
      outlet: 'PRNewswire-FirstCall',
    });
    expect(parts('AUSTIN, Texas--(BUSINESS WIRE)--Cedar Labs today announced a merger.')).toEqual({
      place: 'AUSTIN',
      date: undefined,
      iso: undefined,
      outlet: 'BUSINESS WIRE',
    });
    expect(parts('OSLO, 12 February 2024 (NTB) – The port reopened.')).toEqual({
      place: 'OSLO',
      date: '12 February 2024',
      iso: '2024-02-12',
      outlet: 'NTB',
    });
    expect(parts('Lyon, 5 mars 2024 (AFP) – Le maire a démissionné.')).toEqual({
      place: 'Lyon',
      date: '5 mars 2024',
      iso: '2024-03-05',
      outlet: 'AFP',
    });
    expect(parts('MÜNCHEN, 3. Mai 2024 (dpa) - Die Stadt hat entschieden.')).toMatchObject({
      date: '3. Mai 2024',
      iso: '2024-05-03',
      outlet: 'dpa',
    });
    expect(parts('MADRID, 7 de marzo de 2024 (EFE) - El Gobierno aprobó el plan.')).toMatchObject({
      iso: '2024-03-07',
      outlet: 'EFE',
    });
    expect(parts('TORONTO, Feb 30, 2024 /CNW/ - Maple Corp. reported sales.')).toMatchObject({
      date: 'Feb 30, 2024',
      iso: undefined,
    });
    // A name and a count is no dateline.
    expect(parts('Tomas Brenner, 45 years — the council leader — said no.')).toBeUndefined();
  });

  it('keeps a press release’s dateline out of every claim, and dates the story by it', () => {
    const text = [
      'Orbex Reports Record Quarter',
      '',
      'SAN JOSE, Calif., Sept. 30, 2023 /PRNewswire/ -- Orbex Inc. said on Thursday that its sales rose by a third, and the company expects more growth next year.',
      '',
      'The results were published today.',
    ].join('\n');
    const result = draftDataset(text, { fallbackTitle: 'x' });
    const { doc } = result;
    expect(doc.claims.map((c) => [c.quote.exact.slice(0, 22), c.assertedBy, c.when?.date])).toEqual(
      [
        ['Orbex Inc. said on Thu', 'orbex-inc', '2023-09-28'],
        ['The results were publi', 'author', '2023-09-30'],
      ],
    );
    expect(result.publishedFrom).toBe('dateline');
    expect(doc.source.datePublished).toBe('2023-09-30');
    expect(doc.entities.map((e) => [e.name, e.type])).toEqual([
      ['SAN JOSE', 'Place'],
      ['PRNewswire', 'Media'],
      ['Orbex Inc.', 'Organization'],
    ]);
    // No claim names the dateline's place or outlet: they filed the story, they are not in it.
    expect(doc.claims.flatMap((c) => c.actors)).not.toContain('prnewswire');
    // --published wins over the dateline.
    const flagged = draftDataset(text, { fallbackTitle: 'x', published: '2023-10-02' });
    expect([flagged.publishedFrom, flagged.doc.source.datePublished]).toEqual([
      'flag',
      '2023-10-02',
    ]);
  });

  it('reads a dateline on a line of its own, or with a full stop inside, as no claim', () => {
    const alone = draft(
      'Shares Rise\n\nFRANKFURT, May 3, 2024 (dpa) –\n\nThe index rose by two percent. Traders said demand was strong.',
    );
    expect(alone.claims.map((c) => c.quote.exact)).toEqual([
      'The index rose by two percent.',
      'Traders said demand was strong.',
    ]);
    const german = draft(
      'Stadion wird teurer\n\nBERLIN, 3. Mai 2024 (dpa) - Die Stadtverwaltung hat am Dienstag mitgeteilt, dass die Kosten für das Stadion gestiegen sind.',
    );
    expect(german.claims.map((c) => c.quote.exact)).toEqual([
      'Die Stadtverwaltung hat am Dienstag mitgeteilt, dass die Kosten für das Stadion gestiegen sind.',
    ]);
    expect(german.source.datePublished).toBe('2024-05-03');
    expect(german.entities.map((e) => [e.name, e.type])).toEqual([
      ['BERLIN', 'Place'],
      ['dpa', 'Media'],
    ]);
  });
});

describe('attribution set off by commas, and words that report no speech', () => {
  it('finds the subject of a reporting verb followed by a time and a comma or the sentence end', () => {
    expect(rows(draft('The mine will shut, workers said late on Friday, blaming prices.'))).toEqual(
      [['statement', 'workers', 'said']],
    );
    expect(
      rows(draft('The treasurer took the money, the prosecutor alleged on Monday at the trial.')),
    ).toEqual([['statement', 'the-prosecutor', 'alleged']]);
    // "said on Monday that …": the verb introduces what follows, its subject is the sentence's.
    expect(rows(draft('Anna Berg, the mayor, said on Monday that the mine will shut.'))).toEqual([
      ['statement', 'anna-berg', 'said'],
    ]);
  });

  it('gives the writer a sentence saying someone did not speak', () => {
    expect(rows(draft('The Northgate Agency declined to say how much it paid.'))).toEqual([
      ['event', 'author', null],
    ]);
    expect(rows(draft('The Northgate Agency did not say why.'))).toEqual([
      ['background', 'author', null],
    ]);
  });
});

describe('"according to" and subjects with a descriptor around the name', () => {
  it('gives the report to the outlet or body a descriptor introduces', () => {
    const speaker = (sentence: string) => {
      const c = firstClaim(sentence);
      return [c?.kind, c?.assertedBy];
    };
    expect(speaker('According to local newspaper Smålands-Posten, the plan costs more.')).toEqual([
      'report',
      'smalands-posten',
    ]);
    expect(speaker('According to the Qatari broadcaster Al-Jazeera, talks resumed.')).toEqual([
      'report',
      'al-jazeera',
    ]);
    expect(speaker('According to news agency Kyodo, the talks resumed.')).toEqual([
      'report',
      'kyodo',
    ]);
    expect(speaker("According to Le Monde's website, the talks resumed.")).toEqual([
      'report',
      'le-monde',
    ]);
    expect(speaker('According to figures from Statistics Norway, prices rose.')).toEqual([
      'report',
      'statistics-norway',
    ]);
    expect(speaker('The regional rail operator Nordbahn said the line would reopen.')).toEqual([
      'statement',
      'nordbahn',
    ]);
    expect(speaker('Its Danish supplier, Krogh Optik AG, said it would hire.')).toEqual([
      'statement',
      'krogh-optik-ag',
    ]);
    // The possessive still names whose sources speak, not who speaks.
    expect(speaker('According to Kyodo’s sources in the ministry, talks resumed.')).toEqual([
      'report',
      'kyodos-sources-in-the-ministry',
    ]);
  });
});

describe('entities: words inside names, adjectives, short forms, appositions', () => {
  it('does not make a demonym inside a longer name its own entity unless the place is named alone', () => {
    expect(names(draft('The European Commission opened an inquiry.'))).toEqual([
      ['European Commission', 'Organization'],
    ]);
    expect(draft('The Armenian Government met. Armenia agreed.').claims[0]?.actors).toEqual([
      'armenia',
      'armenian-government',
    ]);
  });

  it('reads an adjective before a common noun as no entity', () => {
    expect(names(draft('The inquiry covers Nordic ports and Baltic shipyards.'))).toEqual([]);
  });

  it('reads a hyphenated name whole, and a hyphenated pair of demonyms as two places', () => {
    expect(
      names(
        draft('The paper Göteborgs-Posten met Jean-Luc Moreau on the Turkish-Armenian border.'),
      ),
    ).toEqual([
      ['Göteborgs-Posten', 'Media'],
      ['Jean-Luc Moreau', 'Person'],
      ['Turkey', 'Country'],
      ['Armenia', 'Country'],
    ]);
  });

  it('links a later short form to the body named in full before', () => {
    const doc = draft(
      'The Harbour Port Authority met the Northern Commission. The Commission declined to comment. The Authority and the Port Authority did too.',
    );
    expect(names(doc)).toEqual([
      ['Harbour Port Authority', 'Organization'],
      ['Northern Commission', 'Organization'],
    ]);
    expect(doc.entities.map((e) => e.aliases)).toEqual([
      ['Authority', 'Port Authority'],
      ['Commission'],
    ]);
    expect(doc.claims.map((c) => c.actors)).toEqual([
      ['harbour-port-authority', 'northern-commission'],
      ['northern-commission'],
      ['harbour-port-authority'],
    ]);
  });

  it('types a name by the apposition that introduces or follows it', () => {
    expect(
      names(
        draft(
          'Critics included the environmental group Clean Coast and Blue Harbour, a campaign group, as well as the daily Morning Star and the city of Lyon.',
        ),
      ),
    ).toEqual([
      ['Clean Coast', 'Organization'],
      ['Blue Harbour', 'Organization'],
      ['Morning Star', 'Media'],
      ['Lyon', 'Place'],
    ]);
    // A possessive after the noun is not an apposition: "Ines Okafor, the utility’s engineer".
    expect(names(draft('Ines Okafor, the utility’s engineer, spoke.'))).toEqual([
      ['Ines Okafor', 'Person'],
    ]);
  });

  it('reads company suffixes, foreign articles and a place of two words after "in"', () => {
    expect(
      names(draft('Keller Optik AG rose in New York. Le Monde reported it. El Sol Group sued.')),
    ).toEqual([
      ['Keller Optik AG', 'Organization'],
      ['New York', 'Place'],
      ['Le Monde', 'Media'],
      ['El Sol Group', 'Organization'],
    ]);
  });

  it('spells ids in ASCII for letters without a decomposition', () => {
    expect(draft('Jürgen Weiß and Søren Ærø spoke.').entities.map((e) => e.id)).toEqual([
      'jurgen-weiss',
      'soren-aero',
    ]);
  });
});

describe('speakers of quotations and of subjects with an apposition', () => {
  it('reads a speaker with a title after an inverted verb', () => {
    expect(
      rows(draft('“The roads are closed,” said Dr. Ingrid Sommer, who runs the clinic.')),
    ).toEqual([['quote', 'ingrid-sommer', 'said']]);
  });

  it('gives a quotation without a verb to the person the sentence opens with', () => {
    expect(
      rows(
        draft(
          'According to Reuters, costs rose. Anna Berg has described the plan as “painful but fair.”',
        ),
      ),
    ).toEqual([
      ['report', 'reuters', 'According to'],
      ['quote', 'anna-berg', null],
    ]);
  });

  it('reads "X disagreed, saying …" as X speaking, and "said in a statement it would" as no parenthesis', () => {
    expect(rows(draft('Councillor Raúl Medina disagreed, saying the rent was too low.'))).toEqual([
      ['statement', 'raul-medina', 'saying'],
    ]);
    expect(
      rows(draft("The club's owner, Grupo Almendra S.L., said in a statement it would invest.")),
    ).toEqual([['statement', 'grupo-almendra-s-l', 'said']]);
  });

  it('keeps the subject before "including …"', () => {
    expect(
      rows(draft('Critics, including the union Unite, warned that waits would grow.')),
    ).toEqual([['statement', 'critics', 'warned']]);
  });
});

describe('dates that are not dates', () => {
  it('reads a weekday alone as the last such day unless the sentence looks ahead', () => {
    const dates = (t: string) => findDates(t, '2024-03-13').map((d) => d.date);
    expect(dates('The board met on Friday.')).toEqual(['2024-03-08']);
    expect(dates('Clinics will close, the ministry said on Friday.')).toEqual(['2024-03-08']);
    expect(dates('The talks will resume on Friday.')).toEqual(['2024-03-15']);
    expect(dates('The vote is on Monday.')).toEqual(['2024-03-18']);
    expect(dates('She spoke on Wednesday.')).toEqual(['2024-03-13']);
  });

  it('skips a length of time and a part of the day', () => {
    expect(findDates('The line was closed for ten days in 2021.', '2024-03-13')).toEqual([
      { text: '2021', start: 36, end: 40, date: '2021' },
    ]);
    expect(findDates('The Evening Gazette saw it in March.', '2024-03-13')).toEqual([
      { text: 'March', start: 30, end: 35, date: '2024-03' },
    ]);
    expect(findDates('It closed three days ago.', '2024-03-13').map((d) => d.date)).toEqual([
      '2024-03-10',
    ]);
  });
});

describe('four more invented articles of other styles (wire, court, business, French names)', () => {
  const load = (name: string) =>
    draft(readFileSync(`tests/fixtures/draft/${name}.txt`, 'utf8'), { published: '2024-03-13' });

  it('a wire story with an "(AP) —" dateline', () => {
    const doc = load('wire');
    expect(rows(doc)).toEqual([
      ['statement', 'police', 'said'],
      ['statement', 'tiroler-bahnen', 'said'],
      ['quote', 'lukas-brandstatter', 'said'],
      ['statement', 'lukas-brandstatter', 'said'],
      ['report', 'orf', 'According to'],
      ['statement', 'tiroler-bahnen', 'confirmed'],
      ['statement', 'transport-ministry', 'said'],
      ['background', 'author', null],
      ['report', 'der-standard', 'reported'],
    ]);
    expect(names(doc)).toEqual([
      ['INNSBRUCK', 'Place'],
      ['AP', 'Media'],
      ['police', 'Group'],
      ['Tiroler Bahnen', 'Organization'],
      ['Lukas Brandstätter', 'Person'],
      ['Austria', 'Country'],
      ['ORF', 'Media'],
      ['Transport Ministry', 'Government'],
      ['Vienna', 'Place'],
      ['Der Standard', 'Media'],
    ]);
    expect(doc.claims[0]?.quote.exact.startsWith('Heavy rain')).toBe(true);
    expect(doc.claims[4]?.when?.date).toBe('2021');
  });

  it('a health story with a "(dpa) –" dateline, "said Dr. …" and a quotation without a verb', () => {
    const doc = load('health');
    expect(
      doc.claims.map((c) => [c.kind, c.assertedBy, c.cue ?? null, c.when?.date ?? null]),
    ).toEqual([
      ['statement', 'the-state-health-ministry', 'said', '2024-03-08'],
      ['quote', 'ingrid-sommer', 'said', null],
      ['statement', 'the-state-health-ministry', 'said', null],
      ['statement', 'critics', 'warned', null],
      ['statement', 'klaus-petersen', 'told Reuters', '2024-03-07'],
      ['report', 'robert-koch-institute', 'According to', null],
      ['background', 'author', null, null],
      ['quote', 'sabine-roth', 'defended', null],
    ]);
    expect(names(doc)[0]).toEqual(['BERLIN', 'Place']);
  });

  it('a court report with "the prosecutor alleged"', () => {
    const doc = load('court');
    expect(rows(doc)).toEqual([
      ['statement', 'the-prosecutor', 'alleged'],
      ['background', 'author', null],
      ['statement', 'helen-marsh', 'told'],
      ['quote', 'helen-marsh', 'said'],
      ['statement', 'the-defence', 'argued'],
      ['statement', 'omar-siddiqui', 'said'],
      ['report', 'evening-gazette', 'According to'],
      ['statement', 'alan-pryce', 'warned'],
      ['background', 'author', null],
      ['event', 'author', null],
    ]);
    expect(entity(doc, 'evening-gazette')?.type).toBe('Media');
    expect(doc.claims[6]?.when?.date).toBe('2024-03');
  });

  it('a business story with quotations inside paragraphs and Inc./AG companies', () => {
    const doc = load('business');
    expect(rows(doc)).toEqual([
      ['report', 'halvorsen-semiconductor-inc', 'reported'],
      ['quote', 'greta-halvorsen', 'said'],
      ['quote', 'greta-halvorsen', 'said'],
      ['event', 'author', null],
      ['statement', 'analysts-at-the-investment-bank-brightwater-part', 'said'],
      ['statement', 'keller-optik-ag', 'said'],
      ['quote', 'jurgen-weiss', 'said'],
      ['report', 'bloomberg-news', 'According to'],
      ['event', 'author', null],
    ]);
    expect(entity(doc, 'new-york')?.type).toBe('Place');
    expect(entity(doc, 'keller-optik-ag')?.type).toBe('Organization');
  });

  it('a story with French names and accents and a "Paris, 12 March:" dateline', () => {
    const doc = load('french');
    expect(rows(doc)).toEqual([
      ['report', 'mediapart', 'according to'],
      ['denial', 'etienne-lefevre', 'rejected'],
      ['quote', 'etienne-lefevre', 'told France Info'],
      ['statement', 'lyon-ensemble', 'called'],
      ['quote', 'helene-guerin-roux', 'said'],
      ['statement', 'batiments-rhone-sarl', 'said'],
      ['event', 'author', null],
      ['report', 'le-monde', 'reported'],
    ]);
    expect(names(doc)).toEqual([
      ['Paris', 'Place'],
      ['Lyon', 'Place'],
      ['Mediapart', 'Media'],
      ['Étienne Lefèvre', 'Person'],
      ['France Info', 'Media'],
      ['Lyon Ensemble', 'Organization'],
      ['Hélène Guérin-Roux', 'Person'],
      ['Bâtiments Rhône SARL', 'Organization'],
      ['France', 'Country'],
      ['Le Monde', 'Media'],
    ]);
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

describe('many names', () => {
  // Invented names of three syllables: hundreds of people and companies, each named in full
  // and then by surname or first word, as a long run of wire stories does. First names,
  // surnames and companies open with syllables of their own, so that no two names share a word.
  const syllables = ['ba', 'den', 'kor', 'lu', 'mes', 'nir', 'pa', 'ros', 'tel', 'vu'];
  const word = (n: number, opening: string) =>
    `${opening}${syllables[n % 10]}${syllables[Math.floor(n / 10) % 10]}`;
  const person = (n: number) => `${word(n, 'Gi')} ${word(n, 'Sha')}`;
  const surname = (n: number) => word(n, 'Sha');
  const company = (n: number) => word(n, 'Zo');

  it('resolves every surname and short form to its own entity, however many came before', () => {
    const count = 600;
    const paragraphs = Array.from(
      { length: count },
      (_, n) =>
        `${person(n)}, the director of ${company(n)} Holdings, spoke on Monday. ${surname(n)} visited the plant in Tartu. ${company(n)} hired forty engineers.`,
    );
    const doc = draft(`Plants Reopen\n\n${paragraphs.join('\n\n')}`);
    expect(doc.claims).toHaveLength(3 * count);
    const names = new Map(doc.entities.map((e) => [e.id, e.name]));
    const name = (id: string) => names.get(id);
    for (let n = 0; n < count; n++) {
      const [, visited, hired] = doc.claims.slice(3 * n, 3 * n + 3);
      expect(visited?.actors.map(name)).toEqual([person(n), 'Tartu']);
      expect(hired?.actors.map(name)).toEqual([`${company(n)} Holdings`]);
    }
    expect(new Set(doc.entities.map((e) => e.id)).size).toBe(doc.entities.length);
  });

  it('numbers ids of names that slug alike in order', () => {
    // Names longer than an id: all cut to the same 48 letters.
    const long = 'Northern Regional Water And Sewerage Authority Of';
    const text = `Boards Merge\n\n${['Aldermoor', 'Brackwell', 'Carrow', 'Dunmere'].map((p) => `The ${long} ${p} met on Monday.`).join(' ')}`;
    expect(draft(text).entities.map((e) => e.id)).toEqual([
      'northern-regional-water-and-sewerage-authority-o',
      'northern-regional-water-and-sewerage-authority-o-2',
      'northern-regional-water-and-sewerage-authority-o-3',
      'northern-regional-water-and-sewerage-authority-o-4',
    ]);
  });
});

describe('language', () => {
  // One invented sentence or two per language, about the same made-up event.
  const samples: [string, string][] = [
    [
      'en',
      'The town council said on Tuesday that work on the new stadium would stop for three months.',
    ],
    [
      'fr',
      'Le conseil municipal a annoncé mardi que les travaux du nouveau stade seraient suspendus pendant trois mois.',
    ],
    [
      'de',
      'Der Stadtrat hat am Dienstag mitgeteilt, dass die Arbeiten am neuen Stadion für drei Monate ruhen werden.',
    ],
    [
      'es',
      'El ayuntamiento anunció el martes que las obras del nuevo estadio se suspenderán durante tres meses.',
    ],
    [
      'it',
      'Il consiglio comunale ha annunciato martedì che i lavori del nuovo stadio saranno sospesi per tre mesi.',
    ],
    [
      'pt',
      'A câmara municipal anunciou na terça-feira que as obras do novo estádio serão suspensas por três meses.',
    ],
    [
      'nl',
      'De gemeenteraad heeft dinsdag bekendgemaakt dat de bouw van het nieuwe stadion drie maanden wordt stilgelegd.',
    ],
    [
      'ru',
      'Городской совет объявил во вторник, что строительство нового стадиона будет приостановлено на три месяца.',
    ],
    [
      'uk',
      'Міська рада оголосила у вівторок, що будівництво нового стадіону буде призупинено на три місяці, а роботи вже зупинено.',
    ],
    [
      'hy',
      'Քաղաքային խորհուրդը երեքշաբթի հայտարարեց, որ նոր մարզադաշտի շինարարությունը կդադարեցվի երեք ամսով։',
    ],
    [
      'el',
      'Το δημοτικό συμβούλιο ανακοίνωσε την Τρίτη ότι οι εργασίες στο νέο γήπεδο θα σταματήσουν για τρεις μήνες.',
    ],
    ['ja', '市議会は火曜日、新しいスタジアムの工事を三か月間中断すると発表した。'],
    ['zh', '市议会周二宣布，新体育场的施工将暂停三个月。'],
    ['ko', '시의회는 화요일 새 경기장 공사를 3개월 동안 중단한다고 발표했다.'],
    // Languages it does not tell: their words are none of the lists', or too few of them.
    [
      'und',
      'Kommunfullmäktige meddelade på tisdagen att bygget av den nya arenan stoppas i tre månader.',
    ],
    [
      'und',
      'Rada miasta ogłosiła we wtorek, że budowa nowego stadionu zostanie wstrzymana na trzy miesiące.',
    ],
    [
      'und',
      'Kaupunginvaltuusto ilmoitti tiistaina, että uuden stadionin rakentaminen keskeytetään.',
    ],
    ['und', 'Fire in Gyumri.'],
    // A sentence with no function word of any list, in plain letters: English, for want of
    // anything against it; not so once its common words carry other letters (the Finnish above).
    ['en', 'Mara Quist allegedly called Ivo Sand a liar.'],
    ['und', '2024 — 12,000 — 4.5'],
  ];

  it('names the language of each sample, and und for one it does not know or cannot tell', () => {
    expect(samples.map(([, text]) => detectLanguage(text).code)).toEqual(samples.map(([c]) => c));
  });

  it('reads every English fixture as English, French names and places included', () => {
    for (const name of [
      'aldermoor',
      'business',
      'court',
      'french',
      'health',
      'solar',
      'veltrix',
      'wire',
    ]) {
      const text = readFileSync(`tests/fixtures/draft/${name}.txt`, 'utf8');
      expect([name, detectLanguage(text).code]).toEqual([name, 'en']);
      expect(draftDataset(text, { fallbackTitle: name }).skippedRules).toEqual([]);
    }
    // An English story that quotes a French sentence is still English.
    expect(
      detectLanguage(
        'The mayor of Lyon defended the contract. “Toutes les règles ont été respectées et les documents sont publics,” she told the council, which voted on Monday to open an inquiry into the award.',
      ).code,
    ).toBe('en');
  });

  it('drafts a French article without the English rules, and says which it skipped', () => {
    const text = readFileSync('tests/fixtures/draft/fr-littoral.txt', 'utf8');
    const result = draftDataset(text, { fallbackTitle: 'x' });
    const { doc } = result;
    expect(result.language).toBe('fr');
    expect(result.skippedRules).toEqual([
      'attribution (speakers and cues)',
      'claim kinds',
      'hedges',
      'names (entities and actors)',
      'dates in words',
    ]);
    expect(doc.source).toMatchObject({ inLanguage: 'fr', author: 'Julien Ferrand' });
    expect(doc.claims.map((c) => c.quote.exact.slice(0, 24))).toEqual([
      'La maire de Saint-Aubin-',
      'Selon le Courrier du Var',
      "« Nous n'avons jamais re",
      'Les pêcheurs du quartier',
      '« Si le port reste fermé',
      'La préfecture a ouvert u',
    ]);
    for (const c of doc.claims) {
      expect(c).toMatchObject({
        assertedBy: 'author',
        kind: 'background',
        hedged: false,
        actors: [],
      });
      expect(c.cue).toBeUndefined();
    }
    // "mardi" and "en septembre" are words chrono would not read right; a year is a year.
    expect(doc.claims.map((c) => c.when?.date)).toEqual([
      undefined,
      '2021',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // The dateline's place and outlet are kept, as in English; "La", "Courrier" and "Var" are
    // no entities.
    expect(doc.entities.map((e) => [e.type, e.name])).toEqual([
      ['Place', 'TOULON'],
      ['Media', 'AFP'],
    ]);
    expect(() => checkDataset(doc, 'fr.claims.json')).not.toThrow();
  });

  it('keeps German nouns, Russian and Armenian names out of the entities, and splits at the Armenian full stop', () => {
    const de = draft(
      'Stadion wird teurer\n\nVon Jana Roth\n\nDie Stadtverwaltung hat am Dienstag mitgeteilt, dass die Kosten für das Stadion gestiegen sind. Laut der Zeitung wurde der Vertrag 2019 ohne Ausschreibung vergeben.',
    );
    expect(de.source).toMatchObject({ inLanguage: 'de', author: 'Jana Roth' });
    expect(de.entities).toEqual([]);
    expect(de.claims.map((c) => c.when?.date)).toEqual([undefined, '2019']);
    const ru = draft(
      'Мэр Гюмри Анна Петросян заявила во вторник, что строительство стадиона будет приостановлено. По данным газеты, подрядчик, вероятно, получил контракт без конкурса.',
    );
    expect(ru.source.inLanguage).toBe('ru');
    expect(ru.entities).toEqual([]);
    expect(ru.claims.every((c) => c.assertedBy === 'author' && !c.hedged)).toBe(true);
    const hy = draft(
      'Գյումրիի քաղաքապետ Աննա Պետրոսյանը երեքշաբթի հայտարարեց, որ մարզադաշտի շինարարությունը կդադարեցվի։ Թերթի տվյալներով՝ կապալառուն պայմանագիրը ստացել է առանց մրցույթի։',
    );
    expect(hy.source.inLanguage).toBe('hy');
    expect(hy.entities).toEqual([]);
    expect(hy.claims.map((c) => c.quote.exact)).toEqual([
      'Գյումրիի քաղաքապետ Աննա Պետրոսյանը երեքշաբթի հայտարարեց, որ մարզադաշտի շինարարությունը կդադարեցվի։',
      'Թերթի տվյալներով՝ կապալառուն պայմանագիրը ստացել է առանց մրցույթի։',
    ]);
  });
});

describe('titles before a name', () => {
  const people = (sentence: string) =>
    draft(`Results Day\n\n${sentence}`).entities.map((e) => [e.type, e.name, e.description]);
  const described = (name: string, title: string) =>
    ['Person', name, `Named in the article as "${name}" (${title}).`] as const;

  it('types the person as a Person, with the title out of the name and in the description', () => {
    const cases: [string, string, string][] = [
      ['CFO Jens Berg said the company had enough cash.', 'Jens Berg', 'CFO'],
      ['Chief Executive Anna Holm said the results were good.', 'Anna Holm', 'Chief Executive'],
      ['Prosecutor Lena Ek said the evidence was strong.', 'Lena Ek', 'Prosecutor'],
      ['The deal was signed by COO Eva Strand on Monday.', 'Eva Strand', 'COO'],
      [
        'Defense Attorney Sara Lind argued that the evidence was weak.',
        'Sara Lind',
        'Defense Attorney',
      ],
      ['Coach Marco Rossi said the team had played well.', 'Marco Rossi', 'Coach'],
      ['Police Chief Omar Said said the road was closed.', 'Omar Said', 'Police Chief'],
      ['Vice-President Karin Nyberg resigned from the board.', 'Karin Nyberg', 'Vice-President'],
      ['Lawmaker Tomas Ruiz said the bill would pass.', 'Tomas Ruiz', 'Lawmaker'],
      ['Minister Fernando da Silva said the plan was fair.', 'Fernando da Silva', 'Minister'],
      [
        'Senior Vice President of Sales Jonas Wik said demand was strong.',
        'Jonas Wik',
        'Senior Vice President of Sales',
      ],
      [
        'Minister for Foreign Affairs Ararat Mirzoyan said the talks went well.',
        'Ararat Mirzoyan',
        'Minister for Foreign Affairs',
      ],
    ];
    for (const [sentence, name, title] of cases)
      expect([sentence, people(sentence)]).toEqual([sentence, [described(name, title)]]);
  });

  it('gives the speech to the person, and names the body after "of" on its own', () => {
    const doc = draft(
      'Results Day\n\nChief Executive Officer Anna Holm of Veltrix Systems said costs fell. Holm added that prices would hold.',
    );
    expect(doc.entities.map((e) => [e.type, e.name])).toEqual([
      ['Person', 'Anna Holm'],
      ['Organization', 'Veltrix Systems'],
    ]);
    expect(doc.claims.map((c) => [c.assertedBy, c.actors])).toEqual([
      ['anna-holm', ['anna-holm', 'veltrix-systems']],
      ['anna-holm', ['anna-holm']],
    ]);
  });

  it('leaves a title word that names a body, or a first name, alone', () => {
    expect(people('The Justice Ministry said the law was clear.')).toEqual([
      ['Government', 'Justice Ministry', 'Named in the article as "Justice Ministry".'],
    ]);
    expect(people('Coach Company said ticket sales rose.')).toEqual([
      ['Organization', 'Coach Company', 'Named in the article as "Coach Company".'],
    ]);
    expect(people('Dean Smith said the school would close.')).toEqual([
      ['Person', 'Dean Smith', 'Named in the article as "Dean Smith".'],
    ]);
  });
});

/** Each claim as [kind, assertedBy, cue, hedged]. */
const said = (doc: DatasetDocument) =>
  doc.claims.map((c) => [c.kind, c.assertedBy, c.cue ?? null, c.hedged]);

describe('passive and impersonal reports: hedged reports in the writer’s voice', () => {
  it('gives "it was reported that", "it is understood that" and their kin to the writer, hedged', () => {
    for (const [sentence, cue] of [
      ['It was reported that the Lorne smelter would close.', 'It was reported that'],
      ['It is understood that the board met twice in secret.', 'It is understood that'],
      ['It has been widely rumoured that Ivo Sand will quit.', 'It has been widely rumoured that'],
      ['It is believed the ferry left without lights.', 'It is believed'],
      ['It was also claimed that the vote had been rigged.', 'It was also claimed that'],
    ])
      expect(said(draft(sentence as string)), sentence).toEqual([['report', 'author', cue, true]]);
  });

  it('does not make the subject of "is said to", "was alleged to", "is believed to" a speaker', () => {
    for (const [sentence, cue] of [
      ['Ivo Sand is said to have left the firm in March.', 'is said to'],
      ['Ivo Sand was alleged to have taken 40,000 euros.', 'was alleged to'],
      ['The harbour master is believed to have resigned.', 'is believed to'],
      ['Officials at Lorne Port were thought to favour the sale.', 'were thought to'],
      ['The two brothers are reported to be in hiding.', 'are reported to'],
    ])
      expect(said(draft(sentence as string)), sentence).toEqual([['report', 'author', cue, true]]);
  });

  it('gives a passive report that names its source to that source, unhedged', () => {
    expect(said(draft('It was reported by the Harbour Gazette that the ferry leaked.'))).toEqual([
      ['report', 'harbour-gazette', 'reported by', false],
    ]);
  });

  it('leaves a passive that reports no words alone', () => {
    expect(said(draft('Ivo Sand was told to leave the building.'))).toEqual([
      ['event', 'author', null, false],
    ]);
    expect(findHedge('The ferry was said by Ivo Sand to leak.')).toBeUndefined();
    expect(findHedge('The plant was thought to leak.')).toBe('was thought to');
  });
});

describe('a hedge before a reporting verb hedges what was said', () => {
  it('hedges a quotation whose framing words carry the hedge, and keeps the hedge in the cue', () => {
    for (const [sentence, cue] of [
      ['Ivo Sand allegedly told staff: “The smelter will close in June.”', 'allegedly told'],
      ['“The smelter will close in June,” Ivo Sand reportedly told staff.', 'reportedly told'],
      ['“The smelter will close in June,” reportedly said Ivo Sand.', 'reportedly said'],
      ['Ivo Sand apparently warned: “Nobody will be paid this month.”', 'apparently warned'],
      [
        'Ivo Sand seems to have told reporters: “We are finished here.”',
        'seems to have told reporters',
      ],
      ['Ivo Sand may have said: “The smelter will close in June.”', 'may have said'],
    ])
      expect(said(draft(sentence as string)), sentence).toEqual([['quote', 'ivo-sand', cue, true]]);
  });

  it('reads "allegedly called X a liar" as speech, and "called a meeting" as none', () => {
    expect(said(draft('Mara Quist allegedly called Ivo Sand a liar.'))).toEqual([
      ['statement', 'mara-quist', 'allegedly called', true],
    ]);
    expect(said(draft('Mara Quist reportedly called the plan “a gift to the bankers”.'))).toEqual([
      ['quote', 'mara-quist', 'reportedly called', true],
    ]);
    for (const sentence of [
      'Mara Quist called a meeting for Monday.',
      'Mara Quist called the police at once.',
    ])
      expect(said(draft(sentence)).map((row) => row.slice(1))).toEqual([['author', null, false]]);
  });

  it('keeps the speaker of "is said to have told", hedged', () => {
    expect(
      said(draft('Ivo Sand is said to have told staff that the smelter would close.')),
    ).toEqual([['statement', 'ivo-sand', 'is said to have told', true]]);
  });

  it('leaves a plain reporting verb unhedged', () => {
    expect(said(draft('Ivo Sand told staff: “The smelter will close in June.”'))).toEqual([
      ['quote', 'ivo-sand', 'told', false],
    ]);
  });
});

/** Each claim as [kind, assertedBy, cue, the words it rests on]. */
const anchored = (doc: DatasetDocument) =>
  doc.claims.map((c) => [c.kind, c.assertedBy, c.cue ?? null, c.quote.exact]);

describe('indirect speech beside a quotation', () => {
  it('gives reported words with "said that", "said" and "according to" to the speaker', () => {
    for (const sentence of [
      'Lena Holt said that the mill would close.',
      'Lena Holt said the mill would close.',
      'According to Lena Holt, the mill will close.',
    ])
      expect(said(draft(sentence)).map((row) => row.slice(1, 2))[0], sentence).toEqual([
        'lena-holt',
      ]);
  });

  it('keeps the reported words of a sentence that also quotes, anchored on them', () => {
    expect(
      anchored(
        draft(
          'Lena Holt said that the mill would close, calling the sale “a betrayal of the valley”.',
        ),
      ),
    ).toEqual([
      ['statement', 'lena-holt', 'said', 'Lena Holt said that the mill would close'],
      ['quote', 'lena-holt', 'said', 'a betrayal of the valley'],
    ]);
    expect(
      anchored(
        draft(
          'Lena Holt told staff the mill would shut in May and added: “Nobody saw this coming.”',
        ),
      ),
    ).toEqual([
      ['statement', 'lena-holt', 'told', 'Lena Holt told staff the mill would shut in May'],
      ['quote', 'lena-holt', 'told', 'Nobody saw this coming.'],
    ]);
    expect(
      anchored(
        draft('“We ran out of cash,” Lena Holt said, adding that 300 jobs would go by June.'),
      ),
    ).toEqual([
      ['quote', 'lena-holt', 'said', 'We ran out of cash'],
      ['statement', 'lena-holt', 'adding', 'Lena Holt said, adding that 300 jobs would go by June'],
    ]);
    expect(
      anchored(
        draft('According to Lena Holt, the mill will close; “there is no buyer left,” she said.'),
      ),
    ).toEqual([
      ['report', 'lena-holt', 'According to', 'According to Lena Holt, the mill will close'],
      // The two reports are cut at the semicolon: the quotation has its own cue.
      ['quote', 'lena-holt', 'said', 'there is no buyer left'],
    ]);
    expect(
      anchored(
        draft(
          'Lena Holt denied that any money was missing and called the audit “a political stunt”.',
        ),
      ),
    ).toEqual([
      ['denial', 'lena-holt', 'denied', 'Lena Holt denied that any money was missing'],
      ['quote', 'lena-holt', 'denied', 'a political stunt'],
    ]);
  });

  it('adds no indirect claim where the quotation carries the reported words or none are reported', () => {
    for (const sentence of [
      'Lena Holt said the sale “was agreed long before the strike.”',
      '“The mill will close,” Lena Holt told reporters outside the gates.',
      '“The mill will close,” said Lena Holt, who chairs the board.',
      'Lena Holt said in a statement: “The mill will close in May.”',
      'Lena Holt said on Monday: “The mill will close in May.”',
    ])
      expect(
        said(draft(sentence)).map((row) => row[0]),
        sentence,
      ).toEqual(['quote']);
  });

  it('goes on past a quotation inside the reported words', () => {
    expect(
      anchored(
        draft('Lena Holt said the plan was “a gift to the bankers” and would fail by winter.'),
      ),
    ).toEqual([
      [
        'statement',
        'lena-holt',
        'said',
        'Lena Holt said the plan was “a gift to the bankers” and would fail by winter',
      ],
      ['quote', 'lena-holt', 'said', 'a gift to the bankers'],
    ]);
  });

  it('hedges the reported words with the quotation when the speech is hedged', () => {
    expect(
      said(
        draft(
          'Lena Holt allegedly told staff the mill would shut and added: “Keep quiet about it.”',
        ),
      ),
    ).toEqual([
      ['statement', 'lena-holt', 'allegedly told', true],
      ['quote', 'lena-holt', 'allegedly told', true],
    ]);
  });
});

describe('names in an aside after the subject do not speak', () => {
  it('gives the words to the subject, not to the person its aside names', () => {
    for (const [sentence, speaker] of [
      ['The defence, led by lawyer Mara Quist, said the evidence was thin.', 'the-defence'],
      [
        'The prosecution, headed by Ivo Sand, argued that the fraud was planned.',
        'the-prosecution',
      ],
      [
        'The family, represented by lawyer Mara Quist, told the court the boy was bullied.',
        'the-family',
      ],
      ['The residents, backed by Ivo Sand, warned that the road was unsafe.', 'the-residents'],
      [
        'The union, which represents Ivo Sand and 300 others, said the plant would close.',
        'the-union',
      ],
      ['The minister, speaking to Ivo Sand in Brussels, said the deal was close.', 'the-minister'],
      ['Tarn Foods Ltd, whose chairman is Ivo Sand, said profits fell.', 'tarn-foods-ltd'],
      [
        'Tarn Foods Ltd, whose chairman, Ivo Sand, is retiring, said profits fell.',
        'tarn-foods-ltd',
      ],
      [
        'Wexford College, where Ivo Sand teaches, said it would review the case.',
        'wexford-college',
      ],
      ['The road will reopen, the union, which represents Ivo Sand, said.', 'the-union'],
    ])
      expect(
        said(draft(sentence as string)).map((row) => row[1]),
        sentence,
      ).toEqual([speaker]);
  });

  it('still gives the words to a person the aside is about, or one named in apposition', () => {
    expect(said(draft('Ivo Sand, who chairs Tarn Foods Ltd, said profits fell.'))[0]?.[1]).toBe(
      'ivo-sand',
    );
    expect(
      said(draft('The mayor of Brightwater, Jane Roe, said the road would reopen.'))[0]?.[1],
    ).toBe('jane-roe');
    // A scene-setting opener with an aside: the subject comes after it.
    expect(
      said(
        draft('In Brightwater, where Ivo Sand lives, officials said the road would reopen.'),
      )[0]?.[1],
    ).toBe('officials');
  });
});

describe('a quotation after a colon belongs to the speaker before it', () => {
  it('attributes a colon quotation to an unnamed speaker described by a common noun', () => {
    for (const [sentence, speaker, cue] of [
      ['His wife told reporters: "He never came home that night."', 'his-wife', 'told reporters'],
      ['Her lawyer said: “My client denies every charge.”', 'her-lawyer', 'said'],
      ['A neighbour told the court: “I heard two shots at midnight.”', 'a-neighbour', 'told'],
      [
        'The boy’s mother told the Harbour Gazette: “He was a happy child.”',
        'the-boys-mother',
        'told',
      ],
      ['The ministry said in a statement: “The plant will close in June.”', 'the-ministry', 'said'],
      [
        'Tarn Foods Ltd said in a statement: “The plant will close in June.”',
        'tarn-foods-ltd',
        'said',
      ],
    ])
      expect(said(draft(sentence as string)), sentence).toEqual([['quote', speaker, cue, false]]);
  });

  it('gives indirect speech to such a speaker too, and keeps "the family" whole', () => {
    expect(said(draft('His widow said the company had ignored every warning.'))).toEqual([
      ['statement', 'his-widow', 'said', false],
    ]);
    expect(said(draft('The family said the plan failed.'))).toEqual([
      ['statement', 'the-family', 'said', false],
    ]);
  });

  it('finds no speaker in a document or a plan before the colon', () => {
    expect(said(draft('The plan said: “The plant will close in June.”')).map((r) => r[1])).toEqual([
      'author',
    ]);
  });
});

describe('Q/A interviews (tests/fixtures/draft/interview.txt, interview-headline.txt)', () => {
  const fixture = (name: string) => readFileSync(`tests/fixtures/draft/${name}`, 'utf8');

  it('gives the answers to the interviewee named in the introduction, and the questions to nobody', () => {
    const doc = draft(fixture('interview.txt'), { published: '2024-05-02' });
    expect(anchored(doc)).toEqual([
      [
        'event',
        'author',
        null,
        'Anna Berg, chief executive of Harrowgate Mills, spoke to the Valley Courier about the future of the Brackwater plant.',
      ],
      ['event', 'author', null, 'The interview has been edited for length.'],
      ['quote', 'anna-berg', null, 'No. We have orders until 2026 and we will keep every job.'],
      ['quote', 'anna-berg', null, 'They have been fair with us.'],
      ['quote', 'anna-berg', null, 'I expect a deal with them by June.'],
      [
        'quote',
        'anna-berg',
        null,
        'Kessel Group has promised to invest 40 million euros in the plant.',
      ],
      // An unlabelled paragraph after an answer goes on with it while a question follows.
      ['quote', 'anna-berg', null, 'The money will go into the dye works first.'],
      ['quote', 'anna-berg', null, 'That part of the plant is the oldest.'],
      ['quote', 'anna-berg', null, 'Then we find another partner.'],
      ['quote', 'anna-berg', null, 'Brackwater has survived worse.'],
      // After the last answer the writer speaks again.
      ['background', 'author', null, 'Harrowgate Mills employs 1,200 people in the valley.'],
    ]);
    // No label becomes an entity, and no question word is a claim.
    expect(doc.entities.map((e) => e.name)).not.toContain('Q');
    expect(doc.entities.map((e) => e.name)).not.toContain('Question');
    expect(doc.entities.map((e) => e.name)).not.toContain('Answer');
    expect(doc.claims.some((c) => /\?|Will the|Are they/.test(c.quote.exact))).toBe(false);
    expect(() => checkDataset(doc, 'interview.claims.json')).not.toThrow();
  });

  it('takes the interviewee from the headline past an "Interview:" label, with "Q." and "A." labels', () => {
    const doc = draft(fixture('interview-headline.txt'));
    expect(said(doc)).toEqual([
      ['background', 'author', null, false],
      ['event', 'author', null, false],
      ['quote', 'ivo-sand', null, false],
      ['quote', 'ivo-sand', null, false],
      ['quote', 'ivo-sand', null, true],
      ['quote', 'ivo-sand', null, false],
    ]);
    expect(doc.entities.map((e) => e.name)).not.toContain('Interview');
  });

  it('finds the interviewee after "an interview with", and falls back to a group', () => {
    const body = '\n\nQ: Is the bridge safe?\nA: It is safe for cars but not for lorries.';
    expect(
      said(
        draft(`The bridge\n\nIn an interview, engineer Ola Brekke answered our questions.${body}`),
      ),
    ).toEqual([
      ['event', 'author', null, false],
      ['quote', 'ola-brekke', null, false],
    ]);
    expect(said(draft(`The bridge\n\nWe put our questions to the engineer.${body}`))).toEqual([
      ['event', 'author', null, false],
      ['quote', 'the-interviewee', null, false],
    ]);
  });

  it('reads no interview without both a question label and an answer label', () => {
    expect(said(draft('A: the plant closed. Ola Brekke said the plant would reopen.'))).toEqual([
      ['event', 'author', null, false],
      ['statement', 'ola-brekke', 'said', false],
    ]);
  });
});

describe('who says what in a story written after these rules (tests/fixtures/draft/tannery.txt)', () => {
  it('keeps passive reports, hedged speech, asides, colon quotations and indirect speech apart', () => {
    const doc = draft(readFileSync('tests/fixtures/draft/tannery.txt', 'utf8'), {
      published: '2024-06-12',
    });
    expect(said(doc)).toEqual([
      ['event', 'author', null, false],
      ['report', 'author', 'It was reported that', true],
      ['report', 'author', 'is said to', true],
      ['quote', 'rafe-ostrander', 'allegedly told', true],
      ['quote', 'rafe-ostrander', 'reportedly called', true],
      ['statement', 'the-defence', 'said', false],
      ['statement', 'ines-mabry', 'said', false],
      ['quote', 'his-daughter', 'told reporters', false],
      // "whose secretary, Owen Tull, first reported the fish" is an aside: the club speaks.
      ['statement', 'lune-anglers', 'said', false],
      ['quote', 'lune-anglers', 'said', false],
      ['report', 'owen-tull', 'According to', false],
      ['report', 'author', 'It is understood that', true],
    ]);
    expect(doc.claims[8]?.quote.exact).toBe(
      "The Lune Anglers' Club, whose secretary, Owen Tull, first reported the fish, said that more than 400 had been counted",
    );
    expect(() => checkDataset(doc, 'tannery.claims.json')).not.toThrow();
  });
});

describe('more people by role, more companies by their last word', () => {
  it('gives a colon quote to a role named by a possessive ("His deputy told the council:")', () => {
    const cases: [string, string][] = [
      ['His deputy told the council: “Nobody asked us about the lease.”', 'His deputy'],
      ['Her assistant said: “The minister will not resign this week.”', 'Her assistant'],
      ['The organisers told reporters: “The march will go ahead on Sunday.”', 'The organisers'],
    ];
    for (const [sentence, speaker] of cases) {
      const doc = draft(sentence);
      const names = new Map(doc.entities.map((e) => [e.id, e]));
      expect(doc.claims.map((c) => [c.kind, names.get(c.assertedBy)?.name])).toEqual([
        ['quote', speaker],
      ]);
      expect(names.get(doc.claims[0]?.assertedBy ?? '')?.type).toBe('Group');
    }
  });

  it('types a business by the word that ends its name', () => {
    const doc = draft(
      'The port signed a lease with Brandt Shipping on Monday. Kessel Mining and Arbor Technologies bid too.',
    );
    expect(doc.entities.map((e) => [e.name, e.type])).toEqual([
      ['Brandt Shipping', 'Organization'],
      ['Kessel Mining', 'Organization'],
      ['Arbor Technologies', 'Organization'],
    ]);
  });
});

describe('two reports joined in one sentence, and surnames shaped like adjectives', () => {
  it('names a one-word surname in -yan or -ian before a verb of speech ("Pashinyan said")', () => {
    for (const [sentence, id] of [
      ['“We will sign it soon,” Pashinyan said.', 'pashinyan'],
      ['Kocharyan denied the charges on Monday.', 'kocharyan'],
      ['Sarkissian told reporters the vote would be close.', 'sarkissian'],
    ] as const) {
      const doc = draft(sentence);
      expect(
        doc.entities.map((e) => [e.id, e.type]),
        sentence,
      ).toContainEqual([id, 'Person']);
      expect(doc.claims[0]?.assertedBy, sentence).toBe(id);
    }
    // Other words of that shape, or before another verb, name no one (found by a second reader:
    // each made a speaker that took someone else's words).
    for (const sentence of [
      'Officials met Nordic port managers on Monday.',
      'The Chairman said the board would meet again in March.',
      'The Taliban said the fighters had withdrawn.',
      'Tehran denied the report on Tuesday.',
      'She won gold in Olympic speed skating.',
    ])
      expect(draft(sentence).entities, sentence).toEqual([]);
    // The writer's clause and the prosecutors' report are a claim each (see "a clause of the
    // writer's joined by …" below).
    expect(
      draft(
        'On Monday, Kocharyan appeared in court, and prosecutors said he had taken bribes.',
      ).claims.map((c) => c.assertedBy),
    ).toEqual(['author', 'prosecutors']);
  });

  it('gives each speaker of a sentence joined by "while", "whereas" or a semicolon their own words', () => {
    const cases: [string, (string | null)[][]][] = [
      [
        '“We will sign it soon,” Pashinyan said, while Lavrov said the text was not ready.',
        [
          ['quote', 'pashinyan', 'said', 'We will sign it soon'],
          ['statement', 'lavrov', 'said', 'Lavrov said the text was not ready.'],
        ],
      ],
      [
        'Lena Holt said the mill would close; the union said it would strike.',
        [
          ['statement', 'lena-holt', 'said', 'Lena Holt said the mill would close'],
          ['statement', 'the-union', 'said', 'the union said it would strike.'],
        ],
      ],
      [
        'The mayor said the talks went well, whereas officials in Harrow denied any deal was near.',
        [
          ['statement', 'the-mayor', 'said', 'The mayor said the talks went well'],
          [
            'denial',
            'officials-in-harrow',
            'denied',
            'officials in Harrow denied any deal was near.',
          ],
        ],
      ],
      [
        'According to the Courier, the plan failed; “It was doomed from the start,” Holt said.',
        [
          ['report', 'courier', 'According to', 'According to the Courier, the plan failed'],
          ['quote', 'holt', 'said', 'It was doomed from the start'],
        ],
      ],
    ];
    for (const [sentence, claims] of cases)
      expect(anchored(draft(sentence)), sentence).toEqual(claims);
    // Each part has its own date.
    const dated = draft(
      'Lena Holt said on 3 March 2025 that the mill would close, while Tom Lee said on 9 April 2025 that it would stay open.',
    );
    expect(dated.claims.map((c) => [c.assertedBy, c.when?.date])).toEqual([
      ['lena-holt', '2025-03-03'],
      ['tom-lee', '2025-04-09'],
    ]);
  });

  it('cuts at "; and" as at a semicolon', () => {
    expect(
      anchored(draft('The mayor said the plan was final; and the union said it would strike.')),
    ).toEqual([
      ['statement', 'the-mayor', 'said', 'The mayor said the plan was final'],
      ['statement', 'the-union', 'said', 'the union said it would strike.'],
    ]);
  });

  it('leaves one report whole where a cut would give words to the wrong source', () => {
    // Each of these was cut by a first version of the rule (found by a second reader).
    for (const sentence of [
      'Lena Holt said the mill would close, and then added that the sale was final.',
      'Lena Holt said the mill would close and the jobs would go.',
      'Lena Holt said the mill would close, and that the mayor said so too.',
      '“The mill will close, and the union said nothing,” Lena Holt said.',
      'Lena Holt said the man, 34, and his wife told officers they had been at home.',
      'Lena Holt said the victim was 23, while the man accused of killing her was arrested.',
      'Lena Holt said her husband was innocent, while he told police he had fired the gun.',
      'Lena Holt said the mill was sold, and two developers promised her contracts in return.',
      'Lena Holt said the report was biased, while everything the minister said was false.',
    ])
      expect(
        draft(sentence).claims.map((c) => c.assertedBy),
        sentence,
      ).toEqual(['lena-holt']);
  });
});

describe('a hedge in an aside', () => {
  it('still hedges the claim: the aside is often what the claim is about', () => {
    // Dropping it lost "allegedly" from claims whose words carry the allegation (a second reader).
    for (const sentence of [
      'The minister, who reportedly met the envoy twice, announced a new treaty on Monday.',
      'The suspect, who allegedly shot two officers, was arrested in Ohio, police said.',
    ])
      expect(draft(sentence).claims[0]?.hedged, sentence).toBe(true);
  });
});

describe('a clause of the writer\'s joined by "and" or "but" to a report', () => {
  it('gives the reported part to its own speaker and the narrated part to the writer', () => {
    const cases: [string, (string | null)[][]][] = [
      [
        'Vladimir Putin met Nikol Pashinyan in Moscow, and Sergey Lavrov said the talks were "productive".',
        [
          ['event', 'author', null, 'Vladimir Putin met Nikol Pashinyan in Moscow'],
          ['statement', 'sergey-lavrov', 'said', 'Sergey Lavrov said the talks were "productive".'],
        ],
      ],
      [
        'The ministers met on Tuesday, and the spokesman said no deal was reached.',
        [
          ['event', 'author', null, 'The ministers met on Tuesday'],
          ['statement', 'the-spokesman', 'said', 'the spokesman said no deal was reached.'],
        ],
      ],
      [
        'Vladimir Putin met Nikol Pashinyan in Moscow, and Sergey Lavrov said: "The talks were long and useful."',
        [
          ['event', 'author', null, 'Vladimir Putin met Nikol Pashinyan in Moscow'],
          ['quote', 'sergey-lavrov', 'said', 'The talks were long and useful.'],
        ],
      ],
      [
        'Vladimir Putin spoke first, and then Sergey Lavrov told reporters that a deal was close.',
        [
          ['event', 'author', null, 'Vladimir Putin spoke first'],
          [
            'statement',
            'sergey-lavrov',
            'told reporters',
            'then Sergey Lavrov told reporters that a deal was close.',
          ],
        ],
      ],
      [
        'Nikol Pashinyan thanked his hosts, but Sergey Lavrov warned that the text was not ready.',
        [
          ['event', 'author', null, 'Nikol Pashinyan thanked his hosts'],
          [
            'statement',
            'sergey-lavrov',
            'warned',
            'Sergey Lavrov warned that the text was not ready.',
          ],
        ],
      ],
      [
        'Vladimir Putin met Nikol Pashinyan in Moscow, while Sergey Lavrov said the talks were productive.',
        [
          ['event', 'author', null, 'Vladimir Putin met Nikol Pashinyan in Moscow'],
          ['statement', 'sergey-lavrov', 'said', 'Sergey Lavrov said the talks were productive.'],
        ],
      ],
    ];
    for (const [sentence, claims] of cases)
      expect(anchored(draft(sentence)), sentence).toEqual(claims);
  });

  it('gives each named speaker of "X said …, and Y said …" their own words', () => {
    expect(
      anchored(
        draft(
          'Vladimir Putin said the talks were useful, and Sergey Lavrov said they would go on.',
        ),
      ),
    ).toEqual([
      ['statement', 'vladimir-putin', 'said', 'Vladimir Putin said the talks were useful'],
      ['statement', 'sergey-lavrov', 'said', 'Sergey Lavrov said they would go on.'],
    ]);
    expect(
      anchored(
        draft('Police said the man was arrested, and his lawyer said he would plead not guilty.'),
      ),
    ).toEqual([
      ['statement', 'police', 'said', 'Police said the man was arrested'],
      ['statement', 'his-lawyer', 'said', 'his lawyer said he would plead not guilty.'],
    ]);
    // A named apposition in the second subject; a first report that is no plain speech.
    expect(
      anchored(
        draft(
          'Veltrix said profits had risen, and its chief executive, Anna Berg, said the outlook was good.',
        ),
      ).map((c) => c.slice(1)),
    ).toEqual([
      ['veltrix', 'said', 'Veltrix said profits had risen'],
      ['anna-berg', 'said', 'its chief executive, Anna Berg, said the outlook was good.'],
    ]);
    expect(
      anchored(draft('The minister had promised reform, and her critics said she had failed.')),
    ).toEqual([
      ['statement', 'the-minister', 'promised', 'The minister had promised reform'],
      ['statement', 'her-critics', 'said', 'her critics said she had failed.'],
    ]);
    // A second speaker the rules cannot name leaves the words to the writer, not to the first.
    expect(
      draft('Lena Holt said the mill was sold, and the buyer said it was a bargain.').claims.map(
        (c) => c.assertedBy,
      ),
    ).toEqual(['lena-holt', 'author']);
  });

  it('gives an uncut sentence to the speaker after "and", not to a name in the clause before', () => {
    // Too short a report to stand alone: "so" stands for the clause before, which Lavrov said.
    expect(
      anchored(draft('Vladimir Putin met Nikol Pashinyan in Moscow, and Sergey Lavrov said so.')),
    ).toEqual([
      [
        'statement',
        'sergey-lavrov',
        'said',
        'Vladimir Putin met Nikol Pashinyan in Moscow, and Sergey Lavrov said so.',
      ],
    ]);
  });

  it('does not cut where the words before "and" are no clause of their own, or nothing is reported', () => {
    for (const [sentence, by] of [
      // Nouns joined: both speak.
      ['The injured man, 34, and his wife told officers they had been at home.', ['his-wife']],
      ['The men, who were armed, and their leader said they would surrender.', ['the-men']],
      // "so" stands for the clause before: the union said it.
      ['The mill will close next year, and the union said so.', ['the-union']],
      ['The mill will close next year, and the union confirmed it.', ['the-union']],
    ] as const)
      expect(
        draft(sentence).claims.map((c) => c.assertedBy),
        sentence,
      ).toEqual(by);
  });
});

describe('single curly quotation marks (British style)', () => {
  it('reads ‘…’ as a quotation, as it reads “…”', () => {
    const cases: [string, (string | null)[][]][] = [
      [
        '‘We will not yield,’ the minister said.',
        [['quote', 'the-minister', 'said', 'We will not yield']],
      ],
      [
        '‘The workers’ union will strike next week,’ said Lena Holt.',
        [['quote', 'lena-holt', 'said', 'The workers’ union will strike next week']],
      ],
      [
        'The spokesman called the plan ‘a betrayal of the workers’ and left the room.',
        [['quote', 'the-spokesman', 'called', 'a betrayal of the workers']],
      ],
      [
        'Lena Holt said: ‘The plant is sound. We checked it twice.’ Then rain fell.',
        [
          ['quote', 'lena-holt', 'said', 'The plant is sound. We checked it twice.'],
          ['event', 'author', null, 'Then rain fell.'],
        ],
      ],
      // Double marks inside single ones are the quotation's own.
      [
        '‘He told me “we will not yield” on the border,’ Lena Holt said.',
        [['quote', 'lena-holt', 'said', 'He told me “we will not yield” on the border']],
      ],
      // And single marks inside double ones stay inside.
      [
        '“He told me ‘we will not yield’ on the border,” Lena Holt said.',
        [['quote', 'lena-holt', 'said', 'He told me ‘we will not yield’ on the border']],
      ],
    ];
    for (const [sentence, claims] of cases)
      expect(anchored(draft(sentence)), sentence).toEqual(claims);
  });

  it('takes no apostrophe for a closing mark', () => {
    expect(
      anchored(
        draft('‘Russia’s army won’t retreat to the ’90s borders,’ Sergey Shoygu said. He left.'),
      ),
    ).toEqual([
      ['quote', 'sergey-shoygu', 'said', 'Russia’s army won’t retreat to the ’90s borders'],
      ['event', 'author', null, 'He left.'],
    ]);
    // A ‘ that no closing mark answers quotes nothing; two words are a scare quote.
    for (const sentence of [
      'Shoygu’s ‘special operation began in 2022 and Russia’s army is still there.',
      'Shoygu’s ‘special operation’ began in 2022.',
    ])
      expect(
        draft(sentence).claims.map((c) => [c.assertedBy, c.quote.exact]),
        sentence,
      ).toEqual([['author', sentence]]);
  });
});

describe('what the ", and" cut and British quotes must not do (a second attack)', () => {
  const whole = (sentence: string, kind: string, by: string, cue: string | null) =>
    [sentence, [[kind, by, cue, sentence]]] as [string, (string | null)[][]];

  it('keeps a report inside another report whole, with its first speaker', () => {
    const cases: [string, (string | null)[][]][] = [
      whole(
        'The woman told the court she was threatened, and the defendant told her he would kill her.',
        'statement',
        'the-woman',
        'told',
      ),
      whole(
        'Witnesses said the gunman shouted at customers, and the owner told him to put the weapon down.',
        'statement',
        'witnesses',
        'said',
      ),
      whole(
        'According to the indictment, Smith paid the bribes in 2019, and the mayor told aides to approve the permits.',
        'report',
        'the-indictment',
        'According to',
      ),
      // The indictment speaks for its authors: the whole sentence is its report.
      whole(
        'The indictment says Smith paid the bribes in 2019, and the partner told friends he wanted revenge.',
        'report',
        'the-indictment',
        'says',
      ),
      whole(
        'A care worker told an employment tribunal she was ordered to falsify records, and her manager said she would be sacked if she refused.',
        'event',
        'author',
        null,
      ),
    ];
    for (const [sentence, claims] of cases)
      expect(anchored(draft(sentence)), sentence).toEqual(claims);
    // The owner's words are what Moss says he told her: hers, not his.
    const doc = draft(
      'Linda Moss worked at the home. She said she raised concerns in 2021, and the owner told her to “mind her own business.”',
    );
    expect(anchored(doc).slice(1)).toEqual([
      ['quote', 'linda-moss', 'said', 'mind her own business.'],
    ]);
  });

  it('does not give a sentence to the subject after ", and" when the part before is a report', () => {
    for (const sentence of [
      'Residents’ groups in Harlow said they backed the drivers, and a spokesman for the council said services would be cut.',
      'She told the BBC that she had been misled, and a spokesman for the firm said the claims were false.',
    ])
      expect(anchored(draft(sentence)), sentence).toEqual([['event', 'author', null, sentence]]);
    // A first report whose speaker is named keeps the sentence, as before the cut; one told
    // ("Jurors were told") names no speaker.
    const kemp =
      'The home’s owner, Barry Kemp, denies the allegations, and his lawyer said he would give evidence next week.';
    expect(anchored(draft(kemp))).toEqual([['denial', 'barry-kemp', 'denies', kemp]]);
    const jurors =
      'Jurors were told the defendant bought petrol hours before the fire, and a shop assistant said he seemed “agitated.”';
    expect(draft(jurors).claims.map((c) => [c.assertedBy, c.quote.exact])).toEqual([
      ['author', jurors],
    ]);
    // A passive that reports no words is the writer's own clause: the report after it is cut.
    expect(
      anchored(
        draft(
          'The fire was reported at 2:15 a.m., and firefighters said they arrived within minutes.',
        ),
      ),
    ).toEqual([
      ['event', 'author', null, 'The fire was reported at 2:15 a.m.'],
      ['statement', 'firefighters', 'said', 'firefighters said they arrived within minutes.'],
    ]);
  });

  it('never cuts a sentence that ends in its own attribution', () => {
    const alleged =
      "The defendant drove to the house at midnight, and the victim's sister told him to go away, the prosecutor alleged.";
    const doc = draft(alleged);
    expect(anchored(doc)).toEqual([['statement', 'the-prosecutor', 'alleged', alleged]]);
    expect(doc.claims[0]?.hedged).toBe(true);
    const police =
      "The defendant drove to the house at midnight, and the victim's sister told him to go away, police said.";
    expect(anchored(draft(police))).toEqual([['statement', 'police', 'said', police]]);
  });

  it('keeps a subject with a participle or a list in it one subject', () => {
    const cases: [string, (string | null)[][]][] = [
      whole(
        'The soldiers, accused of killing civilians in 2022, and their commander told the court they had followed orders.',
        'statement',
        'their-commander',
        'told',
      ),
      whole(
        'Smith, wounded in the leg, and his brother told reporters they had been ambushed.',
        'statement',
        'smith',
        'told reporters',
      ),
      whole(
        'Residents displaced by the floods, aid workers, and the regional governor said the camps were full.',
        'statement',
        'the-regional-governor',
        'said',
      ),
    ];
    for (const [sentence, claims] of cases)
      expect(anchored(draft(sentence)), sentence).toEqual(claims);
  });

  it('reads a ‘ or ’ that stands for left-out letters as no quotation mark', () => {
    const queued = 'Fans queued ‘til dawn outside the Beatles’ old studio, police said.';
    expect(anchored(draft(queued))).toEqual([['statement', 'police', 'said', queued]]);
    expect(
      anchored(
        draft(
          'Gareth O’Brien told reporters the drivers were ‘fed up with bein’ treated like dirt’ and would walk out.',
        ),
      ).filter((c) => c[0] === 'quote'),
    ).toEqual([
      ['quote', 'gareth-obrien', 'told reporters', 'fed up with bein’ treated like dirt'],
    ]);
    const talkin =
      '‘We was talkin’ to the manager, and the police told us to go home,’ said one fan.';
    expect(anchored(draft(talkin))).toEqual([
      [
        'quote',
        'one-fan',
        'said',
        'We was talkin’ to the manager, and the police told us to go home',
      ],
    ]);
  });

  it('reads a ‘ that opens a paragraph and is not closed as a quotation that goes on', () => {
    const open = '‘We were told to wait outside, and the manager said the police were coming.';
    const doc = draft(`${open} Nobody came.\n\n‘Then the gates opened,’ said Tom Reilly.`);
    expect(doc.claims.map((c) => c.assertedBy)).not.toContain('the-manager');
    expect(anchored(doc)[0]).toEqual(['event', 'author', null, open]);
  });

  it('takes a possessive before a noun ("the Prime Minister’s spokesman") for no speaker of its own', () => {
    expect(
      anchored(
        draft('The Prime Minister’s official spokesman said: ‘We will not comment on leaks.’'),
      ),
    ).toEqual([
      ['quote', 'the-prime-ministers-official-spokesman', 'said', 'We will not comment on leaks.'],
    ]);
    expect(
      draft(
        'Sarah Whitcombe spoke. Ms Whitcombe’s spokesman said the minister would wait.',
      ).claims.map((c) => c.assertedBy),
    ).toEqual(['author', 'ms-whitcombes-spokesman']);
  });
});

describe('a paper that speaks for its authors ("The indictment says …")', () => {
  it('gives its words to the paper as a report, not to the writer as an event', () => {
    const cases: [string, string, string][] = [
      ['The indictment says he bought petrol an hour before the blaze.', 'the-indictment', 'says'],
      ['The police report states that two witnesses saw him.', 'the-police-report', 'states'],
      ['A court filing alleges that he had threatened the owner.', 'a-court-filing', 'alleges'],
      [
        'Court documents allege that the contractor falsified invoices.',
        'court-documents',
        'allege',
      ],
      // A present-tense verb after a paper's noun reports even without "that".
      ['The lawsuit claims the company ignored safety warnings.', 'the-lawsuit', 'claims'],
      ['The study estimates that 300 families were affected.', 'the-study', 'estimates'],
      ['The statement said the council would appeal.', 'the-statement', 'said'],
    ];
    for (const [sentence, source, cue] of cases)
      expect(anchored(draft(sentence)), sentence).toEqual([['report', source, cue, sentence]]);
    const ruling = 'According to the ruling, the policy breached the law.';
    expect(anchored(draft(ruling))).toEqual([['report', 'the-ruling', 'According to', ruling]]);
  });

  it('names the source of a report in a subordinate clause without the word that opens it', () => {
    const officials = 'After officials said the talks failed, troops moved in.';
    expect(anchored(draft(officials))).toEqual([['statement', 'officials', 'said', officials]]);
    const statement = 'When the statement said the plant would close, workers walked out.';
    expect(anchored(draft(statement))).toEqual([['report', 'the-statement', 'said', statement]]);
  });

  it('reads a paper with an aside before its verb, and a participle aside after any subject', () => {
    const complaint = 'The complaint, filed in March, alleges that the company lied.';
    expect(anchored(draft(complaint))).toEqual([['report', 'the-complaint', 'alleges', complaint]]);
    // The aside was taken for the subject, and the sentence went to the writer as an event.
    const mayor = 'The mayor, elected in 2019, said the road would close.';
    expect(anchored(draft(mayor))).toEqual([['statement', 'the-mayor', 'said', mayor]]);
  });

  it("gives a person's or a body's own paper, named by a possessive, to them", () => {
    // "Her letter" was a group of its own; it is the last person's, as "She said" would be.
    const letter =
      'Senator Maria Lopez criticised the plan. Her letter says the budget is illegal.';
    const [, second] = anchored(draft(letter));
    expect(second).toEqual([
      'statement',
      'maria-lopez',
      'says',
      'Her letter says the budget is illegal.',
    ]);
    const his = 'Ivan Petrov spoke on Monday. His statement claims that the border will reopen.';
    expect(anchored(draft(his))[1]?.slice(0, 3)).toEqual(['statement', 'ivan-petrov', 'claims']);
    // "Its" is never a person's: after a person, the sentence is not given to them.
    const its = 'Anna Berg said the deal was done. Its website states that the product is safe.';
    expect(anchored(draft(its))[1]?.[1]).toBe('author');
  });

  it("gives a publication's piece to the publication, not a month's or a place's", () => {
    const times = 'The story in the Times claimed the minister lied.';
    expect(anchored(draft(times))[0]?.slice(0, 3)).toEqual(['report', 'times', 'claimed']);
    for (const sentence of [
      'The report in Brightwater said the water was safe.',
      'The report in the Netherlands said prices rose.',
    ])
      expect(anchored(draft(sentence))[0]?.[1], sentence).not.toMatch(
        /^(?:brightwater|netherlands)$/,
      );
  });

  it('gives no words to the person a paper is about, nor to one named after a pronoun', () => {
    // "His indictment", "his arrest warrant", "his dismissal letter" are written about him, by
    // others: a group of their own, as before, never his statement.
    const cases: [string, string, string, string][] = [
      [
        'Police arrested Tom Reed on Monday.',
        'his-indictment',
        'says',
        'His indictment says he bribed three officials.',
      ],
      [
        'Tom Reed was arrested on Monday.',
        'his-arrest-warrant',
        'states',
        'His arrest warrant states that he fled to Spain.',
      ],
      [
        'The court jailed Tom Reed for six years.',
        'his-ruling',
        'says',
        'His ruling says the fraud was deliberate.',
      ],
      [
        'Tom Reed was sacked in March.',
        'his-dismissal-letter',
        'says',
        'His dismissal letter says he stole from the till.',
      ],
    ];
    for (const [first, source, cue, second] of cases)
      expect(anchored(draft(`${first} ${second}`))[1], second).toEqual([
        'report',
        source,
        cue,
        second,
      ]);
    // "He said Anna Berg lied", "His letter says Anna Berg lied": not Anna Berg's own words.
    for (const second of ['He said Anna Berg lied.', 'His letter says Anna Berg lied.'])
      expect(anchored(draft(`Tom Reed spoke on Monday. ${second}`))[1]?.[1], second).toBe(
        'tom-reed',
      );
    const quoted = 'Tom Reed spoke on Monday. “Anna Berg lied to us,” he said.';
    expect(anchored(draft(quoted))[1]).toEqual([
      'quote',
      'tom-reed',
      'said',
      'Anna Berg lied to us',
    ]);
  });

  it("gives a possessive's paper to the last speaker only when no one else was named since", () => {
    // Another person came between: "Her statement" stays a paper of its own.
    const between =
      'Anna Berg said the bill would pass. Tom Reed, her rival, disagreed. Her statement says the bill is unconstitutional.';
    expect(anchored(draft(between))[2]).toEqual([
      'report',
      'her-statement',
      'says',
      'Her statement says the bill is unconstitutional.',
    ]);
    // "Their", "its" after a person who spoke is not that person's, nor the writer's; after a
    // body, the body's.
    const their =
      'Anna Berg, the union leader, said workers would strike. Their statement says the company lied.';
    expect(anchored(draft(their))[1]?.slice(0, 3)).toEqual(['report', 'their-statement', 'says']);
    const its =
      'Anna Berg said the firm was sound. The regulator disagreed. Its review says the firm is insolvent.';
    expect(anchored(draft(its))[2]?.slice(0, 3)).toEqual(['report', 'its-review', 'says']);
    const union =
      'The union said members would strike. Their statement says pay has fallen for a decade.';
    expect(anchored(draft(union))[1]?.slice(0, 3)).toEqual(['statement', 'the-union', 'says']);
    // A group speaker and no person named: "His statement" is a paper of its own.
    const group = 'The union said workers would strike. His statement says the company lied.';
    expect(anchored(draft(group))[1]?.slice(0, 3)).toEqual(['report', 'his-statement', 'says']);
  });

  it('finds the subject after a time word, a conjunction or a scene before an aside', () => {
    const cases: [string, string, string][] = [
      ['Later, interviewed on Tuesday, Anna Berg said the plan had failed.', 'anna-berg', 'said'],
      [
        'Last week, asked in parliament about the deal, Prime Minister Anna Berg said it was fair.',
        'anna-berg',
        'said',
      ],
      [
        'However, pressed on Tuesday, the minister admitted the figures were wrong.',
        'the-minister',
        'admitted',
      ],
      [
        'Yesterday, speaking in Brussels, Anna Berg said the talks had stalled.',
        'anna-berg',
        'said',
      ],
      ['Separately, asked about the plan, the minister said it was dead.', 'the-minister', 'said'],
      [
        'In Oslo, police, called in by Mayor Anna Berg, said the road was closed.',
        'police',
        'said',
      ],
      [
        'Unlike Anna Berg, questioned in May, Tom Reed said the fund was solvent.',
        'tom-reed',
        'said',
      ],
      ['The mayor, re-elected in May, said the road would close.', 'the-mayor', 'said'],
    ];
    for (const [sentence, source, cue] of cases)
      expect(anchored(draft(sentence))[0]?.slice(1, 4), sentence).toEqual([source, cue, sentence]);
    // A name set off by commas before the aside speaks: "Acme’s chief executive, X, appointed …".
    const apposed = 'Acme’s chief executive, Anna Berg, appointed in May, said profits rose.';
    expect(anchored(draft(apposed))).toEqual([['statement', 'anna-berg', 'said', apposed]]);
    const armour = 'Under Armour, founded in 1996, said profits fell.';
    expect(anchored(draft(armour))[0]?.[1]).toBe('armour');
    const denied = 'Meanwhile, questioned at the hearing, Tom Reed denied taking the money.';
    expect(anchored(draft(denied))).toEqual([['denial', 'tom-reed', 'denied', denied]]);
  });

  it('gives no words to the person a paper was sent to or brought against', () => {
    const memo = 'The memo, sent to Anna Berg in May, warns that the mill will close.';
    expect(anchored(draft(memo))).toEqual([['report', 'the-memo', 'warns', memo]]);
    const lawsuit =
      'The lawsuit, brought against Anna Berg by Acme, alleges that she stole trade secrets.';
    expect(anchored(draft(lawsuit))).toEqual([['report', 'the-lawsuit', 'alleges', lawsuit]]);
  });

  it('gives no words to a place, a body or a person named in a phrase that sets the scene', () => {
    const cases: [string, string][] = [
      ['In Oslo, police said the road was closed.', 'police'],
      ['At Acme, workers, hired in May, said they were unpaid.', 'workers'],
      ['After Anna Berg resigned, Tom Reed said the firm was sound.', 'tom-reed'],
      ['In a letter to Anna Berg, the mayor said the road would close.', 'the-mayor'],
      ['Speaking to Anna Berg, the mayor said the road would close.', 'the-mayor'],
      ['Unlike Anna Berg, Tom Reed said the firm was sound.', 'tom-reed'],
      ['With Anna Berg beside him, Tom Reed said the firm was sound.', 'tom-reed'],
      ['At the trial of Anna Berg, prosecutors said she stole $2 million.', 'prosecutors'],
      ['Asked about Tom Reed, Anna Berg said he had lied.', 'anna-berg'],
      ['As Acme’s chief executive, Anna Berg said the deal was fair.', 'anna-berg'],
      ['Separately, Anna Berg, sacked in March, said the firm had lied.', 'anna-berg'],
    ];
    for (const [sentence, source] of cases)
      expect(anchored(draft(sentence))[0], sentence).toEqual([
        'statement',
        source,
        'said',
        sentence,
      ]);
    // After "when" or "because", a name or a noun with no verb before the comma is still the
    // subject.
    const when = 'When Anna Berg, the mayor, said the road would close, residents protested.';
    expect(anchored(draft(when))[0]?.[1]).toBe('anna-berg');
    const because =
      'Because Acme’s lawyers, Anna Berg and Tom Reed, said the deal was void, the bank sued.';
    expect(anchored(draft(because))[0]?.[1]).toBe('acmes-lawyers');
  });

  it('gives words to a club, a bank, a firm or a referee, not to the writer as an event', () => {
    const cases: [string, string, string][] = [
      ['The club said Tom Reed would leave.', 'the-club', 'said'],
      ['The central bank said rates would rise.', 'the-central-bank', 'said'],
      ['The chief executive said profits rose.', 'the-chief-executive', 'said'],
      ['The firm said the mill would close.', 'the-firm', 'said'],
      ['The referee told reporters he had made no mistakes.', 'the-referee', 'told reporters'],
    ];
    for (const [sentence, source, cue] of cases)
      expect(anchored(draft(sentence)), sentence).toEqual([['statement', source, cue, sentence]]);
  });

  it("gives a publication's piece about someone to the publication, not to the writer", () => {
    const story = 'The story in the Times about Anna Berg claimed she lied.';
    expect(anchored(draft(story))).toEqual([['report', 'times', 'claimed', story]]);
  });

  it('gives no one the sentence whose reporting verb has its own subject in a relative clause', () => {
    // The police's words were given to Berg, the critics' to the report.
    for (const sentence of [
      'Anna Berg, who police say fled in May, was arrested in Oslo.',
      'The report, which critics say was rushed, found that the bridge was safe.',
    ])
      expect(anchored(draft(sentence)), sentence).toEqual([['event', 'author', null, sentence]]);
    // The sentence's own verb after such a clause still speaks.
    const club = 'The club, whose secretary first reported the fish, said that the lake was clean.';
    expect(anchored(draft(club))).toEqual([['statement', 'the-club', 'said', club]]);
    // An adverb, a time or a phrase with a preposition is no subject of the clause's own.
    for (const [sentence, speaker, cue] of [
      ['The minister, who last week said the plan had failed, resigned.', 'the-minister', 'said'],
      [
        'Anna Berg, who on Tuesday told reporters she was innocent, was charged.',
        'anna-berg',
        'told reporters',
      ],
      ['Acme, which in May announced record profits, cut 300 jobs.', 'acme', 'announced'],
      ['The judge, who herself warned of delays, adjourned the case.', 'the-judge', 'warned'],
    ])
      expect(anchored(draft(sentence as string))[0]?.slice(1, 3), sentence).toEqual([speaker, cue]);
    const minister = 'The minister, who said the plan failed, resigned.';
    expect(anchored(draft(minister))[0]?.slice(0, 3)).toEqual([
      'statement',
      'the-minister',
      'said',
    ]);
  });

  it('keeps the particles of a name and a given name that is also a modal', () => {
    for (const [sentence, id, name] of [
      [
        'Ursula von der Leyen said the union would act.',
        'ursula-von-der-leyen',
        'Ursula von der Leyen',
      ],
      ['Charles de Gaulle said France would leave.', 'charles-de-gaulle', 'Charles de Gaulle'],
      ['Erik ten Hag said the team played well.', 'erik-ten-hag', 'Erik ten Hag'],
      ['Mohammed bin Salman said output would rise.', 'mohammed-bin-salman', 'Mohammed bin Salman'],
      ['Will Smith said the film would open in May.', 'will-smith', 'Will Smith'],
      ['May Berg, the mayor, said the budget was balanced.', 'may-berg', 'May Berg'],
    ] as const) {
      const doc = draft(sentence);
      expect(anchored(doc)[0]?.slice(0, 3), sentence).toEqual(['statement', id, 'said']);
      const entity = doc.entities.find((e) => e.id === id);
      expect([entity?.name, entity?.type], sentence).toEqual([name, 'Person']);
      expect(doc.claims[0]?.hedged, sentence).toBe(false);
    }
    // Later mentions without the given name are the same person.
    const doc = draft(
      'Ursula von der Leyen spoke first, and the talks were over by noon. Later, von der Leyen said that the talks would resume.',
    );
    expect(anchored(doc)[1]?.slice(1, 3)).toEqual(['ursula-von-der-leyen', 'said']);
    expect(doc.entities.map((e) => e.id)).toEqual(['ursula-von-der-leyen']);
    // A modal opening a question stays a verb.
    expect(draft('Will Smith attend the hearing?').entities.map((e) => e.name)).toEqual(['Smith']);
    // "of" and "for" still join only one word: "Bank of America", "Ministry of the Interior".
    expect(draft('The Bank of America said rates would fall.').entities.map((e) => e.name)).toEqual(
      ['Bank of America'],
    );
  });

  it('finds a publication opening a sentence before a verb that reports ("Reuters reported")', () => {
    // Each was no entity, and the sentence the writer's event: "Guardian" read as an
    // adjective in -ian, the others as common nouns capitalised by the sentence.
    for (const [name, id] of [
      ['The Guardian', 'guardian'],
      ['Reuters', 'reuters'],
      ['Bloomberg', 'bloomberg'],
    ] as const) {
      const sentence = `${name} reported that the dam was unsafe.`;
      const doc = draft(sentence);
      expect(anchored(doc)[0]?.slice(0, 3), sentence).toEqual(['report', id, 'reported']);
      expect(doc.entities.find((e) => e.id === id)?.type, sentence).toBe('Media');
    }
    const story = draft('A story in the Guardian claimed that the dam leaked.');
    expect(anchored(story)[0]?.slice(0, 3)).toEqual(['report', 'guardian', 'claimed']);
  });

  it('names a paper without the time it was made ("The report in March claimed …")', () => {
    // The time was part of a group's name ("The report in March", a statement), or the
    // sentence the writer's event.
    for (const [sentence, id] of [
      ['The report in March claimed that the dam was unsafe.', 'the-report'],
      ['The report published in March claimed that the dam was unsafe.', 'the-report'],
      ['The indictment filed on Tuesday alleges that Berg paid bribes.', 'the-indictment'],
      ['The complaint lodged last week alleges that Berg paid bribes.', 'the-complaint'],
      ['The ruling last week said that the law was void.', 'the-ruling'],
    ] as const) {
      const doc = draft(`The talks began in Oslo on Monday and ended at noon. ${sentence}`);
      expect(anchored(doc)[1]?.slice(0, 2), sentence).toEqual(['report', id]);
    }
    // A paper named with what it is about is a report too, not a statement.
    const lawsuit = draft('The lawsuit in the Times case claims that the paper defamed him.');
    expect(anchored(lawsuit)[0]?.slice(0, 2)).toEqual(['report', 'the-lawsuit-in-the-times-case']);
    // An owner's paper after a time is still the owner's.
    const berg = draft(
      'Anna Berg spoke to reporters on Monday. Her statement after the match says that she was fouled.',
    );
    expect(anchored(berg)[1]?.slice(0, 3)).toEqual(['statement', 'anna-berg', 'says']);
  });

  it('makes people named by a plural common noun a group, not a person of that name', () => {
    for (const [sentence, id] of [
      ['Prosecutors said Berg had fled.', 'prosecutors'],
      ['Drivers said the road was closed.', 'drivers'],
    ] as const) {
      const doc = draft(sentence);
      expect(anchored(doc)[0]?.slice(0, 3), sentence).toEqual(['statement', id, 'said']);
      expect(doc.entities.find((e) => e.id === id)?.type, sentence).toBe('Group');
    }
    // The people of a place named in two words are a group, and the place no person.
    for (const [sentence, id, place] of [
      ['Beverly Hills police said the road was closed.', 'beverly-hills-police', 'Beverly Hills'],
      ['New Jersey officials said the bridge would reopen.', 'new-jersey-officials', 'New Jersey'],
    ] as const) {
      const doc = draft(sentence);
      expect(anchored(doc)[0]?.slice(0, 3), sentence).toEqual(['statement', id, 'said']);
      expect(
        doc.entities.map((e) => [e.name, e.type]),
        sentence,
      ).toEqual([
        [place, 'Place'],
        [`${place} ${id.split('-').at(-1)}`, 'Group'],
      ]);
    }
    // A surname of that shape stays a person.
    const jones = draft('Mary Jones spoke on Monday. Jones said the plant would close.');
    expect(jones.entities.map((e) => [e.name, e.type])).toEqual([['Mary Jones', 'Person']]);
  });

  it('takes no sentence adverb for an entity or a speaker ("Finally, Anna Berg said …")', () => {
    const cases: [string, string][] = [
      ['Finally, Anna Berg said she would resign.', 'anna-berg'],
      ['Additionally, Acme Corp said profits rose.', 'acme-corp'],
      ['Nevertheless, the mayor said the road would open.', 'the-mayor'],
      ['Separately, the minister said the plan was dead.', 'the-minister'],
    ];
    for (const [sentence, speaker] of cases) {
      const doc = draft(sentence);
      expect(anchored(doc)[0]?.[1], sentence).toBe(speaker);
      expect(
        doc.entities.map((e) => e.id),
        sentence,
      ).toEqual([speaker]);
    }
    // Names of those shapes stay names.
    const names = draft('Sally, a teacher, said the school would close. Italy agreed.');
    expect(names.entities.map((e) => e.name)).toEqual(['Sally', 'Italy']);
  });

  it('takes no office in capitals or measure for an entity ("The CEO said", "GDP grew")', () => {
    // Each was an Organization, and 'ceo' the speaker.
    for (const [sentence, speaker] of [
      ['The CEO said the board had acted properly.', 'the-ceo'],
      ['The CFO told analysts margins would improve.', 'the-cfo'],
      ['GDP grew 2% in the quarter, the minister said.', 'the-minister'],
      ['COVID cases rose, officials said.', 'officials'],
    ]) {
      const doc = draft(sentence as string);
      expect(anchored(doc)[0]?.[1], sentence).toBe(speaker);
      expect(
        doc.entities.map((e) => e.id),
        sentence,
      ).toEqual([speaker]);
    }
    // Named with that office before, the office is that person.
    const acme = draft('Acme CEO Anna Berg said sales rose. The CEO added that costs fell.');
    expect(anchored(acme).map((c) => c.slice(1, 3))).toEqual([
      ['anna-berg', 'said'],
      ['anna-berg', 'added'],
    ]);
  });

  it('gives a player named by position his words ("The striker said …")', () => {
    // They were the writer's own events.
    for (const [sentence, speaker] of [
      ['The striker said he would stay.', 'the-striker'],
      ['The goalkeeper told reporters he was fit.', 'the-goalkeeper'],
      ['The striker, who fans say is fast, said he would stay.', 'the-striker'],
    ])
      expect(anchored(draft(sentence as string))[0]?.[1], sentence).toBe(speaker);
  });

  it('keeps an office of two words whole at a sentence\'s start ("Chief Executive Anna Holm")', () => {
    // "chief" written in lower case later made "Executive Anna Holm" a person.
    const doc = draft(
      'Chief Executive Anna Holm said sales rose. The chief executive added that costs fell.',
    );
    expect(doc.entities.map((e) => e.id)).toEqual(['anna-holm']);
    expect(anchored(doc).map((c) => c[1])).toEqual(['anna-holm', 'anna-holm']);
  });

  it('reads an adverb-shaped word as a name where no sentence opens with it', () => {
    // Stripped wherever it stood, these lost their first word or the whole name (and
    // 'Grammarly said' its speaker).
    const cases: [string, string[], string | null][] = [
      ['Grammarly said on Tuesday that it would cut 200 jobs.', ['grammarly'], 'grammarly'],
      [
        'The charity Finally Free Foundation said it had raised $2 million.',
        ['finally-free-foundation'],
        'finally-free-foundation',
      ],
      ['Lastly Ltd said profits fell.', ['lastly-ltd'], 'lastly-ltd'],
      ['Shares rose after Frankly Media bought a stake.', ['frankly-media'], null],
    ];
    for (const [sentence, ids, speaker] of cases) {
      const doc = draft(sentence);
      expect(
        doc.entities.map((e) => e.id),
        sentence,
      ).toEqual(ids);
      expect(anchored(doc)[0]?.[1], sentence).toBe(speaker ?? 'author');
    }
    // Written after a lower-case word elsewhere, it is a name at a sentence's start too.
    const twice = draft('Grammarly, the app maker, cut jobs. Investors in Grammarly sold.');
    expect(twice.entities.map((e) => e.id)).toEqual(['grammarly']);
    // A headline in title case ("Acme Finally Signs …") does not make the adverb a name.
    const headline = draft(
      'Acme Finally Signs Deal\n\nBy Jane Doe\n\nFinally, Anna Berg said the deal was signed.',
    );
    expect(headline.entities.map((e) => e.id)).toEqual(['anna-berg']);
    // "Unfortunately for Acme, the regulator said no." was 'for Acme''s statement.
    const scene = 'Unfortunately for Acme, the regulator said no.';
    expect(draft(scene).entities.map((e) => e.id)).toEqual(['acme', 'the-regulator']);
    expect(anchored(draft(scene))[0]?.[1]).toBe('the-regulator');
    // After a dateline the adverb still opens the sentence.
    const wire = draft('OSLO (Reuters) - Separately, Acme Corp said profits rose.');
    expect(wire.entities.map((e) => e.id)).not.toContain('separately');
  });

  it('leaves a paper that reports nothing, and a noun that is no subject, to the writer', () => {
    for (const sentence of [
      'The report was published on Tuesday.',
      'The survey of 2,000 tenants found rents had doubled.',
    ])
      expect(anchored(draft(sentence))[0]?.[1], sentence).toBe('author');
  });
});
