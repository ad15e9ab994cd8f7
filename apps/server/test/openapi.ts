import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';

/**
 * Validates API responses against Mastodon's OpenAPI description (../shared/reference, next to the
 * repository). Usage: `expectMatchesSchema('Status', res.body)`; any components.schemas name works.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
export const OPENAPI_PATH = path.resolve(here, '../../../../shared/reference/mastodon-openapi.json');

const DOC_ID = 'https://rounds.test/mastodon-openapi.json';

let ajv: Ajv2020 | null = null;
const compiled = new Map<string, ValidateFunction>();

/**
 * NOTE: the file's `oneOf: [Quote, ShallowQuote, null]` cannot pass for any real quote: neither
 * branch forbids extra properties and both require only `state`, so a Quote matches both. Every
 * `oneOf` becomes `anyOf`; the other unions in the file ([X, null]) are exclusive anyway.
 */
function oneOfAsAnyOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(oneOfAsAnyOf);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k === 'oneOf' ? 'anyOf' : k, oneOfAsAnyOf(v)]),
  );
}

function getAjv(): Ajv2020 {
  if (ajv) return ajv;
  const doc = oneOfAsAnyOf(JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'))) as { components: unknown };
  // NOTE: strict off because the file carries OpenAPI-only keywords (example, externalDocs) and
  // `$ref` beside `type`, which JSON Schema 2020-12 allows but Ajv's strict mode flags.
  const instance = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(instance);
  instance.addFormat('iso-639-1', /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/);
  instance.addFormat('scopes', true);
  instance.addSchema({ $id: DOC_ID, components: doc.components });
  ajv = instance;
  return instance;
}

/** The compiled validator for `components.schemas[name]`. */
export function schemaValidator(name: string): ValidateFunction {
  const known = compiled.get(name);
  if (known) return known;
  const fn = getAjv().compile({ $ref: `${DOC_ID}#/components/schemas/${name}` });
  compiled.set(name, fn);
  return fn;
}

/** Fails the test with every schema problem listed when `value` does not match `name`. */
export function expectMatchesSchema(name: string, value: unknown): void {
  const validate = schemaValidator(name);
  if (validate(value)) return;
  const problems = (validate.errors ?? [])
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');
  expect.fail(`response does not match the OpenAPI schema ${name}:\n${problems}`);
}
