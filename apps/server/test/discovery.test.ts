import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';

describe('what clients read first', () => {
  let env: TestEnv;
  let alice: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
  });

  it('describes the instance with real limits and the public origin', async () => {
    const v2 = await call(env, 'GET', '/api/v2/instance');
    expect(v2.status).toBe(200);
    expect(v2.body.domain).toBe('rounds.test');
    expect(v2.body.configuration.statuses.max_characters).toBe(5000);
    expect(v2.body.configuration.urls.streaming).toBe('wss://rounds.test');
    expect(v2.body.version).toMatch(/^\d+\.\d+\.\d+ \(compatible; Rounds/);
    const v1 = await call(env, 'GET', '/api/v1/instance');
    expect(v1.body.stats.user_count).toBe(1);
  });

  it('publishes nodeinfo', async () => {
    const wk = await call(env, 'GET', '/.well-known/nodeinfo');
    expect(wk.body.links[0].href).toBe('https://rounds.test/nodeinfo/2.0');
    const ni = await call(env, 'GET', '/nodeinfo/2.0');
    expect(ni.body.software.name).toBe('rounds');
    expect(ni.body.openRegistrations).toBe(true);
  });

  it('answers every call a client makes right after sign-in', async () => {
    for (const path of [
      '/api/v1/preferences',
      '/api/v1/accounts/verify_credentials',
      '/api/v1/custom_emojis',
      '/api/v1/followed_tags',
      '/api/v1/announcements',
      '/api/v1/follow_requests',
      '/api/v1/markers',
      '/api/v2/notifications',
      '/api/v1/filters',
      '/api/v2/filters',
      '/api/v1/lists',
    ]) {
      const res = await call(env, 'GET', path, { token: alice.token });
      expect(res.status, path).toBe(200);
      expect(typeof res.body, path).toBe('object');
    }
  });

  it('allows cross-origin API use with bearer tokens and exposes Link', async () => {
    const res = await env.app.request('https://rounds.test/api/v1/timelines/public', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://client.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,idempotency-key',
      },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    const get = await env.app.request('https://rounds.test/api/v2/instance', {
      headers: { origin: 'https://client.example' },
    });
    expect(get.headers.get('access-control-expose-headers')).toContain('Link');
  });

  it('serves the web placeholder at / and the default avatar', async () => {
    const home = await env.app.request('https://rounds.test/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Rounds');
    const avatar = await env.app.request('https://rounds.test/avatars/original/missing.png');
    expect(avatar.headers.get('content-type')).toBe('image/png');
  });
});
