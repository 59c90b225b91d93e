import { readdirSync, readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { Option } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMANDS, OUTPUT_OPTIONS } from '../../src/commands/registry.js';
import { SEARCH_DEFAULTS } from '../../src/commands/search-defaults.js';
import { quickSearch, wrap } from '../../src/entry.js';
import { ROOT } from '../helpers.js';

// Which runs the quick bundle takes (src/entry.ts): `search` and plain words, the built-in
// dataset, stdout not a terminal, the bundle built. Everything else goes to the full CLI.

const pipe = () => false;
const terminal = () => true;
const built = () => true;

describe('the quick bundle takes', () => {
  it('a search of plain words in a pipe', () => {
    expect(quickSearch(['search', 'Gyumri'], {}, pipe, built)).toBe(true);
    expect(quickSearch(['search', 'what', 'did', 'Shoygu', 'say'], {}, pipe, built)).toBe(true);
    // Operators of the query syntax are words, not options.
    expect(
      quickSearch(['search', "'biolab", '!Kommersant', 'a|b', '^x', 'y$'], {}, pipe, built),
    ).toBe(true);
    // An empty ARMRU_DATA names no dataset, as for the full CLI.
    expect(quickSearch(['search', 'Gyumri'], { ARMRU_DATA: '' }, pipe, built)).toBe(true);
  });

  it('nothing else', () => {
    const no = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      expect(quickSearch(args, env, pipe, built), args.join(' ')).toBe(false);
    no([]);
    no(['search']);
    no(['claims']);
    no(['show', 'c01']);
    no(['Gyumri', 'search']);
    no(['--data', 'x.json', 'search', 'Gyumri']);
    no(['search', 'Gyumri', '--json']);
    no(['search', 'Gyumri', '--limit', '3']);
    no(['search', '--help']);
    no(['search', 'Gyumri', '-h']);
    no(['search', '--', '-x']);
    no(['search', '-']);
    no(['search', 'Gyumri', '--color=always']);
    no(['search', 'Gyumri'], { ARMRU_DATA: 'other.claims.json' });
    no(['search', 'Gyumri'], { DEBUG: '1' });
    expect(quickSearch(['search', 'Gyumri'], {}, terminal, built)).toBe(false);
    expect(quickSearch(['search', 'Gyumri'], {}, pipe, () => false)).toBe(false);
  });

  it('only lines of plain words after search, whatever the line (property)', () => {
    const word = fc.oneof(
      fc.constantFrom(
        'search',
        'claims',
        'Gyumri',
        '--json',
        '--limit',
        '3',
        '-h',
        '--',
        '-',
        "'x",
        '!y',
        'a|b',
      ),
      fc.string(),
    );
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 6 }),
        fc.option(fc.string(), { nil: undefined }),
        fc.option(fc.string(), { nil: undefined }),
        fc.boolean(),
        (args, data, debug, tty) => {
          const env = {
            ...(data === undefined ? {} : { ARMRU_DATA: data }),
            ...(debug === undefined ? {} : { DEBUG: debug }),
          };
          const taken = quickSearch(args, env, () => tty, built);
          const plain =
            args[0] === 'search' &&
            args.length > 1 &&
            args.slice(1).every((a) => !a.startsWith('-')) &&
            !data &&
            !debug &&
            !tty;
          expect(taken).toBe(plain);
        },
      ),
    );
  });

  it('asks whether stdout is a terminal, and whether the bundle is built, only for such a line', () => {
    let asked = 0;
    const counting = () => {
      asked++;
      return false;
    };
    quickSearch(['search', 'Gyumri', '--json'], {}, counting, counting);
    quickSearch(['claims'], {}, counting, counting);
    expect(asked).toBe(0);
  });
});

describe("the quick bundle's options", () => {
  it('are the defaults commander gives `search` when no option is typed', () => {
    const search = COMMANDS.find((c) => c.name === 'search');
    expect(search?.listing).toBe(true);
    const defaults: Record<string, unknown> = {};
    for (const definition of [...(search?.options ?? []), ...OUTPUT_OPTIONS]) {
      const option = new Option(definition.flags, definition.description);
      if (definition.default !== undefined) defaults[option.attributeName()] = definition.default;
    }
    expect(defaults).toEqual({ ...SEARCH_DEFAULTS });
  });
});

describe("the entry's wrapper of a bundle", () => {
  it("is Node's own CommonJS wrapper, so a code cache made either way fits", () => {
    for (const source of ['', 'module.exports = 1;', '// a comment at the end', 'x\n'])
      expect(wrap(source)).toBe(Module.wrap(source));
  });
});

describe('node:module in the sources', () => {
  // The bundles replace node:module's createRequire with their own require (scripts/build.mjs),
  // which is right only for a require from the module's own file.
  it('is used only as createRequire(import.meta.url)', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    let calls = 0;
    for (const file of files(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/createRequire\(([^)]*)\)/g)) {
        calls++;
        expect(m[1], file).toBe('import.meta.url');
      }
      for (const m of text.matchAll(/from 'node:module'|require\('node:module'\)/g))
        expect(text, `${file}: ${m[0]}`).toMatch(
          /^import \{ createRequire \} from 'node:module';$/m,
        );
    }
    expect(calls).toBeGreaterThan(0);
  });
});
