import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instance } from '@viz-js/viz';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/text-width.js';
import { armru, armruTty, fixture, stripAnsi } from '../helpers.js';
import { requireTool } from '../tools.js';

const MINI = ['--data', fixture('mini/claims.json')];
const json = (args: string[]) => {
  const r = armru([...args, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};
/** Runs in a pseudo-terminal at `columns` and checks the table fits; returns the text without colour. */
const table = (args: string[], columns = 100) => {
  const r = armruTty(args, { COLUMNS: String(columns) });
  expect(r.status).toBe(0);
  const text = stripAnsi(r.stdout);
  for (const line of text.trimEnd().split('\n'))
    expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
  return text;
};

describe('armru claims', () => {
  it('lists claims in article order as plain lines, table and JSON', () => {
    expect(armru([...MINI, 'claims'])).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        'm1\tevent\tAna Ruiz\tThe Valmora port authority approved a new ferry link to Castell on Monday.\tValmora Port Authority, Valmora, Castell',
        'm2\treport\tCoastal Herald\tThe ferries will run twice a day from June.\tValmora Port Authority',
        'm3\tdenial\tUnion representatives\tThe schedule had not been agreed.\tUnion representatives, Valmora Port Authority',
        'm4\tquote\tAna Ruiz\tThe link will cut the journey to an hour.\tAna Ruiz, Castell',
        '',
      ].join('\n'),
    });
    const all = json(['claims']);
    expect(all).toHaveLength(39);
    expect(all.map((c: { quote: { start: number } }) => c.quote.start)).toEqual(
      all
        .map((c: { quote: { start: number } }) => c.quote.start)
        .sort((a: number, b: number) => a - b),
    );
    expect(table(['claims', '--kind', 'quote'])).toMatch(/│ c28 │ quote +│ Nikol Pashinyan │/);
  });

  it('filters by actor, topic, kind and who asserts', () => {
    const ids = (args: string[]) => json(args).map((c: { id: string }) => c.id);
    expect(ids([...MINI, 'claims', '--asserted-by', 'Ana Ruíz'])).toEqual(['m1', 'm4']);
    expect(ids([...MINI, 'claims', '--actor', 'Castel', '--kind', 'event'])).toEqual(['m1']);
    expect(ids([...MINI, 'claims', '--topic', 'labor'])).toEqual(['m3']);
    expect(ids(['claims', '--asserted-by', 'Kommersant'])).toEqual(['c08']);
  });

  it('marks a hedged claim in every listing, with the words that hedge the speech', () => {
    const lines = armru(['claims', '--kind', 'assessment']).stdout.split('\n');
    expect(lines.find((l) => l.startsWith('c27\t'))).toBe(
      'c27\tassessment\tauthor\tThere is apparent uncertainty. [hedged]\tArmenia, Russia',
    );
    // The four hedged claims, and only they.
    expect(lines.filter((l) => l.includes('[hedged')).map((l) => l.split('\t')[0])).toEqual([
      'c24',
      'c27',
      'c31',
      'c33',
    ]);
    expect(table(['claims', '--kind', 'assessment'], 120)).toMatch(
      /│ c27 │ assessment │ author +│ There is apparent uncertainty\. \[hedged\] +│/,
    );
    // A drafted quotation is the quotation alone: its hedge is in the words that frame it.
    const dir = mkdtempSync(join(tmpdir(), 'armru-hedge-'));
    try {
      const article = join(dir, 'story.txt');
      writeFileSync(
        article,
        'Mayor Denies Budget Shortfall\n\nBy Lena Park\n\nThe mayor of Oakridge allegedly told staff: "The budget is balanced." The Oakridge Courier reported that the city may run out of money by June.\n',
      );
      const data = join(dir, 'story.claims.json');
      expect(armru(['draft', article, '-o', data]).status).toBe(0);
      const quoted = armru(['--data', data, 'search', 'balanced']).stdout.split('\t');
      expect(quoted[3]).toBe('The budget is balanced. [hedged: allegedly told]');
      expect(armru(['--data', data, 'claims', '--kind', 'quote']).stdout.split('\t')[3]).toBe(
        quoted[3],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so on stderr when filters leave nothing, and still exits 0', () => {
    expect(armru([...MINI, 'claims', '--kind', 'assessment'])).toEqual({
      status: 0,
      stdout: '',
      stderr: 'armru: no claims match these filters\n',
    });
    expect(armru([...MINI, 'claims', '--kind', 'assessment', '--json']).stdout).toBe('[]\n');
  });

  it('refuses an unknown actor with the closest names', () => {
    expect(armru([...MINI, 'claims', '--actor', 'Ruis'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'armru: no actor is named "Ruis"; closest: "Ruiz"\n',
    });
  });
});

describe('armru show', () => {
  it('prints a claim in full, in its place in the article', () => {
    expect(armru([...MINI, 'show', 'm3']).stdout).toBe(
      [
        'id\tm3',
        'kind\tdenial',
        'text\tThe schedule had not been agreed.',
        'asserted by\tUnion representatives (“said”)',
        'hedged\tno',
        'actors\tUnion representatives, Valmora Port Authority',
        'topics\tFerries, Labour relations',
        'date\t—',
        'quote at\t248..307 (code points)',
        'quote\tunion representatives said the schedule had not been agreed',
        'passage\tThe port authority of Valmora approved a new ferry link to Castell on Monday, its director Ana Ruiz announced. According to the Coastal Herald, the ferries will run twice a day from June. However, «union representatives said the schedule had not been agreed».',
        // The note is the last field, empty when the relation has none: columns stay fixed.
        'related\tdisputes →\tm2\tThe ferries will run twice a day from June.\t',
        '',
      ].join('\n'),
    );
    const page = table(['show', 'c09'], 90);
    expect(page.split('\n')[0]).toBe('c09  denial');
    expect(page).toContain("asserted by  CivilNet's sources in Armenia's Government (“specified”)");
    expect(page).toContain('In the article');
    expect(page).toMatch(/However,\s+«?CivilNet’s sources/);
    expect(page).toMatch(/│ qualifies → │ c08 │ Russia is also working on gaining/);
    // The relation's note says why it is not a dispute.
    expect(page.replace(/[│\s]+/g, ' ')).toContain('The article never says who the third party is');
    expect(page).toMatch(/│ biolab-memorandum +│ Armenia-Russia +│/);
  });

  it('highlights the quoted words in colour', () => {
    const r = armruTty(['show', 'c28'], { COLUMNS: '200' });
    expect(r.stdout).toContain('\u001b[1m\u001b[31mArmenia doesn’t perceive the situation');
    const plain = armruTty(['show', 'c28', '--color', 'never'], { COLUMNS: '200' });
    expect(plain.stdout).toContain('stated that “«Armenia doesn’t perceive the situation');
  });

  it('returns the claim with related claims and agreements as JSON', () => {
    const c = json(['show', 'c08']);
    expect(c).toMatchObject({
      id: 'c08',
      assertedBy: 'kommersant',
      related: [{ type: 'qualifies', direction: 'in', id: 'c09' }],
      agreements: [{ id: 'biolab-memorandum', status: 'negotiating' }],
    });
  });

  it('exits 2 for an unknown id and suggests the nearest', () => {
    expect(armru(['show', 'c99'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'armru: no claim has the id "c99"; closest: c09, c19, c29\n',
    });
  });
});

describe('armru actors and topics', () => {
  it('lists entities with counts', () => {
    expect(
      armru([...MINI, 'actors'])
        .stdout.split('\n')
        .slice(0, 2),
    ).toEqual([
      'port-authority\tOrganization\tValmora Port Authority\t4\t2\tport authority, the port',
      'ruiz\tPerson\tAna Ruiz\t1\t2\tRuiz, Ana Ruíz',
    ]);
    const shoygu = json(['actors']).find((e: { id: string }) => e.id === 'shoygu');
    expect(shoygu).toMatchObject({
      name: 'Sergey Shoygu',
      type: 'Person',
      claimCount: 6,
      assertedCount: 1,
    });
    expect(table(['actors'], 160)).toMatch(/│ ID +│ TYPE +│ NAME +│ ABOUT │ ASSERTS │ ALIASES +│/);
    // Narrower, the optional aliases go before any id would be split.
    const narrower = table(['actors'], 100);
    expect(narrower).toMatch(/│ ID +│ TYPE +│ NAME +│ ABOUT │ ASSERTS │\n/);
    expect(narrower).toMatch(/│ armenian-humanitarian-mission +│/);
  });

  it('profiles one actor by any of its names', () => {
    expect(armru([...MINI, 'actors', 'Ruíz']).stdout).toBe(
      [
        'entity\truiz\tPerson\tAna Ruiz\tRuiz, Ana Ruíz\tDirector of the Valmora Port Authority.',
        // Each claim line is the line `claims` prints, tagged by the section it is in.
        'about\tm4\tquote\tAna Ruiz\tThe link will cut the journey to an hour.\tAna Ruiz, Castell',
        'asserts\tm1\tevent\tAna Ruiz\tThe Valmora port authority approved a new ferry link to Castell on Monday.\tValmora Port Authority, Valmora, Castell',
        'asserts\tm4\tquote\tAna Ruiz\tThe link will cut the journey to an hour.\tAna Ruiz, Castell',
        '',
      ].join('\n'),
    );
    // "the Kremlin" names the Russian state; its profile reaches the state's members.
    const [kremlin] = json(['actors', 'the Kremlin']);
    expect(kremlin.id).toBe('russia');
    expect(kremlin.claims.length).toBe(kremlin.claimCount);
    const shoygu = kremlin.claims.find((c: { id: string }) => c.id === 'c07');
    expect(shoygu.via).toEqual([
      {
        option: 'actor',
        name: 'Russia',
        path: ['shoygu', 'russian-defense-ministry', 'russian-government', 'russia'],
        text: 'via Sergey Shoygu → Ministry of Defense of Russia → Russian Government → Russia',
      },
    ]);
    const [alone] = json(['actors', '=Russia']);
    expect(alone.claims.some((c: { id: string }) => c.id === 'c07')).toBe(false);
    expect(json(['actors', 'Russia', '--exact'])[0].claimCount).toBe(alone.claimCount);
    const page = table(['actors', 'Kommersant']);
    expect(page).toContain('Claims Kommersant asserts (1)');
    expect(armru(['actors', 'Kommersnat']).stderr).toBe(
      'armru: no actor is named "Kommersnat"; closest: "Kommersant"\n',
    );
  });

  it('lists and profiles topics', () => {
    expect(armru([...MINI, 'topics']).stdout).toBe(
      'ferries\tFerries\t4\tferry link, ferry\nlabour\tLabour relations\t1\tlabor, union\n',
    );
    const [biolabs] = json(['topics', 'bio-labs']);
    expect(biolabs).toMatchObject({
      id: 'biolabs',
      claimCount: 2,
      agreements: [{ id: 'biolab-memorandum' }],
    });
    expect(table(['topics'])).toMatch(/│ ID +│ NAME +│ CLAIMS │ ALIASES +│/);
  });
});

describe('armru agreements', () => {
  it('lists agreements with parties, status, date and evidence', () => {
    expect(armru([...MINI, 'agreements']).stdout).toBe(
      'ferry-link\tValmora–Castell ferry link\tagreement\tValmora Port Authority, Castell\tannounced\t\tm1, m2\t\n',
    );
    const all = json(['agreements']);
    expect(all.map((a: { id: string; status: string }) => `${a.id}:${a.status}`)).toEqual([
      'mod-agreements-2019:signed',
      'biolab-memorandum:negotiating',
      'gyumri-basing:in-force',
      'border-deployment:in-force',
      'csto-membership:in-force',
      'eaeu-membership:in-force',
      'syria-deployment:in-force',
    ]);
    expect(table(['agreements'], 140)).toMatch(/│ mod-agreements-2019 │ Bilateral agreements/);
  });

  it('filters by --status and --party', () => {
    const ids = (args: string[]) => json(args).map((a: { id: string }) => a.id);
    expect(ids(['agreements', '--status', 'signed,negotiating'])).toEqual([
      'mod-agreements-2019',
      'biolab-memorandum',
    ]);
    expect(ids(['agreements', '--party', 'ODKB'])).toEqual(['csto-membership']);
    expect(armru(['agreements', '--status', 'maybe']).status).toBe(2);
  });
});

describe('armru disputes', () => {
  it('shows both sides with who asserts each and their quotes', () => {
    expect(armru([...MINI, 'disputes']).stdout).toBe(
      'm3\tUnion representatives\tunion representatives said the schedule had not been agreed\tdisputes\tm2\tCoastal Herald\tthe ferries will run twice a day from June\t\n',
    );
    // The relation's note is a line's last field (empty above: the pair has none).
    const [c09] = armru(['disputes']).stdout.split('\n');
    expect(c09?.split('\t').slice(3, 5)).toEqual(['qualifies', 'c08']);
    expect(c09?.split('\t')[7]).toMatch(
      /^"However": the sources say .* limits the reported Russian bid rather than contradicting it\.$/,
    );
    const [first] = json(['disputes']);
    expect(first).toMatchObject({
      from: 'c09',
      type: 'qualifies',
      to: 'c08',
      fromClaim: { assertedBy: 'civilnet-gov-sources' },
      toClaim: { assertedBy: 'kommersant' },
    });
    const page = table(['disputes']);
    expect(page).toMatch(/│ CLAIM +│ RELATION +│ OTHER CLAIM +│/);
    expect(page).toContain('c09 · CivilNet');
    expect(page).toContain('c08 · Kommersant');
    // Under the table, the relations' notes, as `agreements` lists its notes.
    const notes = page
      .slice(page.lastIndexOf('┘') + 1)
      .trim()
      .split('\n');
    expect(notes[0]).toBe('Notes');
    expect(notes[1]).toMatch(/^c09 qualifies c08: "However": the sources say /);
    expect(notes.filter((line) => /^c\d+ qualifies c\d+: /.test(line))).toHaveLength(4);
    // A pair without a note has no Notes section.
    expect(stripAnsi(armruTty([...MINI, 'disputes'], { COLUMNS: '100' }).stdout)).not.toContain(
      'Notes',
    );
  });
});

describe('armru timeline', () => {
  it('lists dated items in order with precision, basis and source', () => {
    expect(armru([...MINI, 'timeline']).stdout).toBe(
      '2020-06\tmonth\tcontext\tm2\tThe ferries will run twice a day from June.\thttps://example.org/valmora-ferry\tCoastal Herald\treport\t\n',
    );
    // Who asserts a dated claim, its kind and its hedge; an agreement's kind.
    const lines = armru(['timeline', '--header']).stdout.split('\n');
    expect(lines[0]).toBe(
      'DATE\tPRECISION\tBASIS\tID\tWHAT\tDATE SOURCE\tASSERTED BY\tKIND\tHEDGED',
    );
    expect(
      lines
        .find((l) => l.split('\t')[3] === 'c08')
        ?.split('\t')
        .slice(5),
    ).toEqual(['https://news.am/eng/news/540901.html', 'Kommersant', 'report', '']);
    expect(lines[1]?.split('\t').slice(3)).toEqual([
      'gyumri-basing',
      'Agreement: Basing of the 102nd Russian Military Base in Gyumri',
      'https://base.garant.ru/4001652',
      '',
      'basing',
      '',
    ]);
    const entries = json(['timeline']);
    expect(entries[0]).toMatchObject({ item: 'agreement', id: 'gyumri-basing', precision: 'day' });
    const visit = entries.find((e: { id: string }) => e.id === 'c01');
    expect(visit).toMatchObject({ item: 'claim', precision: 'day', when: { basis: 'context' } });
    const page = table(['timeline'], 110);
    expect(page).toMatch(/│ DATE +│ PRECISION │ BASIS +│ ID +│ WHAT +│/);
    // The label and the address (which is not broken) share a line where the column allows.
    expect(page).toMatch(/date source: +│\n│[ │]+https:\/\/news\.am\/eng\/news\/541557\.html/);
    expect(table(['timeline'], 160)).toContain('date source: https://news.am/eng/news/541557.html');
    expect(page).toMatch(/│ c08 +│ Russia is also working/);
    expect(page).toContain('Kommersant · report');
  });
});

describe('armru stats', () => {
  it('counts and measures coverage', () => {
    const lines = armru([...MINI, 'stats']).stdout.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'total\tclaims\tclaims\t4',
      'total\thedged\thedged claims\t0',
      'total\tentities\tentities\t6',
      'total\ttopics\ttopics\t2',
      'total\tagreements\tagreements\t1',
      'total\trelations\trelations\t2',
      'total\tcoverage\tbody text covered\t68.2% (176 of 258 non-space characters)',
    ]);
    expect(lines).toContain('assertedBy\truiz\tAna Ruiz\t2');
    const s = json(['stats']);
    expect(s).toMatchObject({ claims: 39, agreements: 7 });
    expect(s.coverage.share).toBeGreaterThan(0.9);
    expect(table(['stats'])).toMatch(
      /body text covered +\d+\.\d% \(\d+ of \d+ non-space characters\)/,
    );
  });
});

describe('armru graph', () => {
  it('prints Graphviz DOT that Graphviz (WebAssembly) lays out, for both datasets', async () => {
    const viz = await instance();
    for (const data of [[], MINI]) {
      const r = armru([...data, 'graph']);
      expect(r.status).toBe(0);
      expect(r.stdout.startsWith('graph "')).toBe(true);
      const result = viz.render(r.stdout, { format: 'svg' });
      // Warnings about font metrics for non-ASCII labels are not syntax problems.
      expect(result.errors.filter((e) => e.level !== 'warning')).toEqual([]);
      expect(result.status).toBe('success');
      expect(result.output).toContain('<svg');
    }
    // The same parser rejects what dot rejects, so the check above can fail.
    const broken = viz.render('graph "x" { "a" -- }', { format: 'svg' });
    expect(broken.status).toBe('failure');
    const mini = armru([...MINI, 'graph']).stdout;
    expect(mini).toContain('"castell" -- "port-authority" [label="1", weight=1, penwidth=1.0];');
    expect(mini).toContain(
      '"castell" -- "port-authority" [label="Valmora–Castell ferry link", style=dashed',
    );
  });

  it('prints DOT that the Graphviz dot command accepts', (ctx) => {
    const dotPath = requireTool(ctx, 'dot');
    for (const data of [[], MINI]) {
      const r = armru([...data, 'graph']);
      const dot = spawnSync(dotPath, ['-Tsvg'], { input: r.stdout, encoding: 'utf8' });
      expect(dot.stderr).toBe('');
      expect(dot.status).toBe(0);
      expect(dot.stdout).toContain('<svg');
    }
  });

  it('prints a Mermaid flowchart and JSON', () => {
    const m = armru([...MINI, 'graph', '--format', 'mermaid']).stdout.split('\n');
    expect(m[0]).toBe('flowchart LR');
    expect(m).toContain('  n_port_2d_authority["Valmora Port Authority"]');
    expect(m).toContain('  n_castell -.-|"Valmora–Castell ferry link"| n_port_2d_authority');
    const g = JSON.parse(armru([...MINI, 'graph', '--format', 'json']).stdout);
    expect(g.nodes).toHaveLength(5);
    expect(armru(['graph', '--format', 'png']).status).toBe(2);
  });
});
