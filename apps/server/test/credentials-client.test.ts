import { createRestAPIClient } from 'masto';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUserRole } from '../src/domain/credentials/index.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { listen } from './listen.ts';

/** What another Mastodon app sees of a verified credential: masto against a listening server. */
describe('a Mastodon client sees a verified credential', () => {
  let env: TestEnv;
  let url: string;
  let alice: Persona;
  let bob: Persona;
  let vera: Persona;
  let credentialId: string;

  beforeAll(async () => {
    env = await createTestEnv({ CREDENTIALS_KEY: Buffer.alloc(32, 7).toString('base64') });
    url = await listen(env);
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    vera = await createPersona(env, 'vera');
    await setUserRole(env.ctx, vera.user.id, 'verifier');
    const submitted = await call(env, 'POST', '/api/rounds/v1/credentials', {
      token: alice.token,
      body: {
        profession: 'resident',
        specialty: 'emergency_medicine',
        training_year: 2,
        jurisdiction: 'Ontario',
        issuing_body: 'College of Physicians and Surgeons of Ontario',
        licence_number: 'CPSO 998877',
      },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    credentialId = submitted.body.id;
    const approved = await call(
      env,
      'POST',
      `/api/rounds/v1/verification/credentials/${credentialId}/approve`,
      {
        token: vera.token,
        body: { organisation: 'Rounds Verification Service', valid_until: '2027-06-30' },
      },
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  });

  it('as a verified profile field, on the account and on a status', async () => {
    const client = createRestAPIClient({ url, accessToken: bob.token });
    const account = await client.v1.accounts.$select(alice.account.id).fetch();
    expect(account.fields[0]).toEqual({
      name: 'Verified',
      value: 'Emergency medicine resident, year 2 — by Rounds Verification Service until 2027-06-30',
      verifiedAt: env.clock.now().toISOString(),
    });
    const mine = createRestAPIClient({ url, accessToken: alice.token });
    const status = await mine.v1.statuses.create({ status: 'Sepsis bundles: what changed in 2026?' });
    const read = await client.v1.statuses.$select(status.id).fetch();
    expect(read.account.fields[0]?.verifiedAt).toBe(env.clock.now().toISOString());
  });

  it('and no longer once revoked', async () => {
    const revoked = await call(
      env,
      'POST',
      `/api/rounds/v1/verification/credentials/${credentialId}/revoke`,
      {
        token: vera.token,
        body: { reason: 'Training post ended early.' },
      },
    );
    expect(revoked.status).toBe(200);
    const client = createRestAPIClient({ url, accessToken: bob.token });
    const account = await client.v1.accounts.$select(alice.account.id).fetch();
    expect(account.fields.filter((f) => f.verifiedAt)).toEqual([]);
  });
});
