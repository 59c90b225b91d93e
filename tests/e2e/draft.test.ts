import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetDocument } from '../../src/core/model/types.js';
import { armru, fixture, ROOT } from '../helpers.js';

let dir: string;
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as DatasetDocument;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
/** What validate prints for a draft it accepts. */
const validLine = (file: string, doc: DatasetDocument) =>
  `${file}: valid (${doc.claims.length} claims); ${plural(doc.claims.length, 'claim', 'claims')} and ${plural(doc.entities.length, 'entity', 'entities')} await review (review: "draft")\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'armru-draft-'));
  mkdirSync(join(dir, 'articles'));
  copyFileSync(join(ROOT, 'data/article.txt'), join(dir, 'articles/armenia.txt'));
  copyFileSync(join(ROOT, fixture('draft/aldermoor.txt')), join(dir, 'aldermoor.txt'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('armru draft on the built-in article', () => {
  it('writes a draft that validates, with the article referred to relative to it', () => {
    const out = join(dir, 'armenia.claims.json');
    const r = armru(['draft', join(dir, 'articles/armenia.txt'), '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const doc = read(out);
    expect(r.stderr).toBe(
      [
        `armru: drafted ${doc.claims.length} claims from 19 sentences, with ${doc.entities.length} entities into ${out}; every record has review: "draft" until an editor checks it`,
        'armru: 1 date needs --published to be resolved: "October 29th"',
        '',
      ].join('\n'),
    );
    expect(doc.source).toMatchObject({
      title: 'Armenia and Russia Enhance Defense Cooperation',
      author: 'Emilio Luciano Cricchio',
      textFile: 'articles/armenia.txt',
      datePublished: null,
    });
    expect(doc.claims.every((c) => c.review === 'draft')).toBe(true);
    expect(doc.entities.every((e) => e.review === 'draft')).toBe(true);
    const v = armru(['validate', out]);
    expect(v.status).toBe(0);
    expect(v.stdout).toBe(validLine(out, doc));
  });

  it('attributes the reported and quoted sentences', () => {
    const doc = read(join(dir, 'armenia.claims.json'));
    const by = (words: string) => doc.claims.find((c) => c.quote.exact.includes(words));
    expect(by('Shoygu also announced')).toMatchObject({
      kind: 'statement',
      assertedBy: 'sergey-shoygu',
      cue: 'announced',
    });
    expect(by('According to Russian Kommersant daily')).toMatchObject({
      kind: 'report',
      assertedBy: 'kommersant',
      cue: 'According to',
    });
    expect(by('would not provide any access')).toMatchObject({
      kind: 'denial',
      assertedBy: 'civilnets-sources-in-armenias-government',
      cue: 'specified',
    });
    expect(by('Russia is an integral part')).toMatchObject({
      quote: { exact: 'Russia is an integral part of European civilization.' },
      kind: 'quote',
      assertedBy: 'nikol-pashinyan',
    });
  });

  it('prints the draft with the text embedded when no output file is given', () => {
    const r = armru(['draft', 'data/article.txt', '--published', '2019-10-30']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as DatasetDocument;
    expect(doc.source.text).toBe(readFileSync(join(ROOT, 'data/article.txt'), 'utf8'));
    expect(doc.source.textFile).toBeUndefined();
    expect(doc.source.datePublished).toBe('2019-10-30');
    expect(doc.claims[0]?.when).toEqual({
      date: '2019-10-29',
      text: 'October 29th',
      basis: 'text',
    });
    expect(r.stderr).not.toContain('--published to be resolved');
  });

  it('embeds the text, and says so, when the article is outside the output directory', () => {
    const out = join(dir, 'articles', 'elsewhere.claims.json');
    const r = armru(['draft', join(dir, 'aldermoor.txt'), '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe(
      `armru: ${join(dir, 'aldermoor.txt')} is not inside the directory of ${out}, so its text is embedded in the draft (source.text)`,
    );
    expect(read(out).source.text).toBe(readFileSync(join(dir, 'aldermoor.txt'), 'utf8'));
  });
});

describe('armru draft on a wire story it was not tuned on', () => {
  it('keeps the dateline out of the claims and gives each report to its source', () => {
    const r = armru(['draft', fixture('draft/wire.txt'), '--published', '2024-03-13']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as DatasetDocument;
    const first = doc.claims[0];
    expect([first?.quote.exact.slice(0, 26), first?.assertedBy, first?.cue]).toEqual([
      'Heavy rain washed away a s',
      'police',
      'said',
    ]);
    expect(doc.claims.map((c) => c.assertedBy)).not.toContain('innsbruck');
    expect(doc.claims.find((c) => c.cue === 'According to')?.assertedBy).toBe('orf');
    expect(doc.entities.map((e) => e.id)).not.toContain('bahnen');
    expect(doc.entities.find((e) => e.id === 'innsbruck')?.type).toBe('Place');
  });
});

describe('armru draft on an article not in English', () => {
  it('records its language, skips the English rules and says so in one note', () => {
    const out = join(dir, 'littoral.claims.json');
    copyFileSync(join(ROOT, fixture('draft/fr-littoral.txt')), join(dir, 'littoral.txt'));
    const r = armru(['draft', join(dir, 'littoral.txt'), '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        `armru: drafted 6 claims from 6 sentences, with 2 entities into ${out}; every record has review: "draft" until an editor checks it`,
        'armru: the article is in French (inLanguage "fr"), so the English-only rules were skipped: attribution (speakers and cues), claim kinds, hedges, names (entities and actors), dates in words; every claim is the writer\'s, of kind background, for an editor to attribute',
        '',
      ].join('\n'),
    );
    const doc = read(out);
    expect(doc.source).toMatchObject({ inLanguage: 'fr', author: 'Julien Ferrand' });
    expect(new Set(doc.claims.map((c) => `${c.assertedBy} ${c.kind}`))).toEqual(
      new Set(['author background']),
    );
    const v = armru(['validate', out]);
    expect(v.status).toBe(0);
    expect(v.stdout).toBe(validLine(out, doc));
  });

  it('says so when it cannot tell the language', () => {
    const file = join(dir, 'svenska.txt');
    writeFileSync(
      file,
      'Arenan blir dyrare\n\nKommunen meddelade på tisdagen att bygget av den nya arenan stoppas i tre månader. Enligt tidningen har kostnaderna stigit sedan förra året.\n',
    );
    const r = armru(['draft', file]);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as DatasetDocument).source.inLanguage).toBe('und');
    expect(r.stderr.split('\n')[1]).toBe(
      'armru: the article is in no language armru can tell (inLanguage "und"), so the English-only rules were skipped: attribution (speakers and cues), claim kinds, hedges, names (entities and actors), dates in words; every claim is the writer\'s, of kind background, for an editor to attribute',
    );
  });
});

describe('armru draft on a press release', () => {
  it('takes its dateline for no claim, and its date for the publication date, with a note', () => {
    const file = join(dir, 'release.txt');
    writeFileSync(
      file,
      'Cedar Labs Opens Plant\n\nRALEIGH, N.C., March 4, 2024 /PRNewswire/ -- Cedar Labs said on Friday that its new plant would open next month.\n',
    );
    const r = armru(['draft', file]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as DatasetDocument;
    expect(r.stderr.split('\n').slice(1)).toEqual([
      'armru: no "By ..." line found; the author is "Unknown" (use --author)',
      'armru: the dateline gives the publication date, 2024-03-04: relative dates are resolved against it (--published overrides it)',
      '',
    ]);
    expect(doc.source.datePublished).toBe('2024-03-04');
    expect(doc.claims.map((c) => [c.quote.exact, c.assertedBy, c.when?.date])).toEqual([
      [
        'Cedar Labs said on Friday that its new plant would open next month.',
        'cedar-labs',
        '2024-03-01',
      ],
    ]);
    expect(doc.entities.map((e) => [e.name, e.type])).toEqual([
      ['RALEIGH', 'Place'],
      ['PRNewswire', 'Media'],
      ['Cedar Labs', 'Organization'],
    ]);
  });
});

describe('a draft of a new article is a dataset like any other', () => {
  let out: string;
  let data: string[];
  beforeAll(() => {
    out = join(dir, 'aldermoor.claims.json');
    const r = armru([
      'draft',
      join(dir, 'aldermoor.txt'),
      '--published',
      '2024-03-05',
      '--url',
      'https://example.org/aldermoor',
      '-o',
      out,
    ]);
    expect(r.status, r.stderr).toBe(0);
    data = ['--data', out];
  });

  it('reads the headline, byline, date and address', () => {
    expect(read(out).source).toMatchObject({
      id: 'aldermoor-council-delays-vote-on-dam-repairs',
      title: 'Aldermoor Council Delays Vote on Dam Repairs',
      author: 'Priya N. Halvorsen',
      datePublished: '2024-03-05',
      url: 'https://example.org/aldermoor',
      textFile: 'aldermoor.txt',
    });
  });

  it('is searched', () => {
    const r = armru([...data, 'search', 'Okafor']);
    expect(r.status).toBe(0);
    expect(
      r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t').slice(0, 3)),
    ).toEqual([
      ['c08', 'statement', 'Ines Okafor'],
      ['c07', 'quote', 'Ines Okafor'],
    ]);
  });

  it('lists drafts with claims --review draft, and none as checked', () => {
    const doc = read(out);
    const drafts = armru([...data, 'claims', '--review', 'draft', '--json']);
    expect(drafts.status).toBe(0);
    expect((JSON.parse(drafts.stdout) as { id: string }[]).map((c) => c.id)).toEqual(
      doc.claims.map((c) => c.id),
    );
    const checked = armru([...data, 'claims', '--review', 'checked']);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toBe('');
    expect(checked.stderr).toBe('armru: no claims match these filters\n');
    const bad = armru([...data, 'claims', '--review', 'done']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe(
      "armru: option '--review <state>' argument 'done' is invalid: expected one of draft, checked",
    );
  });

  it('is browsed, shown and put on a timeline', () => {
    const actors = armru([...data, 'actors', 'Brenner']);
    expect(actors.status).toBe(0);
    expect(actors.stdout).toContain('Tomas Brenner');
    const show = armru([...data, 'show', 'c03']);
    expect(show.status).toBe(0);
    expect(show.stdout).toContain('We will not rush a decision that affects 12,000 households');
    const timeline = armru([...data, 'timeline', '--json']);
    expect(timeline.status).toBe(0);
    const dates = (JSON.parse(timeline.stdout) as { when?: { date: string } }[]).map(
      (t) => t.when?.date,
    );
    expect(dates).toEqual([
      '2018',
      '2018',
      '2024-01',
      '2024-02-26/2024-03-03',
      '2024-03-03',
      '2024-06',
      '2025',
    ]);
  });

  it('is exported and reported', () => {
    const csv = armru([...data, 'export', '--format', 'csv']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\n')[0]).toMatch(/^source,id,kind,text,quote,start,end,/);
    expect(csv.stdout.trim().split('\n')).toHaveLength(read(out).claims.length + 1);
    const stats = armru([...data, 'stats', '--json']);
    expect(stats.status).toBe(0);
    const exported = armru([...data, 'export']);
    expect(exported.status).toBe(0);
    const self = join(dir, 'exported.claims.json');
    writeFileSync(self, exported.stdout);
    expect(armru(['validate', self]).status).toBe(0);
  });
});

describe('armru draft refuses what is not an article', () => {
  const write = (name: string, content: string | Buffer) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it('an empty file', () => {
    const file = write('empty.txt', '  \n\n');
    const r = armru(['draft', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`armru: ${file}: has no text; expected an article as UTF-8 text\n`);
  });

  it('a binary file', () => {
    const bytes = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256));
    const file = write('binary.dat', bytes);
    const r = armru(['draft', file, '-o', join(dir, 'binary.claims.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `armru: ${file}: not UTF-8 text; expected the article encoded as UTF-8\n`,
    );
    expect(existsSync(join(dir, 'binary.claims.json'))).toBe(false);
  });

  it('UTF-8 text with NUL bytes', () => {
    const file = write('nul.txt', 'The council met.\u0000\u0000 It voted.');
    const r = armru(['draft', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `armru: ${file}: contains NUL bytes, so it is not plain text; expected an article as UTF-8 text\n`,
    );
  });

  it('a missing file, a directory, and bad option values', () => {
    expect(armru(['draft', join(dir, 'none.txt')]).stderr).toBe(
      `armru: ${join(dir, 'none.txt')}: no such file; expected the article here\n`,
    );
    const d = armru(['draft', dir]);
    expect([d.status, d.stderr]).toEqual([
      2,
      `armru: ${dir}: is a directory, not a regular file; expected the article\n`,
    ]);
    const date = armru(['draft', 'data/article.txt', '--published', '2024-02-30']);
    expect(date.status).toBe(2);
    expect(date.stderr.split('\n')[0]).toBe(
      "armru: option '--published <date>' argument '2024-02-30' is invalid: expected a date as YYYY-MM-DD",
    );
    const url = armru(['draft', 'data/article.txt', '--url', 'example.org']);
    expect(url.status).toBe(2);
    const nowhere = armru(['draft', 'data/article.txt', '-o', join(dir, 'no/such/dir/x.json')]);
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toBe(
      `armru: ${join(dir, 'no/such/dir/x.json')}: cannot write the file (its directory does not exist); nothing was written\n`,
    );
  });
});

describe('armru draft on hostile text', () => {
  const draftOf = (name: string, content: string | Buffer, args: string[] = []) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    const out = join(dir, `${name}.claims.json`);
    const r = armru(['draft', file, '-o', out, ...args]);
    expect(r.status, r.stderr).toBe(0);
    const doc = read(out);
    const v = armru(['validate', out]);
    expect(v.status).toBe(0);
    return { doc, stderr: r.stderr, validated: v.stdout.replace(`${out}: `, '') };
  };

  it('a text with no sentence ending is one sentence, titled by its file name', () => {
    const { doc, stderr, validated } = draftOf(
      'run-on.txt',
      'words and more words with no ending at all',
    );
    expect(validated).toBe('valid (1 claims); 1 claim awaits review (review: "draft")\n');
    expect(doc.claims.map((c) => c.quote.exact)).toEqual([
      'words and more words with no ending at all',
    ]);
    expect(doc.source).toMatchObject({ title: 'run-on', author: 'Unknown' });
    expect(stderr).toContain(
      'armru: no headline found; the title is the file name "run-on" (use --title)\n',
    );
    expect(stderr).toContain(
      'armru: no "By ..." line found; the author is "Unknown" (use --author)\n',
    );
  });

  it('CRLF line endings stay in the text and out of the quotes', () => {
    const text =
      'Dam Vote Delayed\r\n\r\nBy Ann Lee\r\n\r\nThe council met.\r\nIt voted on Monday.\r\n\r\n“It is over,” Jane Roe told reporters.\r\n';
    const { doc, validated } = draftOf('crlf.txt', text);
    expect(validated).toBe(
      'valid (3 claims); 3 claims and 1 entity await review (review: "draft")\n',
    );
    expect(doc.source).toMatchObject({ title: 'Dam Vote Delayed', author: 'Ann Lee' });
    expect(doc.claims.map((c) => c.quote.exact)).toEqual([
      'The council met.',
      'It voted on Monday.',
      'It is over',
    ]);
    expect(doc.claims[2]).toMatchObject({ kind: 'quote', assertedBy: 'jane-roe' });
  });

  it('a byte order mark is not part of the text the offsets count', () => {
    const { doc, validated } = draftOf(
      'bom.txt',
      '\uFEFFDam Vote Delayed\n\nThe council met. It voted.',
    );
    expect(validated).toBe('valid (2 claims); 2 claims await review (review: "draft")\n');
    expect(doc.source.title).toBe('Dam Vote Delayed');
    expect(doc.claims[0]?.quote).toEqual({ exact: 'The council met.', start: 18, end: 34 });
  });

  it('right-to-left text is split and anchored', () => {
    const { doc } = draftOf(
      'rtl.txt',
      'כותרת\n\nראש העיר אמר כי התוכנית בוטלה. היא עזבה.\nمرحبا بالعالم. نعم.',
    );
    expect(doc.source.title).toBe('כותרת');
    expect(doc.claims.map((c) => c.quote.exact)).toEqual([
      'ראש העיר אמר כי התוכנית בוטלה.',
      'היא עזבה.',
      'مرحبا بالعالم.',
      'نعم.',
    ]);
  });

  it('a 10 MB text is drafted, and checked as validate checks it', { timeout: 180_000 }, () => {
    // Long sentences, as in a report: 10 MB of them. The command checks the draft with the
    // loader's own checks before writing it, so the file is not validated a second time here.
    const paragraph =
      'Council Leader Tomas Brenner said on behalf of the Aldermoor District Council that the vote on the repairs to the dam would wait until the engineers had finished their survey of the spillway and the cracks that had been found in the concrete of the lower wall. “We will not rush a decision that affects twelve thousand households in the valley and the villages beyond it,” Brenner told reporters outside the town hall after the meeting.\n\n';
    const copies = Math.ceil((10 * 2 ** 20) / paragraph.length);
    const text = `Big Article\n\nBy Ann Lee\n\n${paragraph.repeat(copies)}`;
    expect(text.length).toBeGreaterThan(10 * 2 ** 20);
    const file = join(dir, 'big.txt');
    writeFileSync(file, text);
    const out = join(dir, 'big.claims.json');
    const r = armru(['draft', file, '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      `armru: drafted ${2 * copies} claims from ${2 * copies} sentences, with 2 entities into ${out}; every record has review: "draft" until an editor checks it\n`,
    );
    const doc = read(out);
    expect(doc.entities.map((e) => e.name)).toEqual([
      'Tomas Brenner',
      'Aldermoor District Council',
    ]);
    expect(doc.claims[1]).toMatchObject({
      kind: 'quote',
      assertedBy: 'tomas-brenner',
      cue: 'told reporters',
    });
  });
});

describe('the draft tooling stays out of the other commands', () => {
  it('is a bundle of its own that the CLI bundle only requires on demand', () => {
    const cli = readFileSync(join(ROOT, 'dist/armru/cli.cjs'), 'utf8');
    const draft = readFileSync(join(ROOT, 'dist/armru/draft.cjs'), 'utf8');
    expect(cli.includes('Chrono = class')).toBe(false);
    expect(cli).toContain('require("./draft.cjs")');
    expect(draft.includes('Chrono = class')).toBe(true);
  });
});
