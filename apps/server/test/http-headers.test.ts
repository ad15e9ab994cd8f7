import { beforeAll, describe, expect, it } from 'vitest';
import { createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { listen } from './listen.ts';

/**
 * Headers every response carries, checked over a real socket: the Node adapter takes different
 * paths for JSON bodies, error answers, preflights and streamed files, and each must keep them.
 */
describe('response headers over HTTP', () => {
  let env: TestEnv;
  let alice: Persona;
  let base: string;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    base = await listen(env);
  });

  const security = (res: Response) => {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  };

  it('a JSON page keeps its Link header, CORS and security headers, and its body', async () => {
    for (let i = 0; i < 3; i++) {
      await fetch(`${base}/api/v1/statuses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: `Teaching point ${i}: check the potassium first.` }),
      });
    }
    const res = await fetch(`${base}/api/v1/timelines/home?limit=2`, {
      headers: { authorization: `Bearer ${alice.token}`, origin: 'https://client.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('link')).toContain('max_id=');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('Link');
    security(res);
    const body = (await res.json()) as Array<{ content: string }>;
    expect(body).toHaveLength(2);
    expect(body[0]?.content).toContain('Teaching point 2');
  });

  it('an error answer carries them too', async () => {
    const res = await fetch(`${base}/api/v1/timelines/home`, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    security(res);
    expect(((await res.json()) as { error: string }).error).toMatch(/token/i);
  });

  it('a preflight is answered without reaching a route', async () => {
    const res = await fetch(`${base}/api/v1/statuses`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://client.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(res.headers.get('access-control-max-age')).toBe('86400');
    security(res);
  });

  it('a file response and a page outside the API keep the security headers', async () => {
    const avatar = await fetch(`${base}/avatars/original/missing.png`);
    expect(avatar.headers.get('content-type')).toBe('image/png');
    expect((await avatar.arrayBuffer()).byteLength).toBeGreaterThan(0);
    security(avatar);
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    security(home);
  });

  it('a request body over the limit is refused on write routes, and reads ignore bodies', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    const res = await fetch(`${base}/api/v1/statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: big }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/too large/);
  });
});
