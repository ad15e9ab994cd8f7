import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { act, linkOf, personas, say } from './timelines-helpers.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The names of the trending tags at `path`. */
async function trendNames(env: TestEnv, path = '/api/v1/trends/tags', who?: Persona): Promise<string[]> {
  const res = await call(env, 'GET', path, { token: who?.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.map((t: { name: string }) => t.name);
}

describe('trending hashtags', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  let dan: Persona;
  let erin: Persona;

  /** Posts as `who`, `daysAgo` days before the test's "now". */
  async function sayAt(who: Persona, daysAgo: number, text: string, extra: Record<string, unknown> = {}) {
    const now = env.clock.now();
    env.clock.set(new Date(now.getTime() - daysAgo * DAY));
    try {
      return await say(env, who, text, extra);
    } finally {
      env.clock.set(now);
    }
  }

  beforeAll(async () => {
    env = await createTestEnv();
    [alice, bob, carol, dan, erin] = await personas(env, 'alice', 'bob', 'carol', 'dan', 'erin');
    // Three people on #POCUS today: the clear trend.
    for (const who of [alice, bob, carol]) await say(env, who, `Today's #POCUS pearl from ${who.username}`);
    // Two people on #sepsis yesterday.
    for (const who of [dan, erin]) await sayAt(who, 1, 'New #sepsis bundle thoughts');
    // One person posting #ECG ten times counts once; a second used it six days ago.
    for (let i = 0; i < 10; i++) await say(env, alice, `ECG quiz ${i} #ECG`);
    await sayAt(bob, 6, 'Old #ecg case');
    // One person alone is no trend.
    await say(env, carol, 'My own #NightShiftDiary');
    // Not public, not recent, or by a disabled account: none count.
    for (const who of [bob, carol]) await say(env, who, '#wardgossip', { visibility: 'private' });
    for (const who of [bob, carol]) await say(env, who, '#quietpost', { visibility: 'unlisted' });
    for (const who of [alice, bob, carol]) await sayAt(who, 8, 'Last week #oldnews');
    const mo = await createPersona(env, 'mo');
    await say(env, mo, 'Spam #buyfollowers');
    await say(env, alice, 'Hmm #buyfollowers');
    await env.ctx.db.update(users).set({ disabled: true }).where(eq(users.id, mo.user.id));
    // A large audience does not make a tag trend: followers play no part.
    for (const who of [alice, bob, carol, dan])
      await act(env, who, `/api/v1/accounts/${erin.account.id}/follow`);
    // A reblog is not a use.
    const reblogged = await say(env, erin, 'Erin on #ultrasound');
    await act(env, dan, `/api/v1/statuses/${reblogged.id}/reblog`);
  });

  it('ranks tags by how many people used them recently, not by volume or audience', async () => {
    const res = await call(env, 'GET', '/api/v1/trends/tags');
    expect(res.status).toBe(200);
    for (const tag of res.body) expectMatchesSchema('Tag', tag);
    // Three people today; two yesterday; one today (ten times) and one six days ago.
    expect(res.body.map((t: { name: string }) => t.name)).toEqual(['POCUS', 'sepsis', 'ECG']);
    expect(res.body[0]).toMatchObject({ url: 'https://rounds.test/tags/pocus' });
    expect(res.body[0]).not.toHaveProperty('following');
  });

  it('shows seven days of history, today first, as strings', async () => {
    const res = await call(env, 'GET', '/api/v1/trends/tags');
    const pocus = res.body[0];
    expect(pocus.history).toHaveLength(7);
    const today = Math.floor(env.clock.now().getTime() / DAY) * DAY;
    expect(pocus.history[0]).toEqual({ day: String(today / 1000), uses: '3', accounts: '3' });
    const sepsis = res.body[1];
    expect(sepsis.history[1]).toEqual({ day: String((today - DAY) / 1000), uses: '2', accounts: '2' });
  });

  it('pages with limit and offset, linking onwards as Mastodon does', async () => {
    const first = await call(env, 'GET', '/api/v1/trends/tags?limit=1');
    expect(first.body.map((t: { name: string }) => t.name)).toEqual(['POCUS']);
    const next = linkOf(first.headers, 'next')!;
    expect(next).toBe('/api/v1/trends/tags?limit=1&offset=1');
    expect(linkOf(first.headers, 'prev')).toBeNull();
    const second = await call(env, 'GET', next);
    expect(second.body.map((t: { name: string }) => t.name)).toEqual(['sepsis']);
    expect(linkOf(second.headers, 'prev')).toBe('/api/v1/trends/tags?limit=1&offset=0');
    expect(await trendNames(env, '/api/v1/trends/tags?offset=3')).toEqual([]);
    // Larger limits are capped at 20, as Mastodon does; nonsense is refused.
    expect(await trendNames(env, '/api/v1/trends/tags?limit=500')).toHaveLength(3);
    const bad = await call(env, 'GET', '/api/v1/trends/tags?limit=many');
    expect(bad.status).toBe(422);
    expect(bad.body.error).toContain('limit');
    expect((await call(env, 'GET', '/api/v1/trends/tags?offset=-1')).status).toBe(422);
  });

  it('answers the older /api/v1/trends the same way', async () => {
    expect(await trendNames(env, '/api/v1/trends')).toEqual(['POCUS', 'sepsis', 'ECG']);
  });

  it('tells a signed-in viewer which trending tags they follow', async () => {
    await act(env, dan, '/api/v1/tags/sepsis/follow');
    const res = await call(env, 'GET', '/api/v1/trends/tags', { token: dan.token });
    expect(res.body.map((t: { name: string; following: boolean }) => [t.name, t.following])).toEqual([
      ['POCUS', false],
      ['sepsis', true],
      ['ECG', false],
    ]);
    for (const tag of res.body) expectMatchesSchema('Tag', tag);
  });

  it('lets a trend fade as the week passes', async () => {
    const now = env.clock.now();
    env.clock.set(new Date(now.getTime() + 6 * DAY + HOUR));
    try {
      // Six days on, #sepsis has left the window and #ecg is down to one person.
      expect(await trendNames(env)).toEqual(['POCUS']);
      env.clock.set(new Date(now.getTime() + 7 * DAY + HOUR));
      expect(await trendNames(env)).toEqual([]);
    } finally {
      env.clock.set(now);
    }
  });

  it('answers trending posts and links with an honest empty list', async () => {
    for (const path of ['/api/v1/trends/statuses', '/api/v1/trends/links']) {
      const res = await call(env, 'GET', path, { token: alice.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
    }
    expect((await call(env, 'GET', '/api/v1/trends/statuses?limit=5&offset=0')).body).toEqual([]);
  });
});
