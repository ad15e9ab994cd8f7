import { beforeAll, describe, expect, it } from 'vitest';
import { updateProfile } from '../src/domain/accounts/index.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';

/** Follows every `next` Link from `path` and returns the ids seen, page by page. */
async function walk(env: TestEnv, path: string, token?: string): Promise<string[][]> {
  const pages: string[][] = [];
  let next: string | null = path;
  while (next) {
    const res = await call(env, 'GET', next, { token });
    expect(res.status).toBe(200);
    if (res.body.length === 0) break;
    pages.push(res.body.map((x: { id: string }) => x.id));
    const m = res.headers.get('link')?.match(/<([^>]+)>; rel="next"/);
    next = m ? new URL(m[1]!).pathname + new URL(m[1]!).search : null;
  }
  return pages;
}

describe('followers and following lists', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  const fans: Persona[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    for (let i = 0; i < 5; i++) {
      const p = await createPersona(env, `fan${i}`);
      fans.push(p);
      await call(env, 'POST', `/api/v1/accounts/${alice.account.id}/follow`, { token: p.token });
      await call(env, 'POST', `/api/v1/accounts/${p.account.id}/follow`, { token: bob.token });
    }
  });

  it('lists followers newest first, as Accounts, to anyone', async () => {
    const res = await call(env, 'GET', `/api/v1/accounts/${alice.account.id}/followers`);
    expect(res.status).toBe(200);
    expect(res.body.map((a: { id: string }) => a.id)).toEqual(fans.map((f) => f.account.id).reverse());
    expect(res.body[0]).toMatchObject({ username: 'fan4', following_count: 1 });
    for (const a of res.body) expectMatchesSchema('Account', a);
  });

  it('walks pages with the Link header, every follower once', async () => {
    const pages = await walk(env, `/api/v1/accounts/${alice.account.id}/followers?limit=2`);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(fans.map((f) => f.account.id).reverse());
  });

  it('pages backwards with min_id and since_id', async () => {
    const first = await call(env, 'GET', `/api/v1/accounts/${alice.account.id}/followers?limit=2`);
    const prev = first.headers.get('link')!.match(/<([^>]+)>; rel="prev"/)![1]!;
    expect(prev).toContain('min_id=');
    const newer = await call(env, 'GET', new URL(prev).pathname + new URL(prev).search);
    expect(newer.body).toEqual([]);
    const last = await call(env, 'GET', `/api/v1/accounts/${alice.account.id}/followers?limit=1&max_id=0`);
    expect(last.body).toEqual([]);
    const all = await call(env, 'GET', `/api/v1/accounts/${bob.account.id}/following`);
    expect(all.body).toHaveLength(5);
    const linkNext = all.headers.get('link')!.match(/max_id=(\d+)/)![1]!;
    const oldest = await call(
      env,
      'GET',
      `/api/v1/accounts/${bob.account.id}/following?min_id=${linkNext}&limit=2`,
    );
    // min_id pages forward from the oldest: the two just after it, still newest first.
    expect(oldest.body.map((a: { id: string }) => a.id)).toEqual([fans[2]!.account.id, fans[1]!.account.id]);
    const since = await call(
      env,
      'GET',
      `/api/v1/accounts/${bob.account.id}/following?since_id=${linkNext}&limit=2`,
    );
    expect(since.body.map((a: { id: string }) => a.id)).toEqual([fans[4]!.account.id, fans[3]!.account.id]);
  });

  it('hides collections from others when the owner asks, never from the owner', async () => {
    await updateProfile(env.ctx, bob.account.id, { hideCollections: true });
    const others = await call(env, 'GET', `/api/v1/accounts/${bob.account.id}/following`, {
      token: alice.token,
    });
    expect(others.body).toEqual([]);
    const anon = await call(env, 'GET', `/api/v1/accounts/${bob.account.id}/following`);
    expect(anon.body).toEqual([]);
    const own = await call(env, 'GET', `/api/v1/accounts/${bob.account.id}/following`, { token: bob.token });
    expect(own.body).toHaveLength(5);
    await updateProfile(env.ctx, bob.account.id, { hideCollections: false });
  });

  it('shows nothing to someone the owner blocks', async () => {
    await call(env, 'POST', `/api/v1/accounts/${fans[0]!.account.id}/block`, { token: alice.token });
    const res = await call(env, 'GET', `/api/v1/accounts/${alice.account.id}/followers`, {
      token: fans[1]!.token,
    });
    expect(res.body).toHaveLength(4);
    const blockedOne = await call(env, 'GET', `/api/v1/accounts/${alice.account.id}/followers`, {
      token: fans[0]!.token,
    });
    expect(blockedOne.body).toEqual([]);
  });

  it('answers unknown accounts with 404 and bad input with 422', async () => {
    expect((await call(env, 'GET', '/api/v1/accounts/77/followers')).status).toBe(404);
    const bad = await call(env, 'GET', '/api/v1/accounts/nope/following');
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/^id:/);
    const badLimit = await call(env, 'GET', `/api/v1/accounts/${alice.account.id}/followers?limit=zero`);
    expect(badLimit.status).toBe(422);
    expect(badLimit.body.error).toMatch(/^limit:/);
    const badMax = await call(env, 'GET', `/api/v1/accounts/${alice.account.id}/followers?max_id=x`);
    expect(badMax.status).toBe(422);
    expect(badMax.body.error).toMatch(/^max_id:/);
  });
});
