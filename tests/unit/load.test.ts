import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lineColumn, parseJson } from '../../src/core/dataset/json-text.js';
import { ArmruError, type DataProblem, problemLine } from '../../src/core/model/errors.js';
import { loadCorpus, loadDataset } from '../../src/core/store/load.js';
import { pointerToPath } from '../../src/core/text/json-path.js';
import { fixture } from '../helpers.js';

/** Loads a dataset expected to fail and returns the error's message and problem lines. */
async function refusal(
  file: string,
): Promise<{ message: string; problems: string[]; code: string; details: DataProblem[] }> {
  try {
    await loadDataset(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ArmruError);
    const e = error as ArmruError;
    expect(e.details.map(problemLine)).toEqual(e.problems);
    return { message: e.message, problems: e.problems, code: e.code, details: e.details };
  }
  throw new Error(`${file} loaded but should have been refused`);
}

describe('loadDataset', () => {
  it('loads a valid dataset and builds its lookups', async () => {
    const ds = await loadDataset(fixture('mini/claims.json'));
    expect(ds.doc.claims.map((c) => c.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(ds.entityById.get('ruiz')?.name).toBe('Ana Ruiz');
    expect(ds.text.startsWith('Port Authority Approves Ferry Link')).toBe(true);
  });

  it('names file, line and column of a JSON syntax error', async () => {
    const f = fixture('bad/syntax.claims.json');
    expect(await refusal(f)).toEqual({
      code: 'bad-json',
      message: `${f}:7:5: invalid JSON: expected ',' between items`,
      // The one problem is the message itself, and the CLI prints it once.
      problems: [`${f}:7:5: invalid JSON: expected ',' between items`],
      details: [
        {
          file: f,
          code: 'json',
          line: 7,
          column: 5,
          message: "invalid JSON: expected ',' between items",
        },
      ],
    });
  });

  it('reports every schema violation with its JSON path and claim id', async () => {
    const f = fixture('bad/schema.claims.json');
    const { message, problems } = await refusal(f);
    expect(message).toBe(`${f}: not a valid armru dataset (4 problems)`);
    expect(problems).toEqual([
      `${f}: $.claims[0]: unexpected property "colour" (claim m1)`,
      `${f}: $.claims[1].kind: expected one of "event", "statement", "quote", "report", "denial", "assessment", "background" (claim m2)`,
      `${f}: $.claims[2]: missing required property "text" (claim m3)`,
      `${f}: $.claims[3].hedged: expected boolean (claim m4)`,
    ]);
    // What is missing is data too, not only words in the message.
    const { details } = await refusal(f);
    expect(details.filter((d) => d.missing !== undefined)).toEqual([
      {
        file: f,
        code: 'schema',
        path: '$.claims[2]',
        claimId: 'm3',
        missing: 'text',
        message: 'missing required property "text"',
      },
    ]);
  });

  it('refuses quotes that are not the article text at their offsets, without re-anchoring', async () => {
    const f = fixture('bad/offsets.claims.json');
    const { problems } = await refusal(f);
    expect(problems).toEqual([
      `${f}: $.claims[1].quote: quote.exact is not the article's text at 197..239 (found "e ferries will run twice a day from J..."); the quoted words occur at 195..237 (claim m2)`,
      `${f}: $.claims[3].quote: quote.exact is not the article's text at 329..363 (found "“will cut the journey to an hour.”"); the quoted words do not occur in the article (claim m4)`,
    ]);
  });

  it('refuses duplicate ids and references to ids that do not exist', async () => {
    const f = fixture('bad/dangling.claims.json');
    const { problems } = await refusal(f);
    expect(problems).toEqual([
      `${f}: $.claims[3].id: duplicate id "m1" (claim m1)`,
      `${f}: $.claims[0].actors[3]: no entity has the id "nobody" (claim m1)`,
      `${f}: $.claims[2].topics[1]: no topic has the id "weather" (claim m3)`,
      `${f}: $.relations[1].from: no claim has the id "m4"`,
      `${f}: $.relations[2].to: no claim has the id "m9"`,
    ]);
  });

  it('refuses a text whose hash does not match', async () => {
    const f = fixture('bad/hash.claims.json');
    const { problems } = await refusal(f);
    expect(problems).toEqual([
      `${f}: $.source.textSha256: the article text's SHA-256 is 46fac3634e369e2cb1adcaa434f66fe28d48218a8eaa4bcd4aabe00824c795f3, not the one recorded`,
    ]);
  });

  it('refuses a text file outside the dataset directory', async () => {
    const f = fixture('bad/escape.claims.json');
    const { problems } = await refusal(f);
    expect(problems).toEqual([
      `${f}: $.source.textFile: "../../../../etc/passwd" leaves the dataset's directory; expected a path inside it`,
    ]);
  });

  it('explains missing files and directories', async () => {
    expect(await refusal('no/such.json')).toMatchObject({
      code: 'not-found',
      message: 'no/such.json: no such file; expected the dataset here',
    });
    expect(await refusal('tests')).toMatchObject({
      code: 'io',
      message: 'tests: is a directory, not a regular file; expected the dataset',
    });
  });
});

describe('JSON helpers', () => {
  it('computes 1-based line and code-point column', () => {
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('“x”\n', 2)).toEqual({ line: 1, column: 3 });
  });

  it('describes what was expected at the error', async () => {
    const cases: [string, string][] = [
      [
        '{"a":1,}',
        'f:1:8: invalid JSON: expected a property name in double quotes (no trailing commas)',
      ],
      [
        '{"a":tru}',
        'f:1:6: invalid JSON: expected a JSON value (string, number, object, array, true, false or null)',
      ],
      ['', 'f:1:1: invalid JSON: expected a JSON value, found an empty file'],
      ['{"a":1', "f:1:7: invalid JSON: expected ',' or '}'"],
      ['[1]\n x', 'f:2:2: invalid JSON: expected the end of the file after the top-level value'],
    ];
    for (const [text, message] of cases) {
      await expect(parseJson(text, 'f')).rejects.toThrow(message);
    }
  });

  it('turns JSON pointers into JSONPath', () => {
    expect(pointerToPath('')).toBe('$');
    expect(pointerToPath('/claims/3/quote')).toBe('$.claims[3].quote');
    expect(pointerToPath('/a b/x~1y')).toBe('$["a b"]["x/y"]');
  });
});

describe('loadCorpus: the text read, and what JSON.parse lets through', () => {
  const mini = readFileSync(fixture('mini/claims.json'), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'armru-checking-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(fixture('mini/article.txt'), join(dir, 'article.txt'));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('gives the read hook the very text each dataset is parsed from', async () => {
    const clean = write('clean.claims.json', mini);
    const read: string[] = [];
    const corpus = await loadCorpus([clean], { read: (text) => read.push(text) });
    expect(read).toEqual([mini]);
    expect(corpus).toEqual(await loadCorpus([clean]));
  });

  it('refuses a key given twice and a lone surrogate, which JSON.parse and the schema let through', async () => {
    for (const [name, text, problem] of [
      ['twice', mini.replace('"id": "m1",', '"id": "m1",\n      "id": "m1",'), /appears twice/],
      [
        'surrogate',
        mini.replace('twice a day', 'twice \\ud800 a day'),
        /unpaired UTF-16 surrogate/,
      ],
    ] as const) {
      const error = await loadCorpus([write(`${name}.claims.json`, text)]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArmruError);
      expect((error as ArmruError).message).toMatch(problem);
    }
    // An emoji written as a pair of escapes is text.
    const emoji = write(
      'emoji.claims.json',
      mini.replace('twice a day', 'twice \\ud83d\\ude00 a day'),
    );
    const loaded = await loadCorpus([emoji]);
    expect(loaded.datasets[0]?.doc.claims[1]?.text).toContain('twice 😀 a day');
  });
});
