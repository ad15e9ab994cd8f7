import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateId } from '../src/db/ids.ts';
import { accounts, notifications } from '../src/db/schema/index.ts';
import { createNotifications } from '../src/domain/notifications/index.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { follow, notificationsOf, settle, summarise } from './notifications-fixtures.ts';
import { post } from './statuses-fixtures.ts';

describe('notification handlers, driven by events', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  const created: string[] = [];
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    env.ctx.events.on('NotificationCreated', (e) => {
      created.push(`${e.accountId}:${e.notificationId}`);
    });
  });

  const rowsFor = (who: Persona) =>
    env.ctx.db.select().from(notifications).where(eq(notifications.accountId, who.account.id));

  it('announces every notification it creates, for live streams', async () => {
    await follow(env, bob, alice);
    const [n] = await notificationsOf(env, alice);
    expect(created).toContain(`${alice.account.id}:${n.id}`);
  });

  it('shrugs off events about rows that are already gone', async () => {
    const s = await post(env, carol, { status: 'Soon deleted' });
    env.ctx.events.emit('StatusFavourited', { statusId: '1', accountId: bob.account.id });
    env.ctx.events.emit('StatusReblogged', { statusId: s.id, reblogId: '2', accountId: bob.account.id });
    env.ctx.events.emit('StatusCreated', { statusId: '3', accountId: bob.account.id });
    await settle(env);
    expect((await rowsFor(carol)).map((r) => r.type)).toEqual([]);
  });

  it('never creates a mention across a block, so unblocking shows nothing', async () => {
    await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/block`, { token: carol.token });
    await post(env, bob, { status: '@carol are you on call?' });
    await settle(env);
    await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/unblock`, { token: carol.token });
    expect(await notificationsOf(env, carol)).toEqual([]);
  });

  it("skips 'status' posts of an author muted without hiding notifications, but keeps their mentions", async () => {
    await follow(env, alice, carol, { notify: true });
    await call(env, 'POST', `/api/v1/accounts/${carol.account.id}/mute`, {
      token: alice.token,
      body: { notifications: false },
    });
    await post(env, carol, { status: 'New post for subscribers' });
    await post(env, carol, { status: '@alice this one is for you' });
    expect(summarise(await notificationsOf(env, alice, `?account_id=${carol.account.id}`))).toEqual([
      'mention carol',
    ]);
  });

  it('a follow after a rejected request, once the account is unlocked, is a plain follow', async () => {
    const lee = await createPersona(env, 'lee', { locked: true });
    await follow(env, bob, lee);
    await settle(env);
    await call(env, 'POST', `/api/v1/follow_requests/${bob.account.id}/reject`, { token: lee.token });
    const unlocked = await call(env, 'PATCH', '/api/v1/accounts/update_credentials', {
      token: lee.token,
      form: { locked: 'false' },
    });
    expect(unlocked.status).toBe(200);
    await follow(env, bob, lee);
    expect(summarise(await notificationsOf(env, lee))).toEqual(['follow bob']);
  });

  it('notifies local accounts only', async () => {
    const now = env.clock.now();
    const remoteId = generateId();
    await env.ctx.db.insert(accounts).values({
      id: remoteId,
      username: 'remote',
      domain: 'elsewhere.example',
      createdAt: now,
      updatedAt: now,
    });
    const rows = await createNotifications(env.ctx, [
      { recipientId: remoteId, fromAccountId: alice.account.id, type: 'follow', statusId: null },
      { recipientId: carol.account.id, fromAccountId: alice.account.id, type: 'follow', statusId: null },
    ]);
    expect(rows.map((r) => r.accountId)).toEqual([carol.account.id]);
  });
});
