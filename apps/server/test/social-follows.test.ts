import { beforeAll, describe, expect, it } from 'vitest';
import { getAccount } from '../src/domain/accounts/index.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';

const REL_KEYS = [
  'blocked_by',
  'blocking',
  'domain_blocking',
  'endorsed',
  'followed_by',
  'following',
  'id',
  'languages',
  'muting',
  'muting_expires_at',
  'muting_notifications',
  'note',
  'notifying',
  'requested',
  'requested_by',
  'showing_reblogs',
];

async function counts(env: TestEnv, p: Persona) {
  const a = await getAccount(env.ctx.db, p.account.id);
  return { followers: a.followersCount, following: a.followingCount };
}

describe('following', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  let dan: Persona;
  const events: string[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol', { locked: true });
    dan = await createPersona(env, 'dan', { scopes: 'read' });
    env.ctx.events.on('AccountFollowed', (e) => {
      events.push(`followed:${e.accountId}->${e.targetAccountId}`);
    });
    env.ctx.events.on('FollowRequested', (e) => {
      events.push(`requested:${e.accountId}->${e.targetAccountId}`);
    });
  });

  it('follows an open account, returns the full Relationship and moves both counters', async () => {
    const res = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/follow`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(REL_KEYS);
    expectMatchesSchema('Relationship', res.body);
    expect(res.body).toMatchObject({
      id: bob.account.id,
      following: true,
      showing_reblogs: true,
      notifying: false,
      requested: false,
      followed_by: false,
      note: '',
      muting_expires_at: null,
    });
    expect(await counts(env, alice)).toEqual({ followers: 0, following: 1 });
    expect(await counts(env, bob)).toEqual({ followers: 1, following: 0 });
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toContain(`followed:${alice.account.id}->${bob.account.id}`);
  });

  it('following again only updates options and never double-counts', async () => {
    const res = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/follow`, {
      token: alice.token,
      body: { reblogs: false, notify: true },
    });
    expect(res.body).toMatchObject({ following: true, showing_reblogs: false, notifying: true });
    const again = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/follow`, {
      token: alice.token,
      form: { notify: 'false' },
    });
    expect(again.body).toMatchObject({ following: true, showing_reblogs: false, notifying: false });
    expect(await counts(env, bob)).toEqual({ followers: 1, following: 0 });
  });

  it('shows followed_by from the other side', async () => {
    const res = await call(env, 'GET', `/api/v1/accounts/relationships?id[]=${alice.account.id}`, {
      token: bob.token,
    });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ id: alice.account.id, following: false, followed_by: true });
  });

  it('unfollows, idempotently, and counters come back', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/unfollow`, {
        token: alice.token,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ following: false, showing_reblogs: false, notifying: false });
    }
    expect(await counts(env, alice)).toEqual({ followers: 0, following: 0 });
    expect(await counts(env, bob)).toEqual({ followers: 0, following: 0 });
  });

  it('refuses to follow yourself (422) and unknown accounts (404)', async () => {
    const self = await call(env, 'POST', `/api/v1/accounts/${alice.account.id}/follow`, {
      token: alice.token,
    });
    expect(self.status).toBe(422);
    const unknown = await call(env, 'POST', '/api/v1/accounts/123456789/follow', { token: alice.token });
    expect(unknown.status).toBe(404);
  });

  it('rejects malformed ids and options with a 422 naming the field', async () => {
    const bad = await call(env, 'POST', '/api/v1/accounts/abc/follow', { token: alice.token });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/^id:/);
    const badOpt = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/follow`, {
      token: alice.token,
      body: { reblogs: 'maybe' },
    });
    expect(badOpt.status).toBe(422);
    expect(badOpt.body.error).toMatch(/^reblogs:/);
    const badLang = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/follow`, {
      token: alice.token,
      body: { languages: ['English!'] },
    });
    expect(badLang.status).toBe(422);
    expect(badLang.body.error).toMatch(/^languages/);
  });

  it('needs a token with write:follows', async () => {
    const anon = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/follow`);
    expect(anon.status).toBe(401);
    const readOnly = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/follow`, {
      token: dan.token,
    });
    expect(readOnly.status).toBe(403);
    const narrow = await createPersona(env, 'narrow', { scopes: 'write:follows read:follows' });
    const ok = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/follow`, { token: narrow.token });
    expect(ok.status).toBe(200);
    await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/unfollow`, { token: narrow.token });
  });

  it('a locked account gets a follow request, not a follow', async () => {
    const res = await call(env, 'POST', `/api/v1/accounts/${carol.account.id}/follow`, {
      token: alice.token,
      body: { reblogs: false },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ following: false, requested: true, showing_reblogs: false });
    expect(await counts(env, carol)).toEqual({ followers: 0, following: 0 });
    const theirs = await call(env, 'GET', `/api/v1/accounts/relationships?id[]=${alice.account.id}`, {
      token: carol.token,
    });
    expect(theirs.body[0]).toMatchObject({ requested_by: true, followed_by: false });
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toContain(`requested:${alice.account.id}->${carol.account.id}`);
  });

  it('lists follow requests and the count in verify_credentials', async () => {
    await call(env, 'POST', `/api/v1/accounts/${carol.account.id}/follow`, { token: bob.token });
    const res = await call(env, 'GET', '/api/v1/follow_requests', { token: carol.token });
    expect(res.status).toBe(200);
    expect(res.body.map((a: { id: string }) => a.id)).toEqual([bob.account.id, alice.account.id]);
    for (const a of res.body) expectMatchesSchema('Account', a);
    expect(res.headers.get('link')).toContain('rel="next"');
    const me = await call(env, 'GET', '/api/v1/accounts/verify_credentials', { token: carol.token });
    expect(me.body.source.follow_requests_count).toBe(2);
    const paged = await call(env, 'GET', '/api/v1/follow_requests?limit=1', { token: carol.token });
    expect(paged.body.map((a: { id: string }) => a.id)).toEqual([bob.account.id]);
  });

  it('authorizes a request: the follow keeps the options it was asked with', async () => {
    const res = await call(env, 'POST', `/api/v1/follow_requests/${alice.account.id}/authorize`, {
      token: carol.token,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: alice.account.id, followed_by: true, requested_by: false });
    const mine = await call(env, 'GET', `/api/v1/accounts/relationships?id[]=${carol.account.id}`, {
      token: alice.token,
    });
    expect(mine.body[0]).toMatchObject({ following: true, requested: false, showing_reblogs: false });
    expect(await counts(env, carol)).toEqual({ followers: 1, following: 0 });
    const again = await call(env, 'POST', `/api/v1/follow_requests/${alice.account.id}/authorize`, {
      token: carol.token,
    });
    expect(again.status).toBe(404);
  });

  it('rejects a request: nothing follows, and a second reject is a 404', async () => {
    const res = await call(env, 'POST', `/api/v1/follow_requests/${bob.account.id}/reject`, {
      token: carol.token,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ followed_by: false, requested_by: false });
    const again = await call(env, 'POST', `/api/v1/follow_requests/${bob.account.id}/reject`, {
      token: carol.token,
    });
    expect(again.status).toBe(404);
    const bad = await call(env, 'POST', '/api/v1/follow_requests/x1/reject', { token: carol.token });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/^account_id:/);
  });

  it('unfollow withdraws a pending request', async () => {
    await call(env, 'POST', `/api/v1/accounts/${carol.account.id}/follow`, { token: bob.token });
    const res = await call(env, 'POST', `/api/v1/accounts/${carol.account.id}/unfollow`, {
      token: bob.token,
    });
    expect(res.body).toMatchObject({ following: false, requested: false });
    const list = await call(env, 'GET', '/api/v1/follow_requests', { token: carol.token });
    expect(list.body).toEqual([]);
  });

  it('remove_from_followers makes a follower stop following', async () => {
    await call(env, 'POST', `/api/v1/accounts/${alice.account.id}/follow`, { token: bob.token });
    expect(await counts(env, alice)).toMatchObject({ followers: 1 });
    const res = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/remove_from_followers`, {
      token: alice.token,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: bob.account.id, followed_by: false });
    expect(await counts(env, alice)).toMatchObject({ followers: 0 });
    expect(await counts(env, bob)).toMatchObject({ following: 0 });
  });

  it('keeps a private note in the relationship', async () => {
    const res = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/note`, {
      token: alice.token,
      body: { comment: 'Great POCUS teacher' },
    });
    expect(res.status).toBe(200);
    expect(res.body.note).toBe('Great POCUS teacher');
    const cleared = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/note`, {
      token: alice.token,
      body: { comment: '' },
    });
    expect(cleared.body.note).toBe('');
    const phi = await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/note`, {
      token: alice.token,
      body: { comment: 'Covered for me with patient John Smith, MRN 12345678' },
    });
    expect(phi.status).toBe(422);
    expect(phi.body.error_code).toBe('phi_detected');
    const after = await call(env, 'GET', `/api/v1/accounts/relationships?id[]=${bob.account.id}`, {
      token: alice.token,
    });
    expect(after.body[0].note).toBe('');
  });

  it('relationships keep the asked order, skip unknown ids, and validate ids', async () => {
    const res = await call(
      env,
      'GET',
      `/api/v1/accounts/relationships?id[]=${carol.account.id}&id[]=999999&id[]=${bob.account.id}&with_suspended=true`,
      { token: alice.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.map((r: { id: string }) => r.id)).toEqual([carol.account.id, bob.account.id]);
    for (const r of res.body) expectMatchesSchema('Relationship', r);
    const single = await call(env, 'GET', `/api/v1/accounts/relationships?id=${bob.account.id}`, {
      token: alice.token,
    });
    expect(single.body).toHaveLength(1);
    const none = await call(env, 'GET', '/api/v1/accounts/relationships', { token: alice.token });
    expect(none.body).toEqual([]);
    const bad = await call(env, 'GET', '/api/v1/accounts/relationships?id[]=abc', { token: alice.token });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/^id/);
    const anon = await call(env, 'GET', `/api/v1/accounts/relationships?id[]=${bob.account.id}`);
    expect(anon.status).toBe(401);
  });
});
