import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entityProfiles, topicProfiles } from '../../src/core/browse/profiles.js';
import { coverage } from '../../src/core/browse/stats.js';
import { corpusOf } from '../../src/core/model/corpus.js';
import type { Claim, Dataset, DatasetDocument } from '../../src/core/model/types.js';
import { chalkPalette, type Palette, plainPalette } from '../../src/render/color.js';
import { fitWidths, renderTable } from '../../src/render/table.js';
import { displayWidth, ONE_COLUMN } from '../../src/render/text-width.js';

// Sizes at which spreading an array into a call's arguments (Math.min(...xs), push(...xs))
// overflows V8's stack: these must work by loops.
const MANY = 200_000;

/** A dataset held in memory: `claims` claims over a short text, each naming two of `people`. */
function dataset(claims: number, people: number, quote: (i: number) => [number, number]): Dataset {
  const text = 'Title\n\nBody words here and there, then more words.';
  const entities = Array.from({ length: people }, (_, i) => ({
    id: `p${i}`,
    type: 'Person' as const,
    name: `Person ${i}`,
    aliases: [],
    description: '',
    sameAs: [],
  }));
  const list: Claim[] = Array.from({ length: claims }, (_, i) => {
    const [start, end] = quote(i);
    return {
      id: `c${i}`,
      text: `claim ${i}`,
      quote: { exact: [...text].slice(start, end).join(''), start, end },
      kind: 'event',
      assertedBy: i % 3 === 0 ? 'author' : `p${i % people}`,
      hedged: false,
      actors: [`p${i % people}`, `p${(i * 7 + 1) % people}`, `p${i % people}`],
      topics: [`t${i % 2}`],
    };
  });
  const doc = {
    schemaVersion: 1,
    source: { id: 's', title: 'T', author: 'A', text },
    entities,
    topics: [0, 1].map((i) => ({ id: `t${i}`, name: `Topic ${i}`, aliases: [], description: '' })),
    claims: list,
    agreements: [
      {
        id: 'a1',
        name: 'One',
        kind: 'agreement',
        parties: ['p1', 'p1'],
        status: 'signed',
        claims: ['c0', 'c2'],
      },
      {
        id: 'a2',
        name: 'Two',
        kind: 'agreement',
        parties: ['p2'],
        status: 'signed',
        claims: ['c1'],
      },
    ],
    relations: [],
  } as unknown as DatasetDocument;
  return {
    file: 'memory',
    doc,
    text,
    entityById: new Map(entities.map((e) => [e.id, e])),
    topicById: new Map(doc.topics.map((t) => [t.id, t])),
    claimById: new Map(list.map((c) => [c.id, c])),
  };
}

describe('commands at scale', () => {
  it(`coverage over ${MANY} overlapping quotes`, () => {
    // Body: from offset 7 ("Body words..."), 43 non-space characters in all; quotes cover
    // "Body words" (9 non-space) and, overlapping, "words here" (the second word again).
    const d = dataset(MANY, 10, (i) => (i % 2 === 0 ? [7, 17] : [12, 22]));
    const nonSpace = [...d.text.slice(7)].filter((ch) => !/\s/u.test(ch)).length;
    expect(coverage(d)).toEqual({ covered: 13, total: nonSpace, share: 13 / nonSpace });
  });

  it('coverage counts what a count per character counts, for any quotes', () => {
    const text = 'Title\n\nBody words here and there, then more words.';
    const n = [...text].length;
    const span = fc
      .tuple(fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n }))
      .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);
    fc.assert(
      fc.property(fc.array(span, { maxLength: 12 }), (spans) => {
        const d = dataset(spans.length, 3, (i) => spans[i] as [number, number]);
        const chars = [...text];
        let covered = 0;
        let total = 0;
        // The body starts after the title's blank line, unless no quote is past it.
        const from = spans.length > 0 && Math.min(...spans.map(([a]) => a)) >= 7 ? 7 : 0;
        for (let i = from; i < n; i++) {
          if (/\s/u.test(chars[i] as string)) continue;
          total++;
          if (spans.some(([a, b]) => a <= i && i < b)) covered++;
        }
        const c = coverage(d);
        expect([c.covered, c.total]).toEqual([covered, total]);
      }),
      { numRuns: 300 },
    );
  });

  it(`a table of ${MANY} rows fits its widths`, () => {
    const columns = [{ header: 'ID' }, { header: 'CLAIM', wrap: true, flex: true, min: 12 }];
    const rows = Array.from({ length: MANY }, (_, i) => [
      { text: `c${i}` },
      { text: 'short text' },
    ]);
    expect(fitWidths(columns, rows, 40)).toEqual([7, 10]);
    const table = renderTable(columns, rows.slice(0, 3), 40, plainPalette());
    expect(table.split('\n')[1]).toContain('CLAIM');
  });

  it('profiles count each claim once per entity and topic, as a scan of every claim does', () => {
    const d = dataset(5000, 300, () => [7, 17]);
    const corpus = corpusOf(d);
    const entities = entityProfiles(corpus);
    for (const p of entities) {
      const about = d.doc.claims.filter((c) => c.actors.includes(p.entity.id));
      const asserted = d.doc.claims.filter((c) => c.assertedBy === p.entity.id);
      expect(p.about.map((r) => r.claim.id)).toEqual(about.map((c) => c.id));
      expect(p.asserted.map((r) => r.claim.id)).toEqual(asserted.map((c) => c.id));
      expect(p.agreements.map((r) => r.agreement.id)).toEqual(
        d.doc.agreements.filter((a) => a.parties.includes(p.entity.id)).map((a) => a.id),
      );
    }
    const [t0, t1] = topicProfiles(corpus);
    expect(t0?.claimCount).toBe(2500);
    expect(t0?.agreements.map((r) => r.agreement.id)).toEqual(['a1']);
    expect(t1?.agreements.map((r) => r.agreement.id)).toEqual(['a2']);
  });
});

describe('long tables, drawn by armru rather than cli-table3', () => {
  it('print exactly what cli-table3 prints: wrapped or not, wide characters, colours', async () => {
    const columns = [
      { header: 'ID' },
      { header: 'KIND', wrap: true, max: 9 },
      { header: 'CLAIM TEXT', wrap: true, flex: true, min: 12 },
      { header: 'N', align: 'right' as const },
    ];
    const { Chalk } = await import('chalk');
    const palettes = [plainPalette(), chalkPalette(new Chalk({ level: 1 }))];
    let tables = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.stringMatching(/^[a-z0-9]{1,6}$/),
            fc.constantFrom('event', 'statement', 'qualifies'),
            fc.array(fc.constantFrom('Gyumri', 'base', '東京', 'Türkiye', 'a', 'très-long-mot'), {
              maxLength: 12,
            }),
            fc.array(fc.nat(40), { maxLength: 2 }),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        fc.integer({ min: 50, max: 120 }),
        fc.boolean(),
        (spec, width, colour) => {
          const rows = spec.map(([id, kind, words, marks]) => {
            const text = words.join(' ');
            const m = marks.filter((x) => x < text.length).map((x) => [x, x] as [number, number]);
            return [
              { text: id },
              { text: kind },
              { text, marks: m },
              { text: String(m.length * 7) },
            ];
          });
          const colors = palettes[colour ? 1 : 0] as Palette;
          const byCliTable = renderTable(columns, rows, width, colors, 1000);
          if (byCliTable.startsWith('┌')) tables++;
          expect(renderTable(columns, rows, width, colors, 0)).toBe(byCliTable);
        },
      ),
      { numRuns: 200 },
    );
    // Most cases are tables (a window too narrow gives cards, drawn alike either way).
    expect(tables).toBeGreaterThan(100);
  });
});

describe('display width', () => {
  it('counts one column for every character of the fast ranges, as string-width does', async () => {
    const { default: stringWidth } = await import('string-width');
    let checked = 0;
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      if (!ONE_COLUMN.test(ch)) continue;
      checked++;
      expect(stringWidth(ch), `U+${code.toString(16)}`).toBe(1);
      expect(displayWidth(`a${ch}b`)).toBe(stringWidth(`a${ch}b`));
    }
    expect(checked).toBeGreaterThan(1000);
    // Outside them, string-width decides: wide, combining and escape sequences.
    expect(displayWidth('東京')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('\u001b[1mbold\u001b[22m')).toBe(4);
    expect(displayWidth('\u001b[31;1m東京\u001b[0m “x”')).toBe(8);
    expect(displayWidth('soft\u00adhyphen')).toBe(stringWidth('soft\u00adhyphen'));
  });
});

describe('the article at scale', () => {
  it(`marks ${MANY} claims that all start at one place, in a terminal and in a pipe`, async () => {
    const { renderPlainArticle, renderTerminalArticle } = await import(
      '../../src/render/article.js'
    );
    const { articleMarks } = await import('../../src/core/browse/marks.js');
    const { kit } = await import('../../src/render/table-kit.js');
    const text = 'Title\n\nBody words here.';
    const spans = Array.from({ length: MANY }, (_, i) => ({ id: `c${i}`, start: 7, end: 11 }));
    const page = {
      source: { id: 's', title: 'Title', author: 'A', inLanguage: 'en' } as never,
      runs: articleMarks(text, spans),
      text,
      claims: spans.map((s) => ({
        id: s.id,
        kind: 'event' as const,
        asserter: 'author',
        hedged: false,
        start: s.start,
      })),
    };
    const view = {
      mode: 'table' as const,
      width: 80,
      colors: plainPalette(),
      write: () => {},
      kit,
    };
    const terminal = renderTerminalArticle(view, page, (_k, _u, s) => s);
    expect(terminal.lineOf.size).toBe(MANY);
    const plain = renderPlainArticle(page);
    expect(plain.text).toContain(`c${MANY - 1}`);
  });
});
