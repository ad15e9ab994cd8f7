import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { post } from './statuses-fixtures.ts';
import { serveEnv } from './streaming-helpers.ts';

interface SseEvent {
  event: string;
  data: string;
}

/** Reads server-sent events from a streaming response; `next` waits for a matching one. */
function readEvents(res: Response) {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const done = (async () => {
    for (;;) {
      const { value, done: end } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (end) return;
      buffer += decoder.decode(value, { stream: true });
      let at = buffer.indexOf('\n\n');
      while (at >= 0) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        at = buffer.indexOf('\n\n');
        if (block.startsWith(':')) comments.push(block);
        const event = block.match(/^event: (.*)$/m)?.[1];
        const data = block.match(/^data: (.*)$/m)?.[1];
        if (event) events.push({ event, data: data ?? '' });
      }
    }
  })();
  return {
    events,
    comments,
    done,
    cancel: () => reader.cancel().catch(() => {}),
    async next(match: (e: SseEvent) => boolean, timeoutMs = 5_000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching event; got ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

describe('server-sent events streaming', () => {
  let env: TestEnv;
  let url: string;
  let close: () => Promise<void>;
  let alice: Persona;
  let bob: Persona;

  beforeAll(async () => {
    env = await createTestEnv();
    ({ url, close } = await serveEnv(env));
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
  });
  afterAll(() => close());

  const open = async (path: string, token: string | null = bob.token) =>
    fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('streams a hashtag as event/data blocks and ends when the client leaves', async () => {
    const res = await open('/api/v1/streaming/hashtag?tag=POCUS');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const stream = readEvents(res);
    await expect.poll(() => stream.comments.length).toBeGreaterThan(0);
    const status = await post(env, alice, { status: 'IVC collapsibility on #POCUS' });
    const update = await stream.next((e) => e.event === 'update');
    expect(JSON.parse(update.data).id).toBe(status.id);
    expect((await call(env, 'DELETE', `/api/v1/statuses/${status.id}`, { token: alice.token })).status).toBe(
      200,
    );
    expect((await stream.next((e) => e.event === 'delete')).data).toBe(status.id);
    await stream.cancel();
    // The server notices the departure and keeps serving others.
    const again = readEvents(await open('/api/v1/streaming/public/local'));
    const next = await post(env, alice, { status: 'Still streaming after a client left' });
    expect(JSON.parse((await again.next((e) => e.event === 'update')).data).id).toBe(next.id);
    await again.cancel();
  });

  it('streams notifications on /user/notification', async () => {
    const stream = readEvents(await open('/api/v1/streaming/user/notification', alice.token));
    await expect.poll(() => stream.comments.length).toBeGreaterThan(0);
    const status = await post(env, alice, { status: 'Who else reads the ECG before the history?' });
    await call(env, 'POST', `/api/v1/statuses/${status.id}/favourite`, { token: bob.token });
    const n = JSON.parse((await stream.next((e) => e.event === 'notification')).data);
    expect(n).toMatchObject({
      type: 'favourite',
      account: { id: bob.account.id },
      status: { id: status.id },
    });
    await stream.cancel();
  });

  it('accepts the token as access_token and refuses bad requests before streaming', async () => {
    const viaQuery = await fetch(`${url}/api/v1/streaming/user?access_token=${bob.token}`);
    expect(viaQuery.status).toBe(200);
    await viaQuery.body?.cancel();
    expect((await open('/api/v1/streaming/user', null)).status).toBe(401);
    expect((await open('/api/v1/streaming/user', 'wrong')).status).toBe(401);
    const noTag = await open('/api/v1/streaming/hashtag');
    expect(noTag.status).toBe(400);
    expect(await noTag.json()).toEqual({ error: 'Missing tag name parameter' });
    expect((await open('/api/v1/streaming/list?list=1')).status).toBe(401);
    expect((await open('/api/v1/streaming/public/nope')).status).toBe(400);
  });
});
