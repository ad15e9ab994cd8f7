import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';

type Vis = 'public' | 'unlisted' | 'private' | 'direct';
type Relation = 'self' | 'follower' | 'mentioned' | 'stranger' | 'blocked' | 'anonymous';

const VISIBILITIES: Vis[] = ['public', 'unlisted', 'private', 'direct'];
const RELATIONS: Relation[] = ['self', 'follower', 'mentioned', 'stranger', 'blocked', 'anonymous'];

/** The law, stated once and independently of the implementation: who may see a status at all. */
const CAN_SEE: Record<Vis, Record<Relation, boolean>> = {
  public: { self: true, follower: true, mentioned: true, stranger: true, blocked: false, anonymous: true },
  unlisted: { self: true, follower: true, mentioned: true, stranger: true, blocked: false, anonymous: true },
  private: { self: true, follower: true, mentioned: true, stranger: false, blocked: false, anonymous: false },
  direct: { self: true, follower: false, mentioned: true, stranger: false, blocked: false, anonymous: false },
};

/**
 * Whether the status belongs in the viewer's home timeline. As Mastodon: a direct status reaches the
 * home timeline of mentioned accounts that follow the author; here the mentioned viewer does not.
 */
const IN_HOME: Record<Vis, Record<Relation, boolean>> = {
  public: { self: true, follower: true, mentioned: false, stranger: false, blocked: false, anonymous: false },
  unlisted: {
    self: true,
    follower: true,
    mentioned: false,
    stranger: false,
    blocked: false,
    anonymous: false,
  },
  private: {
    self: true,
    follower: true,
    mentioned: false,
    stranger: false,
    blocked: false,
    anonymous: false,
  },
  direct: {
    self: true,
    follower: false,
    mentioned: false,
    stranger: false,
    blocked: false,
    anonymous: false,
  },
};

const ids = (body: unknown): string[] => (Array.isArray(body) ? body.map((s: { id: string }) => s.id) : []);

describe('authorization matrix: every visibility × every viewer relation × every read path', () => {
  let env: TestEnv;
  let viewers: Record<Exclude<Relation, 'anonymous'>, Persona>;
  let booster: Persona;
  const target = {} as Record<Vis, { id: string; replyId: string; reblogId?: string; quoteId?: string }>;

  const tokenOf = (r: Relation) => (r === 'anonymous' ? undefined : viewers[r].token);

  beforeAll(async () => {
    env = await createTestEnv();
    const bob = await createPersona(env, 'bob'); // the author
    const carol = await createPersona(env, 'carol'); // follows bob
    const dan = await createPersona(env, 'dan'); // mentioned in every status
    const alice = await createPersona(env, 'alice'); // no relation
    const mo = await createPersona(env, 'mo'); // blocked by bob
    booster = await createPersona(env, 'erin'); // follows bob; reblogs and quotes what she may
    viewers = { self: bob, follower: carol, mentioned: dan, stranger: alice, blocked: mo };
    for (const p of [carol, booster]) {
      expect(
        (await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/follow`, { token: p.token })).status,
      ).toBe(200);
    }
    expect(
      (await call(env, 'POST', `/api/v1/accounts/${mo.account.id}/block`, { token: bob.token })).status,
    ).toBe(200);

    for (const vis of VISIBILITIES) {
      const s = await call(env, 'POST', '/api/v1/statuses', {
        token: bob.token,
        body: { status: `@dan ${vis} teaching note #matrix`, visibility: vis },
      });
      expect(s.status).toBe(200);
      // A public reply by a third party reaches the status through /context.
      const replyAuthor = vis === 'public' || vis === 'unlisted' ? booster : bob;
      const reply = await call(env, 'POST', '/api/v1/statuses', {
        token: replyAuthor.token,
        body: {
          status: `@dan reply under the ${vis} note`,
          in_reply_to_id: s.body.id,
          visibility: vis === 'direct' ? 'direct' : vis === 'private' ? 'private' : 'public',
        },
      });
      expect(reply.status).toBe(200);
      target[vis] = { id: s.body.id, replyId: reply.body.id };
      await call(env, 'POST', `/api/v1/statuses/${s.body.id}/favourite`, { token: bob.token });
      if (vis === 'public' || vis === 'unlisted') {
        const reblog = await call(env, 'POST', `/api/v1/statuses/${s.body.id}/reblog`, {
          token: booster.token,
        });
        expect(reblog.status).toBe(200);
        const quote = await call(env, 'POST', '/api/v1/statuses', {
          token: booster.token,
          body: { status: 'worth reading', quoted_status_id: s.body.id },
        });
        expect(quote.status).toBe(200);
        target[vis].reblogId = reblog.body.id;
        target[vis].quoteId = quote.body.id;
      } else {
        // Followers-only and direct statuses cannot be reblogged or quoted by others.
        const reblog = await call(env, 'POST', `/api/v1/statuses/${s.body.id}/reblog`, {
          token: booster.token,
        });
        expect(reblog.status).toBeGreaterThanOrEqual(400);
        expect(reblog.status).toBeLessThan(500);
        const quote = await call(env, 'POST', '/api/v1/statuses', {
          token: booster.token,
          body: { status: 'x', quoted_status_id: s.body.id },
        });
        expect(quote.status).toBeGreaterThanOrEqual(400);
        expect(quote.status).toBeLessThan(500);
      }
    }
  });

  for (const vis of VISIBILITIES) {
    for (const rel of RELATIONS) {
      const visible = CAN_SEE[vis][rel];
      it(`${vis} status, ${rel} viewer: ${visible ? 'sees it' : 'sees nothing'} on every path`, async () => {
        const t = target[vis];
        const token = tokenOf(rel);
        const author = viewers.self.account.id;

        const get = await call(env, 'GET', `/api/v1/statuses/${t.id}`, { token });
        expect(get.status).toBe(visible ? 200 : 404);
        if (!visible) expect(get.body).toEqual({ error: 'Record not found' });

        const ctxRes = await call(env, 'GET', `/api/v1/statuses/${t.replyId}/context`, { token });
        if (ctxRes.status === 200) expect(ids(ctxRes.body.ancestors).includes(t.id)).toBe(visible);
        else expect(ctxRes.status).toBe(404);

        for (const list of ['favourited_by', 'reblogged_by']) {
          const res = await call(env, 'GET', `/api/v1/statuses/${t.id}/${list}`, { token });
          expect(res.status, list).toBe(visible ? 200 : 404);
        }

        const account = await call(env, 'GET', `/api/v1/accounts/${author}/statuses?limit=40`, { token });
        expect(ids(account.body).includes(t.id), 'account statuses').toBe(visible);

        const tag = await call(env, 'GET', '/api/v1/timelines/tag/matrix?limit=40', { token });
        expect(ids(tag.body).includes(t.id), 'tag timeline').toBe(visible && vis === 'public');

        const pub = await call(env, 'GET', '/api/v1/timelines/public?limit=40', { token });
        expect(ids(pub.body).includes(t.id), 'public timeline').toBe(visible && vis === 'public');

        const home = await call(env, 'GET', '/api/v1/timelines/home?limit=40', { token });
        if (rel === 'anonymous') expect(home.status).toBe(401);
        else expect(ids(home.body).includes(t.id), 'home timeline').toBe(IN_HOME[vis][rel]);

        if (t.reblogId) {
          const reblog = await call(env, 'GET', `/api/v1/statuses/${t.reblogId}`, { token });
          expect(reblog.status, 'reblog').toBe(visible ? 200 : 404);
        }
        if (t.quoteId) {
          const quote = await call(env, 'GET', `/api/v1/statuses/${t.quoteId}`, { token });
          expect(quote.status).toBe(200);
          const inner = quote.body.quote?.quoted_status ?? null;
          expect(inner?.id ?? null, 'quoted status').toBe(visible ? t.id : null);
        }
      });
    }
  }
});
