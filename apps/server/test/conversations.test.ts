import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { post } from './statuses-fixtures.ts';
import { openSocket, payloadOf, serveEnv, subscribe, type TestSocket } from './streaming-helpers.ts';

interface Conversation {
  id: string;
  unread: boolean;
  accounts: Array<{ id: string; username: string }>;
  last_status: { id: string; content: string } | null;
}

/** Sends a direct message and waits until every conversation it touches is stored. */
async function dm(env: TestEnv, from: Persona, text: string, inReplyToId?: string): Promise<{ id: string }> {
  const status = await post(env, from, {
    status: text,
    visibility: 'direct',
    ...(inReplyToId ? { in_reply_to_id: inReplyToId } : {}),
  });
  await env.ctx.events.idle();
  return status;
}

/** GET /api/v1/conversations as `who`, every entity checked against Mastodon's schema. */
async function conversationsOf(env: TestEnv, who: Persona, query = ''): Promise<Conversation[]> {
  const res = await call(env, 'GET', `/api/v1/conversations${query}`, { token: who.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  for (const c of res.body) expectMatchesSchema('Conversation', c);
  return res.body;
}

function usernames(c: Conversation | undefined): string[] {
  return (c?.accounts ?? []).map((a) => a.username).sort();
}

describe('conversations (direct messages)', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  let dan: Persona;

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    dan = await createPersona(env, 'dan');
  });

  it('starts a conversation: read for the sender, unread for the recipient, each seeing the other', async () => {
    const first = await dm(env, alice, '@bob can you cover my shift on Friday?');
    const [mine] = await conversationsOf(env, alice);
    const [theirs] = await conversationsOf(env, bob);
    expect(mine).toMatchObject({ unread: false, last_status: { id: first.id } });
    expect(theirs).toMatchObject({ id: mine!.id, unread: true, last_status: { id: first.id } });
    expect(usernames(mine)).toEqual(['bob']);
    expect(usernames(theirs)).toEqual(['alice']);
    expect(await conversationsOf(env, carol)).toEqual([]);
  });

  it('keeps a reply in the same conversation and moves its last status', async () => {
    const [before] = await conversationsOf(env, bob);
    const reply = await dm(env, bob, '@alice yes, I can take it', before!.last_status!.id);
    const [bobs] = await conversationsOf(env, bob);
    const [alices] = await conversationsOf(env, alice);
    expect(bobs).toMatchObject({ id: before!.id, unread: false, last_status: { id: reply.id } });
    expect(alices).toMatchObject({ id: before!.id, unread: true, last_status: { id: reply.id } });
    expect(await conversationsOf(env, alice)).toHaveLength(1);
  });

  it("answers 404 for someone else's conversation, and shows a third party nothing", async () => {
    const [alices] = await conversationsOf(env, alice);
    expect(await conversationsOf(env, carol)).toEqual([]);
    const read = await call(env, 'POST', `/api/v1/conversations/${alices!.id}/read`, { token: carol.token });
    expect(read.status).toBe(404);
    expect(read.body).toEqual({ error: 'Record not found' });
    const removed = await call(env, 'DELETE', `/api/v1/conversations/${alices!.id}`, { token: carol.token });
    expect(removed.status).toBe(404);
    expect(
      (await call(env, 'POST', '/api/v1/conversations/not-an-id/read', { token: alice.token })).status,
    ).toBe(404);
    expect(await conversationsOf(env, alice)).toHaveLength(1);
  });

  it('needs a signed-in user with the right scopes', async () => {
    expect((await call(env, 'GET', '/api/v1/conversations')).status).toBe(401);
    const reader = await createPersona(env, 'reader', { scopes: 'read' });
    expect((await call(env, 'GET', '/api/v1/conversations', { token: reader.token })).status).toBe(200);
    const res = await call(env, 'POST', '/api/v1/conversations/1/read', { token: reader.token });
    expect(res.status).toBe(403);
    expect(res.body.error).toContain('write:conversations');
  });

  it('marks a conversation read, and returns it', async () => {
    const [unread] = await conversationsOf(env, alice);
    expect(unread!.unread).toBe(true);
    const res = await call(env, 'POST', `/api/v1/conversations/${unread!.id}/read`, { token: alice.token });
    expect(res.status).toBe(200);
    expectMatchesSchema('Conversation', res.body);
    expect(res.body).toMatchObject({
      id: unread!.id,
      unread: false,
      last_status: { id: unread!.last_status!.id },
    });
    expect(usernames(res.body)).toEqual(['bob']);
    expect((await conversationsOf(env, alice))[0]!.unread).toBe(false);
    // Only alice's copy: bob's stays as it was.
    expect((await conversationsOf(env, bob))[0]!.unread).toBe(false);
  });

  it('marks a conversation unread again (POST /unread, Mastodon 4.2+), only for the viewer', async () => {
    const [read] = await conversationsOf(env, alice);
    expect(read!.unread).toBe(false);
    const res = await call(env, 'POST', `/api/v1/conversations/${read!.id}/unread`, { token: alice.token });
    expect(res.status).toBe(200);
    expectMatchesSchema('Conversation', res.body);
    expect(res.body).toMatchObject({
      id: read!.id,
      unread: true,
      last_status: { id: read!.last_status!.id },
    });
    expect((await conversationsOf(env, alice))[0]!.unread).toBe(true);
    expect((await conversationsOf(env, bob))[0]!.unread).toBe(false);
    const theirs = await call(env, 'POST', `/api/v1/conversations/${read!.id}/unread`, {
      token: carol.token,
    });
    expect(theirs.status).toBe(404);
    expect(
      (await call(env, 'POST', `/api/v1/conversations/${read!.id}/read`, { token: alice.token })).status,
    ).toBe(200);
  });

  it('removes a conversation for the viewer only, until a new message brings it back', async () => {
    const [bobs] = await conversationsOf(env, bob);
    const res = await call(env, 'DELETE', `/api/v1/conversations/${bobs!.id}`, { token: bob.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect(await conversationsOf(env, bob)).toEqual([]);
    expect(await conversationsOf(env, alice)).toHaveLength(1);
    const again = await dm(env, alice, '@bob thanks! I owe you one', bobs!.last_status!.id);
    const [back] = await conversationsOf(env, bob);
    expect(back).toMatchObject({ id: bobs!.id, unread: true, last_status: { id: again.id } });
  });

  it('falls back to the previous message when the last one is deleted, and goes with the last', async () => {
    const first = await dm(env, carol, '@dan are you on the ward round today?');
    const second = await dm(env, dan, '@carol yes, from eight', first.id);
    const deleted = await call(env, 'DELETE', `/api/v1/statuses/${second.id}`, { token: dan.token });
    expect(deleted.status).toBe(200);
    await env.ctx.events.idle();
    const [carols] = await conversationsOf(env, carol);
    const [dans] = await conversationsOf(env, dan);
    expect(carols!.last_status!.id).toBe(first.id);
    expect(dans!.last_status!.id).toBe(first.id);
    expect(usernames(dans)).toEqual(['carol']);
    expect((await call(env, 'DELETE', `/api/v1/statuses/${first.id}`, { token: carol.token })).status).toBe(
      200,
    );
    await env.ctx.events.idle();
    expect(await conversationsOf(env, carol)).toEqual([]);
    expect(await conversationsOf(env, dan)).toEqual([]);
  });

  it('lists everyone taking part in a group conversation, and nothing for public posts', async () => {
    await post(env, carol, { status: '@dan handover notes are on the shared drive', visibility: 'public' });
    const group = await dm(env, carol, '@dan @alice journal club moves to Thursday');
    const [dans] = await conversationsOf(env, dan);
    expect(dans!.last_status!.id).toBe(group.id);
    expect(usernames(dans)).toEqual(['alice', 'carol']);
    expect(usernames((await conversationsOf(env, carol))[0])).toEqual(['alice', 'dan']);
    expect(await conversationsOf(env, dan)).toHaveLength(1);
  });

  it('hides a conversation with someone the viewer blocks, and its id with it', async () => {
    const [group] = await conversationsOf(env, dan);
    expect(
      (await call(env, 'POST', `/api/v1/accounts/${alice.account.id}/block`, { token: dan.token })).status,
    ).toBe(200);
    expect(await conversationsOf(env, dan)).toEqual([]);
    expect(
      (await call(env, 'POST', `/api/v1/conversations/${group!.id}/read`, { token: dan.token })).status,
    ).toBe(404);
    expect(
      (await call(env, 'POST', `/api/v1/accounts/${alice.account.id}/unblock`, { token: dan.token })).status,
    ).toBe(200);
    expect(await conversationsOf(env, dan)).toHaveLength(1);
  });
});

describe('conversations: who takes part', () => {
  let env: TestEnv;
  let ravi: Persona;
  let sana: Persona;
  let tomas: Persona;

  beforeAll(async () => {
    env = await createTestEnv();
    ravi = await createPersona(env, 'ravi');
    sana = await createPersona(env, 'sana');
    tomas = await createPersona(env, 'tomas');
  });

  it('shows everyone who took part, to those already in and to whoever was added', async () => {
    const first = await dm(env, ravi, '@sana can you review the discharge summary?');
    const reply = await dm(env, sana, '@ravi @tomas looping in pharmacy', first.id);
    const [ravis] = await conversationsOf(env, ravi);
    const [tomass] = await conversationsOf(env, tomas);
    expect(ravis).toMatchObject({ id: tomass!.id, unread: true, last_status: { id: reply.id } });
    expect(usernames(ravis)).toEqual(['sana', 'tomas']);
    expect(tomass!.unread).toBe(true);
    expect(usernames(tomass)).toEqual(['ravi', 'sana']);
  });

  it('lists the author alone in a note to themselves, as Mastodon', async () => {
    const note = await dm(env, tomas, 'Reminder: restock the crash cart');
    const [mine] = await conversationsOf(env, tomas);
    expect(mine).toMatchObject({ unread: false, last_status: { id: note.id } });
    expect(usernames(mine)).toEqual(['tomas']);
  });
});

describe('conversations: pagination', () => {
  let env: TestEnv;
  let mo: Persona;
  const senders: Persona[] = [];
  const lastIds: string[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    mo = await createPersona(env, 'mo');
    for (let i = 0; i < 5; i++) senders.push(await createPersona(env, `sender${i}`));
    for (const s of senders) lastIds.push((await dm(env, s, `@mo question ${s.username}`)).id);
    // The oldest conversation gets a new message: it moves to the top.
    const followUp = await dm(env, senders[0]!, '@mo following up', lastIds[0]);
    lastIds.splice(0, 1);
    lastIds.push(followUp.id);
  });

  it('lists the conversation with the newest message first', async () => {
    const all = await conversationsOf(env, mo);
    expect(all.map((c) => c.last_status!.id)).toEqual([...lastIds].reverse());
    expect(usernames(all[0])).toEqual(['sender0']);
  });

  it('walks every conversation once by following the Link header', async () => {
    const seen: string[] = [];
    let next: string | null = '/api/v1/conversations?limit=2';
    while (next) {
      const res = await call(env, 'GET', next, { token: mo.token });
      expect(res.status).toBe(200);
      if (res.body.length === 0) break;
      seen.push(...res.body.map((c: Conversation) => c.last_status!.id));
      const link = res.headers.get('link')!;
      expect(link).toContain('rel="prev"');
      const m = link.match(/<([^>]+)>; rel="next"/);
      next = m ? new URL(m[1]!).pathname + new URL(m[1]!).search : null;
    }
    expect(seen).toEqual([...lastIds].reverse());
  });

  it('pages towards newer conversations with min_id and since_id', async () => {
    const oldest = lastIds[0]!;
    const afterOldest = await conversationsOf(env, mo, `?min_id=${oldest}&limit=2`);
    expect(afterOldest.map((c) => c.last_status!.id)).toEqual([lastIds[2], lastIds[1]]);
    const newest = await conversationsOf(env, mo, `?since_id=${oldest}&limit=2`);
    expect(newest.map((c) => c.last_status!.id)).toEqual([lastIds[4], lastIds[3]]);
    expect(await conversationsOf(env, mo, `?max_id=${oldest}`)).toEqual([]);
  });
});

describe('conversations: the direct stream', () => {
  let env: TestEnv;
  let url: string;
  let close: () => Promise<void>;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  const sockets: TestSocket[] = [];
  const open = async (who: Persona) => {
    const s = await openSocket(url, who.token);
    sockets.push(s);
    await subscribe(s, 'direct');
    return s;
  };

  beforeAll(async () => {
    env = await createTestEnv();
    ({ url, close } = await serveEnv(env));
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await close();
  });

  it('sends each participant their Conversation, as the list then shows it', async () => {
    const [aliceWs, bobWs, carolWs] = [await open(alice), await open(bob), await open(carol)];
    const first = await dm(env, alice, '@bob the MRI slot moved to 14:00');
    const toBob = payloadOf(await bobWs.next((m) => m.event === 'conversation'));
    const toAlice = payloadOf(await aliceWs.next((m) => m.event === 'conversation'));
    expectMatchesSchema('Conversation', toBob);
    expectMatchesSchema('Conversation', toAlice);
    const [listed] = await conversationsOf(env, bob);
    expect(toBob).toEqual(listed);
    expect(toBob).toMatchObject({ unread: true, last_status: { id: first.id } });
    expect(usernames(toBob)).toEqual(['alice']);
    expect(toAlice).toMatchObject({ id: toBob.id, unread: false });
    expect(usernames(toAlice)).toEqual(['bob']);

    const reply = await dm(env, bob, '@alice noted, thanks', first.id);
    const update = await aliceWs.next(
      (m) => m.event === 'conversation' && payloadOf(m).last_status.id === reply.id,
    );
    expect(payloadOf(update)).toMatchObject({ id: toBob.id, unread: true });
    await carolWs.barrier();
    expect(carolWs.received.filter((m) => m.event === 'conversation')).toEqual([]);
  });
});
