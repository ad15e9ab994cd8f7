import { beforeAll, describe, expect, it } from 'vitest';
import { getAccount } from '../src/domain/accounts/index.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';

describe('blocks and mutes', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  let dan: Persona;
  const blocked: string[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol', { locked: true });
    dan = await createPersona(env, 'dan', { scopes: 'read:follows write:follows' });
    env.ctx.events.on('AccountBlocked', (e) => {
      blocked.push(`${e.accountId}->${e.targetAccountId}`);
    });
  });

  const rel = async (me: Persona, other: Persona) =>
    (await call(env, 'GET', `/api/v1/accounts/relationships?id[]=${other.account.id}`, { token: me.token }))
      .body[0];

  it('a block ends follows both ways and pending requests, and fixes the counters', async () => {
    await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/follow`, { token: alice.token });
    await call(env, 'POST', `/api/v1/accounts/${alice.account.id}/follow`, { token: bob.token });
    await call(env, 'POST', `/api/v1/accounts/${carol.account.id}/follow`, { token: bob.token });
    const res = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/block`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ blocking: true, following: false, followed_by: false });
    expect(await rel(bob, alice)).toMatchObject({ blocked_by: true, following: false });
    const a = await getAccount(env.ctx.db, alice.account.id);
    const b = await getAccount(env.ctx.db, bob.account.id);
    expect([a.followersCount, a.followingCount]).toEqual([0, 0]);
    expect([b.followersCount, b.followingCount]).toEqual([0, 0]);
    const block2 = await call(env, 'POST', `/api/v1/accounts/${carol.account.id}/block`, {
      token: bob.token,
    });
    expect(block2.body).toMatchObject({ blocking: true, requested: false });
    const reqs = await call(env, 'GET', '/api/v1/follow_requests', { token: carol.token });
    expect(reqs.body).toEqual([]);
    await new Promise((r) => setTimeout(r, 0));
    expect(blocked).toEqual([
      `${alice.account.id}->${bob.account.id}`,
      `${bob.account.id}->${carol.account.id}`,
    ]);
  });

  it('forbids following across a block, in either direction', async () => {
    const blockedOne = await call(env, 'POST', `/api/v1/accounts/${alice.account.id}/follow`, {
      token: bob.token,
    });
    expect(blockedOne.status).toBe(403);
    expect(blockedOne.body.error).toBe('You are blocked');
    const blocker = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/follow`, {
      token: alice.token,
    });
    expect(blocker.status).toBe(403);
    expect(blocker.body.error).toMatch(/block/);
  });

  it('lists blocks with pagination and needs read:blocks', async () => {
    await call(env, 'POST', `/api/v1/accounts/${carol.account.id}/block`, { token: alice.token });
    const res = await call(env, 'GET', '/api/v1/blocks', { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body.map((x: { id: string }) => x.id)).toEqual([carol.account.id, bob.account.id]);
    for (const a of res.body) expectMatchesSchema('Account', a);
    const page = await call(env, 'GET', '/api/v1/blocks?limit=1', { token: alice.token });
    expect(page.body.map((x: { id: string }) => x.id)).toEqual([carol.account.id]);
    const next = page.headers.get('link')!.match(/<([^>]+)>; rel="next"/)![1]!;
    const page2 = await call(env, 'GET', new URL(next).pathname + new URL(next).search, {
      token: alice.token,
    });
    expect(page2.body.map((x: { id: string }) => x.id)).toEqual([bob.account.id]);
    const forbidden = await call(env, 'GET', '/api/v1/blocks', { token: dan.token });
    expect(forbidden.status).toBe(403); // dan holds read:follows, not read:blocks
  });

  it('unblocks without restoring follows', async () => {
    const res = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/unblock`, { token: alice.token });
    expect(res.body).toMatchObject({ blocking: false, following: false });
    await call(env, 'POST', `/api/v1/accounts/${carol.account.id}/unblock`, { token: alice.token });
    const list = await call(env, 'GET', '/api/v1/blocks', { token: alice.token });
    expect(list.body).toEqual([]);
    const self = await call(env, 'POST', `/api/v1/accounts/${alice.account.id}/block`, {
      token: alice.token,
    });
    expect(self.status).toBe(422);
    const unknown = await call(env, 'POST', '/api/v1/accounts/42/block', { token: alice.token });
    expect(unknown.status).toBe(404);
  });

  it('mutes with notifications on by default, indefinitely', async () => {
    const res = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/mute`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ muting: true, muting_notifications: true, muting_expires_at: null });
    const list = await call(env, 'GET', '/api/v1/mutes', { token: alice.token });
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ id: bob.account.id, mute_expires_at: null });
  });

  it('a timed mute lifts by itself when its time has passed', async () => {
    const res = await call(env, 'POST', `/api/v1/accounts/${carol.account.id}/mute`, {
      token: alice.token,
      form: { duration: '3600', notifications: 'false' },
    });
    expect(res.body).toMatchObject({ muting: true, muting_notifications: false });
    const expires = new Date(env.clock.now().getTime() + 3600_000).toISOString();
    expect(res.body.muting_expires_at).toBe(expires);
    const list = await call(env, 'GET', '/api/v1/mutes', { token: alice.token });
    expect(list.body.map((x: { id: string }) => x.id)).toEqual([carol.account.id, bob.account.id]);
    expect(list.body[0].mute_expires_at).toBe(expires);
    for (const m of list.body) expectMatchesSchema('MutedAccount', m);
    expectMatchesSchema('Relationship', res.body);
    env.clock.advance(3601_000);
    expect(await rel(alice, carol)).toMatchObject({ muting: false, muting_notifications: false });
    const after = await call(env, 'GET', '/api/v1/mutes', { token: alice.token });
    expect(after.body.map((x: { id: string }) => x.id)).toEqual([bob.account.id]);
  });

  it('muting again replaces the duration and flag; unmute lifts it', async () => {
    await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/mute`, {
      token: alice.token,
      body: { duration: 60, notifications: false },
    });
    expect(await rel(alice, bob)).toMatchObject({ muting: true, muting_notifications: false });
    const res = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/unmute`, { token: alice.token });
    expect(res.body).toMatchObject({ muting: false, muting_expires_at: null });
    const bad = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/mute`, {
      token: alice.token,
      body: { duration: -5 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/^duration:/);
  });

  it('checks scopes for blocks and mutes', async () => {
    const readOnly = await createPersona(env, 'reader', { scopes: 'read' });
    const b = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/block`, { token: readOnly.token });
    expect(b.status).toBe(403);
    const m = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/mute`, { token: readOnly.token });
    expect(m.status).toBe(403);
    const writeOnly = await createPersona(env, 'writer', { scopes: 'write:mutes' });
    const list = await call(env, 'GET', '/api/v1/mutes', { token: writeOnly.token });
    expect(list.status).toBe(403);
    const anon = await call(env, 'GET', '/api/v1/blocks');
    expect(anon.status).toBe(401);
  });
});
