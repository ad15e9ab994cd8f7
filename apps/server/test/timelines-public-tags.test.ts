import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { act, ids, personas, say, walkPages } from './timelines-helpers.ts';

describe('public and hashtag timelines, tags', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  const s: Record<string, string> = {};

  beforeAll(async () => {
    env = await createTestEnv();
    [alice, bob, carol] = await personas(env, 'alice', 'bob', 'carol');
    s.pub = (await say(env, bob, 'Public pearl #POCUS #cardio')).id;
    s.unlisted = (await say(env, bob, 'Unlisted #pocus', { visibility: 'unlisted' })).id;
    s.priv = (await say(env, bob, 'Private #pocus', { visibility: 'private' })).id;
    s.reply = (await say(env, carol, '@bob agreed #pocus', { in_reply_to_id: s.pub })).id;
    s.thread = (await say(env, bob, 'Thread continues #cardio', { in_reply_to_id: s.pub })).id;
    s.carol = (await say(env, carol, 'Carol on #nursing and #pocus')).id;
    s.reblog = (await act(env, carol, `/api/v1/statuses/${s.pub}/reblog`)).id;
    s.ecg = (await say(env, alice, 'ECG of the week #ecg #cardio')).id;
  });

  it('public: public originals only, no reblogs, no replies to others (threads stay), anonymous allowed', async () => {
    const res = await call(env, 'GET', '/api/v1/timelines/public');
    expect(res.status).toBe(200);
    expect(res.body.map((x: { id: string }) => x.id)).toEqual([s.ecg, s.carol, s.thread, s.pub]);
    for (const x of res.body) expectMatchesSchema('Status', x);
    expect(await ids(env, '/api/v1/timelines/public?local=true')).toEqual([s.ecg, s.carol, s.thread, s.pub]);
    expect(await ids(env, '/api/v1/timelines/public?remote=true')).toEqual([]);
    expect(await ids(env, '/api/v1/timelines/public?only_media=true')).toEqual([]);
  });

  it('public: a signed-in viewer does not see accounts they mute or block, or that block them', async () => {
    await act(env, alice, `/api/v1/accounts/${carol.account.id}/mute`);
    expect(await ids(env, '/api/v1/timelines/public', alice)).toEqual([s.ecg, s.thread, s.pub]);
    await act(env, alice, `/api/v1/accounts/${carol.account.id}/unmute`);
    await act(env, bob, `/api/v1/accounts/${alice.account.id}/block`);
    expect(await ids(env, '/api/v1/timelines/public', alice)).toEqual([s.ecg, s.carol]);
    await act(env, bob, `/api/v1/accounts/${alice.account.id}/unblock`);
  });

  it('public: pages walk without repeats', async () => {
    const pages = await walkPages(env, '/api/v1/timelines/public?limit=3');
    expect(pages.flat()).toEqual([s.ecg, s.carol, s.thread, s.pub]);
    expect(pages[0]).toHaveLength(3);
  });

  it('hashtag: public statuses with the tag, case-insensitive, replies included', async () => {
    expect(await ids(env, '/api/v1/timelines/tag/pocus')).toEqual([s.carol, s.reply, s.pub]);
    expect(await ids(env, '/api/v1/timelines/tag/POCUS')).toEqual([s.carol, s.reply, s.pub]);
    expect(await ids(env, '/api/v1/timelines/tag/neverused')).toEqual([]);
    const paged = await walkPages(env, '/api/v1/timelines/tag/pocus?limit=2');
    expect(paged).toEqual([[s.carol, s.reply], [s.pub]]);
    const back = await walkPages(
      env,
      `/api/v1/timelines/tag/pocus?limit=1&min_id=${s.pub}`,
      undefined,
      'prev',
    );
    expect(back).toEqual([[s.reply], [s.carol]]);
    expect(await ids(env, `/api/v1/timelines/tag/pocus?since_id=${s.pub}&limit=1`)).toEqual([s.carol]);
    expect(await ids(env, `/api/v1/timelines/tag/pocus?any[]=ecg&max_id=${s.ecg}`)).toEqual([
      s.carol,
      s.reply,
      s.pub,
    ]);
  });

  it('hashtag: any[], all[] and none[] combine as Mastodon documents', async () => {
    expect(await ids(env, '/api/v1/timelines/tag/ecg?any[]=nursing')).toEqual([s.ecg, s.carol]);
    expect(await ids(env, '/api/v1/timelines/tag/pocus?all[]=cardio')).toEqual([s.pub]);
    expect(await ids(env, '/api/v1/timelines/tag/pocus?none[]=nursing&none[]=cardio')).toEqual([s.reply]);
    expect(await ids(env, '/api/v1/timelines/tag/cardio?any[]=pocus&none[]=ecg')).toEqual([
      s.carol,
      s.thread,
      s.reply,
      s.pub,
    ]);
    expect(await ids(env, '/api/v1/timelines/tag/pocus?all[]=unknowntag')).toEqual([]);
    expect(await ids(env, '/api/v1/timelines/tag/pocus?any[]=unknowntag')).toEqual([s.carol, s.reply, s.pub]);
  });

  it('hashtag: bad names and too many tags are a 422 naming the field', async () => {
    const bad = await call(env, 'GET', '/api/v1/timelines/tag/not-a-tag');
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/^hashtag:/);
    const many = await call(
      env,
      'GET',
      '/api/v1/timelines/tag/pocus?any[]=a&any[]=b&any[]=c&any[]=d&any[]=e',
    );
    expect(many.status).toBe(422);
    expect(many.body.error).toMatch(/^any/);
    const badNone = await call(env, 'GET', '/api/v1/timelines/tag/pocus?none[]=no%20way');
    expect(badNone.status).toBe(422);
    expect(badNone.body.error).toMatch(/^none/);
  });

  it('tags: GET shows the tag with seven days of history and following for a signed-in viewer', async () => {
    const anon = await call(env, 'GET', '/api/v1/tags/POCUS');
    expect(anon.status).toBe(200);
    expectMatchesSchema('Tag', anon.body);
    expect(anon.body).toMatchObject({ name: 'POCUS', url: 'https://rounds.test/tags/pocus' });
    expect(anon.body).not.toHaveProperty('following');
    expect(anon.body.history).toHaveLength(7);
    const today = String(Date.UTC(2026, 10, 23) / 1000);
    // Public uses only: pub, reply and carol (by bob, carol, carol).
    expect(anon.body.history[0]).toEqual({ day: today, uses: '3', accounts: '2' });
    expect(anon.body.history[1]).toEqual({ day: String(Number(today) - 86400), uses: '0', accounts: '0' });
    const signedIn = await call(env, 'GET', '/api/v1/tags/pocus', { token: alice.token });
    expect(signedIn.body).toMatchObject({ following: false, featuring: false });
  });

  it('tags: history moves with the days', async () => {
    env.clock.advance(2 * 86400_000);
    const res = await call(env, 'GET', '/api/v1/tags/pocus');
    expect(res.body.history[2]).toMatchObject({ uses: '3', accounts: '2' });
    expect(res.body.history[0]).toMatchObject({ uses: '0' });
    env.clock.advance(-2 * 86400_000);
  });

  it('tags: unknown names are shown, not stored; following creates the tag; invalid names are 422', async () => {
    const unknown = await call(env, 'GET', '/api/v1/tags/Sonography', { token: alice.token });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ id: '', name: 'Sonography', following: false });
    const followed = await call(env, 'POST', '/api/v1/tags/Sonography/follow', { token: alice.token });
    expect(followed.status).toBe(200);
    expectMatchesSchema('Tag', followed.body);
    expect(followed.body).toMatchObject({ name: 'Sonography', following: true });
    expect(followed.body.id).toMatch(/^\d+$/);
    const again = await call(env, 'POST', '/api/v1/tags/sonography/follow', { token: alice.token });
    expect(again.body).toMatchObject({ id: followed.body.id, name: 'Sonography', following: true });
    const shown = await call(env, 'GET', '/api/v1/tags/sonography', { token: alice.token });
    expect(shown.body).toMatchObject({ id: followed.body.id, following: true });
    for (const path of ['/api/v1/tags/bad-name/follow', '/api/v1/tags/123/unfollow']) {
      const bad = await call(env, 'POST', path, { token: alice.token });
      expect(bad.status).toBe(422);
      expect(bad.body.error).toMatch(/^name:/);
    }
    expect((await call(env, 'GET', '/api/v1/tags/no%20spaces')).status).toBe(422);
    const accented = encodeURIComponent('Échographie');
    const unicode = await call(env, 'POST', `/api/v1/tags/${accented}/follow`, { token: alice.token });
    expect(unicode.status).toBe(200);
    expect(unicode.body).toMatchObject({ name: 'Échographie', following: true });
    await act(env, alice, `/api/v1/tags/${accented}/unfollow`);
    const echo = await say(env, bob, 'Cardiac views #échographie');
    expect(await ids(env, `/api/v1/timelines/tag/${encodeURIComponent('ÉCHOGRAPHIE')}`)).toEqual([echo.id]);
  });

  it('followed_tags: lists followed tags newest first, paginated, and needs read:follows', async () => {
    await act(env, alice, '/api/v1/tags/pocus/follow');
    await act(env, alice, '/api/v1/tags/ecg/follow');
    const res = await call(env, 'GET', '/api/v1/followed_tags', { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body.map((t: { name: string }) => t.name)).toEqual(['ecg', 'POCUS', 'Sonography']);
    for (const t of res.body) {
      expectMatchesSchema('Tag', t);
      expect(t.following).toBe(true);
    }
    const pages = await walkPages(env, '/api/v1/followed_tags?limit=2', alice);
    expect(pages.map((p) => p.length)).toEqual([2, 1]);
    await act(env, alice, '/api/v1/tags/ecg/unfollow');
    const after = await call(env, 'GET', '/api/v1/followed_tags', { token: alice.token });
    expect(after.body.map((t: { name: string }) => t.name)).toEqual(['POCUS', 'Sonography']);
    expect((await call(env, 'GET', '/api/v1/followed_tags')).status).toBe(401);
    const narrow = await createPersona(env, 'narrow', { scopes: 'read:statuses write:statuses' });
    expect((await call(env, 'GET', '/api/v1/followed_tags', { token: narrow.token })).status).toBe(403);
    expect((await call(env, 'POST', '/api/v1/tags/pocus/follow', { token: narrow.token })).status).toBe(403);
  });
});
