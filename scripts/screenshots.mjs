// Regenerates the README's screenshots in docs/ from real runs of the built binary:
//   node scripts/screenshots.mjs        (after npm run build; needs Chromium and util-linux script)
// - docs/report.png and docs/report-360-dark.png: `armru report`, opened in Chromium.
// - docs/read.png: `armru read` run in a pseudo-terminal at 88 columns; its output, escape
//   codes and all, is turned into HTML (colours, underline, dim, bold: the only codes armru
//   writes) and photographed in the same browser. Nothing is retouched.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const docs = join(root, 'docs');
const tmp = mkdtempSync(join(tmpdir(), 'armru-shots-'));
const browser = await chromium.launch({
  executablePath: process.env.ARMRU_CHROMIUM ?? '/usr/bin/chromium',
});

// The report, wide with the panel open, then at phone width in the dark scheme.
const report = join(tmp, 'report.html');
spawnSync(process.execPath, [join(root, 'bin/armru.js'), 'report', '-o', report], {
  stdio: 'inherit',
});
const wide = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await wide.goto(pathToFileURL(report).href);
await wide.waitForSelector('html[data-ready="true"]');
await wide.click('mark[data-start~="c09"]');
await wide.screenshot({ path: join(docs, 'report.png') });
const narrow = await browser.newPage({
  viewport: { width: 360, height: 720 },
  colorScheme: 'dark',
});
await narrow.goto(pathToFileURL(report).href);
await narrow.waitForSelector('html[data-ready="true"]');
await narrow.fill('#claims-search', 'biolab');
await narrow.evaluate(() => document.querySelector('#claims')?.scrollIntoView());
await narrow.waitForTimeout(200);
await narrow.screenshot({ path: join(docs, 'report-360-dark.png') });

// `armru read` in a terminal.
const run = spawnSync(
  'script',
  ['-qec', `${process.execPath} ${join(root, 'bin/armru.js')} read --no-pager`, '/dev/null'],
  { cwd: root, env: { ...process.env, COLUMNS: '88', TERM: 'xterm-256color' }, encoding: 'utf8' },
);
const lines = run.stdout.replace(/\r\n/g, '\n').split('\n').slice(0, 34).join('\n');
const COLOURS = {
  31: '#ff7b72',
  32: '#3fb950',
  33: '#d29922',
  34: '#58a6ff',
  35: '#bc8cff',
  36: '#39c5cf',
  90: '#8b949e',
};
const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
let html = '';
let style = {};
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape codes are the input.
for (const part of lines.split(/(\u001b\[[0-9;]*m)/)) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: as above.
  const code = /^\u001b\[([0-9;]*)m$/.exec(part);
  if (code) {
    for (const n of code[1].split(';').map(Number)) {
      if (COLOURS[n]) style.color = COLOURS[n];
      else if (n === 39) delete style.color;
      else if (n === 4) style.underline = true;
      else if (n === 24) delete style.underline;
      else if (n === 2) style.dim = true;
      else if (n === 1) style.bold = true;
      else if (n === 22) {
        delete style.dim;
        delete style.bold;
      } else if (n === 0) style = {};
    }
    continue;
  }
  if (part === '') continue;
  const css = [
    style.color ? `color:${style.color}` : '',
    style.underline ? 'text-decoration:underline' : '',
    style.dim ? 'opacity:.6' : '',
    style.bold ? 'font-weight:bold' : '',
  ]
    .filter(Boolean)
    .join(';');
  html += css ? `<span style="${css}">${escapeText(part)}</span>` : escapeText(part);
}
const page = join(tmp, 'read.html');
writeFileSync(
  page,
  `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#0d1117"><pre id="t" style="margin:0;padding:12px 14px;color:#e6edf3;font:14px/1.35 'DejaVu Sans Mono',monospace;display:inline-block">${html}</pre>`,
);
const term = await browser.newPage({ viewport: { width: 900, height: 700 } });
await term.goto(pathToFileURL(page).href);
await (await term.$('#t'))?.screenshot({ path: join(docs, 'read.png') });

await browser.close();
rmSync(tmp, { recursive: true, force: true });
