import { existsSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { quickLine } from './quick-line.js';
import { fdIsTerminal } from './terminal-fd.js';

/**
 * The CLI's entry point, kept small: it answers `--version` and `--help` in a pipe from text
 * the build produced by running the real program, and otherwise loads the bundled CLI
 * through V8's code cache.
 *
 * Why a code cache: parsing and compiling the bundle is a good part of a short command's
 * start-up. Node 20 has no `module.enableCompileCache`, so the build runs a typical command
 * once and saves V8's compiled code beside the bundle; later runs hand it back to V8 and skip
 * that work. V8 refuses a cache from another Node version or build, and then the bundle is
 * simply compiled as usual; a cache made for other bytes of the bundle is never used.
 */

interface Answers {
  version: string;
  /** Help text by command name ('' for the program), as printed to a pipe. */
  help: Record<string, string>;
}

const here = __dirname;

/** Whether stdout is a terminal, without making process.stdout where that can be helped. */
const stdoutIsTerminal = () => fdIsTerminal(1, () => Boolean(process.stdout.isTTY));

/** Writes all of `text` to stdout before returning; a closed pipe ends the output quietly. */
function writeOut(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  try {
    while (at < bytes.length) at += writeSync(1, bytes, at);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
  }
}

function staticAnswer(args: string[]): string | undefined {
  if (stdoutIsTerminal() || process.env.COLUMNS) return undefined;
  const isHelp = (a: string | undefined) => a === '--help' || a === '-h';
  const wantsVersion = args.length === 1 && (args[0] === '--version' || args[0] === '-V');
  const command =
    args.length === 1 && isHelp(args[0])
      ? ''
      : args.length === 2 && isHelp(args[1])
        ? args[0]
        : undefined;
  if (!wantsVersion && command === undefined) return undefined;
  const file = join(here, 'answers.json');
  if (!existsSync(file)) return undefined;
  // A fast path only: a damaged file leaves the answer to the full CLI.
  let answers: Partial<Answers> | null;
  try {
    answers = JSON.parse(readFileSync(file, 'utf8')) as Partial<Answers> | null;
  } catch {
    return undefined;
  }
  const answer = wantsVersion ? answers?.version : answers?.help?.[command ?? ''];
  if (typeof answer !== 'string') return undefined;
  return wantsVersion ? `${answer}\n` : answer;
}

/**
 * Loads the bundled CLI (cli.cjs, or the quick bundle quick.cjs) with the code cache made for
 * exactly these bytes.
 *
 * V8 checks a cache only against the source's length, so a same-length patch of the bundle
 * would run the old code: the cache file begins with a copy of the bundle it was made for,
 * and is used only when that copy is byte for byte the bundle about to run. Comparing 0.7 MB
 * takes well under a millisecond; hashing it meant loading node:crypto, which alone took
 * several milliseconds of every run. Under DEBUG no cache is used, because V8 keeps in cached
 * code the file name it was compiled under (the build folder), and stack traces must name
 * the installed file.
 */
function loadCli(
  bundle: 'cli' | 'quick' = 'cli',
  cache: string = bundle,
): { run: (argv: string[]) => void } {
  const file = join(here, `${bundle}.cjs`);
  const bytes = readFileSync(file);
  const cacheFile = join(here, `${cache}.cache`);
  const useCache = !process.env.DEBUG;
  const cachedData = useCache ? cacheFor(bytes, cacheFile) : undefined;
  const script = new Script(wrap(bytes.toString('utf8')), {
    filename: file,
    cachedData,
  });
  const module = { exports: {} as { run: (argv: string[]) => void } };
  // The entry's own require: the bundle lies in the entry's folder, so both resolve alike.
  script.runInThisContext()(module.exports, require, module, file, dirname(file));
  // The build asks for the cache once, after a typical run has compiled what runs need.
  if (process.env.ARMRU_WRITE_CODE_CACHE === '1' && useCache) {
    process.on('exit', () => {
      const start = cacheStart(bytes.length);
      const copy = Buffer.alloc(start);
      bytes.copy(copy);
      const data = script.createCachedData();
      writeFileSync(cacheFile, Buffer.concat([copy, data, data]));
    });
  }
  return module.exports;
}

/**
 * A CommonJS module's source as Node wraps it (Module.wrap, which a test compares): written
 * here, since loading node:module for it took some 0.2 ms of every run.
 */
export const wrap = (source: string) =>
  `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;

/** Where V8's data starts in a cache file: after the bundle's copy, at a multiple of 8. */
const cacheStart = (bundleLength: number) => Math.ceil(bundleLength / 8) * 8;

/**
 * V8's code cache from `file`, when the file was made for exactly `bytes` (see loadCli) and
 * its data is whole.
 *
 * V8 checks a cache's header (its version, flags, the source's length, the data's length) but
 * not the data itself: one changed byte in it (a bad disk, a damaged copy) makes V8 stop the
 * process with a fatal error while it deserializes. Its own checksum of the data is behind a
 * flag (`--verify-snapshot-checksum`) that is part of what a cache must match and can only be
 * set by loading node:v8, some 6 ms. So the file holds the data twice, and the cache is used
 * only when both copies are the same: a comparison of well under a millisecond, where hashing
 * it meant loading node:zlib or node:crypto (2 ms and more). The bundle compiles without the
 * cache otherwise, a little slower and correct. (tests/e2e/trust.test.ts damages both caches.)
 */
function cacheFor(bytes: Buffer, file: string): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = readFileSync(file);
  } catch {
    return undefined;
  }
  const start = cacheStart(bytes.length);
  if (cache.length <= start || !bytes.equals(cache.subarray(0, bytes.length))) return undefined;
  const half = (cache.length - start) / 2;
  if (!Number.isInteger(half)) return undefined;
  const data = cache.subarray(start, start + half);
  return data.equals(cache.subarray(start + half)) ? data : undefined;
}

/**
 * Whether the quick bundle (src/quick-search.ts) takes this run: a line `quickLine` reads
 * (`search` and plain words, with `--data PATH` before it or none), stdout not a terminal (no
 * pager, no table), not under DEBUG (whose stack traces name the full CLI's functions), and the
 * bundle built. Anything else goes to the full CLI as before. The dataset may be any: the
 * built-in one, ARMRU_DATA's or --data's, indexed or not; the quick bundle runs the same search
 * command on it.
 */
export function quickSearch(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  terminal: () => boolean,
  built: () => boolean,
): boolean {
  if (quickLine(args) === undefined || env.DEBUG) return false;
  return !terminal() && built();
}

/** Which bundle the bookkeeping of a test can read (see tests/e2e/quick.test.ts). */
const CHOSEN = Symbol.for('armru.bundle');

/**
 * The bundle this run loads, the quick one when `quickSearch` says so, else the full CLI; and
 * the code cache it loads with. The quick bundle has two: one made by a search of the built-in
 * article (quick.cache), and one made by searches of indexed archives as well (quick-data.cache),
 * for a line that names a dataset (--data, ARMRU_DATA). Each holds the code its runs compile, so
 * the commonest run does not deserialise the code of an archive's search.
 */
function chooseBundle(args: string[]): ['cli' | 'quick', string] {
  // The bundle and what it requires on rare paths (scripts/build.mjs): a copy that lacks
  // either is the full CLI's to answer.
  const built = () =>
    existsSync(join(here, 'quick.cjs')) && existsSync(join(here, 'quick-extra.cjs'));
  const bundle = quickSearch(args, process.env, stdoutIsTerminal, built) ? 'quick' : 'cli';
  (globalThis as Record<symbol, unknown>)[CHOSEN] = bundle;
  if (bundle === 'cli') return [bundle, bundle];
  const named = Boolean(process.env.ARMRU_DATA) || (quickLine(args)?.data.length ?? 0) > 0;
  return [bundle, named ? 'quick-data' : 'quick'];
}

/** Runs armru for this process. */
export function start(argv: string[]): void {
  const args = argv.slice(2);
  const answer = staticAnswer(args);
  if (answer !== undefined) {
    writeOut(answer);
    return;
  }
  const [bundle, cache] = chooseBundle(args);
  loadCli(bundle, cache).run(argv);
}
