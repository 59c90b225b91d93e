import { readFileSync } from 'node:fs';
import type { Options, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SCHEMA_FILE } from '../model/paths.js';
import * as formats from './schema-formats.js';

/** The ajv options the schema is compiled with, here and in the build's precompiled copy. */
export const AJV_OPTIONS: Options = { allErrors: true, strict: true };

let validator: ValidateFunction | undefined;

/**
 * The compiled validator of `data/claims.schema.json`. Compiling takes tens of milliseconds,
 * so the bundled CLI replaces this module with one precompiled at build time
 * (scripts/build.mjs); library users and the tests compile it here, once.
 */
export function schemaValidator(): ValidateFunction {
  if (validator) return validator;
  const ajv = new Ajv2020(AJV_OPTIONS);
  ajv.addFormat('date', formats.date);
  ajv.addFormat('uri', formats.uri);
  validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  return validator;
}
