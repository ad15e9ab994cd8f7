import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { call, type TestEnv } from './harness.ts';

const DOC_ID = 'https://rounds.test/rounds-openapi.json';
const pointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Checks real answers against GET /api/rounds/v1/openapi.json: `expectDocumented('get',
 * '/api/rounds/v1/x/{id}', 200, body)` fails the test with Ajv's errors when the body does not
 * match the documented schema for that status.
 */
export async function loadRoundsOpenApi(env: TestEnv) {
  const res = await call(env, 'GET', '/api/rounds/v1/openapi.json');
  expect(res.status).toBe(200);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ ...res.body, $id: DOC_ID });
  const compiled = new Map<string, ValidateFunction>();
  return {
    doc: res.body,
    expectDocumented(method: string, path: string, status: number, body: unknown): void {
      const key = `${method} ${path} ${status}`;
      let fn = compiled.get(key);
      if (!fn) {
        const where = `responses/${status}/content/${pointer('application/json')}/schema`;
        fn = ajv.compile({ $ref: `${DOC_ID}#/paths/${pointer(path)}/${method}/${where}` });
        compiled.set(key, fn);
      }
      expect(fn(body), `${method} ${path} ${status}: ${JSON.stringify(fn.errors, null, 1)}`).toBe(true);
    },
  };
}
