import { expect } from 'vitest';
import { setUserRole } from '../src/domain/credentials/index.ts';
import { call, createPersona, type Persona, type TestEnv } from './harness.ts';

/** A verifier persona (role `verifier`), to approve the credentials of the members tests need. */
export async function createVerifier(env: TestEnv, name = 'vera'): Promise<Persona> {
  const vera = await createPersona(env, name);
  await setUserRole(env.ctx, vera.user.id, 'verifier');
  return vera;
}

/**
 * A persona with a verified credential in `specialty` (or, with `profession` and no specialty, in
 * that profession), made the way a member gets one: they submit it, a verifier approves it.
 */
export async function createVerifiedMember(
  env: TestEnv,
  verifier: Persona,
  name: string,
  specialty: string | null,
  profession = specialty ? 'physician' : 'pharmacist',
): Promise<Persona> {
  const who = await createPersona(env, name);
  const submitted = await call(env, 'POST', '/api/rounds/v1/credentials', {
    token: who.token,
    body: {
      profession,
      ...(specialty ? { specialty } : {}),
      jurisdiction: 'England',
      issuing_body: 'General Medical Council',
      licence_number: `GMC-${name.length}${name.charCodeAt(0)}77`,
    },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const approved = await call(
    env,
    'POST',
    `/api/rounds/v1/verification/credentials/${submitted.body.id}/approve`,
    {
      token: verifier.token,
      body: { organisation: 'Rounds Verification Service', valid_until: '2027-06-30' },
    },
  );
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return who;
}

/** One request that must answer 200; returns the body. */
export async function ok(env: TestEnv, method: string, path: string, who: Persona | null, body?: unknown) {
  const res = await call(env, method, path, { token: who?.token, body });
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

/** A post through the Mastodon API, as any app would write it. */
export async function post(env: TestEnv, who: Persona, status: string, extra: Record<string, unknown> = {}) {
  return ok(env, 'POST', '/api/v1/statuses', who, { status, ...extra });
}
