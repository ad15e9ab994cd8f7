import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type TestEnv } from './harness.ts';

describe('server foundation', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });

  it('answers /healthz when the database answers', async () => {
    const res = await call(env, 'GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('shows the signed-in persona through verify_credentials', async () => {
    const alice = await createPersona(env, 'alice');
    const res = await call(env, 'GET', '/api/v1/accounts/verify_credentials', { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body.username).toBe('alice');
    expect(res.body.source.privacy).toBe('public');
  });
});
