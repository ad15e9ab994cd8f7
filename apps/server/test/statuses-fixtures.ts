import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { generateId } from '../src/db/ids.ts';
import { accounts, blocks, follows, mutes } from '../src/db/schema/index.ts';
import { type CallOptions, call, type Persona, type TestEnv } from './harness.ts';

/** Posts as `who` and returns the Status JSON, failing the test on anything but 200. */
export async function post(
  env: TestEnv,
  who: Persona,
  body: Record<string, unknown>,
  opts: Omit<CallOptions, 'token' | 'body'> = {},
): Promise<any> {
  const res = await call(env, 'POST', '/api/v1/statuses', { ...opts, token: who.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** `from` follows `to` (rows written directly: the follow API belongs to another module). */
export async function follow(env: TestEnv, from: Persona, to: Persona): Promise<void> {
  const now = env.clock.now();
  await env.ctx.db.transaction(async (tx) => {
    await tx.insert(follows).values({
      id: generateId(),
      accountId: from.account.id,
      targetAccountId: to.account.id,
      createdAt: now,
    });
    await tx
      .update(accounts)
      .set({ followingCount: sql`${accounts.followingCount} + 1` })
      .where(sql`${accounts.id} = ${from.account.id}`);
    await tx
      .update(accounts)
      .set({ followersCount: sql`${accounts.followersCount} + 1` })
      .where(sql`${accounts.id} = ${to.account.id}`);
  });
}

export async function block(env: TestEnv, from: Persona, to: Persona): Promise<void> {
  await env.ctx.db.insert(blocks).values({
    id: generateId(),
    accountId: from.account.id,
    targetAccountId: to.account.id,
    createdAt: env.clock.now(),
  });
}

export async function unblock(env: TestEnv, from: Persona, to: Persona): Promise<void> {
  await env.ctx.db
    .delete(blocks)
    .where(sql`${blocks.accountId} = ${from.account.id} and ${blocks.targetAccountId} = ${to.account.id}`);
}

export async function mute(env: TestEnv, from: Persona, to: Persona): Promise<void> {
  await env.ctx.db.insert(mutes).values({
    id: generateId(),
    accountId: from.account.id,
    targetAccountId: to.account.id,
    createdAt: env.clock.now(),
  });
}

/** The account row's counters as the API shows them. */
export async function accountCounts(env: TestEnv, who: Persona) {
  const res = await call(env, 'GET', `/api/v1/accounts/${who.account.id}`);
  return {
    statuses: res.body.statuses_count as number,
    lastStatusAt: res.body.last_status_at as string | null,
  };
}

/** A status as `who` (or anonymous) sees it: the HTTP status and body. */
export function view(env: TestEnv, id: string, who?: Persona) {
  return call(env, 'GET', `/api/v1/statuses/${id}`, { token: who?.token });
}
