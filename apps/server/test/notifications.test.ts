import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { follow, notificationsOf, settle, summarise } from './notifications-fixtures.ts';
import { expectMatchesSchema } from './openapi.ts';
import { post } from './statuses-fixtures.ts';

describe('notifications are created by what people do', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  let dan: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    dan = await createPersona(env, 'dan', { locked: true });
  });

  it('follow: the followed account hears about it, and the entity matches the schema', async () => {
    expect((await follow(env, carol, alice)).status).toBe(200);
    const [n] = await notificationsOf(env, alice);
    expectMatchesSchema('Notification', n);
    expect(n).toMatchObject({ type: 'follow', account: { id: carol.account.id, acct: 'carol' } });
    expect(n.status).toBeUndefined();
    expect(n.group_key).toMatch(/^follow-\d+$/);
  });

  it('follow_request: shown while pending; accepting it neither keeps it nor adds a follow', async () => {
    await follow(env, bob, dan);
    await follow(env, carol, dan);
    expect(summarise(await notificationsOf(env, dan))).toEqual([
      'follow_request carol',
      'follow_request bob',
    ]);
    const ok = await call(env, 'POST', `/api/v1/follow_requests/${bob.account.id}/authorize`, {
      token: dan.token,
    });
    expect(ok.status).toBe(200);
    await call(env, 'POST', `/api/v1/follow_requests/${carol.account.id}/reject`, { token: dan.token });
    expect(await notificationsOf(env, dan)).toEqual([]);
  });

  it('mention: public, followers-only and direct mentions reach the mentioned account with the status', async () => {
    const pub = await post(env, bob, { status: '@alice could you look at this ECG?' });
    const priv = await post(env, bob, { status: '@alice followers-only case', visibility: 'private' });
    const dm = await post(env, bob, { status: '@alice privately: thanks', visibility: 'direct' });
    const list = await notificationsOf(env, alice, '?types[]=mention');
    expect(list.map((n) => n.status.id)).toEqual([dm.id, priv.id, pub.id]);
    for (const n of list) expectMatchesSchema('Notification', n);
    expect(list[0]).toMatchObject({
      type: 'mention',
      account: { username: 'bob' },
      group_key: `ungrouped-${list[0].id}`,
    });
    expect(list[0].status.visibility).toBe('direct');
  });

  it('status: followers who rang the bell hear about new posts and their own threads, not replies to others', async () => {
    await follow(env, alice, carol, { notify: true });
    const first = await post(env, carol, { status: 'Tweetorial: hyperkalaemia 1/2' });
    const second = await post(env, carol, {
      status: '2/2 treat the ECG, not the number',
      in_reply_to_id: first.id,
    });
    await post(env, carol, { status: 'Agreed!', in_reply_to_id: (await post(env, bob, { status: 'Q' })).id });
    const list = await notificationsOf(env, alice, '?types[]=status');
    expect(list.map((n) => n.status.id)).toEqual([second.id, first.id]);
    expect(list[0].account.username).toBe('carol');
  });

  it('favourite and reblog: the author sees who did it, on which status; undoing a reblog removes it', async () => {
    const s = await post(env, alice, { status: 'Lung ultrasound: B-lines explained' });
    await call(env, 'POST', `/api/v1/statuses/${s.id}/favourite`, { token: bob.token });
    await call(env, 'POST', `/api/v1/statuses/${s.id}/reblog`, { token: carol.token });
    const list = await notificationsOf(env, alice, '?types[]=favourite&types[]=reblog');
    expect(summarise(list)).toEqual(['reblog carol', 'favourite bob']);
    expect(list.map((n) => n.status.id)).toEqual([s.id, s.id]);
    expect(list[0].status.reblog).toBeNull();
    await call(env, 'POST', `/api/v1/statuses/${s.id}/unreblog`, { token: carol.token });
    expect(summarise(await notificationsOf(env, alice, '?types[]=favourite&types[]=reblog'))).toEqual([
      'favourite bob',
    ]);
  });

  it('quote: the quoted author sees the post that quotes them', async () => {
    const s = await post(env, alice, { status: 'Sepsis bundles: what changed' });
    const q = await post(env, bob, { status: 'Worth reading', quoted_status_id: s.id });
    const [n] = await notificationsOf(env, alice, '?types[]=quote');
    expectMatchesSchema('Notification', n);
    expect(n).toMatchObject({ type: 'quote', account: { username: 'bob' }, status: { id: q.id } });
  });

  it('update and quoted_update: rebloggers and quoters hear about an edit', async () => {
    const s = await post(env, alice, { status: 'Dose: 1 mg/kg' });
    await call(env, 'POST', `/api/v1/statuses/${s.id}/reblog`, { token: bob.token });
    const q = await post(env, carol, { status: 'Check this dose', quoted_status_id: s.id });
    await call(env, 'POST', `/api/v1/statuses/${s.id}/favourite`, { token: dan.token });
    const edit = await call(env, 'PUT', `/api/v1/statuses/${s.id}`, {
      token: alice.token,
      body: { status: 'Dose: 0.1 mg/kg (corrected)' },
    });
    expect(edit.status).toBe(200);
    const [u] = await notificationsOf(env, bob, '?types[]=update');
    expect(u).toMatchObject({ type: 'update', account: { username: 'alice' }, status: { id: s.id } });
    expect(u.status.content).toContain('corrected');
    const [qu] = await notificationsOf(env, carol, '?types[]=quoted_update');
    expect(qu).toMatchObject({ type: 'quoted_update', account: { username: 'alice' }, status: { id: q.id } });
    expectMatchesSchema('Notification', u);
    expectMatchesSchema('Notification', qu);
    expect(await notificationsOf(env, dan, '?types[]=update')).toEqual([]);
  });

  it('never notifies you about yourself', async () => {
    const s = await post(env, carol, { status: 'Note to self @carol' });
    await call(env, 'POST', `/api/v1/statuses/${s.id}/favourite`, { token: carol.token });
    await call(env, 'POST', `/api/v1/statuses/${s.id}/reblog`, { token: carol.token });
    const mine = (await notificationsOf(env, carol)).filter((n) => n.account.id === carol.account.id);
    expect(mine).toEqual([]);
  });

  it('hides a notification whose status the recipient can no longer see', async () => {
    await follow(env, dan, bob, { notify: true });
    await call(env, 'POST', `/api/v1/follow_requests/${dan.account.id}/authorize`, { token: bob.token });
    await settle(env);
    const s = await post(env, bob, { status: 'Followers only: rota swap?', visibility: 'private' });
    expect((await notificationsOf(env, dan, '?types[]=status')).map((n) => n.status.id)).toEqual([s.id]);
    await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/unfollow`, { token: dan.token });
    expect(await notificationsOf(env, dan, '?types[]=status')).toEqual([]);
  });
});

describe('reading notifications', () => {
  let env: TestEnv;
  let alice: Persona;
  let others: Persona[];
  let ids: string[];
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    others = [];
    for (const name of ['bob', 'carol', 'dan', 'mo']) others.push(await createPersona(env, name));
    const s = await post(env, alice, { status: 'Case: chest pain, normal ECG' });
    await follow(env, others[0]!, alice);
    await call(env, 'POST', `/api/v1/statuses/${s.id}/favourite`, { token: others[1]!.token });
    await post(env, others[2]!, { status: '@alice what about troponin?' });
    await call(env, 'POST', `/api/v1/statuses/${s.id}/reblog`, { token: others[3]!.token });
    ids = (await notificationsOf(env, alice)).map((n) => n.id);
  });

  it('lists newest first and filters by types, exclude_types and account_id', async () => {
    expect(summarise(await notificationsOf(env, alice))).toEqual([
      'reblog mo',
      'mention dan',
      'favourite carol',
      'follow bob',
    ]);
    expect(summarise(await notificationsOf(env, alice, '?types[]=follow&types[]=mention'))).toEqual([
      'mention dan',
      'follow bob',
    ]);
    expect(
      summarise(await notificationsOf(env, alice, '?exclude_types[]=follow&exclude_types[]=reblog')),
    ).toEqual(['mention dan', 'favourite carol']);
    expect(summarise(await notificationsOf(env, alice, `?account_id=${others[1]!.account.id}`))).toEqual([
      'favourite carol',
    ]);
    expect(await notificationsOf(env, alice, '?types[]=admin.sign_up')).toEqual([]);
  });

  it('pages with limit, max_id, min_id and since_id, and says where the next page is', async () => {
    const first = await call(
      env,
      'GET',
      '/api/v1/notifications?limit=2&types[]=follow&types[]=favourite&types[]=mention&types[]=reblog',
      {
        token: alice.token,
      },
    );
    expect(first.body.map((n: any) => n.id)).toEqual(ids.slice(0, 2));
    const link = first.headers.get('link')!;
    expect(link).toContain(`max_id=${ids[1]}`);
    expect(link).toContain(`min_id=${ids[0]}`);
    expect(link).toContain('types%5B%5D=follow');
    const next = new URL(/<([^>]+)>; rel="next"/.exec(link)![1]!);
    const second = await call(env, 'GET', `${next.pathname}${next.search}`, { token: alice.token });
    expect(second.body.map((n: any) => n.id)).toEqual(ids.slice(2, 4));
    const forward = await call(env, 'GET', `/api/v1/notifications?min_id=${ids[3]}&limit=2`, {
      token: alice.token,
    });
    expect(forward.body.map((n: any) => n.id)).toEqual(ids.slice(1, 3));
    const since = await call(env, 'GET', `/api/v1/notifications?since_id=${ids[3]}&limit=2`, {
      token: alice.token,
    });
    expect(since.body.map((n: any) => n.id)).toEqual(ids.slice(0, 2));
  });

  it('gets one notification, and only the owner can', async () => {
    const res = await call(env, 'GET', `/api/v1/notifications/${ids[1]}`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: ids[1], type: 'mention' });
    expect(
      (await call(env, 'GET', `/api/v1/notifications/${ids[1]}`, { token: others[2]!.token })).status,
    ).toBe(404);
  });

  it('counts unread notifications after the notifications marker', async () => {
    const count = () => call(env, 'GET', '/api/v1/notifications/unread_count', { token: alice.token });
    expect((await count()).body).toEqual({ count: 4 });
    await call(env, 'POST', '/api/v1/markers', {
      token: alice.token,
      body: { notifications: { last_read_id: ids[2] } },
    });
    expect((await count()).body).toEqual({ count: 2 });
    const capped = await call(env, 'GET', '/api/v1/notifications/unread_count?limit=1', {
      token: alice.token,
    });
    expect(capped.body).toEqual({ count: 1 });
  });

  it('needs read:notifications to read and write:notifications to dismiss', async () => {
    const reader = await createPersona(env, 'reader', { scopes: 'read:accounts' });
    expect((await call(env, 'GET', '/api/v1/notifications', { token: reader.token })).status).toBe(403);
    expect((await call(env, 'GET', '/api/v1/notifications')).status).toBe(401);
    const readOnly = await createPersona(env, 'readonly', { scopes: 'read' });
    expect((await call(env, 'POST', '/api/v1/notifications/clear', { token: readOnly.token })).status).toBe(
      403,
    );
  });

  it('dismisses one notification, then clears them all', async () => {
    expect(
      (await call(env, 'POST', `/api/v1/notifications/${ids[0]}/dismiss`, { token: others[0]!.token }))
        .status,
    ).toBe(404);
    const res = await call(env, 'POST', `/api/v1/notifications/${ids[0]}/dismiss`, { token: alice.token });
    expect([res.status, res.body]).toEqual([200, {}]);
    expect((await notificationsOf(env, alice)).map((n) => n.id)).toEqual(ids.slice(1));
    expect((await call(env, 'GET', `/api/v1/notifications/${ids[0]}`, { token: alice.token })).status).toBe(
      404,
    );
    expect((await call(env, 'POST', '/api/v1/notifications/clear', { token: alice.token })).body).toEqual({});
    expect(await notificationsOf(env, alice)).toEqual([]);
  });
});

describe('blocks and mutes silence notifications', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  let dan: Persona;
  let status: { id: string };
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    dan = await createPersona(env, 'dan');
    status = await post(env, alice, { status: 'Journal club tonight: PEITHO' });
  });

  const fav = (who: Persona) =>
    call(env, 'POST', `/api/v1/statuses/${status.id}/favourite`, { token: who.token });
  const mute = (who: Persona, notifications: boolean) =>
    call(env, 'POST', `/api/v1/accounts/${who.account.id}/mute`, {
      token: alice.token,
      body: { notifications },
    });

  it('a mute with notifications hides what they did before and after; lifting it shows them again', async () => {
    await fav(bob);
    await settle(env);
    await mute(bob, true);
    await post(env, bob, { status: '@alice see you there' });
    expect(await notificationsOf(env, alice)).toEqual([]);
    await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/unmute`, { token: alice.token });
    expect(summarise(await notificationsOf(env, alice))).toEqual(['favourite bob']);
  });

  it('a mute without notifications hides nothing', async () => {
    await mute(carol, false);
    await fav(carol);
    await post(env, carol, { status: '@alice count me in' });
    expect(summarise(await notificationsOf(env, alice, `?account_id=${carol.account.id}`))).toEqual([
      'mention carol',
      'favourite carol',
    ]);
  });

  it('a block removes what they did, and unblocking does not bring it back', async () => {
    await fav(dan);
    expect(summarise(await notificationsOf(env, alice, `?account_id=${dan.account.id}`))).toEqual([
      'favourite dan',
    ]);
    await call(env, 'POST', `/api/v1/accounts/${dan.account.id}/block`, { token: alice.token });
    expect(await notificationsOf(env, alice, `?account_id=${dan.account.id}`)).toEqual([]);
    await call(env, 'POST', `/api/v1/accounts/${dan.account.id}/unblock`, { token: alice.token });
    expect(await notificationsOf(env, alice, `?account_id=${dan.account.id}`)).toEqual([]);
  });

  it('being blocked by the actor also hides what they did before', async () => {
    const s = await post(env, carol, { status: 'Case for the club' });
    await call(env, 'POST', `/api/v1/statuses/${s.id}/favourite`, { token: bob.token });
    expect(summarise(await notificationsOf(env, carol, `?account_id=${bob.account.id}`))).toEqual([
      'favourite bob',
    ]);
    await call(env, 'POST', `/api/v1/accounts/${carol.account.id}/block`, { token: bob.token });
    expect(await notificationsOf(env, carol, `?account_id=${bob.account.id}`)).toEqual([]);
  });
});

describe('markers', () => {
  let env: TestEnv;
  let alice: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
  });

  it('saves and returns read positions, counting versions up', async () => {
    const empty = await call(env, 'GET', '/api/v1/markers?timeline[]=home&timeline[]=notifications', {
      token: alice.token,
    });
    expect([empty.status, empty.body]).toEqual([200, {}]);
    const first = await call(env, 'POST', '/api/v1/markers', {
      token: alice.token,
      form: { 'home[last_read_id]': '1000', 'notifications[last_read_id]': '2000' },
    });
    expect(first.status).toBe(200);
    expectMatchesSchema('Marker', first.body.home);
    expect(first.body.home).toMatchObject({ last_read_id: '1000', version: 0 });
    expect(first.body.notifications).toMatchObject({ last_read_id: '2000', version: 0 });
    env.clock.advance(60_000);
    const second = await call(env, 'POST', '/api/v1/markers', {
      token: alice.token,
      body: { home: { last_read_id: '1500' } },
    });
    expect(Object.keys(second.body)).toEqual(['home']);
    expect(second.body.home).toMatchObject({ last_read_id: '1500', version: 1 });
    const got = await call(env, 'GET', '/api/v1/markers?timeline[]=home&timeline[]=notifications', {
      token: alice.token,
    });
    expect(got.body.home).toEqual(second.body.home);
    expect(got.body.notifications).toEqual(first.body.notifications);
    expect(
      new Date(got.body.home.updated_at).getTime() - new Date(got.body.notifications.updated_at).getTime(),
    ).toBe(60_000);
    const onlyHome = await call(env, 'GET', '/api/v1/markers?timeline[]=home&timeline[]=lists', {
      token: alice.token,
    });
    expect(Object.keys(onlyHome.body)).toEqual(['home']);
  });

  it('rejects a marker that is not an id, and needs the statuses scopes', async () => {
    const bad = await call(env, 'POST', '/api/v1/markers', {
      token: alice.token,
      body: { home: { last_read_id: 'latest' } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toContain('home.last_read_id');
    const reader = await createPersona(env, 'reader', { scopes: 'read:statuses' });
    expect((await call(env, 'GET', '/api/v1/markers?timeline[]=home', { token: reader.token })).status).toBe(
      200,
    );
    const write = await call(env, 'POST', '/api/v1/markers', {
      token: reader.token,
      body: { home: { last_read_id: '1' } },
    });
    expect(write.status).toBe(403);
  });
});
