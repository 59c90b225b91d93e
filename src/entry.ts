import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * The CLI's entry point, kept small: it answers `--version` and `--help` in a pipe from text
 * the build produced by running the real program, and otherwise loads the bundled CLI
 * through V8's code cache.
 *
 * Why a code cache: parsing and compiling the bundle is a good part of a short command's
 * start-up. Node 20 has no `module.enableCompileCache`, so the build runs a typical command
 * once and saves V8's compiled code beside the bundle; later runs hand it back to V8 and skip
 * that work. V8 refuses a cache from another Node version or build, and then the bundle is
 * simply compiled as usual; a cache made for other bytes of the bundle is never found.
 */

interface Answers {
  version: string;
  /** Help text by command name ('' for the program), as printed to a pipe. */
  help: Record<string, string>;
}

const here = __dirname;

function staticAnswer(args: string[]): string | undefined {
  if (process.stdout.isTTY || process.env.COLUMNS) return undefined;
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
  const answers = JSON.parse(readFileSync(file, 'utf8')) as Answers;
  return wantsVersion ? `${answers.version}\n` : answers.help[command ?? ''];
}

/**
 * Loads the bundled CLI (cli.cjs) with the code cache made for exactly these bytes.
 *
 * V8 checks a cache only against the source's length, so a same-length patch of the bundle
 * would run the old code: the cache is named by a hash of the bundle's content, computed
 * here from the bytes about to run (under a millisecond). Under DEBUG no cache is used,
 * because V8 keeps in cached code the file name it was compiled under (the build folder),
 * and stack traces must name the installed file.
 */
function loadCli(): { run: (argv: string[]) => void } {
  const file = join(here, 'cli.cjs');
  const bytes = readFileSync(file);
  const id = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const cacheFile = join(here, `cli.${id}.cache`);
  const useCache = !process.env.DEBUG;
  const cachedData = useCache && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new Script(Module.wrap(bytes.toString('utf8')), {
    filename: file,
    cachedData,
  });
  const module = { exports: {} as { run: (argv: string[]) => void } };
  script.runInThisContext()(
    module.exports,
    Module.createRequire(file),
    module,
    file,
    dirname(file),
  );
  // The build asks for the cache once, after a typical run has compiled what runs need.
  if (process.env.ARMRU_WRITE_CODE_CACHE === '1' && useCache) {
    process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  }
  return module.exports;
}

/** Runs armru for this process. */
export function start(argv: string[]): void {
  const answer = staticAnswer(argv.slice(2));
  if (answer !== undefined) {
    process.stdout.write(answer);
    return;
  }
  loadCli().run(argv);
}
