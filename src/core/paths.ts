import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// src/core (tests), dist/core (the library) and dist/armru (the bundled CLI) all sit two
// levels below the package root.
const root = new URL('../../', import.meta.url);

/** The dataset armru ships with: the article "Armenia and Russia Enhance Defense Cooperation". */
export const BUILTIN_DATASET = fileURLToPath(new URL('data/claims.json', root));

/** The JSON Schema every dataset is checked against. */
export const SCHEMA_FILE = fileURLToPath(new URL('data/claims.schema.json', root));

/** armru's version, from package.json. */
export const VERSION = (
  JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string }
).version;

/** A path as users should see it: relative to the working directory when it is below it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}
