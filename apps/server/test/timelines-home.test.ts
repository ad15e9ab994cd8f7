import { beforeAll, describe, expect, it } from 'vitest';
import { selectHomeTimelineIds } from '../src/domain/timelines/home.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { png, upload } from './media-fixtures.ts';
import { expectMatchesSchema } from './openapi.ts';
import { act, ids, linkOf, personas, say, walkPages } from './timelines-helpers.ts';

describe('home timeline', () => {
  let env: TestEnv;
  let alice: Persona; // the viewer
  let bob: Persona; // followed
  let carol: Persona; // followed, reblogs hidden
  let dan: Persona; // not followed
  let mo: Persona; // followed, later muted
  const home = () => ids(env, '/api/v1/timelines/home', alice);

  beforeAll(async () => {
    env = await createTestEnv();
    [alice, bob, carol, dan, mo] = await personas(env, 'alice', 'bob', 'carol', 'dan', 'mo');
    await act(env, alice, `/api/v1/accounts/${bob.account.id}/follow`);
    await act(env, alice, `/api/v1/accounts/${carol.account.id}/follow`, { reblogs: false });
    await act(env, alice, `/api/v1/accounts/${mo.account.id}/follow`);
  });

  it('shows own posts and posts of followed accounts, newest first, as Mastodon Statuses', async () => {
    const a = await say(env, alice, 'Night shift reflections');
    const b = await say(env, bob, 'Teaching point: fluid responsiveness');
    const d = await say(env, dan, 'Nobody follows me here');
    const res = await call(env, 'GET', '/api/v1/timelines/home', { token: alice.token });
    expect(res.status).toBe(200);
    const got = res.body.map((s: { id: string }) => s.id);
    expect(got.slice(0, 2)).toEqual([b.id, a.id]);
    expect(got).not.toContain(d.id);
    for (const s of res.body) expectMatchesSchema('Status', s);
  });

  it('shows followers-only posts of followed accounts, and direct posts only to those mentioned', async () => {
    const priv = await say(env, bob, 'Followers only: case conference notes', { visibility: 'private' });
    const dmToAlice = await say(env, bob, '@alice your handover is ready', { visibility: 'direct' });
    const dmToDan = await say(env, bob, '@dan see me after rounds', { visibility: 'direct' });
    const strangerPriv = await say(env, dan, 'Private thoughts', { visibility: 'private' });
    const got = await home();
    expect(got).toContain(priv.id);
    expect(got).toContain(dmToAlice.id);
    expect(got).not.toContain(dmToDan.id);
    expect(got).not.toContain(strangerPriv.id);
  });

  it('shows reblogs by followed accounts unless the follow hides their reblogs', async () => {
    const original = await say(env, dan, 'A great paper on sepsis bundles');
    const byBob = await act(env, bob, `/api/v1/statuses/${original.id}/reblog`);
    const byCarol = await act(env, carol, `/api/v1/statuses/${original.id}/reblog`);
    const got = await home();
    expect(got).toContain(byBob.id);
    expect(got).not.toContain(byCarol.id);
    expect(got).not.toContain(original.id);
    // Turning reblogs back on for carol shows hers too.
    await act(env, alice, `/api/v1/accounts/${carol.account.id}/follow`, { reblogs: true });
    expect(await home()).toContain(byCarol.id);
    await act(env, alice, `/api/v1/accounts/${carol.account.id}/follow`, { reblogs: false });
  });

  it('leaves out replies to accounts the viewer does not follow, keeps threads and replies to friends', async () => {
    const root = await say(env, dan, 'Question about vent settings');
    const toStranger = await say(env, bob, '@dan try lower tidal volumes', { in_reply_to_id: root.id });
    const bobRoot = await say(env, bob, 'Thread: ARDS 1/2');
    const thread = await say(env, bob, 'Thread: ARDS 2/2', { in_reply_to_id: bobRoot.id });
    const aliceRoot = await say(env, alice, 'Any tips for nights?');
    const toAlice = await say(env, bob, '@alice sleep first', { in_reply_to_id: aliceRoot.id });
    const carolRoot = await say(env, carol, 'Sepsis quiz');
    const toCarol = await say(env, bob, '@carol answer B', { in_reply_to_id: carolRoot.id });
    const got = await home();
    expect(got).not.toContain(toStranger.id);
    expect(got).toEqual(expect.arrayContaining([thread.id, toAlice.id, toCarol.id]));
  });

  it('includes public posts with a followed hashtag, not unlisted ones, until unfollowed', async () => {
    const tagged = await say(env, dan, 'Probe position for #POCUS views');
    const unlisted = await say(env, dan, 'Quiet #POCUS note', { visibility: 'unlisted' });
    expect(await home()).not.toContain(tagged.id);
    await act(env, alice, '/api/v1/tags/pocus/follow');
    const got = await home();
    expect(got).toContain(tagged.id);
    expect(got).not.toContain(unlisted.id);
    await act(env, alice, '/api/v1/tags/Pocus/unfollow');
    expect(await home()).not.toContain(tagged.id);
    await act(env, alice, '/api/v1/tags/pocus/follow');
  });

  it('hides muted accounts (until a timed mute ends) and reblogs of them', async () => {
    const moPost = await say(env, mo, 'Moderation notes');
    const danPost = await say(env, dan, 'Another #pocus clip');
    const reblogOfDan = await act(env, bob, `/api/v1/statuses/${danPost.id}/reblog`);
    await act(env, alice, `/api/v1/accounts/${mo.account.id}/mute`, { duration: 600 });
    await act(env, alice, `/api/v1/accounts/${dan.account.id}/mute`);
    let got = await home();
    expect(got).not.toContain(moPost.id);
    expect(got).not.toContain(danPost.id);
    expect(got).not.toContain(reblogOfDan.id);
    env.clock.advance(601_000);
    got = await home();
    expect(got).toContain(moPost.id);
    expect(got).not.toContain(reblogOfDan.id);
    await act(env, alice, `/api/v1/accounts/${dan.account.id}/unmute`);
    got = await home();
    expect(got).toEqual(expect.arrayContaining([danPost.id, reblogOfDan.id]));
  });

  it('hides accounts the viewer blocks or is blocked by, including their reblogged posts', async () => {
    const danPost = await say(env, dan, 'More #POCUS from dan');
    const reblog = await act(env, bob, `/api/v1/statuses/${danPost.id}/reblog`);
    expect(await home()).toEqual(expect.arrayContaining([danPost.id, reblog.id]));
    await act(env, dan, `/api/v1/accounts/${alice.account.id}/block`);
    let got = await home();
    expect(got).not.toContain(danPost.id);
    expect(got).not.toContain(reblog.id);
    await act(env, dan, `/api/v1/accounts/${alice.account.id}/unblock`);
    await act(env, alice, `/api/v1/accounts/${dan.account.id}/block`);
    got = await home();
    expect(got).not.toContain(danPost.id);
    expect(got).not.toContain(reblog.id);
    await act(env, alice, `/api/v1/accounts/${dan.account.id}/unblock`);
  });

  it('stops showing an account after unfollowing it', async () => {
    const p = await say(env, mo, 'Still here');
    expect(await home()).toContain(p.id);
    await act(env, alice, `/api/v1/accounts/${mo.account.id}/unfollow`);
    expect(await home()).not.toContain(p.id);
  });

  it('needs a signed-in user with read:statuses', async () => {
    expect((await call(env, 'GET', '/api/v1/timelines/home')).status).toBe(401);
    const narrow = await createPersona(env, 'narrow', { scopes: 'read:accounts' });
    expect((await call(env, 'GET', '/api/v1/timelines/home', { token: narrow.token })).status).toBe(403);
    const ok = await createPersona(env, 'granular', { scopes: 'read:statuses' });
    expect((await call(env, 'GET', '/api/v1/timelines/home', { token: ok.token })).status).toBe(200);
  });

  it('rejects bad pagination input with a 422 naming the field', async () => {
    for (const [q, field] of [
      ['max_id=abc', 'max_id'],
      ['since_id=-1', 'since_id'],
      ['limit=0', 'limit'],
      ['limit=many', 'limit'],
    ] as const) {
      const res = await call(env, 'GET', `/api/v1/timelines/home?${q}`, { token: alice.token });
      expect(res.status, q).toBe(422);
      expect(res.body.error).toMatch(new RegExp(`^${field}:`));
    }
  });
});

describe('home timeline pagination', () => {
  let env: TestEnv;
  let viewer: Persona;
  let author: Persona;
  const posted: string[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    viewer = await createPersona(env, 'alice');
    author = await createPersona(env, 'bob');
    await act(env, viewer, `/api/v1/accounts/${author.account.id}/follow`);
    for (let i = 0; i < 7; i++) posted.push((await say(env, i % 2 ? viewer : author, `Post ${i}`)).id);
    posted.reverse(); // newest first
  });

  it('walks every status exactly once through rel="next"', async () => {
    const pages = await walkPages(env, '/api/v1/timelines/home?limit=3', viewer);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(posted);
  });

  it('walks back up through rel="prev" from the oldest page', async () => {
    const oldest = posted[posted.length - 1]!;
    const pages = await walkPages(env, `/api/v1/timelines/home?limit=3&min_id=${oldest}`, viewer, 'prev');
    expect(pages).toEqual([posted.slice(3, 6), posted.slice(0, 3)]);
  });

  it('max_id, since_id and min_id select the right windows; limit caps at 40', async () => {
    const q = (s: string) => ids(env, `/api/v1/timelines/home?${s}`, viewer);
    expect(await q(`max_id=${posted[2]}`)).toEqual(posted.slice(3));
    expect(await q(`since_id=${posted[4]}&limit=2`)).toEqual(posted.slice(0, 2));
    expect(await q(`min_id=${posted[4]}&limit=2`)).toEqual(posted.slice(2, 4));
    expect(await q(`max_id=${posted[0]}&since_id=${posted[4]}`)).toEqual(posted.slice(1, 4));
    expect(await q('limit=100')).toEqual(posted);
    const res = await call(env, 'GET', '/api/v1/timelines/home?limit=2&local=true', { token: viewer.token });
    expect(linkOf(res.headers, 'next')).toBe(`/api/v1/timelines/home?limit=2&local=true&max_id=${posted[1]}`);
    expect(linkOf(res.headers, 'prev')).toBe(`/api/v1/timelines/home?limit=2&local=true&min_id=${posted[0]}`);
    const empty = await call(env, 'GET', `/api/v1/timelines/home?since_id=${posted[0]}`, {
      token: viewer.token,
    });
    expect(empty.body).toEqual([]);
    expect(empty.headers.get('link')).toBeNull();
  });

  it('mixes followed-tag posts into the pages, each status once even when both sources match', async () => {
    const stranger = await createPersona(env, 'carol');
    await act(env, viewer, '/api/v1/tags/ecg/follow');
    const mixed: string[] = [];
    for (let i = 0; i < 4; i++) {
      mixed.push((await say(env, stranger, `ECG ${i} #ecg`)).id);
      mixed.push((await say(env, author, `Followed and tagged ${i} #ecg`)).id);
    }
    const expected = [...mixed].reverse().concat(posted);
    const pages = await walkPages(env, '/api/v1/timelines/home?limit=3', viewer);
    expect(pages.flat()).toEqual(expected);
    const back = await walkPages(
      env,
      `/api/v1/timelines/home?limit=4&min_id=${posted[posted.length - 1]}`,
      viewer,
      'prev',
    );
    const newer = expected.slice(0, -1);
    expect(back).toEqual([newer.slice(-4), newer.slice(-8, -4), newer.slice(-12, -8), newer.slice(0, -12)]);
    await act(env, viewer, '/api/v1/tags/ecg/unfollow');
    posted.splice(0, 0, ...[...mixed].reverse().filter((_, i) => i % 2 === 0));
  });

  it('gives the same ids from the exported id query as from the route', async () => {
    const direct = await selectHomeTimelineIds(env.ctx.db, viewer.account.id, { limit: 5 }, env.clock.now());
    expect(direct).toEqual(posted.slice(0, 5));
    const windowed = await selectHomeTimelineIds(
      env.ctx.db,
      viewer.account.id,
      { limit: 5, maxId: posted[1], minId: posted[5] },
      env.clock.now(),
    );
    expect(windowed).toEqual(posted.slice(2, 5));
  });
});

describe('home timeline rendering', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let dan: Persona;
  let mo: Persona;

  beforeAll(async () => {
    env = await createTestEnv();
    [alice, bob, dan, mo] = await personas(env, 'alice', 'bob', 'dan', 'mo');
    await act(env, alice, `/api/v1/accounts/${bob.account.id}/follow`);
    await act(env, alice, `/api/v1/accounts/${mo.account.id}/follow`);
  });

  it('renders each post exactly as the single-status read does (mentions, tags, media, polls, flags, reblogs)', async () => {
    // The home statement carries the page's details itself; everything else reads them through
    // hydration's own statement. Both must show a person the same post.
    const image = await upload(env, bob.token, await png(30, 20), {
      type: 'image/png',
      filename: 'echo.png',
      description: 'Parasternal long axis view',
    });
    expect(image.status).toBe(200);
    const rich = await say(env, bob, '@alice @mo look at this #echo #POCUS view', {
      media_ids: [(image.body as { id: string }).id],
    });
    const poll = await say(env, mo, 'Next step for this #echo finding?', {
      poll: { options: ['Repeat in 6 months', 'Refer now'], expires_in: 3600 },
    });
    await act(env, dan, `/api/v1/polls/${(poll.poll as { id: string }).id}/votes`, { choices: [0] });
    await act(env, alice, `/api/v1/polls/${(poll.poll as { id: string }).id}/votes`, { choices: [1] });
    await act(env, alice, `/api/v1/statuses/${rich.id}/favourite`);
    await act(env, alice, `/api/v1/statuses/${rich.id}/bookmark`);
    const own = await say(env, alice, 'Pinned: my handover checklist');
    await act(env, alice, `/api/v1/statuses/${own.id}/pin`);
    const danPost = await say(env, dan, "A stranger's #echo pearl");
    await act(env, bob, `/api/v1/statuses/${danPost.id}/reblog`);
    await act(env, alice, `/api/v1/statuses/${danPost.id}/reblog`);

    const page = await call(env, 'GET', '/api/v1/timelines/home?limit=8', { token: alice.token });
    expect(page.status).toBe(200);
    const entries = page.body as Array<{ id: string; reblog: { id: string } | null }>;
    expect(entries.map((s) => s.id)).toEqual(expect.arrayContaining([rich.id, poll.id, own.id]));
    expect(entries.some((s) => s.reblog?.id === danPost.id)).toBe(true);
    for (const entry of entries) {
      const single = await call(env, 'GET', `/api/v1/statuses/${entry.id}`, { token: alice.token });
      expect(single.status).toBe(200);
      // Timelines add `filtered` (the viewer's filter matches), also on a reblogged post; a single
      // status read does not.
      const { filtered, reblog, ...rest } = entry as typeof entry & { filtered?: unknown[] };
      expect(filtered).toEqual([]);
      const { filtered: inner, ...reblogRest } = (reblog ?? {}) as { filtered?: unknown[] };
      expect({ ...rest, reblog: reblog ? reblogRest : null }, entry.id).toEqual(single.body);
      if (reblog) expect(inner).toEqual([]);
    }
    const shown = entries.find((s) => s.id === rich.id) as unknown as Record<string, unknown>;
    expect(shown).toMatchObject({ favourited: true, bookmarked: true });
    expect((shown.mentions as unknown[]).length).toBe(2);
    expect((shown.media_attachments as unknown[]).length).toBe(1);
    expect((entries.find((s) => s.id === own.id) as unknown as { pinned: boolean }).pinned).toBe(true);
    expect(entries.find((s) => s.id === poll.id)).toMatchObject({ poll: { voted: true, own_votes: [1] } });
  });
});
