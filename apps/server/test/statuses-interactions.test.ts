import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { accountCounts, post, view } from './statuses-fixtures.ts';

function linkTarget(link: string | null, rel: 'next' | 'prev'): string {
  const m = link?.match(new RegExp(`<https://rounds\\.test([^>]+)>; rel="${rel}"`));
  if (!m) throw new Error(`no ${rel} link in ${link}`);
  return m[1]!;
}

describe('reblog and unreblog', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
  });

  it('wraps the original in a new status and counts it once', async () => {
    const s = await post(env, alice, { status: 'Tweetorial: the RUSH exam in 5 steps #POCUS' });
    const before = await accountCounts(env, bob);
    const res = await call(env, 'POST', `/api/v1/statuses/${s.id}/reblog`, { token: bob.token });
    expect(res.status).toBe(200);
    expectMatchesSchema('Status', res.body);
    expect(res.body.id).not.toBe(s.id);
    expect(res.body.account.username).toBe('bob');
    expect(res.body.reblog.id).toBe(s.id);
    expect(res.body.reblog.reblogged).toBe(true);
    expect(res.body.reblogged).toBe(true);
    expect(res.body.reblog.reblogs_count).toBe(1);
    expect(res.body.content).toBe('');
    expect((await accountCounts(env, bob)).statuses).toBe(before.statuses + 1);

    const again = await call(env, 'POST', `/api/v1/statuses/${s.id}/reblog`, { token: bob.token });
    expect(again.body.id).toBe(res.body.id);
    const viaWrapper = await call(env, 'POST', `/api/v1/statuses/${res.body.id}/reblog`, {
      token: bob.token,
    });
    expect(viaWrapper.body.id).toBe(res.body.id);
    expect((await view(env, s.id)).body.reblogs_count).toBe(1);

    const un = await call(env, 'POST', `/api/v1/statuses/${s.id}/unreblog`, { token: bob.token });
    expect(un.status).toBe(200);
    expect(un.body.id).toBe(s.id);
    expect(un.body.reblogged).toBe(false);
    expect(un.body.reblogs_count).toBe(0);
    expect((await view(env, res.body.id)).status).toBe(404);
    expect((await accountCounts(env, bob)).statuses).toBe(before.statuses);
    const unAgain = await call(env, 'POST', `/api/v1/statuses/${s.id}/unreblog`, { token: bob.token });
    expect(unAgain.status).toBe(200);
  });

  it('accepts a visibility of public, unlisted or private only', async () => {
    const s = await post(env, alice, { status: 'Reblog with visibility' });
    const bad = await call(env, 'POST', `/api/v1/statuses/${s.id}/reblog`, {
      token: bob.token,
      body: { visibility: 'direct' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details.field).toBe('visibility');
    const ok = await call(env, 'POST', `/api/v1/statuses/${s.id}/reblog`, {
      token: bob.token,
      form: { visibility: 'unlisted' },
    });
    expect(ok.body.visibility).toBe('unlisted');
  });

  it('answers 404 for unknown ids and 403 without write:statuses', async () => {
    expect((await call(env, 'POST', '/api/v1/statuses/12345/reblog', { token: bob.token })).status).toBe(404);
    const reader = await createPersona(env, 'reader', { scopes: 'read write:favourites' });
    const s = await post(env, alice, { status: 'scope check' });
    expect((await call(env, 'POST', `/api/v1/statuses/${s.id}/reblog`, { token: reader.token })).status).toBe(
      403,
    );
  });

  it('lists who reblogged, newest first, with Link pagination', async () => {
    const s = await post(env, alice, { status: 'Who boosts?' });
    const carol = await createPersona(env, 'carol');
    const dan = await createPersona(env, 'dan');
    for (const p of [bob, carol, dan])
      await call(env, 'POST', `/api/v1/statuses/${s.id}/reblog`, { token: p.token });
    const page1 = await call(env, 'GET', `/api/v1/statuses/${s.id}/reblogged_by?limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.map((a: any) => a.username)).toEqual(['dan', 'carol']);
    for (const a of page1.body) expectMatchesSchema('Account', a);
    const page2 = await call(env, 'GET', linkTarget(page1.headers.get('link'), 'next'));
    expect(page2.body.map((a: any) => a.username)).toEqual(['bob']);
  });
});

describe('favourite, bookmark and their lists', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
  });

  it('favourites idempotently and keeps favourites_count right', async () => {
    const s = await post(env, alice, { status: 'Mnemonic for causes of an elevated anion gap?' });
    const fav = await call(env, 'POST', `/api/v1/statuses/${s.id}/favourite`, { token: bob.token });
    expect(fav.status).toBe(200);
    expectMatchesSchema('Status', fav.body);
    expect(fav.body.favourited).toBe(true);
    expect(fav.body.favourites_count).toBe(1);
    const twice = await call(env, 'POST', `/api/v1/statuses/${s.id}/favourite`, { token: bob.token });
    expect(twice.body.favourites_count).toBe(1);
    const by = await call(env, 'GET', `/api/v1/statuses/${s.id}/favourited_by`);
    expect(by.body.map((a: any) => a.username)).toEqual(['bob']);
    const un = await call(env, 'POST', `/api/v1/statuses/${s.id}/unfavourite`, { token: bob.token });
    expect(un.body.favourited).toBe(false);
    expect(un.body.favourites_count).toBe(0);
    const unAgain = await call(env, 'POST', `/api/v1/statuses/${s.id}/unfavourite`, { token: bob.token });
    expect(unAgain.body.favourites_count).toBe(0);
  });

  it('favouriting through a reblog favourites the original', async () => {
    const s = await post(env, alice, { status: 'Original for reblog favourite' });
    const rb = await call(env, 'POST', `/api/v1/statuses/${s.id}/reblog`, { token: alice.token });
    const fav = await call(env, 'POST', `/api/v1/statuses/${rb.body.id}/favourite`, { token: bob.token });
    expect(fav.body.id).toBe(s.id);
    expect(fav.body.favourites_count).toBe(1);
  });

  it('needs write:favourites to favourite and write:bookmarks to bookmark', async () => {
    const s = await post(env, alice, { status: 'scopes' });
    const poster = await createPersona(env, 'poster', { scopes: 'read write:statuses' });
    expect(
      (await call(env, 'POST', `/api/v1/statuses/${s.id}/favourite`, { token: poster.token })).status,
    ).toBe(403);
    expect(
      (await call(env, 'POST', `/api/v1/statuses/${s.id}/bookmark`, { token: poster.token })).status,
    ).toBe(403);
    expect((await call(env, 'POST', '/api/v1/statuses/999999/favourite', { token: bob.token })).status).toBe(
      404,
    );
  });

  it('bookmarks and lists bookmarks newest bookmark first, with Link pagination', async () => {
    const ids: string[] = [];
    for (const text of ['first', 'second', 'third']) ids.push((await post(env, alice, { status: text })).id);
    // Bookmarked out of posting order: the list follows bookmark order.
    for (const id of [ids[1]!, ids[0]!, ids[2]!]) {
      const res = await call(env, 'POST', `/api/v1/statuses/${id}/bookmark`, { token: bob.token });
      expect(res.body.bookmarked).toBe(true);
    }
    const page1 = await call(env, 'GET', '/api/v1/bookmarks?limit=2', { token: bob.token });
    expect(page1.status).toBe(200);
    expect(page1.body.map((s: any) => s.id)).toEqual([ids[2], ids[0]]);
    for (const s of page1.body) expectMatchesSchema('Status', s);
    const page2 = await call(env, 'GET', linkTarget(page1.headers.get('link'), 'next'), { token: bob.token });
    expect(page2.body.map((s: any) => s.id)).toEqual([ids[1]]);
    const newer = await call(env, 'GET', linkTarget(page2.headers.get('link'), 'prev'), { token: bob.token });
    expect(newer.body.map((s: any) => s.id)).toEqual([ids[2], ids[0]]);

    const un = await call(env, 'POST', `/api/v1/statuses/${ids[0]}/unbookmark`, { token: bob.token });
    expect(un.body.bookmarked).toBe(false);
    const after = await call(env, 'GET', '/api/v1/bookmarks', { token: bob.token });
    expect(after.body.map((s: any) => s.id)).toEqual([ids[2], ids[1]]);
    expect((await call(env, 'GET', '/api/v1/bookmarks')).status).toBe(401);
  });

  it('lists favourites newest favourite first', async () => {
    const a = await post(env, alice, { status: 'fav a' });
    const b = await post(env, alice, { status: 'fav b' });
    await call(env, 'POST', `/api/v1/statuses/${b.id}/favourite`, { token: bob.token });
    await call(env, 'POST', `/api/v1/statuses/${a.id}/favourite`, { token: bob.token });
    const res = await call(env, 'GET', '/api/v1/favourites?limit=2', { token: bob.token });
    expect(res.status).toBe(200);
    expect(res.body.map((s: any) => s.id)).toEqual([a.id, b.id]);
    expect(res.body[0].favourited).toBe(true);
    const narrow = await createPersona(env, 'narrow', { scopes: 'read:statuses' });
    expect((await call(env, 'GET', '/api/v1/favourites', { token: narrow.token })).status).toBe(403);
  });
});

describe('pin and unpin', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
  });

  it('pins own public posts, up to five', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await post(env, alice, { status: `Pinned teaching ${i}` })).id);
    for (const id of ids.slice(0, 5)) {
      const res = await call(env, 'POST', `/api/v1/statuses/${id}/pin`, { token: alice.token });
      expect(res.status).toBe(200);
      expect(res.body.pinned).toBe(true);
    }
    const again = await call(env, 'POST', `/api/v1/statuses/${ids[0]}/pin`, { token: alice.token });
    expect(again.status).toBe(200);
    const sixth = await call(env, 'POST', `/api/v1/statuses/${ids[5]}/pin`, { token: alice.token });
    expect(sixth.status).toBe(422);
    expect(sixth.body.error).toContain('maximum');
    const un = await call(env, 'POST', `/api/v1/statuses/${ids[0]}/unpin`, { token: alice.token });
    expect(un.body.pinned).toBe(false);
    expect((await call(env, 'POST', `/api/v1/statuses/${ids[5]}/pin`, { token: alice.token })).status).toBe(
      200,
    );
    // Others see no `pinned` attribute: it only appears on the viewer's own pinnable posts.
    expect((await view(env, ids[5]!, bob)).body.pinned).toBeUndefined();
  });

  it("refuses others' posts, reblogs and private posts (422), unknown ids (404), without write:accounts (403)", async () => {
    const theirs = await post(env, bob, { status: 'Bob post' });
    expect(
      (await call(env, 'POST', `/api/v1/statuses/${theirs.id}/pin`, { token: alice.token })).status,
    ).toBe(422);
    const rb = await call(env, 'POST', `/api/v1/statuses/${theirs.id}/reblog`, { token: alice.token });
    expect(
      (await call(env, 'POST', `/api/v1/statuses/${rb.body.id}/pin`, { token: alice.token })).status,
    ).toBe(422);
    const priv = await post(env, bob, { status: 'private', visibility: 'private' });
    expect((await call(env, 'POST', `/api/v1/statuses/${priv.id}/pin`, { token: bob.token })).status).toBe(
      422,
    );
    expect((await call(env, 'POST', '/api/v1/statuses/987654321/pin', { token: bob.token })).status).toBe(
      404,
    );
    const poster = await createPersona(env, 'poster', { scopes: 'write:statuses' });
    const own = await post(env, poster, { status: 'mine' });
    expect((await call(env, 'POST', `/api/v1/statuses/${own.id}/pin`, { token: poster.token })).status).toBe(
      403,
    );
  });
});
