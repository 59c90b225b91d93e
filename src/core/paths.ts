import { fileURLToPath } from 'node:url';

// Both src/core (tests) and dist/core (the built CLI) sit two levels below the package root.
const root = new URL('../../', import.meta.url);

/** The dataset armru ships with: the article "Armenia and Russia Enhance Defense Cooperation". */
export const BUILTIN_DATASET = fileURLToPath(new URL('data/claims.json', root));

/** The JSON Schema every dataset is checked against. */
export const SCHEMA_FILE = fileURLToPath(new URL('data/claims.schema.json', root));
