import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/text-width.js';
import {
  armru,
  armruTty,
  BIN,
  fixture,
  ROOT,
  stripAnsi,
  writeCrlfMini,
  writeMiniAs,
} from '../helpers.js';

/** The environment without the settings a test must control itself. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'ARMRU_DATA', 'DEBUG', 'PAGER'])
    delete env[name];
  return env;
}

const MINI = ['--data', fixture('mini/claims.json')];
const dir = mkdtempSync(join(tmpdir(), 'armru-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('armru read in a pipe', () => {
  it('prints the article with ⟦id … ⟧ markers and one line per claim', () => {
    expect(armru([...MINI, 'read'])).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        'Port Authority Approves Ferry Link',
        '',
        'By Jana Novák',
        '',
        '⟦m1 The port authority of Valmora approved a new ferry link to Castell on Monday⟧, its director Ana Ruiz announced. According to the Coastal Herald, ⟦m2 the ferries will run twice a day from June⟧. However, ⟦m3 union representatives said the schedule had not been agreed⟧.',
        '',
        'Ruiz said the link ⟦m4 “will cut the journey to an hour.”⟧',
        '',
        'm1\tevent\tAna Ruiz\tannounced\t',
        'm2\treport\tCoastal Herald\tAccording to\t',
        'm3\tdenial\tUnion representatives\tsaid\t',
        'm4\tquote\tAna Ruiz\tsaid\t',
        '',
      ].join('\n'),
    });
  });

  it('marks the claims the other commands keep: --query, --from and --to too', () => {
    /** The ids `read` marks in a pipe: its claim lines after the article. */
    const marked = (args: string[]) =>
      armru(['read', ...args])
        .stdout.split('\n')
        .filter((line) => /^c\d+\t/.test(line))
        .map((line) => line.split('\t')[0])
        .sort();
    const listed = (args: string[]) =>
      JSON.parse(armru(['claims', ...args, '--json']).stdout)
        .map((c: { id: string }) => c.id)
        .sort();
    for (const args of [
      ['--query', 'biolab'],
      ['--query', 'Kocharyan', '--kind', 'event'],
      ['--from', '2019-10-29', '--to', '2019-10-29'],
      ['--from', '2018', '--to', '2018-12'],
      ['--actor', 'Russia', '--from', '2019'],
    ]) {
      const ids = listed(args);
      expect(ids.length, args.join(' ')).toBeGreaterThan(0);
      expect(marked(args), args.join(' ')).toEqual(ids);
    }
    expect(marked(['--query', 'biolab'])).toEqual(['c08', 'c09']);
    // A query that matches nothing leaves the article unmarked and says so.
    expect(armru(['read', '--query', 'Zygrhar'])).toMatchObject({
      status: 0,
      stderr: 'armru: no claims match these filters; the article is shown unmarked\n',
    });
    expect(armru(['read', '--from', '2019-13'])).toMatchObject({ status: 2, stdout: '' });
  });

  it('shows nested and crossing claims of the article', () => {
    const out = armru(['read']).stdout;
    // c14 inside c13; c37 inside c17, both crossed by c18 (they end first); c21 holds c22
    // and c23.
    expect(out).toContain(
      '⟦c13 Armenia sees these arrangements, as well as ⟦c14 its adherence to the Russian-led CSTO⟧ as a key component for its security⟧.',
    );
    expect(out).toContain(
      '⟦c17 aware of ⟦c37 Russia’s uneasiness towards ⟦c18 revolutions in former-Soviet countries such as Georgia and Ukraine and their aftermath⟦/c37⟧⟦/c17⟧ which had clear foreign policy and geo-political contexts⟧.',
    );
    expect(out).toContain('Robert Kocharyan⟧⟧.');
    expect(out).toContain("c09\tdenial\tCivilNet's sources in Armenia's Government\tspecified\t\n");
    // Without the markers, the body is the article byte for byte.
    const body = out.slice(0, out.search(/\n\nc\d+\t/));
    const article = readFileSync('data/article.txt', 'utf8').trimEnd();
    expect(body.replace(/⟦\/c\d+⟧|⟦c\d+ |⟧/g, '')).toBe(article);
  });

  it('marks only the claims the filters keep', () => {
    const r = armru(['read', '--asserted-by', 'Kommersant']);
    expect(r.status).toBe(0);
    expect(r.stdout.match(/⟦c\d+/g)).toEqual(['⟦c08']);
    expect(r.stdout.endsWith('\n\nc08\treport\tKommersant\tAccording to\t\n')).toBe(true);
    const quotes = armru(['read', '--kind', 'quote', '--actor', 'Pashinian']).stdout;
    expect(quotes.match(/⟦c\d+/g)).toEqual(['⟦c28', '⟦c29']);
  });

  it('starts at the paragraph of --claim, under the title', () => {
    const lines = armru(['read', '--claim', 'c25']).stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Armenia and Russia Enhance Defense Cooperation',
      'By Emilio Luciano Cricchio',
      '',
      '⟦c24 In light of these issues, Pashinyan’s Government seems to have managed to appease Russia in part by ⟦c25 sending a humanitarian mission to Syria to serve under the auspices of the Russian military⟧⟧.',
    ]);
    expect(lines).not.toContain('c23\tevent\tauthor\t\t');
  });

  it('refuses unknown ids and names with one line, exit 2; an empty filter still shows the article', () => {
    expect(armru(['read', '--claim', 'c99'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'armru: no claim has the id "c99"; closest: c09, c19, c29\n',
    });
    expect(armru(['read', '--kind', 'rumour']).stderr).toBe(
      "armru: option '--kind <kind>' argument 'rumour' is invalid: expected one of event, statement, quote, report, denial, assessment, background\nRun 'armru read --help' for usage.\n",
    );
    const none = armru(['read', '--kind', 'denial', '--asserted-by', 'Kommersant']);
    expect(none.status).toBe(0);
    expect(none.stderr).toBe(
      'armru: no claims match these filters; the article is shown unmarked\n',
    );
    expect(none.stdout).not.toContain('⟦');
  });

  it('shows the source address and publisher when the dataset has them, escaped', () => {
    const out = armru(['--data', fixture('hostile-html/claims.json'), 'read']).stdout.split('\n');
    expect(out.slice(0, 3)).toEqual([
      'Publisher: Evil <b>Press</b> </script><script>window.__pwned="close"</script>',
      'Published: 2020-01-02',
      'URL: https://example.org/news?a=1&b="><script>window.__pwned="url"</script>',
    ]);
    const hostile = armru(['--data', fixture('hostile/claims.json'), 'read']).stdout;
    expect(hostile).toContain('⟦h1 The minister said the plan was safe.\\rFAKE LINE OVERWRITTEN.⟧');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    expect(hostile).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});

describe('armru read of an article with Windows line ends', () => {
  it('shows its line ends as line breaks, not \\r, and starts --claim at its paragraph', () => {
    const crlf = ['--data', writeCrlfMini(dir)];
    const pipe = armru([...crlf, 'read']);
    expect(pipe.stderr).toBe('');
    // In a pipe the line ends are the article's own: its text comes back byte for byte.
    const lf = armru([...MINI, 'read']).stdout;
    const notes = lf.indexOf('\n\nm1\t');
    expect(pipe.stdout).toBe(lf.slice(0, notes).replace(/\n/g, '\r\n') + lf.slice(notes));
    expect(pipe.stdout).not.toContain('\\r');
    expect(
      armru([...crlf, 'read', '--claim', 'm4'])
        .stdout.split('\n')
        .slice(0, 4),
    ).toEqual([
      'Port Authority Approves Ferry Link',
      'By Jana Novák',
      '',
      'Ruiz said the link ⟦m4 “will cut the journey to an hour.”⟧',
    ]);
    for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '1' }] as Record<string, string>[]) {
      const tty = armruTty([...crlf, 'read', '--no-pager'], { COLUMNS: '80', ...env });
      expect(tty.status).toBe(0);
      const text = stripAnsi(tty.stdout).replace(/\r\n/g, '\n');
      expect(text).not.toContain('\\r');
      expect(text).toBe(
        stripAnsi(
          armruTty([...MINI, 'read', '--no-pager'], { COLUMNS: '80', ...env }).stdout,
        ).replace(/\r\n/g, '\n'),
      );
    }
  });
});

describe('armru read of an article whose blank lines hold spaces', () => {
  it('starts --claim at the paragraph after a line of only spaces and tabs', () => {
    const spaced = writeMiniAs(dir, 'spaced', (text) => text.replace(/\n\n/g, '\n \t\n'));
    const out = armru(['--data', spaced, 'read', '--claim', 'm4']);
    expect(out.stderr).toBe('');
    expect(out.stdout.split('\n').slice(0, 4)).toEqual([
      'Port Authority Approves Ferry Link',
      'By Jana Novák',
      '',
      'Ruiz said the link ⟦m4 “will cut the journey to an hour.”⟧',
    ]);
  });
});

describe('armru read in a terminal', () => {
  it('colours and underlines claims by kind, ids in the margin, footnotes per paragraph, within the width', () => {
    const r = armruTty(['read', '--no-pager'], { COLUMNS: '72' });
    expect(r.status).toBe(0);
    // c08 (report: yellow) underlined; c09 (denial: red).
    expect(r.stdout).toContain('\u001b[33m\u001b[4mAccording to Russian Kommersant daily,');
    expect(r.stdout).toContain('\u001b[31m\u001b[4mCivilNet’s sources');
    const text = stripAnsi(r.stdout);
    for (const line of text.trimEnd().split('\n'))
      expect(displayWidth(line), line).toBeLessThanOrEqual(72);
    expect(text).toContain(
      '\nc08 According to Russian Kommersant daily, Russia is also working on\n',
    );
    expect(text).toContain('\n    c08 report · Kommersant (“According to”)\n');
    // A footnote wider than the window wraps under its own start.
    expect(text).toContain(
      "\n    c09 denial · CivilNet's sources in Armenia's Government\n        (“specified”)\n",
    );
    expect(text.split('\n')[0]).toBe(
      'Marked: event statement quote report denial assessment background',
    );
  });

  it('uses the markers when colour is off', () => {
    const r = armruTty(['read', '--no-pager'], { NO_COLOR: '1' });
    expect(r.stdout).toContain('⟦c08 According to Russian Kommersant daily');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('opens less at the line of --claim', () => {
    // A stand-in for less that records how it was called and what it was given.
    const less = join(dir, 'less');
    writeFileSync(less, `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\ncat > "${dir}/input"\n`);
    chmodSync(less, 0o755);
    // A terminal of 80 x 20: the article is longer than the window, so it is paged.
    const r = spawnSync(
      'script',
      ['-qec', `stty cols 80 rows 20; ${process.execPath} ${BIN} read --claim c24`, '/dev/null'],
      {
        cwd: ROOT,
        env: { ...cleanEnv(), TERM: 'xterm-256color', ARMRU_PAGER: less },
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const args = readFileSync(join(dir, 'args'), 'utf8').trim();
    const input = stripAnsi(readFileSync(join(dir, 'input'), 'utf8')).split('\n');
    const line = Number(/^\+(\d+)g$/.exec(args)?.[1]);
    expect(input[line - 1]?.startsWith('c24 In light of these issues')).toBe(true);
  });

  it("gives other pagers the text from the claim's paragraph", () => {
    const more = join(dir, 'more');
    writeFileSync(
      more,
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/more-args"\ncat > "${dir}/more-input"\n`,
    );
    chmodSync(more, 0o755);
    const r = spawnSync(
      'script',
      ['-qec', `stty cols 80 rows 5; ${process.execPath} ${BIN} read --claim c24`, '/dev/null'],
      {
        cwd: ROOT,
        env: { ...cleanEnv(), TERM: 'xterm-256color', ARMRU_PAGER: more },
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'more-args'), 'utf8')).toBe('\n');
    const input = stripAnsi(readFileSync(join(dir, 'more-input'), 'utf8')).split('\n');
    expect(input[0]).toBe('Armenia and Russia Enhance Defense Cooperation');
    expect(input.find((l) => /^c\d+ /.test(l))?.startsWith('c24 In light of these issues')).toBe(
      true,
    );
  });

  it('prints straight through with PAGER=cat', () => {
    const r = armruTty(['read', '--claim', 'c24'], { PAGER: 'cat', COLUMNS: '80' });
    expect(stripAnsi(r.stdout).split('\n').slice(0, 2)).toEqual([
      'Armenia and Russia Enhance Defense Cooperation',
      'By Emilio Luciano Cricchio',
    ]);
  });
});

/** Runs armru in a pseudo-terminal of `columns` columns; the screen's text, as written. */
function ttyAt(args: string[], columns: number, env: Record<string, string> = {}) {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`);
  const r = spawnSync(
    'script',
    ['-qec', `stty cols ${columns} rows 40; ${command.join(' ')}`, '/dev/null'],
    {
      cwd: ROOT,
      env: { ...cleanEnv(), TERM: 'xterm-256color', ARMRU_PAGER: 'cat', ...env },
      encoding: 'utf8',
    },
  );
  return { status: r.status, text: r.stdout.replace(/\r\n/g, '\n') };
}

/**
 * A dataset of text a terminal shows in other widths than one column a character: Japanese
 * (two columns each, and no spaces to break at), a combining accent, an emoji of several code
 * points, an address longer than a line with a claim beginning inside it, the article's own
 * backslash and brackets, and a tab.
 */
function writeWide(): string[] {
  const text =
    'Wide Test\n\nBy Kim\n\n東京の会議で合意が発表された。代表団は来週ソウルを訪問する予定だ。 The café’s owner, Zoe\u0301, said the 👩‍👧 emoji stood for “families” in https://example.org/a/very/long/path/that/does/not/fit/on/one/line/at/all?q=1 and \\⟦not a marker⟧ here.\n\nA second paragraph with a tab\there and ends.\n';
  const cp = (s: string) => Array.from(s).length;
  const quote = (exact: string) => {
    const at = text.indexOf(exact);
    const start = cp(text.slice(0, at));
    return { exact, start, end: start + cp(exact) };
  };
  const claim = (id: string, exact: string) => ({
    id,
    text: `Claim ${id}.`,
    quote: quote(exact),
    kind: 'event',
    assertedBy: 'author',
    hedged: false,
    actors: [],
    topics: ['t'],
  });
  const doc = {
    schemaVersion: 1,
    source: {
      id: 'wide',
      type: 'NewsArticle',
      title: 'Wide Test',
      author: 'Kim',
      publisher: null,
      datePublished: null,
      inLanguage: 'en',
      textFile: 'wide.txt',
      textSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      offsetUnit: 'codepoint',
    },
    entities: [],
    topics: [{ id: 't', name: 'Things', aliases: [], description: '' }],
    claims: [
      claim('w1', '東京の会議で合意が発表された。'),
      claim('w2', 'Zoe\u0301, said the 👩‍👧 emoji'),
      claim('w3', 'long/path/that/does/not/fit/on/one/line/at/all?q=1 and \\⟦not'),
      claim('w4', 'tab\there'),
    ],
    agreements: [],
    relations: [],
  };
  writeFileSync(join(dir, 'wide.txt'), text);
  writeFileSync(join(dir, 'wide.claims.json'), JSON.stringify(doc));
  return ['--data', join(dir, 'wide.claims.json')];
}

/** Ends with a backslash that escapes nothing: a word cut in two goes on below. */
const cutMark = (line: string) => /(^|[^\\])(\\\\)*\\$/.test(line);

/** The body of `read`'s marked text (between the header and the claims), joined back up. */
function unwrapped(text: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf('') + 1;
  let end = lines.length - 1;
  while (end > start && lines[end - 1] !== '') end--;
  let joined = '';
  for (const line of lines.slice(start, end - 1))
    joined += cutMark(line) ? line.slice(0, -1) : `${line} `;
  return joined.replace(/\s+/g, ' ').trim();
}

describe('armru read in a terminal without colour', () => {
  const OFF: [string, string[], Record<string, string>][] = [
    ['NO_COLOR', [], { NO_COLOR: '1' }],
    ['TERM=dumb', [], { TERM: 'dumb' }],
    ['--no-color', ['--no-color'], {}],
  ];

  it('wraps the marked text to the window: markers with their ids and words, nothing lost', () => {
    const wide = writeWide();
    for (const data of [[], wide, MINI]) {
      const pipe = armru([...data, 'read']).stdout;
      for (const columns of [40, 80, 120]) {
        for (const [how, flags, env] of OFF) {
          const at = `${data.join(' ')} read at ${columns} with ${how}`;
          const { status, text } = ttyAt([...data, 'read', '--no-pager', ...flags], columns, env);
          expect(status, at).toBe(0);
          expect(text, at).not.toContain('\u001b[');
          const lines = text.trimEnd().split('\n');
          for (const line of lines)
            expect(displayWidth(line), `${at}: ${line}`).toBeLessThanOrEqual(columns);
          // No marker stands apart from its id, nor an opening one from the word it opens.
          for (const line of lines) {
            expect(line, at).not.toMatch(/(^|[^\\])(\\\\)*⟦(\/?[^\s⟧]*)?$/);
            expect(line, at).not.toMatch(/(^|[^\\])(\\\\)*⟦[^\s/⟧]+ $/);
          }
          // Joined back up, the text is the pipe's (which a test above checks against the article).
          expect(unwrapped(text), at).toBe(unwrapped(pipe));
        }
      }
    }
  }, 120_000);

  it('shows the same lines however colour is turned off', () => {
    const screens = OFF.map(([, flags, env]) => ttyAt([...MINI, 'read', ...flags], 40, env).text);
    expect(screens[1]).toBe(screens[0]);
    expect(screens[2]).toBe(screens[0]);
    expect(screens[0]).toBe(
      [
        'Port Authority Approves Ferry Link',
        '',
        'By Jana Novák',
        '',
        '⟦m1 The port authority of Valmora',
        'approved a new ferry link to Castell on',
        'Monday⟧, its director Ana Ruiz',
        'announced. According to the Coastal',
        'Herald, ⟦m2 the ferries will run twice a',
        'day from June⟧. However, ⟦m3 union',
        'representatives said the schedule had',
        'not been agreed⟧.',
        '',
        'Ruiz said the link ⟦m4 “will cut the',
        'journey to an hour.”⟧',
        '',
        'm1 event · Ana Ruiz (“announced”)',
        'm2 report · Coastal Herald (“According',
        '   to”)',
        'm3 denial · Union representatives',
        '   (“said”)',
        'm4 quote · Ana Ruiz (“said”)',
        '',
      ].join('\n'),
    );
  });

  it('counts wide characters as two columns and cuts only what has no space to break at', () => {
    const { text } = ttyAt([...writeWide(), 'read', '--no-color'], 40);
    expect(text.split('\n').slice(4, 16)).toEqual([
      '⟦w1 東京の会議で合意が発表された。⟧代表\\',
      '団は来週ソウルを訪問する予定だ。 The',
      'café’s owner, ⟦w2 Zoe\u0301, said the 👩‍👧',
      'emoji⟧ stood for “families” in',
      'https://example.org/a/very/⟦w3 long/pat\\',
      'h/that/does/not/fit/on/one/line/at/all?\\',
      'q=1 and \\\\\\⟦not⟧ a marker\\⟧ here.',
      '',
      'A second paragraph with a ⟦w4 tab',
      'here⟧ and ends.',
      '',
      'w1 event · author',
    ]);
  });

  it('opens less at the line of --claim, counted in wrapped lines', () => {
    // Named less, so that armru tells it the line to open at.
    mkdirSync(join(dir, 'plain'), { recursive: true });
    const less = join(dir, 'plain', 'less');
    writeFileSync(
      less,
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/plain-args"\ncat > "${dir}/plain-input"\n`,
    );
    chmodSync(less, 0o755);
    for (const columns of [40, 80]) {
      const r = spawnSync(
        'script',
        [
          '-qec',
          `stty cols ${columns} rows 20; ${process.execPath} ${BIN} read --claim c24`,
          '/dev/null',
        ],
        {
          cwd: ROOT,
          env: { ...cleanEnv(), TERM: 'xterm-256color', NO_COLOR: '1', ARMRU_PAGER: less },
          encoding: 'utf8',
        },
      );
      expect(r.status).toBe(0);
      const line = Number(
        /^\+(\d+)g$/.exec(readFileSync(join(dir, 'plain-args'), 'utf8').trim())?.[1],
      );
      const input = readFileSync(join(dir, 'plain-input'), 'utf8').split('\n');
      expect(input[line - 1], `${columns}`).toMatch(/^⟦c24 In light of these/);
      for (const l of input) expect(displayWidth(l)).toBeLessThanOrEqual(columns);
    }
  });
});

describe('armru read in a terminal with colour', () => {
  it('cuts a word wider than the line between characters, wide ones counted as two columns', () => {
    const { text } = ttyAt([...writeWide(), 'read', '--no-pager'], 40);
    const lines = stripAnsi(text).split('\n');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(40);
    expect(lines.slice(7, 14)).toEqual([
      'w1  東京の会議で合意が発表された。代表\\',
      '    団は来週ソウルを訪問する予定だ。 The',
      'w2  café’s owner, Zoe\u0301, said the 👩‍👧 emoji',
      '    stood for “families” in',
      'w3  https://example.org/a/very/long/pat\\',
      '    h/that/does/not/fit/on/one/line/at/\\',
      '    all?q=1 and \\⟦not a marker⟧ here.',
    ]);
  });
});
