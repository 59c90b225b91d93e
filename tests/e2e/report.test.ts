import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { writeCorpus } from '../../bench/corpus.mjs';
import { armru, armruTty, fixture, ROOT, stripAnsi, writeCrlfMini } from '../helpers.js';

const MINI = ['--data', fixture('mini/claims.json')];
const dir = mkdtempSync(join(tmpdir(), 'armru-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('armru report', () => {
  it('writes one self-contained page: a CSP allowing nothing outside, no outside reference', () => {
    const file = join(dir, 'mini.html');
    expect(armru([...MINI, 'report', '-o', file])).toEqual({ status: 0, stdout: '', stderr: '' });
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]+='; style-src 'sha256-[A-Za-z0-9+/]+='; img-src data:; base-uri 'none'; form-action 'none'">/,
    );
    // Nothing that loads: no src, no <link>, no @import or url() in the styles.
    expect(html).not.toMatch(/\ssrc=|<link\b|@import|url\(/i);
    expect(html).toContain(
      '<mark class="k-quote" data-claim="m4" data-start="m4" tabindex="0" role="button" aria-haspopup="dialog">“will cut the journey to an hour.”</mark>',
    );
    // The same bytes to stdout as to a file.
    expect(armru([...MINI, 'report']).stdout).toBe(html);
  });

  it('writes the CR of a CR LF line end as a character reference, not as \\r', () => {
    const html = armru(['--data', writeCrlfMini(dir), 'report']).stdout;
    const article = html.slice(
      html.indexOf('id="article-text"'),
      html.indexOf('</div>', html.indexOf('id="article-text"')),
    );
    expect(article).not.toContain('\\r');
    // A raw CR the HTML parser would turn into a line feed, losing it from the page's text.
    expect(article).not.toContain('\r');
    expect(article.match(/&#13;\n/g)).toHaveLength(6);
  });

  it('escapes every value of a hostile dataset and keeps the data block closed', () => {
    const html = armru(['--data', fixture('hostile-html/claims.json'), 'report']).stdout;
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toMatch(/<img\b/);
    expect(html).toContain(
      '<h1>Title &lt;script&gt;window.__pwned = &quot;script&quot;&lt;/script&gt;</h1>',
    );
    expect(html).toContain(
      '<p><a href="https://example.org/news?a=1&amp;b=&quot;&gt;&lt;script&gt;window.__pwned=&quot;url&quot;&lt;/script&gt;" rel="noopener noreferrer">',
    );
    // Terminal escapes are shown escaped in HTML too.
    const terminal = armru(['--data', fixture('hostile/claims.json'), 'report']).stdout;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    expect(terminal).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(terminal).toContain('<h1>Harmless Title\\x1b]0;pwned\\x07</h1>');
  });

  it('carries the dataset it was made from, escaped so that nothing in it ends the block', () => {
    for (const file of [fixture('hostile-html/claims.json'), fixture('hostile/claims.json')]) {
      const html = armru(['--data', file, 'report']).stdout;
      const open = '<script type="application/json" id="armru-data">';
      const start = html.indexOf(open) + open.length;
      const block = html.slice(start, html.indexOf('</script>', start));
      // Nothing that could end the block, open a comment, or hide in the page's source.
      expect(block).not.toMatch(/[<>&\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      expect(JSON.parse(block)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    }
  });

  it('refuses to print HTML into a terminal, several articles, and an unwritable path', () => {
    const tty = armruTty(['report']);
    expect(tty.status).toBe(2);
    expect(stripAnsi(tty.stdout)).toContain(
      'armru: the report is an HTML page: write it to a file with -o FILE, or redirect stdout',
    );
    expect(armru([...MINI, '--data', fixture('hostile/claims.json'), 'report'])).toEqual({
      status: 2,
      stdout: '',
      stderr: `armru: a report shows one article, but 2 datasets are named (${fixture('mini/claims.json')}, ${fixture('hostile/claims.json')}); choose one with --data\n`,
    });
    // Refused before any is read: a folder of twelve, one of them not even JSON, is refused as
    // twelve (its bad file would have stopped a load first), the list cut at ten.
    const folder = mkdtempSync(join(dir, 'many-'));
    for (let i = 0; i < 12; i++)
      writeFileSync(
        join(folder, `d${String(i).padStart(2, '0')}.claims.json`),
        i === 0 ? '{' : '{}',
      );
    const many = armru(['--data', folder, 'report', '-o', join(dir, 'many.html')]);
    expect(many.status).toBe(2);
    expect(many.stderr).toBe(
      `armru: a report shows one article, but 12 datasets are named (${Array.from({ length: 10 }, (_, i) => join(folder, `d${String(i).padStart(2, '0')}.claims.json`)).join(', ')} and 2 more); choose one with --data\n`,
    );
    expect(existsSync(join(dir, 'many.html'))).toBe(false);
    expect(armru(['report', '-o', join(dir, 'missing', 'x.html')]).stderr).toBe(
      `armru: ${join(dir, 'missing', 'x.html')}: cannot write the file (its directory does not exist); nothing was written\n`,
    );
    // An empty name is no file: it was taken for standard output.
    expect(armru(['report', '-o', ''])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'armru: the output file name is empty; expected a file path\n',
    });
  });
});

describe('armru report without actors', () => {
  it('says there are no actors to draw, and draws nothing', () => {
    const mini = JSON.parse(readFileSync(fixture('mini/claims.json'), 'utf8'));
    for (const claim of mini.claims) claim.actors = [];
    mini.agreements = [];
    copyFileSync(fixture('mini/article.txt'), join(dir, 'article.txt'));
    const file = join(dir, 'no-actors.claims.json');
    writeFileSync(file, JSON.stringify(mini));
    const page = join(dir, 'no-actors.html');
    expect(armru(['--data', file, 'report', '-o', page])).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
    const html = readFileSync(page, 'utf8');
    expect(html).toContain(
      '<h2 id="network-heading">Actors</h2>\n<p class="status">No actors to draw.</p>\n</section>',
    );
    expect(html).not.toContain('<svg');
  });
});

describe('armru report of a network larger than the page draws', () => {
  it('draws its 40 most connected actors and says how many there are, with or without an index', () => {
    const file = writeCorpus(1500, join(dir, 'report-many-actors'), 5) as string;
    const all = JSON.parse(armru(['--data', file, 'graph', '--format', 'json']).stdout);
    expect(all.nodes.length).toBeGreaterThan(40);
    const ids = new Set(all.nodes.map((n: { id: string }) => n.id));
    const pages: string[] = [];
    // The entry reads the file and sends the thread the text; the report reads it (a
    // directory names it) and sends it; with a fresh index, the report sends the text it read.
    const runs = [
      ['--data', file],
      ['--data', join(dir, 'report-many-actors')],
      ['--data', file],
    ];
    runs.forEach((data, i) => {
      if (i === 2) expect(armru(['index', file]).status).toBe(0);
      const page = join(dir, `many-actors-${i}.html`);
      expect(armru([...data, 'report', '-o', page])).toEqual({ status: 0, stdout: '', stderr: '' });
      pages.push(readFileSync(page, 'utf8'));
    });
    const html = pages[0] as string;
    expect(html).toContain(
      `<p class="status">The 40 most connected of ${all.nodes.length} actors. Key: `,
    );
    const drawn = [...html.matchAll(/<g id="node\d+" class="node">\n<title>([^<]*)<\/title>/g)].map(
      (m) => m[1]?.replace(/&#45;/g, '-'),
    );
    expect(drawn).toHaveLength(40);
    for (const id of drawn) expect(ids.has(id)).toBe(true);
    expect(pages[1]).toBe(html);
    expect(pages[2]).toBe(html);
  }, 60_000);
});

describe('armru report with and without an index', () => {
  // Without an index every check runs on load; with a fresh one only the quotes are checked
  // again. The page must not tell which.
  for (const name of ['mini', 'hostile']) {
    it(`writes the same page either way (${name})`, () => {
      const copy = join(dir, `indexed-${name}`);
      cpSync(join(ROOT, 'tests', 'fixtures', name), copy, { recursive: true });
      const data = join(copy, 'claims.json');
      const plain = join(dir, `plain-${name}.html`);
      const indexed = join(dir, `indexed-${name}.html`);
      expect(armru(['--data', data, 'report', '-o', plain]).status).toBe(0);
      expect(armru(['index', data]).status).toBe(0);
      expect(existsSync(`${data}.armru-index`)).toBe(true);
      expect(armru(['--data', data, 'report', '-o', indexed])).toEqual({
        status: 0,
        stdout: '',
        stderr: '',
      });
      expect(readFileSync(indexed, 'utf8')).toBe(readFileSync(plain, 'utf8'));
    });
  }

  it('opens the dataset file once, whoever reads it', () => {
    // A module loaded before armru counts the opens of the dataset file and says how many
    // when the process ends: the load's read, or the index's check.
    const copy = join(dir, 'opened');
    cpSync(join(ROOT, 'tests', 'fixtures', 'mini'), copy, { recursive: true });
    // Named as a directory's datasets are named, so that the directory names it too.
    const data = join(copy, 'mini.claims.json');
    renameSync(join(copy, 'claims.json'), data);
    const counter = join(dir, 'count-opens.cjs');
    writeFileSync(
      counter,
      `const fs = require('node:fs');
      const { resolve } = require('node:path');
      const target = ${JSON.stringify(data)};
      let opens = 0;
      for (const name of ['openSync', 'readFileSync']) {
        const original = fs[name];
        fs[name] = function (path, ...rest) {
          if (typeof path === 'string' && resolve(path) === target) opens++;
          return original.call(this, path, ...rest);
        };
      }
      process.on('exit', () => process.stderr.write('opens ' + opens + '\\n'));`,
    );
    const opened = (args: string[]) => {
      const run = armru([...args, 'report', '-o', join(dir, 'opened.html')], {
        NODE_OPTIONS: `--require ${counter}`,
      });
      expect(run.status).toBe(0);
      return run.stderr;
    };
    // Named by --data, by a directory, indexed.
    expect(opened(['--data', data])).toBe('opens 1\n');
    expect(opened(['--data', copy])).toBe('opens 1\n');
    expect(armru(['index', data]).status).toBe(0);
    expect(opened(['--data', data])).toBe('opens 1\n');
  });
});

describe('armru report checks a dataset as every command does', () => {
  // A defect the schema or the JSON scan finds must end as a plain load ends: the same line,
  // status 2, and no page.
  const mini = JSON.parse(readFileSync(fixture('mini/claims.json'), 'utf8'));
  const variant = (name: string, text: string) => {
    // The article beside the dataset, as its textFile names it.
    copyFileSync(fixture('mini/article.txt'), join(dir, 'article.txt'));
    writeFileSync(join(dir, `${name}.claims.json`), text);
    return join(dir, `${name}.claims.json`);
  };
  const changed = (change: (doc: typeof mini) => void) => {
    const doc = structuredClone(mini);
    change(doc);
    return JSON.stringify(doc, null, 2);
  };
  const cases: [string, string][] = [
    ['a key given twice', JSON.stringify(mini).replace('"id":"m1"', '"id":"m1","id":"m1"')],
    ['a lone surrogate', changed((d) => (d.claims[0].note = '\ud800 half'))],
    ['an unknown property', changed((d) => (d.claims[1].extra = true))],
    ['a flag of the wrong type', changed((d) => (d.claims[2].hedged = 'yes'))],
    ['a claim text that is a number', changed((d) => (d.claims[0].text = 42))],
    ['a title that is a list', changed((d) => (d.source.title = ['a', 'b']))],
    [
      'a relation to nowhere',
      changed((d) => d.relations.push({ from: 'm1', to: 'zz', type: 'supports' })),
    ],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const file = variant(name.replace(/ /g, '-'), text);
      const plain = armru(['--data', file, 'claims']);
      expect(plain.status).toBe(2);
      const page = join(dir, `${name.replace(/ /g, '-')}.html`);
      writeFileSync(page, 'the old page');
      expect(armru(['--data', file, 'report', '-o', page])).toEqual({
        status: 2,
        stdout: '',
        stderr: plain.stderr,
      });
      expect(readFileSync(page, 'utf8')).toBe('the old page');
      const fresh = join(dir, `${name.replace(/ /g, '-')}-new.html`);
      expect(armru(['--data', file, 'report', '-o', fresh]).status).toBe(2);
      expect(existsSync(fresh)).toBe(false);
    });
  }
});

describe('armru graph --format svg, --actor, --min-weight', () => {
  it('draws SVG in-process with a node per actor and agreements merged per pair', () => {
    const r = armru([...MINI, 'graph', '--format', 'svg']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('<svg');
    const nodes = [
      ...r.stdout.matchAll(/<g id="node\d+" class="node">\n<title>([^<]*)<\/title>/g),
    ].map((m) => m[1]?.replace(/&#45;/g, '-'));
    expect(nodes.sort()).toEqual(['castell', 'port-authority', 'ruiz', 'union', 'valmora']);
    expect(r.stdout).toContain('>Valmora–Castell ferry link</text>');
  });

  it('draws a name as written, an HTML entity in it too (Graphviz reads entities in labels)', () => {
    const doc = JSON.parse(readFileSync(fixture('mini/claims.json'), 'utf8'));
    doc.entities[1].name = 'AT&amp;T &lt;b&gt; &#38; B&B';
    doc.agreements[0].name = 'Pact &amp; "deal"';
    copyFileSync(fixture('mini/article.txt'), join(dir, 'entities.txt'));
    doc.source.textFile = 'entities.txt';
    const file = join(dir, 'entities.claims.json');
    writeFileSync(file, JSON.stringify(doc));
    const svg = armru(['--data', file, 'graph', '--format', 'svg']).stdout;
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
      (m[1] as string)
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#45;/g, '-')
        .replace(/&amp;/g, '&'),
    );
    expect(texts).toContain('AT&amp;T &lt;b&gt; &#38; B&B');
    expect(texts).toContain('Pact &amp; "deal"');
    const dot = armru(['--data', file, 'graph', '--format', 'dot']).stdout;
    expect(dot).toContain(
      '[label="AT&amp;amp;T &amp;lt;b&amp;gt; &amp;#38; B&amp;B", shape=ellipse]',
    );
  });

  it('draws the most connected 100 actors of a larger network, and says so', () => {
    const file = writeCorpus(1500, join(dir, 'many-actors'), 5) as string;
    const all = JSON.parse(armru(['--data', file, 'graph', '--format', 'json']).stdout);
    expect(all.nodes.length).toBeGreaterThan(100);
    const r = armru(['--data', file, 'graph', '--format', 'svg']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      `armru: the picture shows the 100 most connected of ${all.nodes.length} actors; narrow the network with --actor, --min-weight or the claim filters, or lay out the whole of it from DOT (armru graph | sfdp -Tsvg)\n`,
    );
    const drawn = [...r.stdout.matchAll(/<g id="node\d+" class="node">\n<title>([^<]*)<\/title>/g)];
    expect(drawn).toHaveLength(100);
    // DOT stays whole.
    const dot = armru(['--data', file, 'graph']).stdout;
    expect(dot.match(/^ {2}"[^"]+" \[label=/gm)).toHaveLength(all.nodes.length);
  }, 60_000);

  it('narrows to an actor and its neighbours, and to heavier edges', () => {
    const g = (args: string[]) =>
      JSON.parse(armru([...MINI, 'graph', '--format', 'json', ...args]).stdout);
    const around = g(['--actor', 'Ruiz']);
    // Ruiz shares m4 with Castell and is a member of the port authority; the edges among the
    // three are kept (the authority's with Castell too).
    expect(around.nodes.map((n: { id: string }) => n.id)).toEqual([
      'port-authority',
      'castell',
      'ruiz',
    ]);
    expect(
      around.edges.map((e: { kind: string; a: string; b: string }) => `${e.kind} ${e.a} ${e.b}`),
    ).toEqual([
      'claims castell port-authority',
      'claims castell ruiz',
      'agreement castell port-authority',
      'member ruiz port-authority',
    ]);
    const heavy = g(['--min-weight', '2']);
    // No pair shares two claims: the agreement and the membership remain.
    expect(heavy.edges.map((e: { kind: string }) => e.kind)).toEqual(['agreement', 'member']);
    expect(heavy.nodes.map((n: { id: string }) => n.id)).toEqual([
      'port-authority',
      'castell',
      'ruiz',
    ]);
    const full = JSON.parse(armru(['graph', '--format', 'json']).stdout);
    const shoygu =
      g([]).nodes.length > 0 &&
      JSON.parse(armru(['graph', '--format', 'json', '--actor', 'Shoigu']).stdout);
    expect(shoygu.nodes.length).toBeLessThan(full.nodes.length);
    for (const e of shoygu.edges) {
      const ids = new Set(shoygu.nodes.map((n: { id: string }) => n.id));
      expect(ids.has(e.a) && ids.has(e.b)).toBe(true);
    }
  });

  it('refuses a bad weight and an unknown actor with one line, exit 2', () => {
    expect(armru(['graph', '--min-weight', '0'])).toEqual({
      status: 2,
      stdout: '',
      stderr:
        "armru: option '--min-weight <n>' argument '0' is invalid: expected a whole number of at least 1\nRun 'armru graph --help' for usage.\n",
    });
    expect(armru(['graph', '--actor', 'zzz'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'armru: no actor is named "zzz"; run \'armru actors\' to list them\n',
    });
  });
});

describe('source.url', () => {
  it('is what annotations target when the dataset has it', () => {
    const doc = JSON.parse(
      armru(['--data', fixture('hostile-html/claims.json'), 'export', '--format', 'annotations'])
        .stdout,
    );
    const sources = doc.first.items.map((a: { target: { source: string } }) => a.target.source);
    expect(new Set(sources)).toEqual(
      new Set(['https://example.org/news?a=1&b="><script>window.__pwned="url"</script>']),
    );
    const mini = JSON.parse(armru([...MINI, 'export', '--format', 'annotations']).stdout);
    expect(mini.first.items[0].target.source).toBe('urn:armru:valmora-ferry');
  });

  it("is the article's url in JSON-LD", () => {
    const doc = JSON.parse(
      armru(['--data', fixture('hostile-html/claims.json'), 'export', '--format', 'jsonld']).stdout,
    );
    const article = doc['@graph'].find((n: { '@type': string }) => n['@type'] === 'NewsArticle');
    expect(article.url).toBe(
      'https://example.org/news?a=1&b="><script>window.__pwned="url"</script>',
    );
    expect(article.datePublished).toBe('2020-01-02');
  });

  it('must be an http or https address', () => {
    const doc = JSON.parse(readFileSync(fixture('mini/claims.json'), 'utf8'));
    doc.source.url = 'javascript:alert(1)';
    delete doc.$schema;
    writeFileSync(join(dir, 'article.txt'), readFileSync(fixture('mini/article.txt')));
    const file = join(dir, 'url.claims.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const r = armru(['validate', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('$.source.url: expected a string matching ^https?://[^/?#\\s]+');
  });
});

describe('the network picture’s key', () => {
  const statusOf = (html: string) =>
    /<p class="status">([^<]*)<\/p><div class="graph"/.exec(html)?.[1];

  it('names each shape and line the picture draws, and no other', () => {
    const html = armru(['report']).stdout;
    expect(statusOf(html)).toBe(
      '30 actors. Key: ellipse: person, group; box: country, government; hexagon: organisation; octagon: military unit; note: media outlet; house: place; solid line, numbered: named together in that many claims (thicker: more); dashed blue line, named: parties to that agreement; dotted arrow, &quot;member of&quot;: member of what it points to.',
    );
  });

  it('leaves out the agreement and membership lines of a dataset that has none', () => {
    const doc = JSON.parse(readFileSync(fixture('mini/claims.json'), 'utf8'));
    doc.agreements = [];
    for (const c of doc.claims) delete c.evidences;
    for (const e of doc.entities) delete e.memberOf;
    const file = join(dir, 'no-links.claims.json');
    writeFileSync(file, JSON.stringify(doc));
    copyFileSync(fixture('mini/article.txt'), join(dir, 'article.txt'));
    const run = armru(['--data', file, 'report']);
    expect(run.stderr).toBe('');
    const status = statusOf(run.stdout) ?? '';
    expect(status).toMatch(/^\d+ actors\. Key: .*solid line, numbered: named together/);
    expect(status).not.toContain('dashed');
    expect(status).not.toContain('member of');
  });
});
