import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

// The layout's rules, as the README writes them down: the core lives in rooms, each room
// imports only from the rooms below it, the core never reaches the printers or the CLI, and
// printers never search or load (type-only imports aside: they carry no code).

const SRC = join(ROOT, 'src');

/** What each core room may import from (besides itself). */
const CORE_ROOMS: Record<string, string[]> = {
  text: [],
  model: ['text'],
  dataset: ['text', 'model'],
  search: ['text', 'model', 'dataset'],
  store: ['text', 'model', 'dataset', 'search'],
  browse: ['text', 'model', 'dataset', 'search'],
};

/** Which top-level folders a folder of src/ may import code from. */
const LAYERS: Record<string, string[]> = {
  core: ['core'],
  draft: ['core', 'draft'],
  render: ['core/text', 'core/model', 'core/dataset', 'core/browse', 'render'],
  commands: ['core', 'render', 'commands', 'draft'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports that bring code (not `import type`), resolved to src-relative paths. */
function codeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const pattern =
    /^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/gm;
  for (const m of text.matchAll(pattern)) {
    if (m[1]) continue;
    const spec = (m[2] ?? m[3]) as string;
    found.push(relative(SRC, resolve(dirname(file), spec)));
  }
  return found;
}

describe('the layout', () => {
  it('keeps every core file in a room', () => {
    const loose = readdirSync(join(SRC, 'core')).filter((n) => n.endsWith('.ts'));
    expect(loose).toEqual([]);
    expect(readdirSync(join(SRC, 'core')).sort()).toEqual(Object.keys(CORE_ROOMS).sort());
  });

  it('imports only downwards between core rooms', () => {
    for (const file of files(join(SRC, 'core'))) {
      const room = relative(join(SRC, 'core'), file).split('/')[0] as string;
      for (const target of codeImports(file)) {
        const [top, other] = target.split('/');
        expect(top, `${relative(SRC, file)} imports ${target}`).toBe('core');
        if (other !== room)
          expect(CORE_ROOMS[room], `${relative(SRC, file)} imports ${target}`).toContain(other);
      }
    }
  });

  it('keeps printers from searching and the core from printing', () => {
    for (const [layer, allowed] of Object.entries(LAYERS)) {
      for (const file of files(join(SRC, layer))) {
        for (const target of codeImports(file)) {
          const ok = allowed.some((prefix) => target === prefix || target.startsWith(`${prefix}/`));
          expect(ok, `${relative(SRC, file)} imports ${target}`).toBe(true);
        }
      }
    }
  });

  it('keeps command names out of the core: it names a remedy, the CLI words it', () => {
    const commands = /armru (?:index|search|validate|claims|show|actors|topics|export)\b/;
    for (const file of files(join(SRC, 'core'))) {
      // Strings only: comments may say which command a function serves.
      const code = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(?:\/\/|\*|\/\*)/.test(line))
        .join('\n');
      expect(code.match(commands)?.[0], relative(SRC, file)).toBeUndefined();
    }
  });

  it("keeps the README's file list true: every source file named, nothing that is gone", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Files'));
    const block = section.slice(
      section.indexOf('```') + 3,
      section.indexOf('```', section.indexOf('```') + 3),
    );
    const listed = block
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[0] ?? '')
      .filter(Boolean);
    const gone = listed.filter((path) => {
      try {
        statSync(join(ROOT, path));
        return false;
      } catch {
        return true;
      }
    });
    expect(gone).toEqual([]);
    const sources = files(SRC).map((file) => relative(ROOT, file));
    expect(sources.filter((file) => !listed.includes(file))).toEqual([]);
  });
});
