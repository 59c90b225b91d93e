import type { ErrorObject } from 'ajv';
import { pointerToPath } from '../text/json-path.js';
import { schemaValidator } from './schema-validator.js';

/** One schema violation: where it is (JSONPath) and what was expected. */
export interface SchemaProblem {
  path: string;
  message: string;
  /** For a missing required property: its name, so callers need not read the message. */
  missing?: string;
}

/** Checks a parsed document against `data/claims.schema.json`; returns every violation found. */
export function checkSchema(doc: unknown): SchemaProblem[] {
  const validate = schemaValidator();
  if (validate(doc)) return [];
  return dedupe((validate.errors ?? []).filter(notNoise).map(describe));
}

// "must match a schema in oneOf" and "must match then schema" only restate the errors beneath them.
function notNoise(error: ErrorObject): boolean {
  return error.keyword !== 'if' && error.keyword !== 'oneOf' && error.keyword !== 'anyOf';
}

function describe(error: ErrorObject): SchemaProblem {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        path,
        message: `missing required property "${String(params.missingProperty)}"`,
        missing: String(params.missingProperty),
      };
    case 'additionalProperties':
      return { path, message: `unexpected property "${String(params.additionalProperty)}"` };
    case 'enum':
      return {
        path,
        message: `expected one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { path, message: `expected ${JSON.stringify(params.allowedValue)}` };
    case 'type':
      return { path, message: `expected ${String(params.type)}` };
    case 'pattern':
      return { path, message: `expected a string matching ${String(params.pattern)}` };
    case 'uniqueItems': {
      // Arrays of ids are checked through a table (their items are typed as strings in the
      // schema, which keeps a party list of 20,000 linear); that check names the pair later
      // first, so the pair is put in order here.
      const [i, j] = [Number(params.i), Number(params.j)].sort((x, y) => x - y);
      return {
        path,
        message: `expected no duplicate items (items ## ${i} and ${j} are identical)`,
      };
    }
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength': {
      const n = Number(params.limit);
      const what = error.keyword.endsWith('Items') ? 'item' : 'character';
      const bound = error.keyword.startsWith('min') ? 'at least' : 'at most';
      return {
        path,
        message: `expected ${bound} ${n} ${what}${n === 1 ? '' : 's'}`,
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words = {
        minimum: 'at least',
        maximum: 'at most',
        exclusiveMinimum: 'more than',
        exclusiveMaximum: 'less than',
      }[error.keyword];
      return { path, message: `expected a number ${words} ${String(params.limit)}` };
    }
    case 'format':
      return {
        path,
        message: `expected a ${String(params.format)} (JSON Schema format "${String(params.format)}")`,
      };
    default:
      return {
        path,
        message: `expected it to ${error.message?.replace(/^must /, '') ?? 'be valid'}`,
      };
  }
}

function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\0${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
