import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { act, ids, personas, say, walkPages } from './timelines-helpers.ts';

describe('GET /api/v1/accounts/:id/statuses', () => {
  let env: TestEnv;
  let bob: Persona; // the author
  let alice: Persona; // follows bob
  let carol: Persona; // stranger, mentioned once
  let dan: Persona; // stranger
  const s: Record<string, string> = {};
  const path = (q = '') => `/api/v1/accounts/${bob.account.id}/statuses${q}`;

  beforeAll(async () => {
    env = await createTestEnv();
    [bob, alice, carol, dan] = await personas(env, 'bob', 'alice', 'carol', 'dan');
    await act(env, alice, `/api/v1/accounts/${bob.account.id}/follow`);
    const other = await say(env, carol, 'Carol asks about #sepsis');
    s.pub = (await say(env, bob, 'Sepsis bundle tweetorial 1/2 #sepsis')).id;
    s.self = (await say(env, bob, 'Sepsis bundle tweetorial 2/2', { in_reply_to_id: s.pub })).id;
    s.reply = (await say(env, bob, '@carol start antibiotics early', { in_reply_to_id: other.id })).id;
    s.unlisted = (await say(env, bob, 'Unlisted musing', { visibility: 'unlisted' })).id;
    s.priv = (await say(env, bob, 'Followers-only debrief #sepsis', { visibility: 'private' })).id;
    s.dmCarol = (await say(env, bob, '@carol your exam feedback', { visibility: 'direct' })).id;
    s.reblog = (await act(env, bob, `/api/v1/statuses/${other.id}/reblog`)).id;
    await act(env, bob, `/api/v1/statuses/${s.pub}/pin`);
    await act(env, bob, `/api/v1/statuses/${s.unlisted}/pin`);
  });

  it('shows anonymous readers public and unlisted posts and reblogs, newest first', async () => {
    const res = await call(env, 'GET', path());
    expect(res.status).toBe(200);
    expect(res.body.map((x: { id: string }) => x.id)).toEqual([s.reblog, s.unlisted, s.reply, s.self, s.pub]);
    for (const x of res.body) expectMatchesSchema('Status', x);
  });

  it('adds followers-only posts for followers, direct posts for those mentioned, everything for the author', async () => {
    expect(await ids(env, path(), alice)).toEqual([s.reblog, s.priv, s.unlisted, s.reply, s.self, s.pub]);
    expect(await ids(env, path(), carol)).toEqual([s.reblog, s.dmCarol, s.unlisted, s.reply, s.self, s.pub]);
    expect(await ids(env, path(), dan)).toEqual([s.reblog, s.unlisted, s.reply, s.self, s.pub]);
    expect(await ids(env, path(), bob)).toEqual([
      s.reblog,
      s.dmCarol,
      s.priv,
      s.unlisted,
      s.reply,
      s.self,
      s.pub,
    ]);
  });

  it('filters: exclude_replies keeps threads, exclude_reblogs, pinned, tagged, only_media', async () => {
    expect(await ids(env, path('?exclude_replies=true'), alice)).toEqual([
      s.reblog,
      s.priv,
      s.unlisted,
      s.self,
      s.pub,
    ]);
    expect(await ids(env, path('?exclude_reblogs=1'), alice)).toEqual([
      s.priv,
      s.unlisted,
      s.reply,
      s.self,
      s.pub,
    ]);
    expect(await ids(env, path('?pinned=true'))).toEqual([s.unlisted, s.pub]);
    expect(await ids(env, path('?tagged=SEPSIS'), alice)).toEqual([s.priv, s.pub]);
    expect(await ids(env, path('?tagged=sepsis'))).toEqual([s.pub]);
    expect(await ids(env, path('?tagged=unknown'))).toEqual([]);
    expect(await ids(env, path('?only_media=true'))).toEqual([]);
  });

  it('leaves out reblogs of accounts the viewer mutes, but not the author muted by the viewer', async () => {
    await act(env, dan, `/api/v1/accounts/${carol.account.id}/mute`);
    expect(await ids(env, path(), dan)).toEqual([s.unlisted, s.reply, s.self, s.pub]);
    await act(env, dan, `/api/v1/accounts/${bob.account.id}/mute`);
    expect(await ids(env, path('?exclude_reblogs=true'), dan)).toEqual([s.unlisted, s.reply, s.self, s.pub]);
  });

  it('shows nothing to someone the author blocks', async () => {
    await act(env, bob, `/api/v1/accounts/${dan.account.id}/block`);
    const res = await call(env, 'GET', path(), { token: dan.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    await act(env, bob, `/api/v1/accounts/${dan.account.id}/unblock`);
  });

  it('paginates with Link headers, every status once', async () => {
    const pages = await walkPages(env, path('?limit=2'), bob);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flat()).toEqual([s.reblog, s.dmCarol, s.priv, s.unlisted, s.reply, s.self, s.pub]);
    expect(await ids(env, path(`?min_id=${s.self}&limit=2`), bob)).toEqual([s.unlisted, s.reply]);
  });

  it('answers unknown accounts with 404 and malformed input with 422 naming the field', async () => {
    expect((await call(env, 'GET', '/api/v1/accounts/123456/statuses')).status).toBe(404);
    const bad = await call(env, 'GET', '/api/v1/accounts/bob/statuses');
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/^id:/);
    const badFlag = await call(env, 'GET', path('?pinned=perhaps'));
    expect(badFlag.status).toBe(422);
    expect(badFlag.body.error).toMatch(/^pinned:/);
  });
});
