import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { follow, groupsOf, notificationsOf, settle } from './notifications-fixtures.ts';
import { expectMatchesSchema } from './openapi.ts';
import { post } from './statuses-fixtures.ts';

/**
 * Validates against Mastodon's schema. NOTE: the schema types most_recent_notification_id as an
 * integer (Mastodon's ids are small); ours are 64-bit, sent as strings, so it is checked as a number.
 */
function expectGroupedResults(body: any): void {
  expectMatchesSchema('GroupedNotificationsResults', {
    ...body,
    notification_groups: body.notification_groups.map((g: any) => ({
      ...g,
      most_recent_notification_id: Number(g.most_recent_notification_id),
    })),
  });
  for (const g of body.notification_groups) expect(typeof g.most_recent_notification_id).toBe('string');
}

describe('grouped notifications (/api/v2/notifications)', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  let dan: Persona;
  let mo: Persona;
  let case1: { id: string };
  let case2: { id: string };
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    dan = await createPersona(env, 'dan');
    mo = await createPersona(env, 'mo');
    case1 = await post(env, alice, { status: 'Case 1: syncope in a runner' });
    case2 = await post(env, alice, { status: 'Case 2: wide-complex tachycardia' });
    // Oldest to newest: two follows, two favourites on case 1, a mention, a favourite on case 2.
    await follow(env, bob, alice);
    await follow(env, carol, alice);
    await call(env, 'POST', `/api/v1/statuses/${case1.id}/favourite`, { token: bob.token });
    await settle(env);
    await call(env, 'POST', `/api/v1/statuses/${case1.id}/favourite`, { token: carol.token });
    await settle(env);
    await post(env, dan, { status: '@alice HCM?' });
    await settle(env);
    await call(env, 'POST', `/api/v1/statuses/${case2.id}/favourite`, { token: mo.token });
  });

  it('folds two favourites of one status into one group with both accounts, and side-loads them', async () => {
    const { body, headers } = await groupsOf(env, alice);
    expectGroupedResults(body);
    const groups = body.notification_groups;
    expect(groups.map((g: any) => g.type)).toEqual(['favourite', 'mention', 'favourite', 'follow']);
    const fav = groups[2];
    expect(fav).toMatchObject({ notifications_count: 2, status_id: case1.id });
    expect(fav.group_key).toMatch(new RegExp(`^favourite-${case1.id}-\\d+$`));
    expect(fav.sample_account_ids).toEqual([carol.account.id, bob.account.id]);
    expect(groups[3]).toMatchObject({
      notifications_count: 2,
      sample_account_ids: [carol.account.id, bob.account.id],
    });
    expect(groups[3].status_id).toBeUndefined();
    const mention = groups[1];
    expect(mention.group_key).toBe(`ungrouped-${mention.most_recent_notification_id}`);
    expect(body.accounts.map((a: any) => a.username).sort()).toEqual(['bob', 'carol', 'dan', 'mo']);
    expect(body.statuses.map((s: any) => s.id).sort()).toEqual(
      [case1.id, case2.id, groups[1].status_id].sort(),
    );
    const all = await notificationsOf(env, alice);
    expect(fav.most_recent_notification_id).toBe(
      all.find((n) => n.type === 'favourite' && n.account.username === 'carol').id,
    );
    expect(fav.page_max_id).toBe(fav.most_recent_notification_id);
    expect(fav.page_min_id).toBe(all.find((n) => n.type === 'favourite' && n.account.username === 'bob').id);
    expect(new Date(fav.latest_page_notification_at).toISOString()).toBe(fav.latest_page_notification_at);
    expect(headers.get('link')).toContain(`max_id=${groups[3].most_recent_notification_id}`);
  });

  it('pages by groups: the next page starts below the last group shown', async () => {
    const first = await groupsOf(env, alice, '?limit=2');
    expect(first.body.notification_groups.map((g: any) => g.type)).toEqual(['favourite', 'mention']);
    const next = new URL(/<([^>]+)>; rel="next"/.exec(first.headers.get('link')!)![1]!);
    const second = await groupsOf(env, alice, next.search);
    expect(second.body.notification_groups.map((g: any) => `${g.type}:${g.notifications_count}`)).toEqual([
      'favourite:2',
      'follow:2',
    ]);
    const prev = new URL(/<([^>]+)>; rel="prev"/.exec(second.headers.get('link')!)![1]!);
    const back = await groupsOf(env, alice, prev.search);
    expect(back.body.notification_groups.map((g: any) => g.type)).toEqual(['favourite', 'mention']);
  });

  it('filters with types and keeps types out of groups the client cannot show grouped', async () => {
    const favs = await groupsOf(env, alice, '?types[]=favourite');
    expect(favs.body.notification_groups.map((g: any) => g.notifications_count)).toEqual([1, 2]);
    const ungrouped = await groupsOf(env, alice, '?grouped_types[]=follow&types[]=favourite');
    expect(ungrouped.body.notification_groups.map((g: any) => g.notifications_count)).toEqual([1, 1, 1]);
    for (const g of ungrouped.body.notification_groups) expect(g.group_key).toMatch(/^ungrouped-\d+$/);
  });

  it('gets one group with all its accounts, without page fields', async () => {
    const { body } = await groupsOf(env, alice, '?types[]=follow');
    const key = body.notification_groups[0].group_key;
    const one = await call(env, 'GET', `/api/v2/notifications/${key}`, { token: alice.token });
    expect(one.status).toBe(200);
    expectGroupedResults(one.body);
    expect(one.body.notification_groups).toHaveLength(1);
    expect(one.body.notification_groups[0]).toMatchObject({ group_key: key, notifications_count: 2 });
    expect(one.body.notification_groups[0].page_min_id).toBeUndefined();
    const accounts = await call(env, 'GET', `/api/v2/notifications/${key}/accounts`, { token: alice.token });
    expect(accounts.body.map((a: any) => a.username)).toEqual(['carol', 'bob']);
    expect((await call(env, 'GET', `/api/v2/notifications/${key}`, { token: bob.token })).status).toBe(404);
    expect((await call(env, 'GET', '/api/v2/notifications/not-a-key', { token: alice.token })).status).toBe(
      404,
    );
  });

  it('counts unread groups and answers the policy', async () => {
    const count = await call(env, 'GET', '/api/v2/notifications/unread_count', { token: alice.token });
    expect(count.body).toEqual({ count: 4 });
    const policy = await call(env, 'GET', '/api/v2/notifications/policy', { token: alice.token });
    expect(policy.status).toBe(200);
    expectMatchesSchema('NotificationPolicy', policy.body);
    expect(policy.body.summary).toEqual({ pending_requests_count: 0, pending_notifications_count: 0 });
  });

  it('dismisses a whole group, and an ungrouped one by its key', async () => {
    const { body } = await groupsOf(env, alice);
    const [newestFav, mention, , follows] = body.notification_groups;
    for (const g of [follows, mention]) {
      const res = await call(env, 'POST', `/api/v2/notifications/${g.group_key}/dismiss`, {
        token: alice.token,
      });
      expect([res.status, res.body]).toEqual([200, {}]);
    }
    const after = await groupsOf(env, alice);
    expect(after.body.notification_groups.map((g: any) => g.group_key)).toEqual([
      newestFav.group_key,
      body.notification_groups[2].group_key,
    ]);
  });
});

describe('group keys over time', () => {
  let env: TestEnv;
  let alice: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
  });

  it('keeps a burst in one group across an hour boundary, and starts a new group after 12 hours', async () => {
    const s = await post(env, alice, { status: 'AMA: emergency medicine residency' });
    const fans: Persona[] = [];
    for (const name of ['f1', 'f2', 'f3']) fans.push(await createPersona(env, name));
    env.clock.set(new Date('2026-11-23T09:50:00Z'));
    await call(env, 'POST', `/api/v1/statuses/${s.id}/favourite`, { token: fans[0]!.token });
    await settle(env);
    env.clock.set(new Date('2026-11-23T10:20:00Z'));
    await call(env, 'POST', `/api/v1/statuses/${s.id}/favourite`, { token: fans[1]!.token });
    await settle(env);
    env.clock.set(new Date('2026-11-23T22:30:00Z'));
    await call(env, 'POST', `/api/v1/statuses/${s.id}/favourite`, { token: fans[2]!.token });
    const { body } = await groupsOf(env, alice);
    expect(body.notification_groups.map((g: any) => g.notifications_count)).toEqual([1, 2]);
    const keys = body.notification_groups.map((g: any) => g.group_key);
    expect(new Set(keys).size).toBe(2);
  });
});
