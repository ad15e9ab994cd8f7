import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { feedAnswers, selectHomeTimelineIds, selectHomeTimelineRows } from '../src/domain/timelines/home.ts';
import { trimHomeFeeds } from '../src/domain/timelines/home-feed.ts';
import { call, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { act, ids, personas, say, walkPages } from './timelines-helpers.ts';

/** Every page of the viewer's home read by scanning all statuses (no feed): the oracle. */
async function scanned(env: TestEnv, who: Persona, limit: number): Promise<string[]> {
  const all: string[] = [];
  let maxId: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await selectHomeTimelineIds(env.ctx.db, who.account.id, { limit, maxId }, env.clock.now());
    all.push(...page);
    if (page.length < limit) break;
    maxId = page[page.length - 1];
  }
  return all;
}

/** Every page of the viewer's home through the route (the feed, or the scan below its horizon). */
async function served(env: TestEnv, who: Persona, limit: number): Promise<string[]> {
  return (await walkPages(env, `/api/v1/timelines/home?limit=${limit}`, who)).flat();
}

async function feedOf(env: TestEnv, who: Persona): Promise<{ horizon: string | null; entries: number }> {
  const r =
    await env.ctx.db.execute(sql`select (select horizon::text from home_feeds where account_id = ${who.account.id}) as horizon,
    (select count(*)::int from home_feed_entries where account_id = ${who.account.id}) as entries`);
  const [row] = (r as unknown as { rows: Array<{ horizon: string | null; entries: number }> }).rows;
  return { horizon: row!.horizon, entries: Number(row!.entries) };
}

describe('home feeds (fan-out on write)', () => {
  let env: TestEnv;
  let people: Persona[];

  beforeAll(async () => {
    env = await createTestEnv();
    people = [...(await personas(env, 'alice', 'bob', 'carol', 'dan', 'mo'))];
  });

  it('gives every page exactly as scanning every status does, through any mix of posts and graph changes', async () => {
    const posted: string[] = [];
    let feedAnswered = 0;
    const person = fc.integer({ min: 0, max: 4 });
    const graph = fc.constantFrom(
      'follow' as const,
      'follow' as const,
      'unfollow' as const,
      'block' as const,
      'unblock' as const,
      'mute' as const,
      'unmute' as const,
    );
    const op = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          k: fc.constant('post' as const),
          who: person,
          vis: fc.constantFrom('public', 'private', 'direct', 'unlisted'),
          to: person,
          reply: fc.boolean(),
        }),
      },
      { weight: 2, arbitrary: fc.record({ k: fc.constant('reblog' as const), who: person, pick: fc.nat() }) },
      { weight: 4, arbitrary: fc.record({ k: graph, who: person, to: person }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('delete' as const), pick: fc.nat() }) },
      {
        weight: 1,
        arbitrary: fc.record({ k: fc.constant('trim' as const), depth: fc.integer({ min: 2, max: 6 }) }),
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 6, maxLength: 20 }), async (ops) => {
        for (const o of ops) {
          if (o.k === 'post') {
            const who = people[o.who]!;
            const target = people[o.to]!;
            const extra: Record<string, unknown> = { visibility: o.vis };
            if (o.reply && posted.length > 0) extra.in_reply_to_id = posted[posted.length - 1];
            const res = await call(env, 'POST', '/api/v1/statuses', {
              token: who.token,
              body: { status: `@${target.username} note ${posted.length}`, ...extra },
            });
            if (res.status === 200) posted.push(res.body.id);
          } else if (o.k === 'reblog') {
            if (posted.length === 0) continue;
            const res = await call(env, 'POST', `/api/v1/statuses/${posted[o.pick % posted.length]}/reblog`, {
              token: people[o.who]!.token,
            });
            if (res.status === 200) posted.push(res.body.id);
          } else if (o.k === 'delete') {
            if (posted.length === 0) continue;
            const id = posted[o.pick % posted.length]!;
            // Deleted as whoever wrote it (others get 404, which changes nothing).
            for (const p of people) await call(env, 'DELETE', `/api/v1/statuses/${id}`, { token: p.token });
          } else if (o.k === 'trim') {
            await trimHomeFeeds(env.ctx.db, o.depth);
          } else if (o.who !== o.to) {
            await call(env, 'POST', `/api/v1/accounts/${people[o.to]!.account.id}/${o.k}`, {
              token: people[o.who]!.token,
            });
          }
        }
        // The feed's promise, checked directly: every status above the horizon by the viewer or
        // an account the viewer follows has an entry.
        const missing = await env.ctx.db.execute(sql`select h.account_id::text, s.id::text from home_feeds h
          join statuses s on s.id > h.horizon and (s.account_id = h.account_id
            or s.account_id in (select f.target_account_id from follows f where f.account_id = h.account_id))
          where not exists (select 1 from home_feed_entries e where e.account_id = h.account_id and e.status_id = s.id)`);
        expect((missing as unknown as { rows: unknown[] }).rows).toEqual([]);
        for (const viewer of people) {
          const expected = await scanned(env, viewer, 3);
          expect(await served(env, viewer, 3)).toEqual(expected);
          // The first page comes from the feed whenever the feed can answer it (so the comparison
          // above is a test of the feed, not of the scan against itself).
          const first = await selectHomeTimelineRows(
            env.ctx.db,
            viewer.account.id,
            { limit: 3 },
            env.clock.now(),
          );
          const feed = await feedOf(env, viewer);
          const complete =
            feed.horizon === '0' || (first.ids.length === 3 && BigInt(first.ids[2]!) > BigInt(feed.horizon!));
          if (complete) expect(first.source).toBe('feed');
          if (first.source === 'feed') feedAnswered++;
          // Pages reached with min_id (oldest first) and since_id agree too.
          if (expected.length > 2) {
            const pivot = expected[Math.floor(expected.length / 2)]!;
            const res = await ids(env, `/api/v1/timelines/home?limit=3&min_id=${pivot}`, viewer);
            const asc = await selectHomeTimelineIds(
              env.ctx.db,
              viewer.account.id,
              { limit: 3, minId: pivot },
              env.clock.now(),
            );
            expect(res).toEqual(asc);
            const since = await ids(env, `/api/v1/timelines/home?limit=3&since_id=${pivot}`, viewer);
            expect(since).toEqual(expected.slice(0, Math.min(3, expected.indexOf(pivot))));
          }
        }
      }),
      { numRuns: 20, seed: 20261123 },
    );
    expect(feedAnswered).toBeGreaterThan(50);
  }, 240_000);

  it('writes a post into its author’s feed and every follower’s, and a follow brings recent posts in', async () => {
    const [ana, ben, cyd] = await personas(env, 'ana', 'ben', 'cyd');
    const early = await say(env, ben, 'Before anyone followed');
    await act(env, ana, `/api/v1/accounts/${ben.account.id}/follow`);
    const after = await say(env, ben, 'After ana followed');
    const own = await say(env, ana, 'My own post');
    await say(env, cyd, 'Nobody follows cyd');
    const entries = async (who: Persona) =>
      (
        (await env.ctx.db.execute(
          sql`select status_id::text as id from home_feed_entries where account_id = ${who.account.id} order by status_id desc`,
        )) as unknown as { rows: Array<{ id: string }> }
      ).rows.map((r) => r.id);
    expect(await entries(ana)).toEqual([own.id, after.id, early.id]);
    expect(await entries(cyd)).toHaveLength(1);
    // Unfollowing takes ben's posts out of ana's feed.
    await act(env, ana, `/api/v1/accounts/${ben.account.id}/unfollow`);
    expect(await entries(ana)).toEqual([own.id]);
    expect((await feedOf(env, ana)).horizon).toBe('0');
  });

  it('raises the horizon when a follow brings only the newest 200 of a long history, and reads older pages by scanning', async () => {
    const [eve, fay] = await personas(env, 'eve', 'fay');
    // 230 posts by fay, written straight to the table (the trigger fans them out like any other).
    const base = BigInt(fay.account.id);
    await env.ctx.db.execute(sql`insert into statuses (id, account_id, text, content_html, visibility, language, created_at)
      select ${base.toString()}::bigint + g, ${fay.account.id}, 'Case ' || g, '<p>Case ' || g || '</p>', 'public', 'en', now()
      from generate_series(1, 230) g`);
    await act(env, eve, `/api/v1/accounts/${fay.account.id}/follow`);
    const feed = await feedOf(env, eve);
    expect(feed.entries).toBe(200);
    expect(feed.horizon).toBe((base + 31n).toString());
    const expected = await scanned(env, eve, 40);
    expect(expected).toHaveLength(230);
    expect(await served(env, eve, 40)).toEqual(expected);
  });

  it('trims feeds to their newest entries and keeps every page the same', async () => {
    // A deleted status's entry stays until the trim, which drops it whatever the depth.
    const [gus] = await personas(env, 'gus');
    const gone = await say(env, gus, 'Posted in error');
    expect((await call(env, 'DELETE', `/api/v1/statuses/${gone.id}`, { token: gus.token })).status).toBe(200);
    expect((await feedOf(env, gus)).entries).toBe(1);
    await trimHomeFeeds(env.ctx.db, 800);
    expect((await feedOf(env, gus)).entries).toBe(0);
    const before = await Promise.all(people.map((p) => scanned(env, p, 5)));
    const dropped = await trimHomeFeeds(env.ctx.db, 2);
    expect(dropped).toBeGreaterThan(0);
    for (const [i, p] of people.entries()) {
      expect((await feedOf(env, p)).entries).toBeLessThanOrEqual(2);
      expect(await served(env, p, 5)).toEqual(before[i]);
    }
    await expect(trimHomeFeeds(env.ctx.db, 0)).rejects.toThrow(/depth/);
  });

  // PGlite has one connection, so only PostgreSQL can write a follow and a post at the same moment.
  it.skipIf(!process.env.DATABASE_URL)(
    'keeps a post that is written while its author is being followed, whichever commits first',
    async () => {
      const db = env.ctx.db;
      const pause = () => new Promise((r) => setTimeout(r, 300));
      const post = (author: Persona, id: bigint) => sql`insert into statuses
        (id, account_id, text, content_html, visibility, language, created_at)
        values (${id.toString()}, ${author.account.id}, 'Same moment', '<p>Same moment</p>', 'public', 'en', now())`;
      const follow = (who: Persona, whom: Persona, id: bigint) => sql`insert into follows
        (id, account_id, target_account_id, created_at) values (${id.toString()}, ${who.account.id}, ${whom.account.id}, now())`;
      const has = async (who: Persona, statusId: bigint) =>
        (
          (await db.execute(sql`select 1 from home_feed_entries where account_id = ${who.account.id}
          and status_id = ${statusId.toString()}`)) as unknown as { rows: unknown[] }
        ).rows.length === 1;
      const [ivy, jon, kim, lou] = await personas(env, 'ivy', 'jon', 'kim', 'lou');
      const base = BigInt(ivy.account.id) + 1_000_000n;
      // The follow is written first and commits last: the post waits for it, then fans out to ivy.
      let posting: Promise<unknown> = Promise.resolve();
      await db.transaction(async (tx) => {
        await tx.execute(follow(ivy, jon, base + 1n));
        posting = db.execute(post(jon, base + 2n));
        await pause();
      });
      await posting;
      expect(await has(ivy, base + 2n)).toBe(true);
      // The post is written first and commits last: the follow waits for it, then brings it in.
      let following: Promise<unknown> = Promise.resolve();
      await db.transaction(async (tx) => {
        await tx.execute(post(lou, base + 3n));
        following = db.execute(follow(kim, lou, base + 4n));
        await pause();
      });
      await following;
      expect(await has(kim, base + 3n)).toBe(true);
    },
  );

  it('answers from the feed only where the feed is complete', () => {
    expect(feedAnswers({ limit: 20 }, 20, '500')).toBe(true);
    expect(feedAnswers({ limit: 20 }, 19, '500')).toBe(false);
    expect(feedAnswers({ limit: 20 }, 19, '0')).toBe(true);
    expect(feedAnswers({ limit: 20, sinceId: '600' }, 3, '500')).toBe(true);
    expect(feedAnswers({ limit: 20, sinceId: '400' }, 3, '500')).toBe(false);
    expect(feedAnswers({ limit: 20, minId: '400' }, 20, '500')).toBe(false);
    expect(feedAnswers({ limit: 20, minId: '500' }, 2, '500')).toBe(true);
    expect(feedAnswers({ limit: 20 }, 20, null)).toBe(false);
  });
});
