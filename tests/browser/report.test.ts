import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the corpus generator is plain JavaScript shared with the benchmarks.
import { writeCorpus } from '../../bench/corpus.mjs';
import { armru, fixture, ROOT, writeCrlfMini } from '../helpers.js';
import { decideTool } from '../tools.js';

// Debian's Chromium (`.ci/run` installs it), driven by playwright-core, which never
// downloads a browser. Where it is missing the suite is skipped with the reason, and under
// CI fails instead (tests/tools.ts decides, as for every system tool).
const chromium = decideTool('chromium');
const missing = chromium.kind === 'found' ? undefined : chromium.reason;
const dataset = JSON.parse(readFileSync(join(ROOT, 'data/claims.json'), 'utf8'));
const article = readFileSync(join(ROOT, 'data/article.txt'), 'utf8');
/**
 * Claims that name Kommersant: the one it asserts (c08), those it is an actor in (the
 * interview's quotes), those whose words name it. In the order of the dataset.
 */
const KOMMERSANT = dataset.claims
  .filter(
    (c: { assertedBy: string; actors: string[]; text: string; quote: { exact: string } }) =>
      c.assertedBy === 'kommersant' ||
      c.actors.includes('kommersant') ||
      /kommersant/i.test(c.text + c.quote.exact),
  )
  .map((c: { id: string }) => c.id);
/** Claims with Shoygu among their actors, in article order. */
const SHOYGU = dataset.claims
  .filter((c: { actors: string[] }) => c.actors.includes('shoygu'))
  .map((c: { id: string }) => c.id);

if (chromium.kind === 'skip')
  process.stderr.write(`armru report in Chromium: ${chromium.reason}\n`);
if (chromium.kind === 'fail') {
  it('has Chromium for the browser tests', () => {
    throw new Error(chromium.reason);
  });
}

describe.skipIf(missing !== undefined)(
  `armru report in Chromium${missing ? ` (${missing})` : ''}`,
  () => {
    let browser: Browser;
    let dir: string;
    let page: Page;
    let requests: string[];
    let problems: string[];
    let reportUrl: string;

    /** Writes a report with armru and opens it in a fresh page, recording requests and errors. */
    async function open(args: string[], name: string, width = 1440): Promise<string> {
      const file = join(dir, name);
      const result = armru([...args, 'report', '-o', file]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      page = await browser.newPage({ viewport: { width, height: 900 } });
      requests = [];
      problems = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      const url = pathToFileURL(file).href;
      await page.goto(url);
      await page.waitForSelector('html[data-ready="true"]');
      return url;
    }

    beforeAll(async () => {
      const playwright = await import('playwright-core');
      browser = await playwright.chromium.launch({
        executablePath: chromium.kind === 'found' ? chromium.path : undefined,
      });
      dir = mkdtempSync(join(tmpdir(), 'armru-report-'));
      reportUrl = await open([], 'article.html');
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('loads with no request beyond the file itself and no console error', () => {
      expect(requests).toEqual([reportUrl]);
      expect(problems).toEqual([]);
    });

    it('shows the article verbatim, every claim id in data-claim, every quote exactly marked', async () => {
      expect(await page.textContent('#article-text')).toBe(article);
      const marked = await page.$$eval('#article-text mark[data-claim]', (marks) =>
        marks.map((m): [string, string] => [
          m.getAttribute('data-claim') ?? '',
          m.textContent ?? '',
        ]),
      );
      const textOf = new Map<string, string>();
      for (const [ids, text] of marked) {
        for (const id of ids.split(' ')) textOf.set(id, (textOf.get(id) ?? '') + text);
      }
      const ids = dataset.claims.map((c: { id: string }) => c.id);
      expect([...textOf.keys()].sort()).toEqual([...ids].sort());
      // Joined in order, the pieces of each claim's highlight are its quote, even where
      // quotes nest (c13 holds c14) or cross (c17 and c18).
      for (const claim of dataset.claims) expect(textOf.get(claim.id)).toBe(claim.quote.exact);
    });

    it('opens the claim on click: its asserter, cue and relations; Escape closes it', async () => {
      await page.click('mark[data-start~="c09"]');
      const panel = page.locator('#panel');
      await expect.poll(() => panel.isVisible()).toBe(true);
      const text = (await panel.textContent()) ?? '';
      expect(text).toContain('c09 · denial');
      expect(text).toContain("asserted byCivilNet's sources in Armenia's Government (“specified”)");
      expect(text).toContain('qualifies c08');
      expect(text).toContain('hedgedno');
      await page.keyboard.press('Escape');
      expect(await panel.isHidden()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-start'))).toBe(
        'c09',
      );
    });

    it('opens with Enter on a focused highlight, and shows what qualifies it', async () => {
      await page.focus('mark[data-start~="c08"]');
      await page.keyboard.press('Enter');
      const text = (await page.textContent('#panel')) ?? '';
      expect(text).toContain('c08 · report');
      expect(text).toContain('asserted byKommersant (“According to”)');
      expect(text).toContain('is qualified by c09');
      await page.keyboard.press('Escape');
    });

    it('links the claims that share the words clicked (c14 lies inside c13)', async () => {
      await page.click('mark[data-start~="c14"]');
      const panel = page.locator('#panel');
      expect(await page.textContent('#panel h2')).toBe('c14 · background');
      expect(await panel.textContent()).toContain('same wordsc13');
      await page.click('#panel button[data-open="c13"]');
      expect(await page.textContent('#panel h2')).toBe('c13 · assessment');
      await page.keyboard.press('Escape');
      expect(await panel.isHidden()).toBe(true);
    });

    it('narrows the list as the search box is typed in, folding case, marks and aliases', async () => {
      const cards = () =>
        page.$$eval('[data-claim-card]', (els) =>
          els.map((e) => e.getAttribute('data-claim-card')),
        );
      expect(await cards()).toHaveLength(dataset.claims.length);
      // "Kommersant" is an asserter (c08) and an actor (c28's interview); c28, c29 quote it too.
      await page.fill('#claims-search', 'KOMMERSANT');
      await expect.poll(cards).toEqual(KOMMERSANT);
      expect(await page.textContent('#claims-status')).toBe(
        `${KOMMERSANT.length} of ${dataset.claims.length} claims match`,
      );
      // Full-width letters fold as the CLI folds them (NFKC).
      await page.fill('#claims-search', 'ｋｏｍｍｅｒｓａｎｔ');
      await expect.poll(cards).toEqual(KOMMERSANT);
      // Invisible characters typed or pasted with a word are dropped, as the CLI drops them.
      await page.fill('#claims-search', 'Komm\u200bers\u00adant\u200d');
      await expect.poll(cards).toEqual(KOMMERSANT);
      // "Shoigu" is an alias of Sergey Shoygu: the claims he acts in, whatever their words.
      await page.fill('#claims-search', 'shoigu');
      await expect.poll(cards).toEqual(SHOYGU);
      // Typed with an ASCII apostrophe, found in the article's "Shoygu’s visit".
      await page.fill('#claims-search', "shoygu's visit");
      await expect.poll(cards).toEqual(['c03']);
      await page.fill('#claims-search', '');
      await expect.poll(cards).toHaveLength(dataset.claims.length);
      await page.selectOption('#filter-kind', 'denial');
      await expect.poll(cards).toEqual(['c09']);
      await page.selectOption('#filter-kind', '');
    });

    it('offers every actor and topic of a claim in its filter, sorted by name', async () => {
      type Named = { id: string; name: string };
      const claims = dataset.claims as { actors: string[]; topics: string[] }[];
      const filters: [string, Named[], Set<string>][] = [
        ['#filter-actor', dataset.entities, new Set(claims.flatMap((c) => c.actors))],
        ['#filter-topic', dataset.topics, new Set(claims.flatMap((c) => c.topics))],
      ];
      for (const [select, list, used] of filters) {
        const options = await page.$$eval(`${select} option`, (os) =>
          os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? '']),
        );
        expect(options[0]).toEqual(['', 'any']);
        const expected = list
          .filter((e) => used.has(e.id))
          .map((e) => [e.id, e.name])
          .sort((a, b) => (a[1] as string).localeCompare(b[1] as string));
        expect(options.slice(1)).toEqual(expected);
      }
    });

    it('draws the actor network as inline SVG with a node per actor', async () => {
      const graph = JSON.parse(armru(['graph', '--format', 'json']).stdout);
      const titles = await page.$$eval('#network svg g.node > title', (ts) =>
        ts.map((t) => t.textContent),
      );
      expect(titles.sort()).toEqual(graph.nodes.map((n: { id: string }) => n.id).sort());
    });

    it('reaches the search box, the filters and the highlights with Tab, with a visible focus', async () => {
      // From the top of a fresh page, as a keyboard user arrives.
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]');
      const seen: string[] = [];
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        seen.push(
          await page.evaluate(() => {
            const a = document.activeElement;
            return a?.id || (a?.tagName === 'MARK' ? 'mark' : (a?.tagName ?? ''));
          }),
        );
      }
      for (const id of ['claims-search', 'filter-actor', 'filter-topic', 'filter-kind', 'mark'])
        expect(seen).toContain(id);
      // The skip link comes first, then the article's highlights, then the list's controls.
      expect(seen.indexOf('mark')).toBeLessThan(seen.indexOf('claims-search'));
      await page.focus('#claims-search');
      const outline = await page.$eval('#claims-search', (e) => getComputedStyle(e).outlineStyle);
      expect(outline).toBe('solid');
    });

    it('fits a 360 px screen without sideways scrolling, and sets the list beside the article at 1440 px', async () => {
      await page.setViewportSize({ width: 360, height: 800 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      // At 1440 px the list stands beside the article, and nothing scrolls sideways either.
      await page.setViewportSize({ width: 1440, height: 900 });
      const article = await page.$eval('#article', (e) => e.getBoundingClientRect().toJSON());
      const claims = await page.$eval('#claims', (e) => e.getBoundingClientRect().toJSON());
      expect(claims.left).toBeGreaterThanOrEqual(article.right);
      expect(claims.top).toBe(article.top);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
    });

    it('shows a timeline strip with each date and its basis', async () => {
      const entries = JSON.parse(armru(['timeline', '--json']).stdout);
      const items = await page.$$eval('ol.timeline > li', (lis) =>
        lis.map((li) => [
          li.querySelector('.date')?.textContent ?? '',
          (li.querySelector('.basis')?.textContent ?? '').split(':')[0],
        ]),
      );
      expect(items).toEqual(
        entries.map((e: { when: { date: string; basis: string } }) => [e.when.date, e.when.basis]),
      );
      // A dated claim says who asserts it: Kommersant's report is not a dated fact, and the
      // address beside it vouches for the date only.
      const report = await page.$$eval('ol.timeline > li', (lis) =>
        lis
          .filter((li) => li.querySelector('button')?.getAttribute('data-open') === 'c08')
          .map((li) => [
            li.querySelector('.byline')?.textContent,
            li.querySelector('a')?.textContent,
          ]),
      );
      // (The memorandum of 2019-10, whose first evidence is c08, comes first, with no byline.)
      expect(report).toEqual([
        [undefined, 'date source'],
        [' — Kommersant · report', 'date source'],
      ]);
      const hedged = await page.$$eval(
        'ol.timeline .byline',
        (spans) => spans.filter((s) => s.textContent?.endsWith(' · hedged')).length,
      );
      expect(hedged).toBe(
        entries.filter((e: { item: string; hedged?: boolean }) => e.item === 'claim' && e.hedged)
          .length,
      );
    });

    it('follows the dark scheme and hides the controls in print', async () => {
      const background = () =>
        page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      await page.emulateMedia({ colorScheme: 'light' });
      expect(await background()).toBe('rgb(255, 255, 255)');
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await background()).toBe('rgb(13, 17, 23)');
      await page.emulateMedia({ media: 'print', colorScheme: 'light' });
      expect(await page.isVisible('#claims')).toBe(false);
      expect(await page.isVisible('#article-text')).toBe(true);
      await page.emulateMedia({ media: 'screen' });
    });

    it('draws a long list lazily, a hundred cards at a time as it scrolls', async () => {
      writeCorpus(1000, join(dir, 'big'), 1);
      await open(['--data', join(dir, 'big', 'synthetic-1000.claims.json')], 'big.html');
      const count = () => page.$$eval('[data-claim-card]', (els) => els.length);
      expect(await count()).toBe(100);
      expect(await page.textContent('#claims-status')).toBe('1000 claims');
      await page.$eval('#claims-more', (e) => e.scrollIntoView());
      await expect.poll(count).toBe(200);
      expect(problems).toEqual([]);
    });

    it('draws a long timeline strip whole, a slice at a time, in the order armru timeline gives', async () => {
      const file = writeCorpus(1200, join(dir, 'dated'), 4, 'topical') as string;
      const entries = JSON.parse(armru(['--data', file, 'timeline', '--json']).stdout);
      expect(entries.length).toBeGreaterThan(500);
      await open(['--data', file], 'dated.html');
      const items = () => page.$$eval('ol.timeline > li', (lis) => lis.length);
      await expect.poll(items).toBe(entries.length);
      const drawn = await page.$$eval('ol.timeline > li', (lis) =>
        lis.map((li) => [
          li.querySelector('.date')?.textContent ?? '',
          li.querySelector('button')?.getAttribute('data-open') ?? null,
        ]),
      );
      // A claim opens itself; an agreement opens its first evidence claim.
      expect(drawn).toEqual(
        entries.map(
          (e: { when: { date: string }; item: string; id: string; claims?: string[] }) => [
            e.when.date,
            e.item === 'claim' ? e.id : (e.claims?.[0] ?? null),
          ],
        ),
      );
      expect(problems).toEqual([]);
    });

    it('keeps the CR LF line ends of an article saved on Windows, not \\r on every line', async () => {
      const data = writeCrlfMini(dir);
      const doc = JSON.parse(readFileSync(data, 'utf8'));
      await open(['--data', data], 'crlf.html');
      expect(problems).toEqual([]);
      const text = readFileSync(join(dir, 'crlf.txt'), 'utf8');
      expect(await page.textContent('#article-text')).toBe(text);
      for (const claim of doc.claims) {
        const marked = await page.$$eval(`#article-text mark[data-claim~="${claim.id}"]`, (marks) =>
          marks.map((m) => m.textContent).join(''),
        );
        expect(marked).toBe(claim.quote.exact);
      }
    });

    it('renders the hostile dataset as inert text: no script runs, no element is injected', async () => {
      const hostile = JSON.parse(readFileSync(fixture('hostile-html/claims.json'), 'utf8'));
      const url = await open(['--data', fixture('hostile-html/claims.json')], 'hostile.html');
      expect(requests).toEqual([url]);
      expect(problems).toEqual([]);
      expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
      expect(await page.$$eval('img', (els) => els.length)).toBe(0);
      expect(await page.$$eval('script', (els) => els.length)).toBe(2);
      expect(await page.textContent('h1')).toBe(hostile.source.title);
      expect(await page.textContent('#article-text')).toBe(
        readFileSync(fixture('hostile-html/article.txt'), 'utf8'),
      );
      // The panel's values, the javascript: date source included, stay text.
      await page.click('mark[data-start~="x2"]');
      const panel = (await page.textContent('#panel')) ?? '';
      expect(panel).toContain(hostile.claims[1].text);
      expect(panel).toContain('date source: javascript:window.__pwned="href"');
      expect(await page.$$eval('#panel a', (as) => as.length)).toBe(0);
      // Nor does the timeline link anything but a web address.
      const links = await page.$$eval('ol.timeline a', (as) =>
        as.map((a) => a.getAttribute('href')),
      );
      for (const href of links) expect(href).toMatch(/^https?:\/\//);
      expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
      expect(problems).toEqual([]);
    });
  },
);
