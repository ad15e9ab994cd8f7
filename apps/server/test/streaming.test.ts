import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';
import { post } from './statuses-fixtures.ts';
import {
  openSocket,
  payloadOf,
  type StreamMessage,
  serveEnv,
  statusEvent,
  subscribe,
  type TestSocket,
} from './streaming-helpers.ts';

describe('WebSocket streaming: timelines', () => {
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
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    dan = await createPersona(env, 'dan');
    // carol follows alice; dan follows no one.
    expect(
      (await call(env, 'POST', `/api/v1/accounts/${alice.account.id}/follow`, { token: carol.token })).status,
    ).toBe(200);
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await close();
  });

  it("delivers another user's post to a hashtag stream, as a Status for that viewer", async () => {
    const ws = await open(bob);
    await subscribe(ws, 'hashtag', { tag: 'POCUS' });
    const status = await post(env, alice, { status: 'Lung sliding on #POCUS: look for the seashore sign' });
    const m = await ws.next(statusEvent('update', 'hashtag', status.id));
    expect(m.stream).toEqual(['hashtag', 'POCUS']);
    expect(typeof m.payload).toBe('string');
    const entity = payloadOf(m);
    expectMatchesSchema('Status', entity);
    expect(entity).toMatchObject({
      id: status.id,
      content: status.content,
      favourited: false,
      reblogged: false,
    });
    expect(entity.account.id).toBe(alice.account.id);
    expect(entity.pinned).toBeUndefined();
  });

  it("streams a followed account's posts, and the author's own, on the user stream", async () => {
    const carolWs = await open(carol);
    const aliceWs = await open(alice);
    await subscribe(carolWs, 'user');
    await subscribe(aliceWs, 'user');
    const status = await post(env, alice, { status: 'Morning report: three admissions overnight' });
    const got = await carolWs.next(statusEvent('update', 'user', status.id));
    expect(got.stream).toEqual(['user']);
    const own = payloadOf(await aliceWs.next(statusEvent('update', 'user', status.id)));
    expect(own.pinned).toBe(false);
  });

  it('never sends a followers-only post to someone who does not follow the author', async () => {
    const danWs = await open(dan);
    const carolWs = await open(carol);
    for (const stream of ['user', 'public', 'public:local']) await subscribe(danWs, stream);
    await subscribe(danWs, 'hashtag', { tag: 'pocus' });
    await subscribe(carolWs, 'user');
    const secret = await post(env, alice, {
      status: 'Followers only: our #POCUS journal club notes',
      visibility: 'private',
    });
    const sentinel = await post(env, alice, { status: 'Public #POCUS pearl: A-lines mean air' });
    // Followers do get it, in order with what follows.
    await carolWs.next(statusEvent('update', 'user', secret.id));
    await danWs.next(statusEvent('update', 'hashtag', sentinel.id));
    await danWs.next(statusEvent('update', 'public', sentinel.id));
    await env.ctx.events.idle();
    await danWs.barrier();
    const leaked = danWs.received.filter((m: StreamMessage) => m.payload?.includes(secret.id));
    expect(leaked).toEqual([]);
  });

  it('hides authors the viewer muted or blocked from public streams', async () => {
    const danWs = await open(dan);
    await subscribe(danWs, 'hashtag', { tag: 'sepsis' });
    expect(
      (await call(env, 'POST', `/api/v1/accounts/${bob.account.id}/mute`, { token: dan.token })).status,
    ).toBe(200);
    expect(
      (await call(env, 'POST', `/api/v1/accounts/${carol.account.id}/block`, { token: dan.token })).status,
    ).toBe(200);
    await env.ctx.events.idle();
    // Reconnect so the mute (which has no event of its own) is in the connection's cached state.
    const fresh = await open(dan);
    await subscribe(fresh, 'hashtag', { tag: 'sepsis' });
    const muted = await post(env, bob, { status: 'Early antibiotics in #sepsis' });
    const blocked = await post(env, carol, { status: 'Lactate trends in #sepsis' });
    const shown = await post(env, alice, { status: 'Fluids in #sepsis: reassess often' });
    await fresh.next(statusEvent('update', 'hashtag', shown.id));
    await danWs.next(statusEvent('update', 'hashtag', shown.id));
    const ids = fresh.received.map((m) => (m.payload ? payloadOf(m)?.id : undefined));
    expect(ids).not.toContain(muted.id);
    expect(ids).not.toContain(blocked.id);
    // The block has an event: even the older connection drops the blocked author at once.
    expect(danWs.received.map((m) => (m.payload ? payloadOf(m)?.id : undefined))).not.toContain(blocked.id);
  });

  it('sends delete with the id as payload, and status.update with the edited status', async () => {
    const ws = await open(bob);
    await subscribe(ws, 'public:local');
    const status = await post(env, alice, { status: 'Draft teaching point on hyperkalaemia' });
    await ws.next(statusEvent('update', 'public:local', status.id));
    const edited = await call(env, 'PUT', `/api/v1/statuses/${status.id}`, {
      token: alice.token,
      body: { status: 'Teaching point: hyperkalaemia, calcium first' },
    });
    expect(edited.status).toBe(200);
    const update = payloadOf(await ws.next(statusEvent('status.update', 'public:local', status.id)));
    expect(update.content).toContain('calcium first');
    expect(update.edited_at).not.toBeNull();
    expect((await call(env, 'DELETE', `/api/v1/statuses/${status.id}`, { token: alice.token })).status).toBe(
      200,
    );
    const del = await ws.next((m) => m.event === 'delete' && m.payload === status.id);
    expect(del.stream).toEqual(['public:local']);
  });

  it('streams reblogs of followed accounts into home, as the reblog wrapper', async () => {
    const carolWs = await open(carol);
    await subscribe(carolWs, 'user');
    const original = await post(env, bob, { status: 'Great case of Takotsubo today' });
    const reblog = await call(env, 'POST', `/api/v1/statuses/${original.id}/reblog`, { token: alice.token });
    expect(reblog.status).toBe(200);
    const m = payloadOf(await carolWs.next(statusEvent('update', 'user', reblog.body.id)));
    expect(m.reblog.id).toBe(original.id);
    expectMatchesSchema('Status', m);
  });

  it('delivers favourite and mention notifications live to the author', async () => {
    const aliceWs = await open(alice);
    await subscribe(aliceWs, 'user:notification');
    const status = await post(env, alice, { status: 'Case: chest pain with a normal ECG' });
    expect(
      (await call(env, 'POST', `/api/v1/statuses/${status.id}/favourite`, { token: bob.token })).status,
    ).toBe(200);
    const fav = await aliceWs.next((m) => m.event === 'notification' && payloadOf(m).type === 'favourite');
    expect(fav.stream).toEqual(['user:notification']);
    const n = payloadOf(fav);
    expectMatchesSchema('Notification', n);
    expect(n.account.id).toBe(bob.account.id);
    expect(n.status.id).toBe(status.id);
    const mention = await post(env, bob, { status: '@alice have you seen the troponin trend?' });
    const got = payloadOf(
      await aliceWs.next((m) => m.event === 'notification' && payloadOf(m).type === 'mention'),
    );
    expect(got.status.id).toBe(mention.id);
  });

  it('sends direct messages to the direct stream as conversations, to participants only', async () => {
    const bobWs = await open(bob);
    const danWs = await open(dan);
    await subscribe(bobWs, 'direct');
    await subscribe(danWs, 'direct');
    const dm = await post(env, alice, {
      status: '@bob can you cover my shift on Friday?',
      visibility: 'direct',
    });
    const m = await bobWs.next((x) => x.event === 'conversation');
    expect(m.stream).toEqual(['direct']);
    const conversation = payloadOf(m);
    expectMatchesSchema('Conversation', conversation);
    expect(conversation.last_status.id).toBe(dm.id);
    expect(conversation.unread).toBe(true);
    expect(conversation.accounts.map((a: { id: string }) => a.id)).toEqual([alice.account.id]);
    await env.ctx.events.idle();
    await danWs.barrier();
    expect(danWs.received.filter((x) => x.event === 'conversation')).toEqual([]);
  });

  it('agrees with GET /api/v1/timelines/home on what the user stream carries', async () => {
    const carolWs = await open(carol);
    await subscribe(carolWs, 'user');
    const start = await post(env, carol, { status: 'Start of the comparison window' });
    const danPost = await post(env, dan, { status: 'Anyone used the new sepsis bundle?' });
    // A reply to someone carol does not follow stays out of her home, as in Mastodon.
    const reply = await post(env, alice, { status: '@dan yes, it works well', in_reply_to_id: danPost.id });
    const selfThread = await post(env, alice, { status: 'Thread, part two', in_reply_to_id: reply.id });
    const sentinel = await post(env, carol, { status: 'End of the comparison window' });
    await carolWs.next(statusEvent('update', 'user', sentinel.id));
    await env.ctx.events.idle();
    await carolWs.barrier();
    const home = await call(env, 'GET', `/api/v1/timelines/home?since_id=${start.id}&limit=40`, {
      token: carol.token,
    });
    const polled = (home.body as Array<{ id: string }>).map((x) => x.id).sort();
    const streamed = carolWs.received
      .filter((m) => m.event === 'update' && payloadOf(m).id > start.id)
      .map((m) => payloadOf(m).id as string)
      .sort();
    expect(streamed).toEqual(polled);
    expect(streamed).not.toContain(reply.id);
    expect(streamed).toContain(selfThread.id);
  });

  it('stops a stream on unsubscribe and keeps the others', async () => {
    const ws = await open(bob);
    await subscribe(ws, 'hashtag', { tag: 'ecg' });
    await subscribe(ws, 'public');
    ws.send({ type: 'unsubscribe', stream: 'hashtag', tag: 'ECG' });
    await ws.barrier();
    const status = await post(env, alice, { status: 'Wellens pattern on the #ECG' });
    await ws.next(statusEvent('update', 'public', status.id));
    await ws.barrier();
    expect(ws.received.filter((m) => m.stream?.[0] === 'hashtag')).toEqual([]);
  });
});
