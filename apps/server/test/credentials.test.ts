import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { credentials } from '../src/db/schema/index.ts';
import { setUserRole } from '../src/domain/credentials/index.ts';
import { credentialsKey, decryptLicence } from '../src/domain/credentials/secret.ts';
import { expireDueCredentials } from '../src/jobs/credential-expiry.ts';
import { createLogger } from '../src/lib/logger.ts';
import {
  type CallOptions,
  call,
  createPersona,
  createTestEnv,
  type Persona,
  type TestEnv,
} from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';

const LICENCE = 'GMC-7654321';
const KEY = randomBytes(32).toString('base64');

let env: TestEnv;
let alice: Persona;
let bob: Persona;
let mo: Persona;
let vera: Persona;
let victor: Persona;
/** Every response body and log line of this file: the licence number must appear in none. */
const seen: string[] = [];
const logLines: string[] = [];

async function api(method: string, url: string, opts: CallOptions = {}) {
  const res = await call(env, method, url, opts);
  seen.push(JSON.stringify(res.body));
  return res;
}

async function ok(method: string, url: string, who: Persona, body?: unknown) {
  const res = await api(method, url, { token: who.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const submission = {
  profession: 'physician',
  specialty: 'emergency_medicine',
  jurisdiction: 'England',
  issuing_body: 'General Medical Council',
  licence_number: LICENCE,
  evidence_note: 'On the medical register since 2015',
};

const SHOWN = 'Emergency medicine physician — by Rounds Verification Service until 2027-06-30';

/** Every place a Mastodon app sees alice's account, as `viewer` reads it. */
async function aliceEverywhere(viewer: Persona, statusId: string) {
  const lookup = await ok('GET', `/api/v1/accounts/${alice.account.id}`, viewer);
  const byAcct = await ok('GET', '/api/v1/accounts/lookup?acct=alice', viewer);
  const status = await ok('GET', `/api/v1/statuses/${statusId}`, viewer);
  const home = await ok('GET', '/api/v1/timelines/home', viewer);
  const fromHome = (home as Array<{ id: string; account: unknown }>).find((s) => s.id === statusId);
  expect(fromHome).toBeDefined();
  const search = await ok('GET', '/api/v2/search?q=alice&type=accounts&resolve=false', viewer);
  const found = (search.accounts as Array<{ id: string }>).find((a) => a.id === alice.account.id);
  expect(found).toBeDefined();
  const me = await ok('GET', '/api/v1/accounts/verify_credentials', alice);
  for (const account of [lookup, byAcct, status.account, fromHome!.account, found]) {
    expectMatchesSchema('Account', account);
  }
  expectMatchesSchema('Status', status);
  expectMatchesSchema('CredentialAccount', me);
  return [lookup, byAcct, status.account, fromHome!.account, found, me] as Array<{
    rounds: { credentials: Array<Record<string, unknown>> };
    fields: Array<{ name: string; value: string; verified_at: string | null }>;
  }>;
}

let postId: string;

beforeAll(async () => {
  env = await createTestEnv({ CREDENTIALS_KEY: KEY });
  env.ctx.logger = createLogger('debug', (line) => logLines.push(line));
  alice = await createPersona(env, 'alice');
  bob = await createPersona(env, 'bob');
  mo = await createPersona(env, 'mo');
  vera = await createPersona(env, 'vera');
  victor = await createPersona(env, 'victor');
  await setUserRole(env.ctx, vera.user.id, 'verifier');
  await setUserRole(env.ctx, victor.user.id, 'verifier');
  await ok('POST', `/api/v1/accounts/${alice.account.id}/follow`, bob);
  postId = (await ok('POST', '/api/v1/statuses', alice, { status: 'Lactate is not a perfusion oracle.' })).id;
});

describe('credentials: the life cycle', () => {
  let credentialId: string;
  let renewalId: string;

  it('lists the controlled vocabularies with stable codes', async () => {
    const res = await api('GET', '/api/rounds/v1/credentials/vocabulary');
    expect(res.status).toBe(200);
    expect(res.body.professions.map((p: { code: string }) => p.code)).toEqual([
      'physician',
      'resident',
      'student',
      'nurse',
      'midwife',
      'pharmacist',
      'physician_associate',
      'dentist',
      'allied_health',
      'researcher',
      'patient_advocate',
    ]);
    expect(res.body.specialties.length).toBeGreaterThanOrEqual(40);
    expect(res.body.specialties).toContainEqual({
      code: 'emergency_medicine',
      label: 'Emergency medicine',
      discipline: 'medicine',
    });
  });

  it('a member submits a credential; it is pending, and nothing shows as verified', async () => {
    const body = await ok('POST', '/api/rounds/v1/credentials', alice, submission);
    credentialId = body.id;
    expect(body).toMatchObject({
      account_id: alice.account.id,
      profession: 'physician',
      specialty: 'emergency_medicine',
      description: 'Emergency medicine physician',
      status: 'pending',
      verified_by: null,
      valid_until: null,
    });
    expect(Object.keys(body)).not.toContain('licence_number');
    const mine = await ok('GET', '/api/rounds/v1/credentials', alice);
    expect(mine.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [credentialId, 'pending'],
    ]);
    for (const account of await aliceEverywhere(bob, postId)) {
      expect(account.rounds.credentials).toEqual([]);
      expect(account.fields.filter((f) => f.verified_at !== null)).toEqual([]);
    }
  });

  it('the licence number is stored only encrypted, bound to its credential', async () => {
    const [row] = await env.ctx.db.select().from(credentials).where(eq(credentials.id, credentialId));
    expect(row!.licenceNumberEncrypted).not.toContain('7654321');
    expect(row!.licenceNumberEncrypted).toMatch(/^v1:/);
    const key = credentialsKey(env.config);
    expect(decryptLicence(key, credentialId, row!.licenceNumberEncrypted)).toBe(LICENCE);
    expect(() => decryptLicence(key, '1', row!.licenceNumberEncrypted)).toThrow();
  });

  it('a verifier sees it in the queue and asks for more; the member answers by updating it', async () => {
    const queue = await ok('GET', '/api/rounds/v1/verification/queue', vera);
    expect(queue).toHaveLength(1);
    expect(queue[0].credential).toMatchObject({ id: credentialId, issuing_body: 'General Medical Council' });
    expect(queue[0].account.acct).toBe('alice');
    expectMatchesSchema('Account', queue[0].account);

    const asked = await ok('POST', `/api/rounds/v1/verification/credentials/${credentialId}/ask`, vera, {
      question: 'Please add the link to your register entry.',
    });
    expect(asked).toMatchObject({
      status: 'needs_info',
      question: 'Please add the link to your register entry.',
    });
    expect(await ok('GET', '/api/rounds/v1/verification/queue', vera)).toEqual([]);
    const [mine] = await ok('GET', '/api/rounds/v1/credentials', alice);
    expect(mine).toMatchObject({
      status: 'needs_info',
      question: 'Please add the link to your register entry.',
    });

    const answered = await ok('PUT', `/api/rounds/v1/credentials/${credentialId}`, alice, {
      ...submission,
      evidence_note: 'Register entry: https://www.gmc-uk.org/registrants/dr-alice-adeyemi',
    });
    expect(answered.status).toBe('pending');
    const again = await ok('GET', '/api/rounds/v1/verification/queue', vera);
    expect(again.map((i: { credential: { id: string } }) => i.credential.id)).toEqual([credentialId]);
  });

  it('approved: shown on the profile, on every status and search result, and as a verified field', async () => {
    const approved = await ok(
      'POST',
      `/api/rounds/v1/verification/credentials/${credentialId}/approve`,
      vera,
      {
        organisation: 'Rounds Verification Service',
        valid_until: '2027-06-30',
      },
    );
    expect(approved).toMatchObject({
      status: 'verified',
      verified_by: 'Rounds Verification Service',
      verified_at: env.clock.now().toISOString(),
      valid_until: '2027-06-30T23:59:59.999Z',
    });
    for (const account of await aliceEverywhere(bob, postId)) {
      expect(account.rounds.credentials).toEqual([
        {
          profession: 'physician',
          specialty: 'emergency_medicine',
          training_year: null,
          school: null,
          jurisdiction: 'England',
          description: 'Emergency medicine physician',
          verified_by: 'Rounds Verification Service',
          verified_at: env.clock.now().toISOString(),
          valid_until: '2027-06-30T23:59:59.999Z',
        },
      ]);
      expect(account.fields[0]).toEqual({
        name: 'Verified',
        value: SHOWN,
        verified_at: env.clock.now().toISOString(),
      });
    }
  });

  it('a self-description in profile fields is never shown as verified', async () => {
    await ok('PATCH', '/api/v1/accounts/update_credentials', bob, {
      fields_attributes: { '0': { name: 'Verified', value: 'Cardiology physician' } },
    });
    const account = await ok('GET', `/api/v1/accounts/${bob.account.id}`, alice);
    expect(account.fields).toEqual([{ name: 'Verified', value: 'Cardiology physician', verified_at: null }]);
    expect(account.rounds.credentials).toEqual([]);
  });

  it('every step is in the audit trail: who, what, when', async () => {
    const trail = await ok('GET', `/api/rounds/v1/credentials/${credentialId}/audit`, alice);
    expect(
      trail.map((t: { action: string; actor_account_id: string }) => [t.action, t.actor_account_id]),
    ).toEqual([
      ['submitted', alice.account.id],
      ['asked', vera.account.id],
      ['updated', alice.account.id],
      ['approved', vera.account.id],
    ]);
    expect(trail[3].details).toEqual({
      organisation: 'Rounds Verification Service',
      valid_until: '2027-06-30T23:59:59.999Z',
    });
    expect(await ok('GET', `/api/rounds/v1/credentials/${credentialId}/audit`, victor)).toHaveLength(4);
    // Nobody rewrites the trail, not even with direct database access (a trigger refuses it).
    await expect(
      env.ctx.db.execute(sql`update credential_audit_log set action = 'approved'`),
    ).rejects.toThrow();
    await expect(env.ctx.db.execute(sql`delete from credential_audit_log`)).rejects.toThrow();
    expect(await ok('GET', `/api/rounds/v1/credentials/${credentialId}/audit`, alice)).toHaveLength(4);
  });

  it('expires by the clock: the badge disappears everywhere, and the member renews', async () => {
    env.clock.set(new Date('2027-07-01T00:00:30Z'));
    expect(await expireDueCredentials(env.ctx)).toBe(1);
    for (const account of await aliceEverywhere(bob, postId)) {
      expect(account.rounds.credentials).toEqual([]);
      expect(account.fields.some((f) => f.verified_at !== null)).toBe(false);
    }
    const [mine] = await ok('GET', '/api/rounds/v1/credentials', alice);
    expect(mine).toMatchObject({ id: credentialId, status: 'expired' });
    const trail = await ok('GET', `/api/rounds/v1/credentials/${credentialId}/audit`, alice);
    expect(trail.at(-1)).toMatchObject({ action: 'expired', actor_account_id: null });
    // A second sweep finds nothing more to do.
    expect(await expireDueCredentials(env.ctx)).toBe(0);

    renewalId = (await ok('POST', '/api/rounds/v1/credentials', alice, submission)).id;
    await ok('POST', `/api/rounds/v1/verification/credentials/${renewalId}/approve`, victor, {
      organisation: 'Rounds Verification Service',
      valid_until: '2029-06-30',
    });
    for (const account of await aliceEverywhere(bob, postId)) {
      expect(account.rounds.credentials).toHaveLength(1);
      expect(account.fields[0]!.value).toBe(
        'Emergency medicine physician — by Rounds Verification Service until 2029-06-30',
      );
    }
    const mine2 = await ok('GET', '/api/rounds/v1/credentials', alice);
    expect(mine2.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [renewalId, 'verified'],
      [credentialId, 'expired'],
    ]);
  });

  it('revoked by a verifier: the badge disappears everywhere at once', async () => {
    const revoked = await ok('POST', `/api/rounds/v1/verification/credentials/${renewalId}/revoke`, vera, {
      reason: 'The register shows the licence suspended.',
    });
    expect(revoked).toMatchObject({ status: 'revoked', reason: 'The register shows the licence suspended.' });
    for (const account of await aliceEverywhere(bob, postId)) {
      expect(account.rounds.credentials).toEqual([]);
      expect(account.fields.some((f) => f.verified_at !== null)).toBe(false);
    }
    const again = await api('POST', `/api/rounds/v1/verification/credentials/${renewalId}/revoke`, {
      token: vera.token,
      body: { reason: 'Twice.' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/revoked; only a verified credential can be revoked/);
  });

  it('a verifier compares the licence number with a register without it ever being returned', async () => {
    const id = (await ok('POST', '/api/rounds/v1/credentials', alice, submission)).id;
    const url = `/api/rounds/v1/verification/credentials/${id}/check_licence`;
    expect(await ok('POST', url, vera, { licence_number: 'gmc 7654321' })).toEqual({ matches: true });
    expect(await ok('POST', url, vera, { licence_number: 'GMC-1234567' })).toEqual({ matches: false });
    await ok('POST', `/api/rounds/v1/verification/credentials/${id}/reject`, vera, { reason: 'Duplicate.' });
  });
});

describe('credentials: who may do what', () => {
  it('only verifiers see the queue', async () => {
    for (const who of [alice, mo]) {
      const res = await api('GET', '/api/rounds/v1/verification/queue', { token: who.token });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/Only verifiers can review credentials/);
    }
    expect((await api('GET', '/api/rounds/v1/verification/queue')).status).toBe(401);
  });

  it("members see only their own credentials; someone else's is not found", async () => {
    const id = (await ok('POST', '/api/rounds/v1/credentials', alice, submission)).id;
    expect(await ok('GET', '/api/rounds/v1/credentials', bob)).toEqual([]);
    const put = await api('PUT', `/api/rounds/v1/credentials/${id}`, { token: bob.token, body: submission });
    expect(put.status).toBe(404);
    expect((await api('GET', `/api/rounds/v1/credentials/${id}/audit`, { token: bob.token })).status).toBe(
      404,
    );
    const approve = await api('POST', `/api/rounds/v1/verification/credentials/${id}/approve`, {
      token: bob.token,
      body: { organisation: 'Myself', valid_until: '2030-01-01' },
    });
    expect(approve.status).toBe(403);
    await ok('POST', `/api/rounds/v1/verification/credentials/${id}/reject`, vera, {
      reason: 'Test cleanup.',
    });
  });

  it('a verifier may not act on their own credential', async () => {
    const id = (
      await ok('POST', '/api/rounds/v1/credentials', vera, { ...submission, specialty: 'cardiology' })
    ).id;
    const queue = await ok('GET', '/api/rounds/v1/verification/queue', vera);
    expect(queue.map((i: { credential: { id: string } }) => i.credential.id)).not.toContain(id);
    for (const [verb, body] of [
      ['approve', { organisation: 'Myself', valid_until: '2030-01-01' }],
      ['reject', { reason: 'No.' }],
      ['ask', { question: 'Me?' }],
    ] as const) {
      const res = await api('POST', `/api/rounds/v1/verification/credentials/${id}/${verb}`, {
        token: vera.token,
        body,
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/your own credential; another verifier must review it/);
    }
    const other = await ok('GET', '/api/rounds/v1/verification/queue', victor);
    expect(other.map((i: { credential: { id: string } }) => i.credential.id)).toContain(id);
  });
});

describe('credentials: bad input', () => {
  async function submit(body: Record<string, unknown>) {
    return api('POST', '/api/rounds/v1/credentials', { token: alice.token, body });
  }

  it.each([
    [{ ...submission, specialty: 'astrology' }, 'specialty', /'astrology' is not in the specialty list/],
    [{ ...submission, profession: 'wizard' }, 'profession', /'wizard' is not a profession Rounds verifies/],
    [{}, 'profession', /is required/],
    [{ ...submission, licence_number: undefined }, 'licence_number', /is required/],
    [{ ...submission, jurisdiction: '  ' }, 'jurisdiction', /is required/],
    [{ ...submission, issuing_body: undefined }, 'issuing_body', /is required/],
    [{ ...submission, specialty: undefined }, 'specialty', /is required for a physician/],
    [{ ...submission, profession: 'resident' }, 'training_year', /is required for a resident/],
    [{ ...submission, profession: 'resident', training_year: 'second' }, 'training_year', /whole number/],
    [
      { ...submission, profession: 'student', training_year: 2, school: 'Leeds' },
      'specialty',
      /takes no specialty/,
    ],
    [
      { ...submission, profession: 'student', specialty: undefined, training_year: 2 },
      'school',
      /is required/,
    ],
    [{ ...submission, licence_number: 'GMC<7654321>' }, 'licence_number', /only letters, digits/],
  ])('%j → 422 naming %s', async (body, field, message) => {
    const res = await submit(body);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.field).toBe(field);
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.message.startsWith(`${field}:`)).toBe(true);
  });

  it('accepts a resident with a specialty and year, and a student with school and year', async () => {
    const resident = await ok('POST', '/api/rounds/v1/credentials', alice, {
      ...submission,
      profession: 'resident',
      specialty: 'paediatrics',
      training_year: 2,
    });
    expect(resident.description).toBe('Paediatrics resident, year 2');
    const student = await ok('POST', '/api/rounds/v1/credentials', alice, {
      ...submission,
      profession: 'student',
      specialty: '',
      school: 'University of Leeds',
      training_year: '3',
    });
    expect(student.description).toBe('Student, University of Leeds, year 3');
  });

  it('refuses patient identifiers in the evidence note', async () => {
    const res = await submit({
      ...submission,
      evidence_note: 'Treated patient John Smith, MRN 12345678, DOB 01/02/1960',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('phi_detected');
  });

  it('refuses approving a rejected credential, bad dates and a missing organisation', async () => {
    const id = (
      await ok('POST', '/api/rounds/v1/credentials', bob, { ...submission, specialty: 'cardiology' })
    ).id;
    const approve = (body: Record<string, unknown>) =>
      api('POST', `/api/rounds/v1/verification/credentials/${id}/approve`, { token: vera.token, body });
    const missing = await approve({ valid_until: '2030-01-01' });
    expect([missing.status, missing.body.error.details.field]).toEqual([422, 'organisation']);
    const past = await approve({ organisation: 'RVS', valid_until: '2020-01-01' });
    expect([past.status, past.body.error.message]).toEqual([422, 'valid_until: must be in the future']);
    const nonsense = await approve({ organisation: 'RVS', valid_until: 'next year' });
    expect([nonsense.status, nonsense.body.error.details.field]).toEqual([422, 'valid_until']);
    const far = await approve({ organisation: 'RVS', valid_until: '2099-01-01' });
    expect([far.status, far.body.error.message]).toEqual([422, 'valid_until: must be within 10 years']);

    await ok('POST', `/api/rounds/v1/verification/credentials/${id}/reject`, vera, {
      reason: 'The register has no such licence.',
    });
    const [mine] = await ok('GET', '/api/rounds/v1/credentials', bob);
    expect(mine).toMatchObject({ status: 'rejected', reason: 'The register has no such licence.' });
    const late = await approve({ organisation: 'RVS', valid_until: '2030-01-01' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe(
      'This credential is rejected; only a pending credential can be approved',
    );
    const edit = await api('PUT', `/api/rounds/v1/credentials/${id}`, { token: bob.token, body: submission });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toMatch(/submit a new one instead/);
    const unknown = await api('POST', '/api/rounds/v1/verification/credentials/123/approve', {
      token: vera.token,
      body: { organisation: 'RVS', valid_until: '2030-01-01' },
    });
    expect(unknown.status).toBe(404);
  });

  it('keeps at most five submissions in review per member', async () => {
    const carol = await createPersona(env, 'carol');
    const nurse = { ...submission, profession: 'nurse', specialty: 'emergency_nursing', issuing_body: 'NMC' };
    for (let i = 0; i < 5; i++) await ok('POST', '/api/rounds/v1/credentials', carol, nurse);
    const sixth = await api('POST', '/api/rounds/v1/credentials', { token: carol.token, body: nurse });
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.message).toMatch(/5 credentials in review; wait for a decision/);
  });
});

describe('credentials: the OpenAPI document', () => {
  it('documents the routes as they answer', async () => {
    const doc = (await api('GET', '/api/rounds/v1/openapi.json')).body;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ ...doc, $id: 'https://rounds.test/rounds-openapi.json' });
    const pointer = (x: string) => x.replaceAll('~', '~0').replaceAll('/', '~1');
    async function expectDocumented(
      method: string,
      docPath: string,
      url: string,
      who: Persona | null,
      body?: unknown,
    ) {
      const res = await api(method.toUpperCase(), url, { token: who?.token, body });
      const validate = ajv.compile({
        $ref: `https://rounds.test/rounds-openapi.json#/paths/${pointer(docPath)}/${method}/responses/${res.status}/content/${pointer('application/json')}/schema`,
      });
      expect(
        validate(res.body),
        `${method} ${docPath} ${res.status}: ${JSON.stringify(validate.errors)}`,
      ).toBe(true);
      return res;
    }
    const dan = await createPersona(env, 'dan');
    const student = {
      ...submission,
      profession: 'student',
      specialty: null,
      school: 'Leeds',
      training_year: 1,
    };
    await expectDocumented(
      'get',
      '/api/rounds/v1/credentials/vocabulary',
      '/api/rounds/v1/credentials/vocabulary',
      null,
    );
    const made = await expectDocumented(
      'post',
      '/api/rounds/v1/credentials',
      '/api/rounds/v1/credentials',
      dan,
      student,
    );
    expect(made.status).toBe(200);
    const id = made.body.id;
    await expectDocumented('post', '/api/rounds/v1/credentials', '/api/rounds/v1/credentials', dan, {});
    await expectDocumented('get', '/api/rounds/v1/credentials', '/api/rounds/v1/credentials', dan);
    await expectDocumented(
      'get',
      '/api/rounds/v1/verification/queue',
      '/api/rounds/v1/verification/queue',
      vera,
    );
    await expectDocumented(
      'get',
      '/api/rounds/v1/verification/queue',
      '/api/rounds/v1/verification/queue',
      dan,
    );
    const ask = '/api/rounds/v1/verification/credentials/{id}/ask';
    await expectDocumented('post', ask, ask.replace('{id}', id), vera, { question: 'Which school year?' });
    await expectDocumented(
      'put',
      '/api/rounds/v1/credentials/{id}',
      `/api/rounds/v1/credentials/${id}`,
      dan,
      student,
    );
    const reject = '/api/rounds/v1/verification/credentials/{id}/reject';
    await expectDocumented('post', reject, reject.replace('{id}', id), vera, { reason: 'Not enrolled.' });
    const approve = '/api/rounds/v1/verification/credentials/{id}/approve';
    const late = await expectDocumented('post', approve, approve.replace('{id}', id), vera, {
      organisation: 'RVS',
      valid_until: '2030-01-01',
    });
    expect(late.status).toBe(409);
    const audit = '/api/rounds/v1/credentials/{id}/audit';
    await expectDocumented('get', audit, audit.replace('{id}', id), dan);
  });
});

describe('credentials: the key', () => {
  it('without CREDENTIALS_KEY, generates one secret key under DATA_DIR and keeps it', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rounds-key-'));
    const key = credentialsKey(loadConfig({ DATA_DIR: dataDir }));
    expect(key).toHaveLength(32);
    const file = path.join(dataDir, 'credentials.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(credentialsKey(loadConfig({ DATA_DIR: dataDir })).equals(key)).toBe(true);
  });

  it('refuses a CREDENTIALS_KEY that is not 32 bytes', () => {
    expect(() => loadConfig({ CREDENTIALS_KEY: 'c2hvcnQ=' })).toThrow(
      /CREDENTIALS_KEY: must be 32 random bytes/,
    );
  });
});

describe('credentials: the licence number, after everything above', () => {
  it('never returns or logs the licence number', () => {
    expect(seen.length).toBeGreaterThan(50);
    expect(logLines.length).toBeGreaterThan(0);
    for (const text of [...seen, ...logLines]) {
      expect(text).not.toContain('7654321');
      expect(text.toLowerCase()).not.toContain('licence_number_encrypted');
    }
  });
});
