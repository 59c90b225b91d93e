import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeline } from '../../src/core/browse/timeline.js';
import { datasetOf } from '../../src/core/dataset/files.js';
import { AUTHOR } from '../../src/core/dataset/verify.js';
import { BUILTIN_DATASET } from '../../src/core/model/paths.js';
import { CLAIM_KINDS, type DatasetDocument } from '../../src/core/model/types.js';
import { fold, LETTERS, PUNCTUATION, ZERO_WIDTH } from '../../src/core/text/fold.js';
import { asserterName } from '../../src/render/claims.js';
import { clientData, type PageConstants } from '../../src/render/html/client-data.js';
import { fillData, scriptJsonText } from '../../src/render/html/page.js';
import { makePageFold } from '../../src/render/html/page-fold.js';
import { makeSanitizers, sanitize } from '../../src/render/sanitize.js';
import { fixture } from '../helpers.js';

const constants: PageConstants = {
  author: AUTHOR,
  kinds: CLAIM_KINDS,
  fold: { ...PUNCTUATION, ...LETTERS },
  drop: ZERO_WIDTH,
};
const read = (file: string) => readFileSync(file, 'utf8');
const datasets = {
  builtin: read(BUILTIN_DATASET),
  mini: read(fixture('mini/claims.json')),
  hostile: read(fixture('hostile/claims.json')),
  hostileHtml: read(fixture('hostile-html/claims.json')),
};

/**
 * The page's data as the CLI made it before the page carried the dataset: with the CLI's own
 * timeline, asserter names and escapes. What the browser makes must be the same.
 */
function reference(doc: DatasetDocument) {
  const dataset = datasetOf('', doc, '');
  const orNull = (text: string | undefined) => (text !== undefined ? sanitize(text) : null);
  const relations = (id: string) =>
    doc.relations.flatMap((r) => {
      if (!dataset.claimById.has(r.from) || !dataset.claimById.has(r.to)) return [];
      const rows: unknown[] = [];
      if (r.from === id) rows.push([r.type, 'out', r.to, orNull(r.note)]);
      if (r.to === id) rows.push([r.type, 'in', r.from, orNull(r.note)]);
      return rows;
    });
  const names: Record<string, string> = { [AUTHOR]: `${AUTHOR}\n${doc.source.author}` };
  const labels: Record<string, string> = {};
  for (const e of [...doc.entities, ...doc.topics]) {
    names[e.id] = [e.name, ...e.aliases].join('\n');
    labels[e.id] = sanitize(e.name);
  }
  return {
    claims: doc.claims.map((c) => ({
      id: c.id,
      text: sanitize(c.text),
      kind: c.kind,
      asserter: sanitize(asserterName(dataset, c)),
      asserterId: c.assertedBy,
      cue: orNull(c.cue),
      hedged: c.hedged,
      when: c.when
        ? {
            date: sanitize(c.when.date),
            text: sanitize(c.when.text),
            basis: c.when.basis,
            source: orNull(c.when.source),
          }
        : null,
      actors: c.actors,
      topics: c.topics,
      note: orNull(c.note),
      relations: relations(c.id),
      agreements: doc.agreements
        .filter((a) => a.claims.includes(c.id))
        .map((a) => [sanitize(a.name), a.status, orNull(a.note)]),
    })),
    names,
    labels,
    fold: constants.fold,
    actors: doc.entities
      .filter((e) => doc.claims.some((c) => c.actors.includes(e.id)))
      .map((e) => [e.id, sanitize(e.name)]),
    topics: doc.topics
      .filter((t) => doc.claims.some((c) => c.topics.includes(t.id)))
      .map((t) => [t.id, sanitize(t.name)]),
    kinds: CLAIM_KINDS.filter((k) => doc.claims.some((c) => c.kind === k)),
    timeline: timeline({ datasets: [dataset] }).map((entry) => [
      sanitize(entry.when.date),
      entry.when.basis,
      sanitize(entry.when.text),
      orNull(entry.when.source),
      entry.item === 'claim' ? entry.claim.id : (entry.agreement.claims[0] ?? null),
      entry.item === 'claim' ? null : sanitize(entry.agreement.name),
    ]),
  };
}

/** The two functions as the page's script gets them: their source, run where nothing else is. */
const pageClientData = runInNewContext(`(${clientData.toString()})`) as typeof clientData;
const pageSanitize = (runInNewContext(`(${makeSanitizers.toString()})`) as typeof makeSanitizers)()
  .sanitize;

describe("the report page's data, made in the browser from the dataset it carries", () => {
  it('holds every claim as a row, with its relations both ways and its agreements', () => {
    const data = clientData(JSON.parse(datasets.mini), constants, sanitize);
    expect(data.claims.map((claim) => claim.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(data.claims[1]).toEqual({
      id: 'm2',
      text: 'The ferries will run twice a day from June.',
      kind: 'report',
      asserter: 'Coastal Herald',
      asserterId: 'herald',
      cue: 'According to',
      hedged: false,
      when: {
        date: '2020-06',
        text: 'June',
        basis: 'context',
        source: 'https://example.org/valmora-ferry',
      },
      actors: ['port-authority'],
      topics: ['ferries'],
      note: null,
      relations: [['disputes', 'in', 'm3', null]],
      agreements: [['Valmora–Castell ferry link', 'announced', null]],
    });
    expect(data.claims[2]?.relations).toEqual([['disputes', 'out', 'm2', null]]);
    expect(data.names.ruiz).toBe('Ana Ruiz\nRuiz\nAna Ruíz');
    expect(data.names.author).toBe('author\nJana Novák');
    // In the order of CLAIM_KINDS, as the filter offers them.
    expect(data.kinds).toEqual(['event', 'quote', 'report', 'denial']);
    // Only the entities some claim names are offered as filters.
    expect(data.actors.map((a) => a[0])).toEqual([
      'port-authority',
      'ruiz',
      'union',
      'valmora',
      'castell',
    ]);
    expect(data.timeline).toEqual([
      ['2020-06', 'context', 'June', 'https://example.org/valmora-ferry', 'm2', null],
    ]);
  });

  it('is what the CLI makes of the same dataset, also as the source the page carries', () => {
    for (const [name, text] of Object.entries(datasets)) {
      const doc = JSON.parse(text) as DatasetDocument;
      const expected = reference(doc);
      expect(clientData(doc, constants, sanitize), name).toEqual(expected);
      // The page's copy: the dataset through the data block's escaping, the functions
      // through their source alone (a reference to anything outside them fails here).
      const carried = JSON.parse(scriptJsonText(text)) as DatasetDocument;
      expect(carried, name).toEqual(doc);
      expect(
        JSON.parse(JSON.stringify(pageClientData(carried, constants, pageSanitize))),
        name,
      ).toEqual(expected);
    }
  });

  it('orders the timeline as the CLI does, dates and intervals of every precision', () => {
    const base = JSON.parse(datasets.mini) as DatasetDocument;
    const date = fc
      .tuple(
        fc.integer({ min: 1990, max: 2030 }),
        fc.option(fc.integer({ min: 1, max: 12 })),
        fc.option(fc.integer({ min: 1, max: 28 })),
      )
      .map(([y, m, d]) => {
        const pad = (n: number) => String(n).padStart(2, '0');
        return m === null ? `${y}` : d === null ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(d)}`;
      });
    const when = fc.option(
      fc.record({
        date: fc.oneof(
          date,
          fc.tuple(date, date).map(([a, b]) => `${a}/${b}`),
        ),
        text: fc.string({ minLength: 1 }),
        basis: fc.constant('text' as const),
      }),
    );
    fc.assert(
      fc.property(fc.array(when, { maxLength: 12 }), fc.array(when, { maxLength: 4 }), (cw, aw) => {
        const template = base.claims[0] as DatasetDocument['claims'][number];
        const doc: DatasetDocument = {
          ...base,
          claims: cw.map((w, i) => ({ ...template, id: `c${i}`, when: w ?? undefined })),
          agreements: aw.map((w, i) => ({
            ...(base.agreements[0] as DatasetDocument['agreements'][number]),
            id: `a${i}`,
            claims: cw.length > 0 ? [`c${i % cw.length}`] : [],
            when: w ?? undefined,
          })),
          relations: [],
        };
        for (const c of doc.claims) if (c.when === undefined) delete c.when;
        for (const a of doc.agreements) if (a.when === undefined) delete a.when;
        expect(clientData(doc, constants, sanitize).timeline).toEqual(reference(doc).timeline);
      }),
      { numRuns: 300 },
    );
  });

  it("escapes as the CLI's sanitize does, from its source alone", () => {
    const unit = fc.oneof(
      fc.string(),
      fc.constantFrom('\u0000', '\u0007', '\t', '\n', '\r', '\u007f', '\u0085', '\u202e'),
      fc.constantFrom('\u2066', '\u200b', '\u200d', '\ufeff', '\u{e0041}', '👩', '\u{1f3fb}'),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        expect(pageSanitize(text)).toBe(sanitize(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe("the page's search folding", () => {
  // The page's script folds the search box and the claims itself: it must fold exactly as the
  // CLI does. Run from its source alone, in a context of its own, as the page runs it.
  const pageFold = runInNewContext(`(${makePageFold.toString()})`)(
    constants.fold,
    constants.drop,
  ) as (raw: string) => string;

  it('folds every unit of the first 65,536 as the CLI does', () => {
    const differ: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const unit = String.fromCharCode(code);
      if (pageFold(unit) !== fold(unit)) differ.push(code.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it('drops the zero-width characters and the soft hyphen as the CLI does', () => {
    for (const text of [
      'A\u200dB\u200cC',
      'A\u200bB\u2060C\ufeff',
      'Gyu\u00admri',
      '\u200bKOMMERSANT\u200b',
      // Beside astral letters, combining marks, an emoji sequence and a flag.
      '\u{1d50a}\u200b\u{1d536}',
      'e\u200d\u0301x',
      '\u{1f469}\u200d\u{1f469}\u200d\u{1f467}',
      '\u{1f1e6}\u200b\u{1f1f2}',
    ]) {
      expect(pageFold(text), text).toBe(fold(text));
      expect(fold(text), text).not.toMatch(/[\u00ad\u200b-\u200d\u2060\ufeff]/);
    }
    expect(pageFold('A\u200dB\u200cC')).toBe('abc');
    const unit = fc.constantFrom(
      ...'aZé\u0301\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e ’ＧﬃØ',
      '\u{1d50a}',
      '\u{10400}',
      '\u{1f469}',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
        const text = units.join('');
        expect(pageFold(text)).toBe(fold(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe("the page's data block", () => {
  it('is the bytes read when nothing needs escaping, else the escaped text, byte for byte alike', () => {
    // JSON strings of any characters, with the ones the block escapes among them.
    const char = fc.oneof(
      fc.constantFrom('<', '>', '&', '\u007f', '\u0085', '\u2028', '\u2029', '\u202e', '\u2066'),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 20 }), (parts) => {
        const text = JSON.stringify({ quote: parts.join('') });
        const utf8 = Buffer.from(text, 'utf8');
        const page = { pieces: ['', '', ''], dataAt: 1, networkAt: 2 };
        fillData(page, text, utf8);
        const piece = page.pieces[1] as string | Uint8Array;
        expect(Buffer.from(piece).equals(Buffer.from(scriptJsonText(text), 'utf8'))).toBe(true);
        // Handed on as read exactly when no escape was needed.
        expect(piece === utf8).toBe(scriptJsonText(text) === text);
      }),
      { numRuns: 300 },
    );
  });
});
