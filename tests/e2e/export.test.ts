import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseCsv } from 'csv-parse/sync';
// @ts-expect-error: jsonld ships no type declarations.
import jsonld from 'jsonld';
// @ts-expect-error: validate-web-annotation ships no type declarations.
import validateWebAnnotation from 'validate-web-annotation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { occurrences } from '../../src/core/dataset/fix.js';
import { sha256 } from '../../src/core/dataset/verify.js';
import { armru, fixture, ROOT } from '../helpers.js';
import { requirePython } from '../tools.js';

const validateAnnotation = validateWebAnnotation as (annotation: unknown) => boolean;
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const OA = 'http://www.w3.org/ns/oa#';
const AS = 'http://www.w3.org/ns/activitystreams#';
const SCHEMA = 'http://schema.org/';
interface Quad {
  subject: { value: string };
  predicate: { value: string };
  object: { value: string };
}

/** JSON-LD contexts from files in tests/fixtures/jsonld: the tests never go online. */
async function localContexts(url: string) {
  const files: Record<string, string> = {
    'http://www.w3.org/ns/anno.jsonld': 'anno.jsonld',
    'https://schema.org': 'schema.org.jsonld',
    'https://schema.org/': 'schema.org.jsonld',
  };
  const file = files[url];
  if (!file) throw new Error(`no local copy of the JSON-LD context ${url}`);
  const document = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/jsonld', file), 'utf8'));
  return { contextUrl: null, documentUrl: url, document };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'armru-export-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A dataset whose text carries commas, quotes, a newline and non-Latin characters. */
function trickyDataset(): string {
  const text = 'Tricky, “quoted” text\n\nВ Ереване, он сказал: "да"\nи 😀 тоже.';
  const quote = 'В Ереване, он сказал: "да"\nи 😀 тоже';
  const [start] = occurrences(text, quote);
  const doc = {
    schemaVersion: 1,
    source: {
      id: 'tricky',
      type: 'NewsArticle',
      title: 'Tricky, “quoted” text',
      author: 'Кто-то',
      publisher: null,
      datePublished: null,
      inLanguage: 'ru',
      text,
      textSha256: sha256(text),
      offsetUnit: 'codepoint',
    },
    entities: [
      {
        id: 'someone',
        type: 'Person',
        name: 'Он, "кто-то"',
        aliases: [],
        description: 'Someone.',
        sameAs: [],
      },
    ],
    topics: [{ id: 'talk', name: 'Talk', aliases: [], description: 'Talk.' }],
    claims: [
      {
        id: 't1',
        text: 'He said "yes", in Yerevan,\nand 😀 too.',
        quote: { exact: quote, start, end: (start as number) + Array.from(quote).length },
        kind: 'quote',
        assertedBy: 'someone',
        hedged: false,
        actors: ['someone'],
        topics: ['talk'],
        note: 'Said, "maybe"\nelsewhere.',
      },
    ],
    agreements: [],
    relations: [],
  };
  const file = join(dir, 'tricky.claims.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

/** Validates a document with ajv (draft 2020-12) against the schema its `$schema` names. */
function validateAgainstSchema(doc: unknown, ref: string, file: string): string[] {
  const schema = JSON.parse(readFileSync(resolve(dirname(file), ref), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addFormat('date', /^\d{4}(-\d{2}(-\d{2})?)?$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  const validate = ajv.compile(schema);
  return validate(doc)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe('armru export --format json', () => {
  it('writes a self-contained dataset that validates and reloads from another directory', () => {
    const out = join(dir, 'elsewhere', 'all.claims.json');
    mkdirSync(join(dir, 'elsewhere'));
    const r = armru(['export', '-o', out]);
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.source.text).toBe(readFileSync(join(ROOT, 'data/article.txt'), 'utf8'));
    expect(doc.source.textFile).toBeUndefined();
    expect(doc.claims).toHaveLength(39);
    expect(armru(['validate', out])).toEqual({
      status: 0,
      stdout: `${out}: valid (39 claims)\n`,
      stderr: '',
    });
    for (const query of ['Gyumri', 'Shoigu base', 'biolab !Kommersant', 'Pashinian | Kocharian']) {
      expect(armru(['--data', out, 'search', query, '--json']).stdout).toBe(
        armru(['search', query, '--json']).stdout,
      );
    }
  });

  it('keeps every record of a whole-dataset export, with a $schema that resolves', () => {
    const stored = JSON.parse(readFileSync(join(ROOT, 'data/claims.json'), 'utf8'));
    const out = join(dir, 'whole.claims.json');
    expect(armru(['export', '-o', out]).status).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    for (const key of ['entities', 'topics', 'claims', 'agreements', 'relations'])
      expect(doc[key], key).toEqual(stored[key]);
    // The author is named by no claim, yet is a record of the dataset.
    expect(doc.entities.map((e: { id: string }) => e.id)).toContain('cricchio');
    // The schema armru ships, found from where the file was written.
    expect(resolve(dirname(out), doc.$schema)).toBe(join(ROOT, 'data/claims.schema.json'));
    expect(validateAgainstSchema(doc, doc.$schema, out)).toEqual([]);
    // Through a link in a deeper folder, the path is from where the file is written.
    mkdirSync(join(dir, 'links', 'deeper'), { recursive: true });
    const target = join(dir, 'links', 'target.claims.json');
    writeFileSync(target, '{}');
    symlinkSync(target, join(dir, 'links', 'deeper', 'link.json'));
    expect(armru(['export', '-o', join(dir, 'links', 'deeper', 'link.json')]).status).toBe(0);
    const linked = JSON.parse(readFileSync(target, 'utf8'));
    expect(resolve(dirname(target), linked.$schema)).toBe(join(ROOT, 'data/claims.schema.json'));
    // Beside a schema of that name, the reference is just its name.
    copyFileSync(join(ROOT, 'data/claims.schema.json'), join(dir, 'claims.schema.json'));
    const beside = join(dir, 'beside.claims.json');
    expect(armru(['export', '--kind', 'quote', '-o', beside]).status).toBe(0);
    const part = JSON.parse(readFileSync(beside, 'utf8'));
    expect(part.$schema).toBe('./claims.schema.json');
    expect(validateAgainstSchema(part, part.$schema, beside)).toEqual([]);
    // An invalid document does fail the check, so the passes above mean something.
    expect(
      validateAgainstSchema({ ...part, claims: [{ id: 1 }] }, part.$schema, beside),
    ).not.toEqual([]);
    rmSync(join(dir, 'claims.schema.json'));
    // On stdout, the path is from the working directory (where `> file` writes).
    expect(JSON.parse(armru(['export', '--kind', 'quote']).stdout).$schema).toBe(
      './data/claims.schema.json',
    );
  });

  it('passes Python jsonschema (draft 2020-12, formats checked) through its $schema', (ctx) => {
    const python = requirePython(ctx, 'jsonschema');
    const out = join(dir, 'python-check.claims.json');
    expect(armru(['export', '-o', out]).status).toBe(0);
    const bad = join(dir, 'python-bad.claims.json');
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    doc.claims[0].when = { date: 'soon', text: 'x', basis: 'text' };
    writeFileSync(bad, JSON.stringify(doc));
    // An independent validator: it reads $schema relative to the file, as an editor does.
    const script = [
      'import json, os, sys',
      'from jsonschema import Draft202012Validator, FormatChecker',
      'for path in sys.argv[1:]:',
      '    doc = json.load(open(path, encoding="utf-8"))',
      '    schema_path = os.path.join(os.path.dirname(path), doc["$schema"])',
      '    schema = json.load(open(schema_path, encoding="utf-8"))',
      '    v = Draft202012Validator(schema, format_checker=FormatChecker())',
      '    errors = sorted("/".join(map(str, e.absolute_path)) for e in v.iter_errors(doc))',
      '    print(json.dumps(errors))',
    ].join('\n');
    const r = spawnSync(python, ['-c', script, out, bad], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const [good, broken] = r.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(good).toEqual([]);
    expect(broken).toEqual(['claims/0/when/date']);
  });

  it('ships the schema in the package', () => {
    // What `npm publish` would pack: the schema is in it, where `$schema` and VS Code find it.
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(pack.status, pack.stderr).toBe(0);
    const [{ files }] = JSON.parse(pack.stdout) as [{ files: { path: string }[] }];
    expect(files.map((f) => f.path)).toContain('data/claims.schema.json');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['./claims.schema.json']).toBe('./data/claims.schema.json');
  });

  it('keeps only what the selected claims need', () => {
    const doc = JSON.parse(armru(['export', '--actor', 'Kommersant']).stdout);
    expect(doc.claims.map((c: { id: string }) => c.id)).toEqual(['c08', 'c38', 'c28', 'c29']);
    const ids = doc.entities.map((e: { id: string }) => e.id);
    expect(ids).toContain('kommersant');
    expect(ids).not.toContain('tonoyan');
    expect(doc.agreements.map((a: { id: string; claims: string[] }) => [a.id, a.claims])).toEqual([
      ['biolab-memorandum', ['c08']],
    ]);
    expect(doc.relations.map((r: { from: string; to: string }) => `${r.from}>${r.to}`)).toEqual([
      'c38>c28',
    ]);
    // Membership travels with its members, so every memberOf in the subset resolves.
    expect(ids).toEqual(expect.arrayContaining(['pashinyan', 'armenian-government', 'armenia']));
    const out = join(dir, 'kommersant.claims.json');
    writeFileSync(out, JSON.stringify(doc));
    expect(armru(['validate', out]).status).toBe(0);
  });

  it('refuses to merge claims of several datasets into one document', () => {
    const r = armru([
      '--data',
      fixture('mini/claims.json'),
      '--data',
      'data/claims.json',
      'export',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'armru: --format json writes one dataset, but the selected claims come from 2 (valmora-ferry, armenia-russia-defense); narrow the selection or load one dataset with --data\n',
    );
  });
});

describe('armru export --format jsonl and csv', () => {
  it('prints one claim object per line', () => {
    const lines = armru(['export', '--format', 'jsonl', '--kind', 'quote'])
      .stdout.trimEnd()
      .split('\n');
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(['c28', 'c29']);
    expect(JSON.parse(lines[0] ?? '')).toEqual(
      JSON.parse(armru(['show', 'c28', '--json']).stdout, (key, value) =>
        key === 'related' || key === 'agreements' ? undefined : value,
      ),
    );
  });

  it('writes RFC 4180 CSV that a CSV parser reads back intact', () => {
    const r = armru(['export', '--format', 'csv']);
    // The editor's note is the last column, so the columns before it keep their places.
    expect(r.stdout.slice(0, r.stdout.indexOf('\r\n'))).toBe(
      'source,id,kind,text,quote,start,end,assertedBy,assertedByName,cue,hedged,actors,actorNames,topics,topicNames,date,dateBasis,dateText,dateSource,cameo,note',
    );
    expect(r.stdout.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(39);
    const c08 = rows.find((row) => row.id === 'c08');
    expect(c08).toMatchObject({
      source: 'armenia-russia-defense',
      kind: 'report',
      assertedBy: 'kommersant',
      assertedByName: 'Kommersant',
      cue: 'According to',
      hedged: 'false',
      start: '697',
      date: '2019-10-25',
      dateBasis: 'external',
    });
    expect(c08?.quote).toContain('Armenia’s US-built biolabs');
    expect(c08?.actors?.split('; ')).toContain('kommersant');
    expect(c08?.actorNames?.split('; ')).toContain('Russian military and health officials');
    expect(c08?.note).toBe('');
    // The note a reader must see beside c07: others give the remark to Kopyrkin.
    expect(rows.find((row) => row.id === 'c07')?.note).toContain('Sergei Kopyrkin');
    expect(rows.filter((row) => row.hedged === 'true').map((row) => row.id)).toEqual([
      'c24',
      'c27',
      'c31',
      'c33',
    ]);

    const tricky = trickyDataset();
    const csv = armru(['--data', tricky, 'export', '--format', 'csv', '--bom']).stdout;
    expect(csv.startsWith('\uFEFFsource,')).toBe(true);
    const [row] = parseCsv(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(row?.text).toBe('He said "yes", in Yerevan,\nand 😀 too.');
    expect(row?.quote).toBe('В Ереване, он сказал: "да"\nи 😀 тоже');
    expect(row?.assertedByName).toBe('Он, "кто-то"');
    expect(row?.note).toBe('Said, "maybe"\nelsewhere.');
  });
});

/** The pandas read the README gives for armru's CSV, run as it is printed there. */
const PANDAS_READ = 'claims = pd.read_csv("claims.csv", dtype=str, keep_default_na=False)';

describe('CSV for spreadsheets and pandas', () => {
  it('keeps values exact by default and defuses formulas with --spreadsheet', () => {
    // Values that start with the characters spreadsheets read as formulas.
    const data = ['--data', fixture('spreadsheet/formulas.claims.json')];
    const exact = armru([...data, 'export', '--format', 'csv']);
    expect(exact.status).toBe(0);
    const [plain] = parseCsv(exact.stdout, { columns: true }) as Record<string, string>[];
    expect(plain).toMatchObject({
      text: '=1+1',
      quote: '-30% of the ferries',
      assertedByName: '=SUM(A1) desk',
      cue: '@said',
      topicNames: '+ferries',
      cameo: '042',
      note: '=HYPERLINK("https://example.org/","see, here")',
    });
    const safe = armru([...data, 'export', '--format', 'csv', '--spreadsheet']);
    expect(safe.status).toBe(0);
    expect(safe.stdout.startsWith('\uFEFFsource,id,')).toBe(true);
    const [row] = parseCsv(safe.stdout, { columns: true, bom: true }) as Record<string, string>[];
    expect(row).toMatchObject({
      text: "'=1+1",
      quote: "'-30% of the ferries",
      assertedByName: "'=SUM(A1) desk",
      cue: "'@said",
      topicNames: "'+ferries",
      cameo: '042',
      note: '\'=HYPERLINK("https://example.org/","see, here")',
      id: 'f1',
    });
    // No cell of the spreadsheet-safe file starts a formula.
    for (const value of Object.values(row ?? {})) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    expect(armru(['export', '--format', 'jsonl', '--spreadsheet'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'armru: --spreadsheet applies to --format csv only, not jsonl\n',
    });
  });

  it('reads back in pandas with the README’s dtype=str, keeping codes and dates as text', (ctx) => {
    const python = requirePython(ctx, 'pandas');
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(PANDAS_READ);
    const work = mkdtempSync(join(dir, 'pandas-'));
    writeFileSync(join(work, 'claims.csv'), armru(['export', '--format', 'csv']).stdout);
    const script = [
      'import json',
      'import pandas as pd',
      PANDAS_READ,
      'row = lambda i: claims[claims["id"] == i].iloc[0].to_dict()',
      'naive = pd.read_csv("claims.csv")',
      'print(json.dumps({"c01": row("c01"), "c16": row("c16"), "rows": len(claims),',
      '  "naiveCameo": str(naive[naive["id"] == "c01"]["cameo"].iloc[0])}))',
    ].join('\n');
    const r = spawnSync(python, ['-c', script], { cwd: work, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rows).toBe(39);
    expect(out.c01).toMatchObject({ id: 'c01', cameo: '042', date: '2019-10-29', start: '76' });
    expect(out.c16).toMatchObject({ date: '2018', cue: '', cameo: '' });
    // Without dtype=str pandas makes the code a number: why the README says to pass it.
    expect(out.naiveCameo).toBe('42.0');
  });
});

/** Checks one annotation against the MUSTs of the W3C Web Annotation Data Model. */
function annotationMusts(anno: Record<string, unknown>, text: string): string[] {
  const problems: string[] = [];
  const iri = (v: unknown) => typeof v === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(v);
  if (!iri(anno.id)) problems.push('id must be exactly one IRI');
  const types = ([] as unknown[]).concat(anno.type);
  if (!types.includes('Annotation')) problems.push('type must include Annotation');
  const targets = ([] as unknown[]).concat(anno.target ?? []);
  if (targets.length === 0) problems.push('target must be present');
  const motivations = [
    'assessing',
    'bookmarking',
    'classifying',
    'commenting',
    'describing',
    'editing',
    'highlighting',
    'identifying',
    'linking',
    'moderating',
    'questioning',
    'replying',
    'tagging',
  ];
  if (anno.motivation !== undefined && !motivations.includes(anno.motivation as string))
    problems.push('motivation must be a known one');
  for (const body of ([] as unknown[]).concat(anno.body ?? []) as Record<string, unknown>[]) {
    if (body.type === 'TextualBody' && typeof body.value !== 'string')
      problems.push('TextualBody needs one value');
    if (body.purpose !== undefined && !motivations.includes(body.purpose as string))
      problems.push('purpose must be a motivation');
  }
  const cps = Array.from(text);
  for (const target of targets as Record<string, unknown>[]) {
    if (!iri(target.source)) problems.push('SpecificResource must have exactly one source IRI');
    for (const sel of ([] as unknown[]).concat(target.selector ?? []) as Record<
      string,
      unknown
    >[]) {
      if (sel.type === 'TextQuoteSelector') {
        if (typeof sel.exact !== 'string') problems.push('TextQuoteSelector must have exact');
        for (const k of ['prefix', 'suffix']) {
          if (sel[k] !== undefined && typeof sel[k] !== 'string')
            problems.push(`${k} must be a string`);
        }
        if (
          `${sel.prefix ?? ''}${sel.exact}${sel.suffix ?? ''}` !== sel.exact &&
          !text.includes(`${sel.prefix}${sel.exact}${sel.suffix}`)
        ) {
          problems.push('prefix + exact + suffix must occur in the text');
        }
      } else if (sel.type === 'TextPositionSelector') {
        const { start, end } = sel as { start: unknown; end: unknown };
        if (!Number.isInteger(start) || (start as number) < 0)
          problems.push('start must be a non-negative integer');
        if (!Number.isInteger(end) || (end as number) < 0)
          problems.push('end must be a non-negative integer');
        const quote = ([] as unknown[])
          .concat(target.selector)
          .find((s) => (s as { type: string }).type === 'TextQuoteSelector') as { exact: string };
        if (cps.slice(start as number, end as number).join('') !== quote.exact)
          problems.push('positions must select the quoted text');
      } else {
        problems.push(`unexpected selector ${String(sel.type)}`);
      }
    }
  }
  return problems;
}

describe('armru export --format annotations', () => {
  it('is a W3C AnnotationCollection meeting the model’s MUSTs', () => {
    const collection = JSON.parse(armru(['export', '--format', 'annotations']).stdout);
    const context = ([] as unknown[]).concat(collection['@context']);
    expect(context[0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.id).toMatch(/^urn:armru:/);
    expect(collection.total).toBe(39);
    expect(collection.first.type).toBe('AnnotationPage');
    expect(collection.first.items).toHaveLength(39);
    expect(collection.last).toBe(collection.first.id);
    const text = readFileSync(join(ROOT, 'data/article.txt'), 'utf8');
    for (const anno of collection.first.items)
      expect(annotationMusts(anno, text), anno.id).toEqual([]);
    const c09 = collection.first.items.find((a: { id: string }) =>
      a.id.endsWith(':annotation:c09'),
    );
    const [quote, position] = c09.target.selector;
    expect(quote.prefix).toHaveLength(32);
    expect(quote.suffix.length).toBeLessThanOrEqual(32);
    expect(position).toEqual({ type: 'TextPositionSelector', start: 859, end: 993 });
    expect(
      c09.body.map(
        (b: { purpose: string; value?: string; id?: string }) => `${b.purpose}:${b.value ?? b.id}`,
      ),
    ).toEqual([
      'describing:The negotiated memorandum would not provide any access to a third party.',
      'identifying:urn:armru:armenia-russia-defense:claim:c09',
      'tagging:denial',
      'tagging:Biolabs',
      'tagging:Armenia-Russia relations',
    ]);
    // The editor's note is a comment beside the claim text, and a hedged claim is tagged so.
    const bodies = (id: string) =>
      collection.first.items
        .find((a: { id: string }) => a.id.endsWith(`:annotation:${id}`))
        .body.map((b: { purpose: string; value?: string; id?: string }) => ({
          purpose: b.purpose,
          value: b.value ?? b.id,
        }));
    const note = JSON.parse(readFileSync(join(ROOT, 'data/claims.json'), 'utf8')).claims.find(
      (c: { id: string }) => c.id === 'c07',
    ).note;
    expect(note).toContain('Kopyrkin');
    expect(bodies('c07').slice(0, 2)).toEqual([
      {
        purpose: 'describing',
        value:
          'The military capability of the Gyumri base will be doubled once new and modernized military equipment is fitted in the near future.',
      },
      { purpose: 'commenting', value: note },
    ]);
    expect(
      collection.first.items.filter((a: { body: { purpose: string }[] }) =>
        a.body.some((b) => b.purpose === 'commenting'),
      ),
    ).toHaveLength(2);
    expect(bodies('c31').slice(2, 4)).toEqual([
      { purpose: 'tagging', value: 'assessment' },
      { purpose: 'tagging', value: 'hedged' },
    ]);
    expect(
      collection.first.items
        .filter((a: { body: { purpose: string; value?: string }[] }) =>
          a.body.some((b) => b.purpose === 'tagging' && b.value === 'hedged'),
        )
        .map((a: { id: string }) => a.id.split(':').pop()),
    ).toEqual(['c24', 'c27', 'c31', 'c33']);
  });

  it('passes a strict Web Annotation validator, each annotation on its own', () => {
    const datasets = [
      [],
      ['--data', fixture('mini/claims.json')],
      ['--data', trickyDataset()],
      ['--data', fixture('hostile/claims.json')],
      ['--data', fixture('mini/claims.json'), '--data', 'data/claims.json'],
    ];
    for (const data of datasets) {
      const collection = JSON.parse(armru([...data, 'export', '--format', 'annotations']).stdout);
      const page = collection.first;
      expect(page.partOf).toBe(collection.id);
      expect(page.items.length).toBeGreaterThan(0);
      for (const anno of page.items) {
        expect(anno['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
        expect(validateAnnotation(anno), JSON.stringify(anno.id)).toBe(true);
      }
    }
    // The validator is strict where the old export failed: an inline context object.
    const one = JSON.parse(armru(['export', '--format', 'annotations', '--kind', 'denial']).stdout)
      .first.items[0];
    expect(
      validateAnnotation({
        ...one,
        '@context': ['http://www.w3.org/ns/anno.jsonld', { armru: 'urn:armru:terms:' }],
      }),
    ).toBe(false);
  });

  it('parses as JSON-LD offline, and merges with the schema.org export without a node typed both', async () => {
    const annotations = JSON.parse(armru(['export', '--format', 'annotations']).stdout);
    const schemaOrg = JSON.parse(armru(['export', '--format', 'jsonld']).stdout);
    const annotationQuads = (await jsonld.toRDF(annotations, {
      documentLoader: localContexts,
    })) as Quad[];
    const schemaOrgQuads = (await jsonld.toRDF(schemaOrg, {
      documentLoader: localContexts,
    })) as Quad[];
    const quads = [...annotationQuads, ...schemaOrgQuads];
    const types = new Map<string, Set<string>>();
    // Blank node labels restart in each export: follow one into its own export only.
    const objects = (s: string, p: string, from = quads) =>
      from
        .filter((q) => q.subject.value === s && q.predicate.value === p)
        .map((q) => q.object.value);
    for (const q of quads) {
      if (q.predicate.value !== `${RDF}type`) continue;
      types.set(q.subject.value, (types.get(q.subject.value) ?? new Set()).add(q.object.value));
    }
    const annotationIri = 'urn:armru:armenia-russia-defense:annotation:c09';
    const claimIri = 'urn:armru:armenia-russia-defense:claim:c09';
    expect([...(types.get(annotationIri) ?? [])]).toEqual([`${OA}Annotation`]);
    expect([...(types.get(claimIri) ?? [])]).toEqual([`${SCHEMA}Claim`]);
    for (const [node, set] of types) {
      expect(set.has(`${OA}Annotation`) && set.has(`${SCHEMA}Claim`), node).toBe(false);
    }
    // Linked both ways: the annotation's body is the Claim, the Claim is the subject of the annotation.
    expect(objects(annotationIri, `${OA}hasBody`)).toContain(claimIri);
    expect(objects(claimIri, `${SCHEMA}subjectOf`)).toEqual([annotationIri]);
    expect(objects(annotationIri, 'urn:armru:terms:assertedBy')).toEqual([
      'urn:armru:armenia-russia-defense:entity:civilnet-gov-sources',
    ]);
    // The page belongs to the collection, and 39 annotations parse.
    const page = 'urn:armru:armenia-russia-defense:annotations:page-1';
    expect(objects(page, `${AS}partOf`)).toEqual(['urn:armru:armenia-russia-defense:annotations']);
    const annotationsParsed = [...types].filter(([, set]) => set.has(`${OA}Annotation`));
    expect(annotationsParsed).toHaveLength(39);
    // The note and the hedge read as linked data in both exports.
    const P = 'urn:armru:armenia-russia-defense:';
    const comments = objects(`${P}annotation:c07`, `${OA}hasBody`, annotationQuads).filter((body) =>
      objects(body, `${OA}hasPurpose`, annotationQuads).includes(`${OA}commenting`),
    );
    expect(comments.flatMap((body) => objects(body, `${RDF}value`, annotationQuads))).toEqual([
      expect.stringContaining('Kopyrkin'),
    ]);
    const [comment = ''] = objects(`${P}claim:c07`, `${SCHEMA}comment`, schemaOrgQuads);
    expect(objects(comment, `${SCHEMA}text`, schemaOrgQuads)).toEqual([
      expect.stringContaining('Kopyrkin'),
    ]);
    expect(objects(`${P}claim:c31`, 'urn:armru:terms:hedged')).toEqual(['true']);
    expect(objects(`${P}claim:c09`, 'urn:armru:terms:hedged')).toEqual(['false']);
  });

  it('counts code points, not UTF-16 units, in its selectors', () => {
    const tricky = trickyDataset();
    const collection = JSON.parse(
      armru(['--data', tricky, 'export', '--format', 'annotations']).stdout,
    );
    const doc = JSON.parse(readFileSync(tricky, 'utf8'));
    for (const anno of collection.first.items)
      expect(annotationMusts(anno, doc.source.text)).toEqual([]);
  });
});

describe('the linked-data exports, one record per line', () => {
  it('writes each annotation and each graph node on a line of its own, inside an indented frame', () => {
    // The built-in dataset (its strings hold nothing to escape) and the hostile one (they do).
    for (const data of [[], ['--data', fixture('hostile/claims.json')]]) {
      for (const [format, records] of [
        ['annotations', (doc: { first: { items: unknown[] } }) => doc.first.items],
        ['jsonld', (doc: { '@graph': unknown[] }) => doc['@graph']],
      ] as const) {
        const { status, stdout } = armru([...data, 'export', '--format', format]);
        expect(status).toBe(0);
        const all = records(JSON.parse(stdout));
        const lines = stdout.split('\n');
        // The frame's lines, then one line per record (each with its comma), then the frame.
        const first = lines.findIndex((line) => /^ +\{"/.test(line));
        const body = lines.slice(first, first + all.length);
        expect(body.map((line) => JSON.parse(line.trim().replace(/,$/, '')))).toEqual(all);
        expect(lines[first + all.length]?.trim()).toBe(']');
        expect(lines.length).toBeLessThan(all.length + 25);
      }
    }
    // grep finds a claim's whole annotation.
    const { stdout } = armru(['export', '--format', 'annotations']);
    const found = stdout.split('\n').filter((line) => line.includes('annotation:c08"'));
    expect(found).toHaveLength(1);
    expect(JSON.parse((found[0] as string).trim().replace(/,$/, '')).id).toBe(
      'urn:armru:armenia-russia-defense:annotation:c08',
    );
  });
});

describe('armru export --format jsonld', () => {
  const P = 'urn:armru:armenia-russia-defense:';
  it('describes the article, claims and entities in schema.org terms', () => {
    const { '@context': context, '@graph': graph } = JSON.parse(
      armru(['export', '--format', 'jsonld', '--query', 'biolab access']).stdout,
    );
    expect(context).toBe('https://schema.org');
    const byType = (type: string) => graph.filter((n: { '@type': string }) => n['@type'] === type);
    expect(byType('NewsArticle')).toHaveLength(1);
    expect(byType('NewsArticle')[0].headline).toBe(
      'Armenia and Russia Enhance Defense Cooperation',
    );
    const claims = byType('Claim');
    expect(claims.map((c: { identifier: string }) => c.identifier)).toEqual(['c08', 'c09']);
    const ids = new Set(graph.map((n: { '@id': string }) => n['@id']));
    for (const claim of claims) {
      expect(ids.has(claim.author['@id'])).toBe(true);
      expect(claim.appearance['@id']).toBe(byType('NewsArticle')[0]['@id']);
      for (const about of claim.about) expect(ids.has(about['@id'])).toBe(true);
    }
    const kommersant = graph.find((n: { name?: string }) => n.name === 'Kommersant');
    expect(kommersant['@type']).toBe('NewsMediaOrganization');
    expect(kommersant.alternateName).toContain('Коммерсантъ');
    expect(byType('Country').map((n: { name: string }) => n.name)).toEqual(
      expect.arrayContaining(['Russia', 'Armenia']),
    );
    const node = (id: string) => graph.find((n: { '@id': string }) => n['@id'] === `${P}${id}`);
    // The article's author is the author entity, not a second node for the same person.
    expect(byType('NewsArticle')[0].author).toEqual({ '@id': `${P}entity:cricchio` });
    expect(node('entity:cricchio')).toMatchObject({
      '@type': 'Person',
      name: 'Emilio Luciano Cricchio',
    });
    expect(node('author')).toBeUndefined();
    // The claim's date as Google's Claim markup reads it; the Claim links to its annotation.
    expect(node('claim:c08')).toMatchObject({
      dateCreated: '2019-10-25',
      temporalCoverage: '2019-10-25',
      subjectOf: { '@id': `${P}annotation:c08` },
    });
    expect(node('claim:c08').about).toContainEqual({ '@id': `${P}agreement:biolab-memorandum` });
    expect(node('claim:c09')['urn:armru:terms:qualifies']).toEqual([{ '@id': `${P}claim:c08` }]);
    // The relation's note is the editor's comment on c09 about c08; neither claim is hedged.
    const dataset = JSON.parse(readFileSync(join(ROOT, 'data/claims.json'), 'utf8'));
    const relation = dataset.relations.find(
      (r: { from: string; to: string }) => r.from === 'c09' && r.to === 'c08',
    );
    expect(relation.note).toContain('However');
    expect(node('claim:c09').comment).toEqual([
      { '@type': 'Comment', text: relation.note, about: { '@id': `${P}claim:c08` } },
    ]);
    expect(node('claim:c08').comment).toBeUndefined();
    expect(node('claim:c09')['urn:armru:terms:hedged']).toBe(false);
    // Membership where schema.org has it, with what it points at described in the graph.
    expect(node('entity:civilnet-gov-sources').memberOf).toEqual([
      { '@id': `${P}entity:armenian-government` },
    ]);
    expect(node('entity:armenian-government')['@type']).toBe('GovernmentOrganization');
    expect(node('agreement:biolab-memorandum')).toMatchObject({
      '@type': 'CreativeWork',
      genre: 'memorandum',
      creativeWorkStatus: 'negotiating',
      contributor: [{ '@id': `${P}entity:armenia` }, { '@id': `${P}entity:russia` }],
      description: dataset.agreements.find((a: { id: string }) => a.id === 'biolab-memorandum')
        .note,
    });
    // Every reference resolves to a node of the graph.
    const refs = JSON.stringify(graph).match(/"@id":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const id = ref.slice(7, -1);
      if (id.includes(':annotation:')) continue; // in the annotation export
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('gives each Claim its editor’s note as a Comment and says whether it is hedged', () => {
    const graph = JSON.parse(armru(['export', '--format', 'jsonld']).stdout)['@graph'];
    const claims = graph.filter((n: { '@type': string }) => n['@type'] === 'Claim');
    const node = (id: string) => claims.find((n: { identifier: string }) => n.identifier === id);
    const dataset = JSON.parse(readFileSync(join(ROOT, 'data/claims.json'), 'utf8'));
    const c07 = dataset.claims.find((c: { id: string }) => c.id === 'c07');
    // c07's own note first, then the note of its relation to c01.
    expect(node('c07').comment).toEqual([
      { '@type': 'Comment', text: c07.note },
      {
        '@type': 'Comment',
        text: 'The article reports the announcement with the visit ("also announced").',
        about: { '@id': 'urn:armru:armenia-russia-defense:claim:c01' },
      },
    ]);
    expect(node('c07').comment[0].text).toContain('Kopyrkin');
    // Every Claim says whether it is hedged, so "not hedged" is told apart from "not said".
    for (const claim of claims) expect(typeof claim['urn:armru:terms:hedged']).toBe('boolean');
    expect(
      claims
        .filter((c: Record<string, unknown>) => c['urn:armru:terms:hedged'] === true)
        .map((c: { identifier: string }) => c.identifier),
    ).toEqual(['c24', 'c27', 'c31', 'c33']);
    // c33 supports c35 and qualifies c21, each with a note: a Comment about each other claim.
    expect(node('c33').comment).toEqual([
      {
        '@type': 'Comment',
        text: '"Thus".',
        about: { '@id': 'urn:armru:armenia-russia-defense:claim:c35' },
      },
      {
        '@type': 'Comment',
        text: 'After the deterioration, Russia seems to recognise that more of it would be undesirable.',
        about: { '@id': 'urn:armru:armenia-russia-defense:claim:c21' },
      },
    ]);
  });
});

describe('writing files', () => {
  it('never leaves a partial or temporary file on error', () => {
    const out = join(dir, 'kept.csv');
    writeFileSync(out, 'previous content\n');
    const r = armru(['export', '--format', 'csv', '--actor', 'Nobody', '-o', out]);
    expect(r.status).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous content\n');
    const missing = join(dir, 'no-such-dir', 'x.csv');
    expect(armru(['export', '-o', missing])).toEqual({
      status: 2,
      stdout: '',
      stderr: `armru: ${missing}: cannot write the file (its directory does not exist); nothing was written\n`,
    });
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces the target in one step', () => {
    const out = join(dir, 'replace.jsonl');
    writeFileSync(out, 'old\n');
    expect(armru(['export', '--format', 'jsonl', '--kind', 'denial', '-o', out]).status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).id).toBe('c09');
  });
});

describe('loading several datasets', () => {
  it('searches a directory of datasets together, with SOURCE:ID and a source column', () => {
    const both = join(dir, 'both');
    mkdirSync(both);
    copyFileSync(fixture('mini/article.txt'), join(both, 'article.txt'));
    copyFileSync(fixture('mini/claims.json'), join(both, 'ferry.claims.json'));
    copyFileSync(fixture('guide/library.txt'), join(both, 'library.txt'));
    const lib = JSON.parse(readFileSync(fixture('guide/library.claims.json'), 'utf8'));
    writeFileSync(join(both, 'library.claims.json'), JSON.stringify(lib));
    expect(armru(['validate', '--fix', join(both, 'library.claims.json')]).status).toBe(2);
    // The guide's draft has one ambiguous quote; give it more words, as the README says.
    const fixed = JSON.parse(readFileSync(join(both, 'library.claims.json'), 'utf8'));
    fixed.claims[2].quote = { exact: 'the repairs cost more than planned' };
    writeFileSync(join(both, 'library.claims.json'), JSON.stringify(fixed));
    expect(armru(['validate', '--fix', join(both, 'library.claims.json')]).status).toBe(0);

    const r = armru(['--data', both, 'search', 'council | ferry']);
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t').slice(0, 2));
    expect(lines).toEqual(
      expect.arrayContaining([
        ['Port Authority Approves Ferry Link', 'valmora-ferry:m1'],
        ['City Library Reopens After Repairs', 'oakridge-library:l1'],
      ]),
    );
    const hits = JSON.parse(armru(['--data', both, 'claims', '--json']).stdout);
    // With several datasets every id in JSON is SOURCE:ID, as the user types it to `show`.
    expect(hits.map((c: { id: string }) => c.id)).toEqual([
      'valmora-ferry:m1',
      'valmora-ferry:m2',
      'valmora-ferry:m3',
      'valmora-ferry:m4',
      'oakridge-library:l1',
      'oakridge-library:l2',
      'oakridge-library:l3',
      'oakridge-library:l4',
    ]);
    expect(armru(['--data', both, 'show', 'oakridge-library:l4']).stdout).toContain(
      'related\tdisputes →\toakridge-library:l3',
    );
    expect(armru(['--data', both, 'show', 'l4']).status).toBe(0);
    expect(armru(['claims'], { ARMRU_DATA: both }).stdout.split('\n')).toHaveLength(9);
  });

  it('qualifies every id and every reference the same way in every JSON output', () => {
    const data = ['--data', fixture('mini/claims.json'), '--data', join(ROOT, 'data/claims.json')];
    const sources = /^(?:valmora-ferry|armenia-russia-defense):[^:]+$/;
    // The fields that hold ids of the dataset's records, in any command's JSON.
    const REFERENCES = new Set([
      'id',
      'actors',
      'topics',
      'assertedBy',
      'parties',
      'claims',
      'from',
      'to',
      'path',
      'memberOf',
      'a',
      'b',
    ]);
    const unqualified = (value: unknown, key = ''): string[] => {
      if (Array.isArray(value)) return value.flatMap((v) => unqualified(v, key));
      if (value && typeof value === 'object')
        return Object.entries(value).flatMap(([k, v]) => unqualified(v, k));
      if (typeof value !== 'string' || !REFERENCES.has(key)) return [];
      // The author's own voice is the one reference every dataset shares.
      return value === 'author' || sources.test(value) ? [] : [`${key}: ${value}`];
    };
    const outputs = [
      ['claims', '--json'],
      ['search', 'ferry | Shoygu', '--json'],
      ['show', 'armenia-russia-defense:c08', '--json'],
      ['show', 'valmora-ferry:m3', '--json'],
      ['actors', '--json'],
      ['actors', 'Shoygu', '--json'],
      ['topics', 'Ferries', '--json'],
      ['agreements', '--json'],
      ['disputes', '--json'],
      ['timeline', '--json'],
      ['graph', '--format', 'json'],
      ['export', '--format', 'jsonl'],
    ];
    for (const args of outputs) {
      const r = armru([...data, ...args]);
      expect(r.stderr, args.join(' ')).toBe('');
      const text = r.stdout.trim();
      const values = args.includes('jsonl')
        ? text.split('\n').map((line) => JSON.parse(line))
        : [JSON.parse(text)];
      expect(unqualified(values), args.join(' ')).toEqual([]);
      // Something was checked: every output holds qualified ids.
      expect(text, args.join(' ')).toMatch(/"(?:valmora-ferry|armenia-russia-defense):/);
    }
    // The ids in JSON are the ones `show` takes.
    const [first] = JSON.parse(armru([...data, 'actors', 'Shoygu', '--json']).stdout);
    const claim = first.claims[0].id;
    expect(armru([...data, 'show', claim]).status).toBe(0);
    // With one dataset, records stay exactly as stored.
    const [alone] = JSON.parse(armru(['actors', 'Shoygu', '--json']).stdout);
    expect(alone.id).toBe('shoygu');
    expect(alone.dataset).toBeUndefined();
  });

  it('refuses two datasets with the same source id, and a directory with none', () => {
    const twice = join(dir, 'twice');
    mkdirSync(twice);
    for (const name of ['a', 'b'])
      copyFileSync(fixture('mini/claims.json'), join(twice, `${name}.claims.json`));
    copyFileSync(fixture('mini/article.txt'), join(twice, 'article.txt'));
    expect(armru(['--data', twice, 'claims']).stderr).toBe(
      `armru: ${join(twice, 'b.claims.json')}: $.source.id: "valmora-ferry" is also the source id of ${join(twice, 'a.claims.json')}; expected each dataset to have its own\n`,
    );
    // One file named twice (a link beside it in its folder, or --data given twice) is one
    // dataset, read once.
    const linked = join(dir, 'linked-twice');
    mkdirSync(linked);
    copyFileSync(fixture('mini/claims.json'), join(linked, 'a.claims.json'));
    copyFileSync(fixture('mini/article.txt'), join(linked, 'article.txt'));
    symlinkSync('a.claims.json', join(linked, 'b.claims.json'));
    const once = armru(['--data', join(linked, 'a.claims.json'), 'claims']).stdout;
    for (const data of [
      ['--data', linked],
      ['--data', join(linked, 'a.claims.json'), '--data', join(linked, 'b.claims.json')],
    ]) {
      expect(armru([...data, 'claims']), data.join(' ')).toEqual({
        status: 0,
        stdout: once,
        stderr: '',
      });
    }
    expect(armru(['validate', linked]).stdout).toBe(
      `${join(linked, 'a.claims.json')}: valid (4 claims)\n`,
    );
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(armru(['--data', empty, 'claims'])).toEqual({
      status: 2,
      stdout: '',
      stderr: `armru: ${empty}: no *.claims.json files in this directory; expected datasets named NAME.claims.json\n`,
    });
  });
});

describe('armru validate', () => {
  it('passes good files and reports every problem of bad ones, exit 2', () => {
    const r = armru(['validate', fixture('mini/claims.json'), fixture('bad/dangling.claims.json')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe(`${fixture('mini/claims.json')}: valid (4 claims)\n`);
    expect(r.stderr.split('\n')).toEqual([
      `armru: ${fixture('bad/dangling.claims.json')}: not a valid armru dataset (5 problems)`,
      `  ${fixture('bad/dangling.claims.json')}: $.claims[3].id: duplicate id "m1" (claim m1)`,
      `  ${fixture('bad/dangling.claims.json')}: $.claims[0].actors[3]: no entity has the id "nobody" (claim m1)`,
      `  ${fixture('bad/dangling.claims.json')}: $.claims[2].topics[1]: no topic has the id "weather" (claim m3)`,
      `  ${fixture('bad/dangling.claims.json')}: $.relations[1].from: no claim has the id "m4"`,
      `  ${fixture('bad/dangling.claims.json')}: $.relations[2].to: no claim has the id "m9"`,
      '',
    ]);
    expect(armru(['validate'])).toEqual({
      status: 0,
      stdout: 'data/claims.json: valid (39 claims)\n',
      stderr: '',
    });
    const all = JSON.parse(armru(['validate', 'tests/fixtures/bad', '--json']).stdout);
    expect(
      all.map((x: { file: string; valid: boolean }) => [x.file.replace(/.*\//, ''), x.valid]),
    ).toEqual([
      ['dangling.claims.json', false],
      ['escape.claims.json', false],
      ['hash.claims.json', false],
      ['offsets.claims.json', false],
      ['schema.claims.json', false],
      ['syntax.claims.json', false],
    ]);
    // Problems are data, not lines to re-parse.
    const dangling = all.find((x: { file: string }) => x.file.endsWith('dangling.claims.json'));
    expect(dangling.problems[1]).toEqual({
      file: 'tests/fixtures/bad/dangling.claims.json',
      code: 'check',
      path: '$.claims[0].actors[3]',
      claimId: 'm1',
      message: 'no entity has the id "nobody"',
    });
    const syntax = all.find((x: { file: string }) => x.file.endsWith('syntax.claims.json'));
    expect(syntax.problems).toEqual([
      {
        file: 'tests/fixtures/bad/syntax.claims.json',
        code: 'json',
        line: 7,
        column: 5,
        message: "invalid JSON: expected ',' between items",
      },
    ]);
  });

  it('--fix reports a quote found twice instead of guessing, and writes nothing while the file would still fail', () => {
    const work = join(dir, 'guide');
    mkdirSync(work);
    copyFileSync(fixture('guide/library.txt'), join(work, 'library.txt'));
    copyFileSync(fixture('guide/library.claims.json'), join(work, 'library.claims.json'));
    const file = join(work, 'library.claims.json');
    const before = readFileSync(file, 'utf8');
    const r = armru(['validate', '--fix', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        `armru: ${file}: not a valid armru dataset (2 problems)`,
        `  ${file}: $.claims[2].quote: the quoted words occur 2 times (at 265..281, 318..334); set start and end by hand, or quote more words (claim l3)`,
        `  ${file}: not rewritten: --fix could fill in 4 values, but the file would still fail the checks above`,
        '',
      ].join('\n'),
    );
    expect(readFileSync(file, 'utf8')).toBe(before);

    // Once the ambiguous quote is placed by hand, --fix fills in the rest and says what it wrote.
    const doc = JSON.parse(before);
    doc.claims[2].quote = { exact: 'the repairs cost', start: 265, end: 281 };
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const fixed = armru(['validate', '--fix', file]);
    expect(fixed.stderr).toBe('');
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toBe(
      [
        `${file}: $.source.textSha256: filled in from the article text`,
        `${file}: $.claims[0].quote: filled in start 55, end 134 (claim l1)`,
        `${file}: $.claims[1].quote: filled in start 202, end 227 (claim l2)`,
        `${file}: $.claims[3].quote: filled in start 318, end 352 (claim l4)`,
        `${file}: valid (4 claims)`,
        '',
      ].join('\n'),
    );
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.claims[0].quote).toEqual({
      exact: 'The central library in Oakridge reopened on Saturday after two years of repairs',
      start: 55,
      end: 134,
    });
    expect(written.source.textSha256).toBe(sha256(readFileSync(join(work, 'library.txt'), 'utf8')));
    expect(readdirSync(work).sort()).toEqual(['library.claims.json', 'library.txt']);
  });

  it('--fix writes the values it fills in into the file as written, and changes no other byte', () => {
    const work = join(dir, 'tabs');
    mkdirSync(work);
    copyFileSync(fixture('guide/library.txt'), join(work, 'library.txt'));
    const doc = JSON.parse(readFileSync(fixture('guide/library.claims.json'), 'utf8'));
    doc.claims[2].quote = { exact: 'the repairs cost', start: 265, end: 281 };
    // A wrong value where an offset goes is replaced in place.
    doc.claims[1].quote.start = null;
    // Tabs, an escape of the writer's own, and one quote written on one line.
    const text = JSON.stringify(doc, null, '\t')
      .replace('Oakridge', 'Oak\\u0072idge')
      .replace(/"quote": \{\n\t+("exact": "[^"]*")\n\t+\}/, '"quote": { $1 }');
    const file = join(work, 'library.claims.json');
    writeFileSync(file, text);
    const r = armru(['validate', '--fix', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // What was there is said.
    expect(r.stdout).toContain(
      `${file}: $.claims[1].quote: filled in start 202 (was null), end 227 (claim l2)\n`,
    );
    const sum = sha256(readFileSync(join(work, 'library.txt'), 'utf8'));
    const expected = text
      .replace(
        '"offsetUnit": "codepoint"',
        `"offsetUnit": "codepoint",\n\t\t"textSha256": "${sum}"`,
      )
      .replace(/(of repairs")( \})/, '$1, "start": 55, "end": 134$2')
      .replace('"start": null', '"start": 202,\n\t\t\t\t"end": 227')
      .replace(
        '"exact": "the repairs cost what was budgeted"',
        '"exact": "the repairs cost what was budgeted",\n\t\t\t\t"start": 318,\n\t\t\t\t"end": 352',
      );
    expect(expected).not.toBe(text);
    expect(readFileSync(file, 'utf8')).toBe(expected);
    expect(armru(['validate', file]).status).toBe(0);
    // A file written on one line stays on one, with its own spacing; one with CRLF line ends
    // gets CRLF ones.
    const flat = join(work, 'flat.claims.json');
    writeFileSync(flat, JSON.stringify(doc));
    expect(armru(['validate', '--fix', flat]).status).toBe(0);
    const flatAfter = readFileSync(flat, 'utf8');
    expect(flatAfter).not.toContain('\n');
    expect(flatAfter).toContain(
      '"exact":"the repairs cost what was budgeted","start":318,"end":352}',
    );
    const crlf = join(work, 'crlf.claims.json');
    writeFileSync(crlf, text.replace(/\n/g, '\r\n'));
    expect(armru(['validate', '--fix', crlf]).status).toBe(0);
    expect(readFileSync(crlf, 'utf8')).toBe(expected.replace(/\n/g, '\r\n'));
    // A byte order mark stays too.
    const marked = join(work, 'marked.claims.json');
    writeFileSync(marked, `\uFEFF${text}`);
    expect(armru(['validate', '--fix', marked]).status).toBe(0);
    expect(readFileSync(marked, 'utf8')).toBe(`\uFEFF${expected}`);
  });
});
