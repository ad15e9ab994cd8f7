import { inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { statuses } from '../src/db/schema/index.ts';
import { hydrateStatuses } from '../src/domain/statuses/hydrate.ts';
import { filterVisible, visibleToSql } from '../src/domain/statuses/visibility.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { block, follow, post, unblock, view } from './statuses-fixtures.ts';

const HYDRATE_MAX_QUERIES = 16;

describe('visibility is law', () => {
  let env: TestEnv;
  let alice: Persona; // author
  let bob: Persona; // follows alice
  let carol: Persona; // mentioned in the direct post
  let dan: Persona; // a stranger
  let pub: any;
  let priv: any;
  let direct: any;
  let privMentioningDan: any;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    dan = await createPersona(env, 'dan');
    await follow(env, bob, alice);
    pub = await post(env, alice, { status: 'Public teaching point on anion gap' });
    priv = await post(env, alice, { status: 'Followers only: rota swap anyone?', visibility: 'private' });
    direct = await post(env, alice, {
      status: '@carol can you review my handover notes?',
      visibility: 'direct',
    });
    privMentioningDan = await post(env, alice, { status: '@dan see you in clinic', visibility: 'private' });
  });

  it('shows private posts to the author, followers and mentioned accounts only', async () => {
    expect((await view(env, priv.id, alice)).status).toBe(200);
    expect((await view(env, priv.id, bob)).status).toBe(200);
    expect((await view(env, priv.id, carol)).status).toBe(404);
    expect((await view(env, priv.id)).status).toBe(404);
    expect((await view(env, privMentioningDan.id, dan)).status).toBe(200);
  });

  it('shows direct posts to the author and mentioned accounts only, 404 exactly like a missing id', async () => {
    expect((await view(env, direct.id, alice)).status).toBe(200);
    expect((await view(env, direct.id, carol)).status).toBe(200);
    const follower = await view(env, direct.id, bob);
    const missing = await view(env, '424242424242', bob);
    expect(follower.status).toBe(404);
    expect(follower.body).toEqual(missing.body);
    expect((await view(env, direct.id)).status).toBe(404);
  });

  it('filters GET /api/v1/statuses?id[] the same way', async () => {
    const q = `id[]=${pub.id}&id[]=${priv.id}&id[]=${direct.id}`;
    const anon = await call(env, 'GET', `/api/v1/statuses?${q}`);
    expect(anon.body.map((s: any) => s.id)).toEqual([pub.id]);
    const asBob = await call(env, 'GET', `/api/v1/statuses?${q}`, { token: bob.token });
    expect(asBob.body.map((s: any) => s.id)).toEqual([pub.id, priv.id]);
  });

  it('a token without read:statuses reads like an anonymous one', async () => {
    const narrow = await createPersona(env, 'narrow', { scopes: 'read:accounts' });
    await follow(env, narrow, alice);
    expect((await view(env, priv.id, narrow)).status).toBe(404);
  });

  it('refuses to reblog what one cannot see (404) and private or direct posts (422)', async () => {
    expect(
      (await call(env, 'POST', `/api/v1/statuses/${priv.id}/reblog`, { token: carol.token })).status,
    ).toBe(404);
    expect((await call(env, 'POST', `/api/v1/statuses/${priv.id}/reblog`, { token: bob.token })).status).toBe(
      422,
    );
    expect(
      (await call(env, 'POST', `/api/v1/statuses/${direct.id}/reblog`, { token: carol.token })).status,
    ).toBe(422);
    expect(
      (await call(env, 'POST', `/api/v1/statuses/${direct.id}/reblog`, { token: bob.token })).status,
    ).toBe(404);
    expect(
      (await call(env, 'POST', `/api/v1/statuses/${priv.id}/reblog`, { token: alice.token })).status,
    ).toBe(422);
  });

  it('refuses to favourite, bookmark or list interactions on what one cannot see', async () => {
    for (const path of ['favourite', 'bookmark']) {
      expect(
        (await call(env, 'POST', `/api/v1/statuses/${priv.id}/${path}`, { token: carol.token })).status,
      ).toBe(404);
    }
    expect(
      (await call(env, 'POST', `/api/v1/statuses/${priv.id}/favourite`, { token: bob.token })).status,
    ).toBe(200);
    for (const path of ['favourited_by', 'reblogged_by', 'context', 'history']) {
      expect((await call(env, 'GET', `/api/v1/statuses/${priv.id}/${path}`)).status, path).toBe(404);
      expect(
        (await call(env, 'GET', `/api/v1/statuses/${priv.id}/${path}`, { token: bob.token })).status,
      ).toBe(200);
    }
    const favs = await call(env, 'GET', `/api/v1/statuses/${priv.id}/favourited_by`, { token: bob.token });
    expect(favs.body.map((a: any) => a.username)).toEqual(['bob']);
    expect(
      (await call(env, 'GET', `/api/v1/statuses/${direct.id}/source`, { token: bob.token })).status,
    ).toBe(404);
  });

  it('refuses to quote private posts of others and direct posts', async () => {
    const q1 = await call(env, 'POST', '/api/v1/statuses', {
      token: bob.token,
      body: { status: 'quoting', quoted_status_id: priv.id },
    });
    expect(q1.status).toBe(403);
    const q2 = await call(env, 'POST', '/api/v1/statuses', {
      token: carol.token,
      body: { status: 'quoting', quoted_status_id: direct.id },
    });
    expect(q2.status).toBe(422);
    const q3 = await call(env, 'POST', '/api/v1/statuses', {
      token: dan.token,
      body: { status: 'quoting', quoted_status_id: priv.id },
    });
    expect(q3.status).toBe(404);
  });

  it('hides threads parts the viewer may not see', async () => {
    const reply = await post(env, alice, {
      status: 'Private follow-up',
      in_reply_to_id: pub.id,
      visibility: 'private',
    });
    const asCarol = await call(env, 'GET', `/api/v1/statuses/${pub.id}/context`, { token: carol.token });
    expect(asCarol.body.descendants.map((s: any) => s.id)).not.toContain(reply.id);
    const asBob = await call(env, 'GET', `/api/v1/statuses/${pub.id}/context`, { token: bob.token });
    expect(asBob.body.descendants.map((s: any) => s.id)).toContain(reply.id);
    const anonOfReply = await call(env, 'GET', `/api/v1/statuses/${reply.id}/context`);
    expect(anonOfReply.status).toBe(404);
  });

  it('blocks in either direction hide statuses (404) and lift when removed', async () => {
    await block(env, alice, dan);
    expect((await view(env, pub.id, dan)).status).toBe(404);
    expect(
      (await call(env, 'POST', `/api/v1/statuses/${pub.id}/favourite`, { token: dan.token })).status,
    ).toBe(404);
    expect(
      (
        await call(env, 'POST', '/api/v1/statuses', {
          token: dan.token,
          body: { status: 'reply', in_reply_to_id: pub.id },
        })
      ).status,
    ).toBe(404);
    await unblock(env, alice, dan);
    expect((await view(env, pub.id, dan)).status).toBe(200);

    await block(env, dan, alice);
    expect((await view(env, pub.id, dan)).status).toBe(404);
    await unblock(env, dan, alice);
  });

  it('a reblog is visible only when the reblog row and the reblogged status both are', async () => {
    const rb = await call(env, 'POST', `/api/v1/statuses/${pub.id}/reblog`, {
      token: bob.token,
      body: { visibility: 'private' },
    });
    expect(rb.status).toBe(200);
    expect(rb.body.visibility).toBe('private');
    expect((await view(env, rb.body.id, carol)).status).toBe(404);
    await follow(env, carol, bob);
    expect((await view(env, rb.body.id, carol)).status).toBe(200);
    await block(env, alice, carol);
    expect((await view(env, rb.body.id, carol)).status).toBe(404);
    await unblock(env, alice, carol);
  });

  it('visibleToSql and filterVisible agree for every viewer', async () => {
    await block(env, carol, alice);
    const rb = await call(env, 'POST', `/api/v1/statuses/${pub.id}/reblog`, { token: dan.token });
    const all = await env.ctx.db.select().from(statuses);
    for (const viewer of [null, alice, bob, carol, dan]) {
      const viewerId = viewer?.account.id ?? null;
      const inJs = (await filterVisible(env.ctx.db, viewerId, all)).map((r) => r.id).sort();
      const inSql = (
        await env.ctx.db.select({ id: statuses.id }).from(statuses).where(visibleToSql(viewerId))
      )
        .map((r) => r.id)
        .sort();
      expect(inSql, viewer?.username ?? 'anonymous').toEqual(inJs);
    }
    expect(rb.status).toBe(200);
    await unblock(env, carol, alice);
  });

  it('hydrates any number of statuses with a bounded number of queries', async () => {
    const pglite = (env.handle as unknown as { pglite?: { query: (...a: unknown[]) => unknown } }).pglite;
    if (!pglite) return; // Counting hooks into PGlite; the PostgreSQL run covers behaviour only.
    const ids = (await env.ctx.db.select({ id: statuses.id }).from(statuses)).map((r) => r.id);
    const quoted = await post(env, alice, { status: 'Quote target' });
    for (let i = 0; i < 30; i++)
      await post(env, bob, { status: `Quote ${i} @carol #tag${i}`, quoted_status_id: quoted.id });
    const many = (await env.ctx.db.select({ id: statuses.id }).from(statuses)).map((r) => r.id);
    const original = pglite.query;
    let n = 0;
    pglite.query = (...args: unknown[]) => {
      n++;
      return (original as (...a: unknown[]) => unknown).apply(pglite, args);
    };
    try {
      await hydrateStatuses(env.ctx, ids.slice(0, 1), bob.account.id);
      // Some stages are skipped when there is nothing to load (no reblogs, no quotes), so the
      // bound is a constant rather than an exact count.
      expect(n).toBeLessThanOrEqual(HYDRATE_MAX_QUERIES);
      n = 0;
      const out = await hydrateStatuses(env.ctx, many, bob.account.id);
      expect(out.length).toBeGreaterThan(30);
      expect(n).toBeLessThanOrEqual(HYDRATE_MAX_QUERIES);
    } finally {
      pglite.query = original;
    }
    const some = await env.ctx.db.select().from(statuses).where(inArray(statuses.id, many));
    expect(some.length).toBe(many.length);
  });
});
