import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { and, count, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { cases, learningRecordEntries, statuses } from '../src/db/schema/index.ts';
import { call, type Persona, type TestEnv } from './harness.ts';

/** A case that passes every check: a STEMI presentation with a differential poll. */
export function stemiCase(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Chest pain after a long run',
    history:
      'A 58-year-old man had crushing central chest pain radiating to the left arm for 40 minutes after running.',
    examination: 'Diaphoretic, pulse 104, BP 150/90, chest clear, no murmurs.',
    investigations:
      'ECG: ST elevation in V1-V4 with reciprocal depression in II, III and aVF. Troponin pending.',
    question: 'What is the most likely diagnosis, and what would you do in the next ten minutes?',
    poll: { options: ['Anterior STEMI', 'Aortic dissection', 'Pericarditis'], expires_in: 86_400 },
    tags: ['cardiology', '#ECG'],
    bloom_level: 'analyze',
    answer: 'Anterior STEMI from an occluded proximal LAD.',
    teaching_points: [
      'Reciprocal change makes STEMI far more likely than pericarditis.',
      'Activate the cath lab: door-to-balloon under 90 minutes.',
    ],
    ...overrides,
  };
}

export const CASES_PATH = '/api/rounds/v1/cases';

/** Publishes a case as `who`; fails the test on anything but 200. */
export async function publishCase(
  env: TestEnv,
  who: Persona,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  const res = await call(env, 'POST', CASES_PATH, { token: who.token, body: stemiCase(overrides) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** How many cases and statuses exist: a refused request must leave both unchanged. */
export async function storedCounts(env: TestEnv): Promise<{ cases: number; statuses: number }> {
  const [c] = await env.ctx.db.select({ n: count() }).from(cases);
  const [s] = await env.ctx.db.select({ n: count() }).from(statuses);
  return { cases: Number(c!.n), statuses: Number(s!.n) };
}

/** The learner's case_contribution entries for a case. */
export async function contributionEntries(env: TestEnv, who: Persona, caseId: string) {
  await env.ctx.events.idle();
  return env.ctx.db
    .select()
    .from(learningRecordEntries)
    .where(
      and(
        eq(learningRecordEntries.accountId, who.account.id),
        eq(learningRecordEntries.kind, 'case_contribution'),
        eq(learningRecordEntries.objectId, caseId),
      ),
    );
}

const DOC_ID = 'https://rounds.test/rounds-openapi.json';
const pointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/** Checks answers against the Rounds API's own OpenAPI document (GET /api/rounds/v1/openapi.json). */
export async function roundsDocument(env: TestEnv) {
  const res = await call(env, 'GET', '/api/rounds/v1/openapi.json');
  expect(res.status).toBe(200);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ ...res.body, $id: DOC_ID });
  const compiled = new Map<string, ValidateFunction>();
  return (method: string, path: string, status: number, body: unknown): void => {
    const key = `${method} ${path} ${status}`;
    let fn = compiled.get(key);
    if (!fn) {
      const where = `responses/${status}/content/${pointer('application/json')}/schema`;
      fn = ajv.compile({ $ref: `${DOC_ID}#/paths/${pointer(path)}/${method}/${where}` });
      compiled.set(key, fn);
    }
    expect(fn(body), `${method} ${path} ${status}: ${JSON.stringify(fn.errors, null, 1)}`).toBe(true);
  };
}
