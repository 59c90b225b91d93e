import { readdirSync, readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { Option } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMANDS, OUTPUT_OPTIONS } from '../../src/commands/registry.js';
import { SEARCH_DEFAULTS } from '../../src/commands/search-defaults.js';
import { quickSearch, wrap } from '../../src/entry.js';
import { quickLine } from '../../src/quick-line.js';
import { ROOT } from '../helpers.js';

// Which runs the quick bundle takes (src/entry.ts): `search` and plain words, with --data
// paths before it or none, stdout not a terminal, not under DEBUG, the bundle built.
// Everything else goes to the full CLI.

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

  it('a search of plain words in a dataset named by --data (before search) or ARMRU_DATA', () => {
    const yes = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      expect(quickSearch(args, env, pipe, built), args.join(' ')).toBe(true);
    yes(['--data', 'x.json', 'search', 'Gyumri']);
    yes(['--data=x.json', 'search', 'Gyumri', 'base']);
    yes(['--data', 'a.json', '--data', 'dir/', 'search', 'Gyumri']);
    yes(['search', 'Gyumri'], { ARMRU_DATA: 'other.claims.json' });
    expect(quickLine(['--data', 'a.json', '--data=b', 'search', 'x', 'y'])).toEqual({
      data: ['a.json', 'b'],
      words: ['x', 'y'],
    });
    expect(quickLine(['search', "'x", 'a|b'])).toEqual({ data: [], words: ["'x", 'a|b'] });
  });

  it('nothing else', () => {
    const no = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      expect(quickSearch(args, env, pipe, built), args.join(' ')).toBe(false);
    no([]);
    no(['search']);
    no(['claims']);
    no(['show', 'c01']);
    no(['Gyumri', 'search']);
    // --data after search, without a path, with an empty one or one commander might read as
    // an option; any other global option.
    no(['search', 'Gyumri', '--data', 'x.json']);
    no(['--data', 'search', 'Gyumri']);
    no(['--data']);
    no(['--data', 'x.json']);
    no(['--data', 'x.json', 'search']);
    no(['--data=', 'search', 'Gyumri']);
    no(['--data', '-x.json', 'search', 'Gyumri']);
    no(['--data', 'x.json', '--json', 'search', 'Gyumri']);
    no(['--json', '--data', 'x.json', 'search', 'Gyumri']);
    no(['--data', 'x.json', 'claims']);
    no(['search', 'Gyumri', '--json']);
    no(['search', 'Gyumri', '--limit', '3']);
    no(['search', '--help']);
    no(['search', 'Gyumri', '-h']);
    no(['search', '--', '-x']);
    no(['search', '-']);
    no(['search', 'Gyumri', '--color=always']);
    no(['search', 'Gyumri'], { DEBUG: '1' });
    expect(quickSearch(['search', 'Gyumri'], {}, terminal, built)).toBe(false);
    expect(quickSearch(['search', 'Gyumri'], {}, pipe, () => false)).toBe(false);
  });

  it('only lines of plain words after search, whatever the line (property)', () => {
    const word = fc.oneof(
      fc.constantFrom(
        'search',
        '--data',
        '--data=x',
        'x.json',
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
          // Past the --data pairs (each with a path that is neither empty nor an option):
          let at = 0;
          while (true) {
            const path =
              args[at] === '--data'
                ? args[at + 1]
                : args[at]?.startsWith('--data=')
                  ? args[at]?.slice(7)
                  : undefined;
            if (path === undefined || path === '' || path.startsWith('-')) break;
            at += args[at] === '--data' ? 2 : 1;
          }
          const plain =
            args[at] === 'search' &&
            args.length > at + 1 &&
            args.slice(at).every((a) => !a.startsWith('-')) &&
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
