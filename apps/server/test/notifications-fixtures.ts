import { expect } from 'vitest';
import { call, type Persona, type TestEnv } from './harness.ts';

/** Waits until every event handler (notifications included) started so far has finished. */
export function settle(env: TestEnv): Promise<void> {
  return env.ctx.events.idle();
}

/** `who`'s notifications after the handlers have run; fails the test on anything but 200. */
export async function notificationsOf(env: TestEnv, who: Persona, query = ''): Promise<any[]> {
  await settle(env);
  const res = await call(env, 'GET', `/api/v1/notifications${query}`, { token: who.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** `who`'s grouped notifications (GET /api/v2/notifications) after the handlers have run. */
export async function groupsOf(env: TestEnv, who: Persona, query = '') {
  await settle(env);
  const res = await call(env, 'GET', `/api/v2/notifications${query}`, { token: who.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res;
}

/** "type from-username" summaries, newest first: what a user would read in the list. */
export function summarise(list: any[]): string[] {
  return list.map((n) => `${n.type} ${n.account.username}`);
}

export function follow(env: TestEnv, from: Persona, to: Persona, body: Record<string, unknown> = {}) {
  return call(env, 'POST', `/api/v1/accounts/${to.account.id}/follow`, { token: from.token, body });
}
