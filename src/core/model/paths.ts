import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file runs from src/core/model (tests), dist/core/model (the library) and inside
// dist/armru/cli.cjs (the bundled CLI): the package root is the nearest folder above with
// armru's package.json.
function packageRoot(): { root: URL; manifest: string } {
  let dir = new URL('./', import.meta.url);
  for (let i = 0; i < 6; i++) {
    const file = new URL('package.json', dir);
    const manifest = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (/"name":\s*"armru"/.test(manifest)) return { root: dir, manifest };
    dir = new URL('../', dir);
  }
  throw new Error('armru cannot find its own package.json');
}
const { root, manifest } = packageRoot();

/** The dataset armru ships with: the article "Armenia and Russia Enhance Defense Cooperation". */
export const BUILTIN_DATASET = fileURLToPath(new URL('data/claims.json', root));

/** The JSON Schema every dataset is checked against. */
export const SCHEMA_FILE = fileURLToPath(new URL('data/claims.schema.json', root));

/** armru's version, from package.json. */
export const VERSION = (JSON.parse(manifest) as { version: string }).version;

/** A path as users should see it: relative to the working directory when it is below it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}
