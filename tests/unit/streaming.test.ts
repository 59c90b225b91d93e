import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/core/dataset/write-file.js';
import { CodePoints, isSpaceCode } from '../../src/core/text/code-points.js';
import { batched, holdsRisky, jsonPieces, LazyArray, toJson } from '../../src/render/json.js';

const dir = mkdtempSync(join(tmpdir(), 'armru-streaming-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The value with every LazyArray replaced by the array of its elements. */
function eager(value: unknown): unknown {
  if (value instanceof LazyArray) return [...value.elements];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, eager(v)]));
}

// JSON values, including the characters toJson escapes and keys JSON.stringify skips.
const text = fc.string({
  unit: fc.constantFrom('a', 'é', '"', '\\', '\n', '\u0085', '\u2028', '😀'),
});
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 4 }),
  ),
})).value;

/** A lazy array's elements, values to put beside it, and how many objects deep it sits. */
const lazyCase = [
  fc.array(fc.oneof(json, fc.constant(undefined)), { maxLength: 1200 }),
  fc.array(json, { maxLength: 3 }),
  fc.integer({ min: 0, max: 3 }),
] as const;

/** `inner` put `depth` objects deep, beside `around`. */
function nested(inner: unknown, around: unknown[], depth: number): unknown {
  let value = inner;
  for (let d = 0; d < depth; d++) value = { before: around, inner: value, after: around };
  return value;
}

describe('streamed JSON', () => {
  it('joins to exactly what toJson writes, with lazy arrays at any depth and of any length', () => {
    fc.assert(
      fc.property(...lazyCase, (elements, around, depth) => {
        const value = nested(new LazyArray(elements), around, depth);
        const pieces = [...jsonPieces(value, 2)];
        expect(pieces.join('')).toBe(toJson(eager(value), 2));
      }),
      { numRuns: 150 },
    );
  });

  it('writes a one-line lazy array one element to a line, and the rest as toJson does', () => {
    const MARK = 'the lazy array \u0001 goes here';
    const pad = (d: number) => ' '.repeat(2 * d);
    fc.assert(
      fc.property(...lazyCase, (elements, around, depth) => {
        const value = nested(new LazyArray(elements, 'oneLine'), around, depth);
        // The same, with a string where the array is, to be replaced by the array's text.
        const shape = nested(MARK, around, depth);
        const lines = elements.map((e) => (e === undefined ? 'null' : toJson(e)));
        const array =
          lines.length === 0
            ? '[]'
            : `[\n${pad(depth + 1)}${lines.join(`,\n${pad(depth + 1)}`)}\n${pad(depth)}]`;
        const text = [...jsonPieces(value, 2)].join('');
        expect(text).toBe(toJson(shape, 2).replace(toJson(MARK), () => array));
        expect(JSON.parse(text)).toEqual(JSON.parse(toJson(eager(value), 2)));
      }),
      { numRuns: 150 },
    );
  });

  it('says which values hold a character toJson escapes, so that a plain value skips the scan', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(json, fc.constant(undefined)), { maxLength: 30 }),
        (elements) => {
          const value = { items: new LazyArray(elements), around: elements.slice(0, 2) };
          const escaped = toJson(eager(value), 2) !== JSON.stringify(eager(value), null, 2);
          // Whatever toJson would escape is found (a key of an undefined value may be found
          // too: that only costs the scan).
          if (escaped) expect(holdsRisky(eager(value))).toBe(true);
          if (!holdsRisky(eager(value)))
            expect([...jsonPieces(value, 2, 0, 'plain')].join('')).toBe(toJson(eager(value), 2));
        },
      ),
      { numRuns: 300 },
    );
    expect(holdsRisky({ a: [{ b: 'x\u2028' }] })).toBe(true);
    expect(holdsRisky({ a: [{ 'b\u009b': 'x' }] })).toBe(true);
    expect(holdsRisky({ a: [{ b: 'x “quoted” é' }], n: 1, z: null })).toBe(false);
  });

  it('writes an empty lazy array as []', () => {
    expect([...jsonPieces({ a: new LazyArray([]), b: 1 }, 2)].join('')).toBe(
      '{\n  "a": [],\n  "b": 1\n}',
    );
  });

  it('makes the elements one batch at a time, not all before the first piece', () => {
    let made = 0;
    function* elements() {
      for (let i = 0; i < 5000; i++) {
        made++;
        yield { i };
      }
    }
    const pieces = jsonPieces({ items: new LazyArray(elements()) }, 2);
    pieces.next(); // the key
    pieces.next(); // the first batch
    expect(made).toBeLessThan(1000);
  });

  it('batches pieces into larger ones without changing the text', () => {
    const pieces = Array.from({ length: 1000 }, (_, i) => `${i},`);
    const out = [...batched(pieces, 100)];
    expect(out.join('')).toBe(pieces.join(''));
    expect(out.length).toBeLessThan(50);
    expect([...batched([])]).toEqual([]);
  });

  it('passes a piece of half the size or more on as it is, after what was gathered before it', () => {
    const big = 'x'.repeat(60);
    const out = [...batched(['a', 'b', big, 'c', big, big, 'd'], 100)];
    expect(out).toEqual(['ab', big, 'c', big, big, 'd']);
    expect([...batched([big], 100)]).toEqual([big]);
  });
});

describe('code points without an array of them', () => {
  const chars = fc.constantFrom('a', ' ', '\n', 'é', '😀', '\ud800', '\udc00', '\u3000', '\u00a0');
  it('slices, indexes and counts as Array.from does, surrogates and lone halves included', () => {
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 40 }),
        fc.integer({ min: -3, max: 45 }),
        fc.integer({ min: -3, max: 45 }),
        (parts, a, b) => {
          const s = parts.join('');
          const cps = Array.from(s);
          const cp = new CodePoints(s);
          expect(cp.length).toBe(cps.length);
          const start = Math.max(0, a);
          expect(cp.slice(start, b)).toBe(cps.slice(start, Math.max(0, b)).join(''));
          expect(cp.at(a)).toBe(a < 0 ? undefined : cps[a]);
          expect(cp.codeAt(a)).toBe(cps[a] === undefined || a < 0 ? -1 : cps[a]?.codePointAt(0));
        },
      ),
    );
  });

  it('isSpaceCode is the \\s of a regular expression, for every code point of the BMP and some beyond', () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++)
      if (isSpaceCode(c) !== /\s/u.test(String.fromCodePoint(c))) differ.push(c.toString(16));
    expect(differ).toEqual([]);
    expect(isSpaceCode(0x1f600)).toBe(false);
  });
});

describe('an atomic write given in pieces', () => {
  it('writes every piece', async () => {
    const file = join(dir, 'pieces.txt');
    await writeFileAtomic(file, ['é', 'b', '😀']);
    expect(readFileSync(file, 'utf8')).toBe('éb😀');
  });

  it('leaves the old file and no temporary file when making the content fails', async () => {
    const file = join(dir, 'kept.txt');
    writeFileSync(file, 'old');
    function* failing() {
      yield 'new start';
      throw new Error('broken while writing');
    }
    // The error is the generator's own, not reported as a failure of the file system.
    await expect(writeFileAtomic(file, failing())).rejects.toThrow(/^broken while writing$/);
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((n) => n.includes('kept.txt'))).toEqual(['kept.txt']);
    expect(existsSync(file)).toBe(true);
  });
});

describe('the JSON scan', () => {
  const where = (offset: number) => `@${offset}`;
  it('finds a key given twice in a small object and in one of many keys, escaped or not', async () => {
    const { scanJson } = await import('../../src/core/dataset/json-scan.js');
    const many = Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`).join(', ');
    const text = `{"a": [1, {"b": 2, "\\u0062": 3}], "c": {${many}, "k7": 0}}`;
    const problems = scanJson(text, where);
    expect(problems.map((p) => [p.path, p.message.slice(0, 30), p.offset])).toEqual([
      ['$.a[1].b', 'the key "b" appears twice in o', text.indexOf('"\\u0062"')],
      ['$.c.k7', 'the key "k7" appears twice in ', text.lastIndexOf('"k7"')],
    ]);
    expect(problems[1]?.message).toContain(`first at @${text.indexOf('"k7"')}`);
  });

  it('finds every key given twice however the keys are written, and only those', async () => {
    const { scanJson } = await import('../../src/core/dataset/json-scan.js');
    const member = (path: string, key: string) =>
      /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
    // A key as JSON.stringify writes it, or with every character a \u escape.
    const written = (key: string, escaped: boolean) =>
      escaped
        ? `"${[...key].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`
        : JSON.stringify(key);
    type Obj = { key: string; escaped: boolean; value: Obj | number }[];
    const key = fc.constantFrom('a', 'b', 'a"b', 'c\\', 'é', 'k 1', '\\"');
    const obj: fc.Memo<Obj> = fc.memo((n) =>
      fc.array(
        fc.record({
          key,
          escaped: fc.boolean(),
          value: n > 1 ? fc.oneof(fc.integer({ min: 0, max: 9 }), obj(n - 1)) : fc.constant(1),
        }),
        { maxLength: 5 },
      ),
    );
    fc.assert(
      fc.property(obj(3), (root) => {
        const expected: string[] = [];
        const render = (o: Obj, path: string): string => {
          const seen = new Set<string>();
          const parts = o.map(({ key: k, escaped, value }) => {
            if (seen.has(k)) expected.push(member(path, k));
            seen.add(k);
            const inner =
              typeof value === 'number' ? String(value) : render(value, member(path, k));
            return `${written(k, escaped)}:${inner}`;
          });
          return `{${parts.join(',')}}`;
        };
        const text = render(root, '$');
        expect(scanJson(text, where).map((p) => p.path)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a lone surrogate in a value or a key, at its JSON path, and ignores escaped quotes', async () => {
    const { scanJson } = await import('../../src/core/dataset/json-scan.js');
    const text = '{"x": ["ok \\" , [ {", {"y z": ["\\ud800"]}], "\\udc00": "😀 \\u00e9"}';
    expect(scanJson(text, where).map((p) => [p.path, p.message.slice(0, 8)])).toEqual([
      ['$.x[1]["y z"][0]', 'a string'],
      ['$["\\udc00"]', 'a key ho'],
    ]);
  });

  it('is proved clean by the count only where the scan finds nothing, and for clean text alike', async () => {
    const { countedClean, scanJson } = await import('../../src/core/dataset/json-scan.js');
    // Objects written by hand, so that a key can be written twice, a key or a value can hold
    // colons, quotes and backslashes, and any character can be a \u escape (a colon and the
    // halves of a surrogate pair among them).
    const char = fc.constantFrom(
      ...['a', ':', '"', '\\', ' ', 'é', '😀', '\ud83d', '\ude00', '{', '[', ','],
    );
    const written = (chars: string[], escaped: boolean[]) =>
      `"${chars
        .map((ch, i) =>
          escaped[i % Math.max(1, escaped.length)]
            ? [...ch].map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
            : JSON.stringify(ch).slice(1, -1),
        )
        .join('')}"`;
    const str = fc.oneof(
      fc
        .tuple(fc.array(char, { maxLength: 4 }), fc.array(fc.boolean(), { maxLength: 4 }))
        .map(([chars, escaped]) => written(chars, escaped)),
      // Keys an object treats apart, and a \u that an escaped backslash makes plain text
      // before a real escape of half a pair.
      fc.constantFrom('"__proto__"', '"0"', '"1"', String.raw`"\\ud83d\udc00"`),
    );
    const value: fc.Memo<string> = fc.memo((n) =>
      n <= 1
        ? fc.oneof(str, fc.constantFrom('1', 'true', 'null', '[]', '{}'))
        : fc.oneof(
            str,
            fc.array(value(n - 1), { maxLength: 4 }).map((vs) => `[${vs.join(', ')}]`),
            fc
              .array(fc.tuple(fc.oneof(str, fc.constantFrom('"a"', '"b"')), value(n - 1)), {
                maxLength: 4,
              })
              .map((kvs) => `{${kvs.map(([k, v]) => `${k} :${v}`).join(',\n ')}}`),
          ),
    );
    let proved = 0;
    fc.assert(
      fc.property(value(4), (text) => {
        const doc = JSON.parse(text) as unknown;
        const clean = scanJson(text, where).length === 0;
        if (countedClean(text, doc)) {
          proved++;
          expect(clean).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    // Clean text is proved clean (not merely sent to the scan): whatever JSON.stringify writes
    // of a value, unless it holds an escape the count leaves to the scan.
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        if (/\\u(?:[dD][89a-fA-F]|003[aA])/.test(text)) return;
        expect(countedClean(text, JSON.parse(text))).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(proved).toBeGreaterThan(300);
    const builtin = readFileSync(new URL('../../data/claims.json', import.meta.url), 'utf8');
    expect(countedClean(builtin, JSON.parse(builtin))).toBe(true);
    // One key written twice, its first value holding nothing to count: the count falls short.
    const twice = '{"a": 1, "b": 2, "a": 3}';
    expect(countedClean(twice, JSON.parse(twice))).toBe(false);
    // An emoji written as two escapes is proved clean; a plain "\ud83d" (its backslash
    // escaped) before an escaped low half leaves that half alone, and the scan finds it.
    const pair = String.raw`{"a": "\ud83d\ude00"}`;
    expect(countedClean(pair, JSON.parse(pair))).toBe(true);
    const lone = String.raw`{"a": "\\ud83d\udc00"}`;
    expect(countedClean(lone, JSON.parse(lone))).toBe(false);
    expect(scanJson(lone, where).map((p) => p.path)).toEqual(['$.a']);
  });

  it('leaves nesting past the limit of the scan to the scan', async () => {
    const { MAX_DEPTH, countedClean } = await import('../../src/core/dataset/json-scan.js');
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(countedClean(deep(MAX_DEPTH), JSON.parse(deep(MAX_DEPTH)))).toBe(true);
    expect(countedClean(deep(MAX_DEPTH + 1), JSON.parse(deep(MAX_DEPTH + 1)))).toBe(false);
  });

  it('refuses nesting deeper than its limit', async () => {
    const { MAX_DEPTH, scanJson } = await import('../../src/core/dataset/json-scan.js');
    const text = `${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`;
    const [problem] = scanJson(text, where);
    expect(problem?.offset).toBe(MAX_DEPTH);
    expect(problem?.path).toBe(`$${'[0]'.repeat(MAX_DEPTH)}`);
  });
});

describe('HTML escaping of the report', () => {
  it('gives what sanitising and escaping give, for text with and without anything to escape', async () => {
    const { escapeHtml } = await import('../../src/render/html/page.js');
    const { sanitize } = await import('../../src/render/sanitize.js');
    const escapes: Record<string, string> = {
      '&': '&amp;',
      '<': '&lt;',
      '>': '&gt;',
      '"': '&quot;',
      "'": '&#39;',
    };
    const slow = (t: string) => sanitize(t).replace(/[&<>"']/g, (ch) => escapes[ch] as string);
    const unit = fc.constantFrom(
      ...['a', ' ', '\n', '\t', '\r', 'é', '“', '&', '<', "'", '"', '\u0000', '\u0085'],
      ...['\u200b', '\u202e', '\u2066', '\ufeff', '😀', '\u{e0041}', '\u200d', '\ud800'],
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(escapeHtml(text)).toBe(slow(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('exports whose data holds a character a terminal could act on', () => {
  it('escape it wherever it is: in the article around a quote, in a description', async () => {
    const { loadDataset } = await import('../../src/core/store/load.js');
    const { corpusOf } = await import('../../src/core/model/corpus.js');
    const { annotationPieces, jsonLdPieces } = await import('../../src/render/export.js');
    const dataset = await loadDataset();
    const first = dataset.doc.claims.find((c) => c.quote.start > 0);
    if (!first) throw new Error('no claim');
    // The article only: the code point before the first quote becomes a line separator, which
    // the annotation's TextQuoteSelector prefix carries. The quotes still match.
    const points = Array.from(dataset.text);
    points[first.quote.start - 1] = '\u2028';
    const text = points.join('');
    const article = corpusOf({ ...dataset, text });
    const refs = article.datasets.flatMap((d) =>
      d.doc.claims.map((claim) => ({ dataset: d, claim })),
    );
    const annotations = [...annotationPieces(article, refs)].join('');
    expect(annotations).not.toMatch(/\u2028/);
    expect(annotations).toContain('\\u2028');
    const items: { id: string; target: { selector: { prefix?: string }[] } }[] =
      JSON.parse(annotations).first.items;
    const mine = items.find((a) => a.id.endsWith(`:annotation:${first.id}`));
    expect(mine?.target.selector[0]?.prefix?.endsWith('\u2028')).toBe(true);
    // A description only, reached through the entity map as JSON-LD reads it.
    const [entity] = dataset.doc.entities;
    if (!entity) throw new Error('no entity');
    const changed = { ...entity, description: `${entity.description} \u009b2J` };
    const entities = dataset.doc.entities.map((e) => (e === entity ? changed : e));
    const described = {
      ...dataset,
      doc: { ...dataset.doc, entities },
      entityById: new Map(entities.map((e) => [e.id, e])),
    };
    const corpus = corpusOf(described);
    const jsonld = [
      ...jsonLdPieces(
        corpus,
        corpus.datasets.flatMap((d) => d.doc.claims.map((claim) => ({ dataset: d, claim }))),
      ),
    ].join('');
    expect(jsonld).not.toMatch(/\u009b/);
    expect(jsonld).toContain('\\u009b2J');
    // And without any, the text is what it was with the scan.
    const plain = [
      ...jsonLdPieces(
        corpusOf(dataset),
        refs.map((r) => ({ ...r, dataset })),
      ),
    ].join('');
    expect(plain).not.toMatch(/\\u(00[89]|202|206|007f)/);
  });
});

describe('standard output bytes', () => {
  it('are the UTF-8 of the text, long or short, a lone surrogate written as U+FFFD as Buffer.from does', async () => {
    const { utf8 } = await import('../../src/cli.js');
    const unit = fc.constantFrom('a', 'é', '’', '😀', '\ud800', '\udc00', '\n');
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 20 }),
        fc.integer({ min: 0, max: 70_000 }),
        (parts, pad) => {
          // Long enough, the text is encoded into the kept buffer; that buffer is used again
          // by the next text, so each result is compared before the next is made.
          const text = `${'x'.repeat(pad)}${parts.join('')}`;
          expect(Buffer.from(utf8(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
