import { createRequire } from 'node:module';
import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUESTION_WORDS, suggestFrom } from '../../src/core/search/question.js';
import { fold, foldKeepsPositions } from '../../src/core/text/fold.js';
import { closest, editDistance, editDistanceWithin } from '../../src/core/text/suggest.js';
import { renderPlain, renderPlainCells } from '../../src/render/cells.js';
import { chalkPalette, decideColor, plainPalette } from '../../src/render/color.js';
import { toMermaid } from '../../src/render/graph.js';
import {
  MAYBE_UNSAFE,
  MAYBE_UNSAFE_INLINE,
  sanitize,
  sanitizeInline,
  UNSAFE,
  UNSAFE_INLINE,
} from '../../src/render/sanitize.js';
import { type Column, fitWidths, renderTable } from '../../src/render/table.js';
import { displayWidth, wrap } from '../../src/render/text-width.js';
import { stripAnsi } from '../helpers.js';

const require = createRequire(import.meta.url);

describe('fold', () => {
  it('lowercases, strips diacritics and unifies punctuation, keeping the length', () => {
    expect(fold('Türkiye’s “Ŝtate” — Łódź')).toBe('turkiye\'s "state" - lodz');
    for (const s of ['Türkiye’s', 'İstanbul', '😀 x', 'Ａ']) {
      expect(foldKeepsPositions(s)).toBe(true);
      expect(fold(s)).toHaveLength(s.length);
    }
  });

  it('normalises compatibility forms: decomposed accents, full-width letters, ligatures', () => {
    expect(fold('Tu\u0308rkiye')).toBe('turkiye');
    expect(fold('Ｇｙｕｍｒｉ')).toBe('gyumri');
    expect(fold('oﬃcial ﬁle')).toBe('official file');
    expect(fold('Ǆ')).toBe('dž'.normalize('NFD').replace(/\p{M}/gu, ''));
    expect(foldKeepsPositions('oﬃcial')).toBe(false);
    expect(foldKeepsPositions('Tu\u0308rkiye')).toBe(false);
  });
});

describe('suggestions', () => {
  it('measures edits with transpositions', () => {
    expect(editDistance('shoygu', 'shoigu')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('offers the closest candidates only', () => {
    expect(closest('serch', ['search', 'stats', 'show'])).toEqual(['search']);
    expect(closest('zzz', ['search'])).toEqual([]);
  });

  it('gives the exact distance within a limit, and more than the limit beyond it', () => {
    // The textbook table of the distance with adjacent transpositions, every cell computed.
    const reference = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
      );
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++) {
          const row = d[i] as number[];
          const up = d[i - 1] as number[];
          row[j] = Math.min(
            (up[j] as number) + 1,
            (row[j - 1] as number) + 1,
            (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
            row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
        }
      return (d[a.length] as number[])[b.length] as number;
    };
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 6 }), (a, b, limit) => {
        const exact = reference(a, b);
        expect(editDistance(a, b)).toBe(exact);
        const within = editDistanceWithin(a, b, limit);
        if (exact <= limit) expect(within).toBe(exact);
        else expect(within).toBeGreaterThan(limit);
      }),
      { numRuns: 2000 },
    );
  });

  it('suggests from a vocabulary what comparing every word of it would suggest', () => {
    // Without the cheap tests that spare most comparisons: the length and the two-letter
    // pieces as before, and every word left compared by `closest`.
    const reference = (words: string[], word: string, folded: boolean): string[] => {
      const bare = word.replace(/^[!'^=]+|\$$/g, '').replace(/^"|"$/g, '');
      if (bare.length < 3) return [];
      const key = folded ? (s: string) => s : (s: string) => fold(s);
      const needle = fold(bare);
      const budget = Math.max(2, Math.floor(needle.length / 3));
      const grams = Array.from({ length: Math.max(0, bare.length - 1) }, (_, i) =>
        bare.slice(i, i + 2),
      );
      const need = bare.length - 1 - 2 * budget;
      const near = words.filter((w, i) => {
        if (w.length < 3) return false;
        const k = key(w);
        if (QUESTION_WORDS.has(k)) return false;
        // Alike once folded: the first word long enough counts.
        if (words.slice(0, i).some((v) => v.length >= 3 && key(v) === k)) return false;
        if (k.includes(needle) || needle.includes(k)) return true;
        if (Math.abs(k.length - needle.length) > budget) return false;
        if (need <= 0 || !folded) return true;
        let n = 0;
        for (const g of grams) if (k.includes(g) && ++n >= need) return true;
        return false;
      });
      return closest(bare, near, 3, key);
    };
    const letters = fc.constantFrom('a', 'b', 'e', 'r', 's', 't', 'é', 'A', '\u{1D400}');
    const word = fc.string({ unit: letters, minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), word, fc.boolean(), (words, w, folded) => {
        expect(suggestFrom(words, w, folded)).toEqual(reference(words, w, folded));
      }),
      { numRuns: 1500 },
    );
  });

  it('suggests neither question words nor one word twice in two cases', () => {
    const words = ['the', 'The', 'tree', 'are', 'Trud', 'trud', 'TRUE'];
    expect(suggestFrom(words, 'true')).toEqual(['TRUE', 'tree', 'Trud']);
    expect(suggestFrom(words, 'thee')).toEqual(['tree', 'TRUE']);
    expect(
      suggestFrom(
        words.map((w) => fold(w)),
        'thee',
        true,
      ),
    ).toEqual(['tree', 'true']);
  });

  it('suggests the same from the words as one text (an index vocabulary) as from the list', () => {
    // The text finds the words worth testing with indexOf (suggestFrom's nearInTable); the
    // list tests every word. Words with the separator in them, duplicates, and query words of
    // six letters or more (the ones the text serves) whose pieces occur across word ends.
    // The character after each word is not part of it, whatever it is: a letter of the
    // queries as well, so that matches running into it are common.
    const tableOf = (words: string[], after = '\n') => {
      const starts = new Int32Array(words.length + 1);
      for (let i = 0; i < words.length; i++)
        starts[i + 1] = (starts[i] as number) + (words[i] as string).length + 1;
      return { text: words.map((w) => `${w}${after}`).join(''), starts };
    };
    const letters = fc.constantFrom('a', 'b', 'e', 'r', 's', 't', 'é', '\n', '\u{1D400}');
    const word = fc.string({ unit: letters, minLength: 0, maxLength: 12 });
    const query = fc.string({ unit: letters, minLength: 6, maxLength: 14 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 80 }), query, (words, w) => {
        const former = suggestFrom(words, w, true);
        expect(suggestFrom(words, w, true, tableOf(words))).toEqual(former);
        expect(suggestFrom(words, w, true, tableOf(words, 'e'))).toEqual(former);
        expect(suggestFrom(words, w, true, tableOf(words, 'b'))).toEqual(former);
        // Its own words, with a letter swapped or dropped, are suggested as from the list.
        for (const own of words.slice(0, 3)) {
          const typo = `${own.slice(1, 2)}${own.slice(0, 1)}${own.slice(2)}sta`;
          expect(suggestFrom(words, typo, true, tableOf(words))).toEqual(
            suggestFrom(words, typo, true),
          );
        }
      }),
      { numRuns: 1500 },
    );
    // Ends and separators: a piece of the query at the very end of the text, across two words,
    // and a word that is the needle, holds it, or lies inside it.
    const words = ['abcdef', 'bcdefx', 'xxabcdefxx', 'bcd', 'cde', 'ef', 'ab\ncd', 'abcde', 'fab'];
    for (const w of ['abcdef', 'bcdefa', 'efabcd', 'cdefab', 'fabcde', 'abcdefab'])
      expect(suggestFrom(words, w, true, tableOf(words))).toEqual(suggestFrom(words, w, true));
  });
});

describe('colour decision', () => {
  it('follows flag, then NO_COLOR, then FORCE_COLOR, then the terminal', () => {
    expect(decideColor('always', { NO_COLOR: '1' }, false)).toBe(true);
    expect(decideColor('never', { FORCE_COLOR: '1' }, true)).toBe(false);
    expect(decideColor('auto', { NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(decideColor('auto', { NO_COLOR: '' }, true)).toBe(true);
    expect(decideColor('auto', { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(decideColor('auto', { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(decideColor('auto', {}, true)).toBe(true);
    expect(decideColor('auto', { TERM: 'dumb' }, true)).toBe(false);
    expect(decideColor('auto', {}, false)).toBe(false);
  });
});

describe('sanitising untrusted text', () => {
  it('escapes control, C1 and bidi characters but keeps text', () => {
    expect(sanitize('a\u001b[2Jb\u0007c\u009bd\u202ee\nf\tg')).toBe(
      'a\\x1b[2Jb\\x07c\\x9bd\\u202ee\nf\tg',
    );
    expect(sanitizeInline('a\nb\tc\rd')).toBe('a\\nb\\tc\\rd');
    expect(sanitize('Pashinyan’s “Color Revolution” 😀')).toBe('Pashinyan’s “Color Revolution” 😀');
    // Tag characters (beyond the BMP) are escaped too.
    expect(sanitize('a\u{e0041}b')).toBe('a\\u{e0041}b');
  });

  it('never skips text that needs escaping: the quick test says "maybe" whenever the full one finds something', () => {
    const unit = fc.oneof(
      fc.constantFrom(
        'a',
        ' ',
        '\n',
        '\t',
        '\r',
        '\u001b',
        '\u0085',
        '\u200d',
        '\u202e',
        '\ufeff',
        '😀',
      ),
      fc.constantFrom('\u{e0001}', '\u{e007f}', '\u{e0080}', '\udb40', '\udc41', '\ud83d'),
      fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
        const text = units.join('');
        if (!MAYBE_UNSAFE.test(text)) expect(text.search(UNSAFE)).toBe(-1);
        if (!MAYBE_UNSAFE_INLINE.test(text)) expect(text.search(UNSAFE_INLINE)).toBe(-1);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('wrapping and tables', () => {
  it('wraps at spaces and never splits a wide character', () => {
    expect(wrap('the quick brown fox', 9)).toEqual(['the quick', 'brown fox']);
    // Only a token wider than the whole line is cut, and each cut line says so.
    expect(wrap('abcdefgh', 3)).toEqual(['ab\\', 'cd\\', 'ef\\', 'gh']);
    const wide = wrap('漢字漢字漢', 5);
    expect(wide).toEqual(['漢字\\', '漢字\\', '漢']);
    for (const line of wide) expect(displayWidth(line)).toBeLessThanOrEqual(5);
  });

  const columns: Column[] = [
    { header: 'ID' },
    { header: 'KIND' },
    { header: 'ASSERTED BY', wrap: true, max: 24, min: 8 },
    { header: 'CLAIM', wrap: true, flex: true, min: 20 },
    { header: 'ACTORS', wrap: true, max: 28, min: 8, optional: true },
  ];
  const long =
    'Armenia sees these arrangements, as well as its adherence to the CSTO, as key. '.repeat(2);
  const rows = [
    ['c13', 'background', 'author', long, 'Armenia, Collective Security Treaty Organization'],
    ['c28', 'quote', 'Nikol Pashinyan', 'Armenia must not choose.', 'Armenia, Europe, Russia'],
  ].map((r) => r.map((text) => ({ text })));

  it('fits every line into the width, from 40 to 160 columns', () => {
    for (const width of [40, 60, 80, 120, 160]) {
      const out = renderTable(columns, rows, width, plainPalette());
      for (const line of out.trimEnd().split('\n'))
        expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
    }
  });

  it('gives the claim the room and wastes none', () => {
    const w160 = fitWidths(columns, rows, 160);
    // Short columns get their natural width and the claim all the rest: 160 columns exactly.
    expect(w160).toEqual([3, 10, 15, 88, 28]);
    expect(w160.reduce((a, b) => a + b, 0) + 6 + 2 * 5).toBe(160);
    // A short claim is not padded past its text.
    expect(fitWidths(columns, [rows[1] ?? []], 160)[3]).toBe('Armenia must not choose.'.length);
    const w80 = fitWidths(columns, rows, 80);
    expect(w80[3]).toBeGreaterThanOrEqual(28);
  });

  it('drops the optional actors column when the claim would be too narrow', () => {
    const out = renderTable(columns, rows, 60, plainPalette());
    expect(out).not.toContain('ACTORS');
    expect(renderTable(columns, rows, 80, plainPalette())).toContain('ACTORS');
  });

  it('uses no colour codes unless colour is on, and then only armru’s own', () => {
    expect(renderTable(columns, rows, 80, plainPalette())).not.toContain('\u001b');
    const coloured = renderTable(columns, rows, 80, chalkPalette(new Chalk({ level: 1 })));
    expect(coloured).toContain('\u001b[1mID\u001b[22m');
    expect(stripAnsi(coloured)).toBe(renderTable(columns, rows, 80, plainPalette()));
  });

  it('measures with the same function cli-table3 pads with, so borders line up', () => {
    // One copy of string-width serves armru and cli-table3: two versions disagree on ✈ and
    // the soft hyphen, and the border after such a cell moved by one column.
    const fromTable = createRequire(require.resolve('cli-table3')).resolve('string-width');
    expect(fromTable).toBe(require.resolve('string-width'));
    const cells = [
      ['c01', 'Flight ✈ to Gyumri'],
      ['c02', 'Yere\u00advan'],
    ].map((r) => r.map((text) => ({ text })));
    const out = renderTable([{ header: 'ID' }, { header: 'TEXT' }], cells, 80, plainPalette());
    const widths = out
      .trimEnd()
      .split('\n')
      .map((line) => displayWidth(line));
    expect(new Set(widths)).toEqual(new Set([displayWidth('│ c01 │ Flight ✈ to Gyumri │')]));
    expect(displayWidth('✈')).toBe(1);
    expect(displayWidth('Yere\u00advan')).toBe(8);
  });

  it('prints plain tab-separated lines with escaped tabs and newlines', () => {
    expect(renderPlain([['a', 'b\tc', 'd\ne\u001b']])).toBe('a\tb\\tc\td\\ne\\x1b\n');
  });

  it('writes a backslash as two, so that every escape of a line reads back one way', () => {
    // A path with "\n" in it and a real line break were both written "\n".
    const text = 'C:\\new\\table and real\nnewline';
    expect(renderPlain([[text]])).toBe('C:\\\\new\\\\table and real\\nnewline\n');
    const readBack = (field: string) =>
      field.replace(/\\(\\|n|t)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
    expect(readBack(renderPlain([[text]]).slice(0, -1))).toBe(text);
    // Highlights move with the characters, in colour too.
    const colors = chalkPalette(new Chalk({ level: 1 }));
    const line = renderPlainCells(
      [{ header: 'X' }],
      [[{ text: 'a\\b c', marks: [[2, 2]] }]],
      colors,
    );
    expect(line).toBe(`a\\\\${colors.match('b')} c\n`);
    const marked = renderPlainCells(
      [{ header: 'X' }],
      [[{ text: 'a\\b', marks: [[1, 1]] }]],
      colors,
    );
    expect(marked).toBe(`a${colors.match('\\\\')}b\n`);
  });
});

describe('toMermaid', () => {
  it('writes every character Mermaid reads as markup as its entity code', () => {
    const name = 'Est|onia<br>#quot; & "Co" %%';
    const out = toMermaid({
      nodes: [
        { id: 'a', name, type: 'Country' },
        { id: 'b', name: 'B', type: 'Country' },
      ],
      edges: [{ kind: 'agreement', a: 'a', b: 'b', agreement: 'x', label: 'A|B <pact>' }],
    });
    expect(out).toBe(
      [
        'flowchart LR',
        '  n_a["Est#124;onia#60;br#62;#35;quot; #38; #34;Co#34; %%"]',
        '  n_b["B"]',
        '  n_a -.-|"A#124;B #60;pact#62;"| n_b',
        '',
      ].join('\n'),
    );
  });
});
