import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/text-width.js';
import { armru, armruTty, BIN, fixture, ROOT, stripAnsi } from '../helpers.js';

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
