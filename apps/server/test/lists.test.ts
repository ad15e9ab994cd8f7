import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import {
  openSocket,
  payloadOf,
  serveEnv,
  statusEvent,
  subscribe,
  type TestSocket,
} from './streaming-helpers.ts';
import { act, ids, linkOf, personas, say, walkPages } from './timelines-helpers.ts';

interface ListEntity {
  id: string;
  title: string;
  replies_policy: 'followed' | 'list' | 'none';
  exclusive: boolean;
}

/** Creates a list through the API and checks it is a Mastodon List. */
async function makeList(env: TestEnv, who: Persona, body: Record<string, unknown>): Promise<ListEntity> {
  const res = await call(env, 'POST', '/api/v1/lists', { token: who.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expectMatchesSchema('List', res.body);
  return res.body;
}

async function addMembers(env: TestEnv, who: Persona, listId: string, members: Persona[]) {
  const res = await call(env, 'POST', `/api/v1/lists/${listId}/accounts`, {
    token: who.token,
    body: { account_ids: members.map((m) => m.account.id) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toEqual({});
}

async function memberIds(env: TestEnv, who: Persona, listId: string): Promise<string[]> {
  return ids(env, `/api/v1/lists/${listId}/accounts?limit=0`, who);
}

function follow(env: TestEnv, who: Persona, target: Persona, body?: Record<string, unknown>) {
  return act(env, who, `/api/v1/accounts/${target.account.id}/follow`, body);
}

describe('lists: create, read, update, delete', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;

  beforeAll(async () => {
    env = await createTestEnv();
    [alice, bob] = await personas(env, 'alice', 'bob');
  });

  it('creates a list with Mastodon defaults and shows it only to its owner', async () => {
    const list = await makeList(env, alice, { title: '  Night float  ' });
    expect(list).toEqual({ id: list.id, title: 'Night float', replies_policy: 'list', exclusive: false });
    const form = await call(env, 'POST', '/api/v1/lists', {
      token: alice.token,
      form: { title: 'ICU team', replies_policy: 'followed', exclusive: 'true' },
    });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ title: 'ICU team', replies_policy: 'followed', exclusive: true });

    const mine = await call(env, 'GET', '/api/v1/lists', { token: alice.token });
    expect(mine.body.map((l: ListEntity) => l.title)).toEqual(['Night float', 'ICU team']);
    for (const l of mine.body) expectMatchesSchema('List', l);
    const one = await call(env, 'GET', `/api/v1/lists/${list.id}`, { token: alice.token });
    expect(one.body).toEqual(list);
    expect((await call(env, 'GET', '/api/v1/lists', { token: bob.token })).body).toEqual([]);
  });

  it('updates only what is sent', async () => {
    const list = await makeList(env, alice, { title: 'Journal club', exclusive: true });
    const renamed = await call(env, 'PUT', `/api/v1/lists/${list.id}`, {
      token: alice.token,
      body: { title: 'Journal club 2026' },
    });
    expect(renamed.status).toBe(200);
    expectMatchesSchema('List', renamed.body);
    expect(renamed.body).toEqual({ ...list, title: 'Journal club 2026' });
    const policy = await call(env, 'PUT', `/api/v1/lists/${list.id}`, {
      token: alice.token,
      form: { replies_policy: 'none', exclusive: 'false' },
    });
    expect(policy.body).toEqual({
      ...list,
      title: 'Journal club 2026',
      replies_policy: 'none',
      exclusive: false,
    });
  });

  it('refuses a blank, overlong or identifying title and an unknown replies policy, saying why', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{}, /^title: can't be blank/],
      [{ title: '   ' }, /^title: can't be blank/],
      [{ title: 42 }, /^title: must be text/],
      [{ title: 'x'.repeat(257) }, /^title: is too long \(at most 256/],
      [
        { title: 'Rounds', replies_policy: 'everyone' },
        /^replies_policy: must be one of followed, list, none/,
      ],
      [{ title: 'Rounds', exclusive: 'maybe' }, /^exclusive: must be true or false/],
      [{ title: 'Follow up Marguerite Okafor, MRN 4471-2290' }, /MRN '4471-2290'/],
    ];
    for (const [body, message] of cases) {
      const res = await call(env, 'POST', '/api/v1/lists', { token: alice.token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error).toMatch(message);
    }
    const list = await makeList(env, alice, { title: 'Teaching' });
    const blank = await call(env, 'PUT', `/api/v1/lists/${list.id}`, {
      token: alice.token,
      body: { title: '' },
    });
    expect(blank.status).toBe(422);
    const kept = await call(env, 'GET', `/api/v1/lists/${list.id}`, { token: alice.token });
    expect(kept.body.title).toBe('Teaching');
  });

  it("answers 404 for another user's list, whatever the method", async () => {
    const list = await makeList(env, alice, { title: 'Private thoughts' });
    const attempts: Array<[string, string, Record<string, unknown>?]> = [
      ['GET', `/api/v1/lists/${list.id}`],
      ['PUT', `/api/v1/lists/${list.id}`, { title: 'Mine now' }],
      ['DELETE', `/api/v1/lists/${list.id}`],
      ['GET', `/api/v1/lists/${list.id}/accounts`],
      ['POST', `/api/v1/lists/${list.id}/accounts`, { account_ids: [bob.account.id] }],
      ['DELETE', `/api/v1/lists/${list.id}/accounts`, { account_ids: [bob.account.id] }],
      ['GET', `/api/v1/timelines/list/${list.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(env, method, path, { token: bob.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body).toEqual({ error: 'Record not found' });
    }
    const still = await call(env, 'GET', `/api/v1/lists/${list.id}`, { token: alice.token });
    expect(still.body.title).toBe('Private thoughts');
    expect((await call(env, 'GET', '/api/v1/lists/123', { token: alice.token })).status).toBe(404);
    const bad = await call(env, 'GET', '/api/v1/lists/abc', { token: alice.token });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/^id:/);
  });

  it('deletes a list with its members and timeline', async () => {
    await follow(env, alice, bob);
    const list = await makeList(env, alice, { title: 'Short-lived' });
    await addMembers(env, alice, list.id, [bob]);
    const res = await call(env, 'DELETE', `/api/v1/lists/${list.id}`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    for (const path of [`/api/v1/lists/${list.id}`, `/api/v1/timelines/list/${list.id}`]) {
      expect((await call(env, 'GET', path, { token: alice.token })).status).toBe(404);
    }
    const holding = await call(env, 'GET', `/api/v1/accounts/${bob.account.id}/lists`, {
      token: alice.token,
    });
    expect(holding.body.map((l: ListEntity) => l.id)).not.toContain(list.id);
    const again = await call(env, 'DELETE', `/api/v1/lists/${list.id}`, { token: alice.token });
    expect(again.status).toBe(404);
  });

  it('needs a signed-in user with the lists scopes', async () => {
    expect((await call(env, 'GET', '/api/v1/lists')).status).toBe(401);
    const reader = await createPersona(env, 'reader', { scopes: 'read:statuses' });
    const res = await call(env, 'GET', '/api/v1/lists', { token: reader.token });
    expect(res.status).toBe(403);
    expect(res.body.error).toContain('read:lists');
    const readOnly = await createPersona(env, 'readonly', { scopes: 'read' });
    expect((await call(env, 'GET', '/api/v1/lists', { token: readOnly.token })).status).toBe(200);
    const write = await call(env, 'POST', '/api/v1/lists', { token: readOnly.token, body: { title: 'No' } });
    expect(write.status).toBe(403);
  });

  it('stops at fifty lists per account, as Mastodon', async () => {
    const collector = await createPersona(env, 'collector');
    for (let i = 0; i < 50; i++) await makeList(env, collector, { title: `List ${i}` });
    const res = await call(env, 'POST', '/api/v1/lists', {
      token: collector.token,
      body: { title: 'One more' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/at most 50 lists/);
  });
});

describe('lists: members', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  let dan: Persona;
  let erin: Persona;

  beforeAll(async () => {
    env = await createTestEnv();
    [alice, bob, carol, dan, erin] = await personas(env, 'alice', 'bob', 'carol', 'dan', 'erin');
    for (const p of [bob, carol, dan]) await follow(env, alice, p);
  });

  it('adds only accounts the owner follows (422 otherwise), and the owner herself', async () => {
    const list = await makeList(env, alice, { title: 'Cardiology' });
    const refused = await call(env, 'POST', `/api/v1/lists/${list.id}/accounts`, {
      token: alice.token,
      body: { account_ids: [bob.account.id, erin.account.id] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('You need to follow @erin before adding them to a list');
    expect(await memberIds(env, alice, list.id)).toEqual([]);

    const form = await call(env, 'POST', `/api/v1/lists/${list.id}/accounts`, {
      token: alice.token,
      form: { 'account_ids[]': bob.account.id },
    });
    expect(form.status).toBe(200);
    await addMembers(env, alice, list.id, [alice, carol]);
    const members = await call(env, 'GET', `/api/v1/lists/${list.id}/accounts`, { token: alice.token });
    expect(members.body.map((a: { id: string }) => a.id)).toEqual([
      carol.account.id,
      alice.account.id,
      bob.account.id,
    ]);
    for (const a of members.body) expectMatchesSchema('Account', a);
  });

  it('refuses an account already on the list and keeps the rest of the call from applying', async () => {
    const list = await makeList(env, alice, { title: 'Nephrology' });
    await addMembers(env, alice, list.id, [bob]);
    const dup = await call(env, 'POST', `/api/v1/lists/${list.id}/accounts`, {
      token: alice.token,
      body: { account_ids: [carol.account.id, bob.account.id] },
    });
    expect(dup.status).toBe(422);
    expect(dup.body.error).toBe('@bob is already on this list');
    expect(await memberIds(env, alice, list.id)).toEqual([bob.account.id]);
  });

  it('answers 404 for unknown accounts and 422 for malformed or missing ids', async () => {
    const list = await makeList(env, alice, { title: 'Oncology' });
    const unknown = await call(env, 'POST', `/api/v1/lists/${list.id}/accounts`, {
      token: alice.token,
      body: { account_ids: ['999999'] },
    });
    expect(unknown.status).toBe(404);
    const none = await call(env, 'POST', `/api/v1/lists/${list.id}/accounts`, {
      token: alice.token,
      body: {},
    });
    expect(none.status).toBe(422);
    expect(none.body.error).toMatch(/^account_ids: name at least one account/);
    const bad = await call(env, 'POST', `/api/v1/lists/${list.id}/accounts`, {
      token: alice.token,
      body: { account_ids: ['bob'] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/^account_ids\.0:/);
  });

  it('removes accounts, ignoring those not on the list', async () => {
    const list = await makeList(env, alice, { title: 'Surgery' });
    await addMembers(env, alice, list.id, [bob, carol]);
    const res = await call(
      env,
      'DELETE',
      `/api/v1/lists/${list.id}/accounts?account_ids[]=${bob.account.id}`,
      {
        token: alice.token,
        body: { account_ids: [bob.account.id, erin.account.id] },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect(await memberIds(env, alice, list.id)).toEqual([carol.account.id]);
  });

  it('pages members with the Link header; limit=0 answers everyone at once', async () => {
    const fans = await personas(env, 'fan0', 'fan1', 'fan2', 'fan3', 'fan4');
    for (const f of fans) await follow(env, alice, f);
    const list = await makeList(env, alice, { title: 'Residents' });
    for (const f of fans) await addMembers(env, alice, list.id, [f]);
    const newestFirst = fans.map((f) => f.account.id).reverse();
    const pages = await walkPages(env, `/api/v1/lists/${list.id}/accounts?limit=2`, alice);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(newestFirst);
    const first = await call(env, 'GET', `/api/v1/lists/${list.id}/accounts?limit=2`, { token: alice.token });
    const prev = linkOf(first.headers, 'prev')!;
    expect(prev).toContain('min_id=');
    expect(await ids(env, prev, alice)).toEqual([]);
    const all = await call(env, 'GET', `/api/v1/lists/${list.id}/accounts?limit=0`, { token: alice.token });
    expect(all.body.map((a: { id: string }) => a.id)).toEqual(newestFirst);
    expect(all.headers.get('link')).toBeNull();
  });

  it("tells which of the viewer's lists hold an account, and no one else's", async () => {
    const a = await makeList(env, alice, { title: 'Mentors' });
    const b = await makeList(env, alice, { title: 'Peers' });
    await makeList(env, alice, { title: 'Empty' });
    await addMembers(env, alice, a.id, [dan]);
    await addMembers(env, alice, b.id, [dan]);
    await follow(env, bob, dan);
    const bobs = await makeList(env, bob, { title: "Bob's" });
    await addMembers(env, bob, bobs.id, [dan]);
    const res = await call(env, 'GET', `/api/v1/accounts/${dan.account.id}/lists`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([a, b]);
    for (const l of res.body) expectMatchesSchema('List', l);
    const nobody = await call(env, 'GET', `/api/v1/accounts/${erin.account.id}/lists`, {
      token: alice.token,
    });
    expect(nobody.body).toEqual([]);
    expect((await call(env, 'GET', '/api/v1/accounts/424242/lists', { token: alice.token })).status).toBe(
      404,
    );
  });

  it('drops a member when the owner unfollows or blocks them, or they block the owner', async () => {
    const [fred, gina, hank] = await personas(env, 'fred', 'gina', 'hank');
    for (const p of [fred, gina, hank]) await follow(env, alice, p);
    const list = await makeList(env, alice, { title: 'Temporary' });
    await addMembers(env, alice, list.id, [fred, gina, hank, alice]);

    await act(env, alice, `/api/v1/accounts/${fred.account.id}/unfollow`);
    expect(await memberIds(env, alice, list.id)).toEqual([
      alice.account.id,
      hank.account.id,
      gina.account.id,
    ]);
    await act(env, alice, `/api/v1/accounts/${gina.account.id}/block`);
    expect(await memberIds(env, alice, list.id)).toEqual([alice.account.id, hank.account.id]);
    await act(env, hank, `/api/v1/accounts/${alice.account.id}/block`);
    expect(await memberIds(env, alice, list.id)).toEqual([alice.account.id]);
    const fredLists = await call(env, 'GET', `/api/v1/accounts/${fred.account.id}/lists`, {
      token: alice.token,
    });
    expect(fredLists.body).toEqual([]);

    // Following again does not bring anyone back by itself.
    await follow(env, alice, fred);
    expect(await memberIds(env, alice, list.id)).toEqual([alice.account.id]);
  });
});

describe('lists: the list timeline', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  let dan: Persona;
  let erin: Persona;
  const lists: Record<'followed' | 'list' | 'none', ListEntity> = {} as never;

  beforeAll(async () => {
    env = await createTestEnv();
    [alice, bob, carol, dan, erin] = await personas(env, 'alice', 'bob', 'carol', 'dan', 'erin');
    for (const p of [bob, carol, dan]) await follow(env, alice, p);
    for (const policy of ['followed', 'list', 'none'] as const) {
      lists[policy] = await makeList(env, alice, { title: `Replies: ${policy}`, replies_policy: policy });
      await addMembers(env, alice, lists[policy].id, [bob, carol]);
    }
  });

  const timeline = (list: ListEntity, query = '') =>
    ids(env, `/api/v1/timelines/list/${list.id}${query}`, alice);

  it('shows the members’ statuses newest first, as Statuses, and nobody else’s', async () => {
    const d = await say(env, dan, 'Dan is followed but not on the list');
    const b = await say(env, bob, 'Bob on troponin kinetics');
    const c = await say(env, carol, 'Carol on early mobilisation');
    const a = await say(env, alice, 'Alice is the owner, not a member');
    const res = await call(env, 'GET', `/api/v1/timelines/list/${lists.list.id}`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body.map((s: { id: string }) => s.id)).toEqual([c.id, b.id]);
    for (const s of res.body) expectMatchesSchema('Status', s);
    expect(res.body[0]).toMatchObject({ content: expect.stringContaining('early mobilisation') });
    expect(res.body[0].account.id).toBe(carol.account.id);
    for (const other of [d.id, a.id]) expect(await timeline(lists.list)).not.toContain(other);
  });

  it('follows each replies policy as Mastodon does', async () => {
    const parent = {
      bob: await say(env, bob, 'Thread start'),
      carol: await say(env, carol, 'Carol asks a question'),
      dan: await say(env, dan, 'Dan asks a question'),
      erin: await say(env, erin, 'Erin asks a question'),
      alice: await say(env, alice, 'Alice asks a question'),
    };
    const reply = async (to: keyof typeof parent) =>
      (await say(env, bob, `Bob answers ${to}`, { in_reply_to_id: parent[to].id })).id;
    const self = await reply('bob');
    const toMember = await reply('carol');
    const toFollowed = await reply('dan');
    const toStranger = await reply('erin');
    const toOwner = await reply('alice');
    const shown = async (list: ListEntity) => {
      const got = new Set(await timeline(list, '?limit=40'));
      return [self, toMember, toFollowed, toStranger, toOwner].filter((id) => got.has(id));
    };
    expect(await shown(lists.followed)).toEqual([self, toMember, toFollowed, toOwner]);
    expect(await shown(lists.list)).toEqual([self, toMember, toOwner]);
    // `none` still shows threads and replies to the owner (Mastodon's filter_from_list?).
    expect(await shown(lists.none)).toEqual([self, toOwner]);
  });

  it('shows members’ reblogs unless the owner hides that member’s reblogs', async () => {
    const original = await say(env, erin, 'Erin writes something worth sharing');
    const reblog = await act(env, carol, `/api/v1/statuses/${original.id}/reblog`);
    const top = await call(env, 'GET', `/api/v1/timelines/list/${lists.list.id}?limit=1`, {
      token: alice.token,
    });
    expect(top.body[0].id).toBe(reblog.id);
    expect(top.body[0].reblog.id).toBe(original.id);
    expectMatchesSchema('Status', top.body[0]);
    await follow(env, alice, carol, { reblogs: false });
    expect(await timeline(lists.list)).not.toContain(reblog.id);
    await follow(env, alice, carol, { reblogs: true });
    expect(await timeline(lists.list)).toContain(reblog.id);
  });

  it('keeps direct messages out and followers-only posts in', async () => {
    const dm = await say(env, bob, '@alice a direct question', { visibility: 'direct' });
    const priv = await say(env, bob, 'Followers-only: handover notes', { visibility: 'private' });
    const got = await timeline(lists.list);
    expect(got).toContain(priv.id);
    expect(got).not.toContain(dm.id);
  });

  it('walks pages with the Link header and min_id', async () => {
    await follow(env, alice, erin);
    const list = await makeList(env, alice, { title: 'Pearls' });
    await addMembers(env, alice, list.id, [erin]);
    const before = await timeline(list, '?limit=40');
    const posted: string[] = [];
    for (let i = 0; i < 5; i++) posted.push((await say(env, erin, `Pearl number ${i}`)).id);
    const all = [...posted.reverse(), ...before];
    const pages = await walkPages(env, `/api/v1/timelines/list/${list.id}?limit=2`, alice);
    expect(pages.flat()).toEqual(all);
    expect(pages[0]).toHaveLength(2);
    const oldest = all[all.length - 1]!;
    expect(await timeline(list, `?min_id=${oldest}&limit=2`)).toEqual(all.slice(-3, -1));
    expect(await timeline(list, `?since_id=${oldest}&limit=2`)).toEqual(all.slice(0, 2));
    const bad = await call(env, 'GET', `/api/v1/timelines/list/${list.id}?limit=many`, {
      token: alice.token,
    });
    expect(bad.status).toBe(422);
  });

  it('hides authors the owner mutes', async () => {
    const c = await say(env, carol, 'Carol again');
    expect(await timeline(lists.list)).toContain(c.id);
    await act(env, alice, `/api/v1/accounts/${carol.account.id}/mute`);
    expect(await timeline(lists.list, '?limit=40')).not.toContain(c.id);
  });
});

describe('lists: exclusive lists and live streams', () => {
  let env: TestEnv;
  let url: string;
  let close: () => Promise<void>;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  let dan: Persona;
  const sockets: TestSocket[] = [];
  const open = async (who: Persona) => {
    const s = await openSocket(url, who.token);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    env = await createTestEnv();
    ({ url, close } = await serveEnv(env));
    [alice, bob, carol, dan] = await personas(env, 'alice', 'bob', 'carol', 'dan');
    for (const p of [bob, carol, dan]) await follow(env, alice, p);
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await close();
  });

  it("keeps an exclusive list's members out of the owner's home timeline, never the owner", async () => {
    const list = await makeList(env, alice, { title: 'Noisy but useful', exclusive: true });
    await addMembers(env, alice, list.id, [bob, alice]);
    const b = await say(env, bob, 'Bob posts a lot');
    const c = await say(env, carol, 'Carol posts less');
    const a = await say(env, alice, 'Alice posts too');
    const home = await ids(env, '/api/v1/timelines/home', alice);
    expect(home).toEqual(expect.arrayContaining([a.id, c.id]));
    expect(home).not.toContain(b.id);
    expect(await ids(env, `/api/v1/timelines/list/${list.id}`, alice)).toEqual([a.id, b.id]);
    // Others who follow bob still see him at home.
    await follow(env, carol, bob);
    expect(await ids(env, '/api/v1/timelines/home', carol)).toContain(b.id);

    await call(env, 'PUT', `/api/v1/lists/${list.id}`, { token: alice.token, body: { exclusive: false } });
    expect(await ids(env, '/api/v1/timelines/home', alice)).toContain(b.id);
    await call(env, 'PUT', `/api/v1/lists/${list.id}`, { token: alice.token, body: { exclusive: true } });
  });

  it("streams a member's new status to the list stream, and not to the user stream when exclusive", async () => {
    const [list] = (await call(env, 'GET', '/api/v1/lists', { token: alice.token })).body as ListEntity[];
    const ws = await open(alice);
    await subscribe(ws, 'list', { list: list!.id });
    await subscribe(ws, 'user');
    const b = await say(env, bob, 'Live from the cath lab');
    const got = await ws.next(statusEvent('update', 'list', b.id));
    expect(got.stream).toEqual(['list', list!.id]);
    const entity = payloadOf(got);
    expectMatchesSchema('Status', entity);
    expect(entity.account.id).toBe(bob.account.id);
    // carol's post is on alice's user stream; bob's, before it, never was.
    const c = await say(env, carol, 'Sentinel from carol');
    await ws.next(statusEvent('update', 'user', c.id));
    await env.ctx.events.idle();
    expect(ws.received.filter(statusEvent('update', 'user', b.id))).toEqual([]);
    expect(ws.received.filter(statusEvent('update', 'list', c.id))).toEqual([]);
  });

  it('streams by the same replies policy as the list timeline', async () => {
    const list = await makeList(env, alice, { title: 'No replies', replies_policy: 'none' });
    await addMembers(env, alice, list.id, [dan]);
    const ws = await open(alice);
    await subscribe(ws, 'list', { list: list.id });
    const question = await say(env, carol, 'Carol asks about heparin');
    const reply = await say(env, dan, 'Dan answers carol', { in_reply_to_id: question.id });
    const plain = await say(env, dan, 'Dan posts on his own');
    await ws.next(statusEvent('update', 'list', plain.id));
    await env.ctx.events.idle();
    expect(ws.received.filter(statusEvent('update', 'list', reply.id))).toEqual([]);
    expect(await ids(env, `/api/v1/timelines/list/${list.id}`, alice)).toEqual([plain.id]);
  });

  it("refuses to stream someone else's list", async () => {
    const [list] = (await call(env, 'GET', '/api/v1/lists', { token: alice.token })).body as ListEntity[];
    const ws = await open(bob);
    ws.send({ type: 'subscribe', stream: 'list', list: list!.id });
    const refused = await ws.next((m) => m.error !== undefined);
    expect(refused).toMatchObject({ error: 'Not authorized to stream this list', status: 401 });
    const huge = await open(alice);
    huge.send({ type: 'subscribe', stream: 'list', list: '99999999999999999999' });
    expect(await huge.next((m) => m.error !== undefined)).toMatchObject({ status: 401 });
  });
});
