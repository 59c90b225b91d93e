import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file runs from src/core/model (tests), dist/core/model (the library) and inside
// dist/armru/cli.cjs and quick.cjs (the bundled CLI): the package root is the nearest folder
// above with armru's package.json. Plain paths, not URLs: the bundles give import.meta.dirname
// as __dirname (scripts/build.mjs), so a run loads neither node:url nor a URL parser for it;
// Node before 20.11 has no import.meta.dirname, and the library then derives it from the URL.
function packageRoot(): { root: string; manifest: string } {
  let dir = import.meta.dirname ?? dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    // existsSync first: a read that fails throws, and making the error costs more than asking.
    const file = join(dir, 'package.json');
    const manifest = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (/"name":\s*"armru"/.test(manifest)) return { root: dir, manifest };
    dir = dirname(dir);
  }
  throw new Error('armru cannot find its own package.json');
}
const { root, manifest } = packageRoot();

/** The dataset armru ships with: the article "Armenia and Russia Enhance Defense Cooperation". */
export const BUILTIN_DATASET = join(root, 'data', 'claims.json');

/** The JSON Schema every dataset is checked against. */
export const SCHEMA_FILE = join(root, 'data', 'claims.schema.json');

/** armru's version, from package.json. */
export const VERSION = (JSON.parse(manifest) as { version: string }).version;

/** A path as users should see it: relative to the working directory when it is below it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}
