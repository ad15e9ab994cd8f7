import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauthTokens } from '../src/db/schema/index.ts';
import { createOAuthApp, issueToken } from '../src/domain/oauth/index.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { post } from './statuses-fixtures.ts';
import {
  openSocket,
  serveEnv,
  statusEvent,
  subscribe,
  type TestSocket,
  type TokenVia,
} from './streaming-helpers.ts';

describe('WebSocket streaming: tokens, revocation and bad input', () => {
  let env: TestEnv;
  let url: string;
  let close: () => Promise<void>;
  let alice: Persona;
  let bob: Persona;
  const sockets: TestSocket[] = [];
  const track = (s: TestSocket) => {
    sockets.push(s);
    return s;
  };
  /** Active bus subscriptions per channel, seen through the context's bus. */
  const active = new Map<string, number>();

  beforeAll(async () => {
    env = await createTestEnv();
    const subscribeOnBus = env.ctx.streams.subscribe.bind(env.ctx.streams);
    env.ctx.streams.subscribe = async (channel, handler) => {
      const off = await subscribeOnBus(channel, handler);
      active.set(channel, (active.get(channel) ?? 0) + 1);
      return () => {
        active.set(channel, (active.get(channel) ?? 0) - 1);
        off();
      };
    };
    ({ url, close } = await serveEnv(env));
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await close();
  });

  it.each<TokenVia>(['header', 'query', 'protocol'])('accepts the token via %s', async (via) => {
    const ws = track(await openSocket(url, bob.token, { via }));
    // Browsers drop the connection unless the handshake echoes the protocol they offered.
    if (via === 'protocol') expect(ws.ws.protocol).toBe(bob.token);
    await subscribe(ws, 'public');
    const status = await post(env, alice, { status: `Token via ${via}: works` });
    await ws.next(statusEvent('update', 'public', status.id));
  });

  it('refuses the handshake without a valid user token, or without a read scope', async () => {
    await expect(openSocket(url, null)).rejects.toThrow('401');
    await expect(openSocket(url, 'not-a-token')).rejects.toThrow('401');
    await expect(openSocket(url, 'not-a-token', { via: 'protocol' })).rejects.toThrow('401');
    const app = await createOAuthApp(env.ctx, {
      name: 'Stream app',
      redirectUris: ['urn:ietf:wg:oauth:2.0:oob'],
      scopes: 'read write',
    });
    const appOnly = await issueToken(env.ctx, app.id, null, 'read');
    await expect(openSocket(url, appOnly.accessToken)).rejects.toThrow('401');
    const writeOnly = await issueToken(env.ctx, null, bob.user.id, 'write');
    await expect(openSocket(url, writeOnly.accessToken)).rejects.toThrow('403');
  });

  it('subscribes at connection time from the query string', async () => {
    const ws = track(await openSocket(url, bob.token, { query: { stream: 'hashtag', tag: 'ecmo' } }));
    await ws.barrier();
    const status = await post(env, alice, { status: 'VA #ECMO weaning trial today' });
    expect((await ws.next(statusEvent('update', 'hashtag', status.id))).stream).toEqual(['hashtag', 'ecmo']);
  });

  it('answers bad requests with an error message and keeps the connection', async () => {
    const ws = track(await openSocket(url, bob.token));
    const errors = [
      [{ type: 'subscribe', stream: 'nonsense' }, 400, 'Unknown stream type'],
      [{ type: 'subscribe', stream: 'constructor' }, 400, 'Unknown stream type'],
      [{ type: 'subscribe', stream: 'hashtag' }, 400, 'Missing tag name parameter'],
      [{ type: 'subscribe', stream: 'hashtag', tag: 'no spaces allowed' }, 400, 'Invalid tag name'],
      [{ type: 'subscribe', stream: 'list', list: '123' }, 401, 'Not authorized to stream this list'],
      [{ type: 'dance', stream: 'user' }, 400, 'Expected'],
    ] as const;
    for (const [message, status, error] of errors) {
      const start = ws.received.length;
      ws.send(message);
      const got = await ws.next((m) => m.error !== undefined && ws.received.indexOf(m) >= start);
      expect(got.status).toBe(status);
      expect(got.error).toContain(error);
    }
    ws.ws.send('{not json');
    expect((await ws.next((m) => m.error?.includes('JSON') === true)).status).toBe(400);
    ws.ws.send(Buffer.from([0xff, 0x00, 0x13]));
    await ws.barrier();
    await subscribe(ws, 'user');
    const status = await post(env, bob, { status: 'Still here after the bad requests' });
    await ws.next(statusEvent('update', 'user', status.id));
  });

  it('checks scopes per stream: read:statuses for timelines, read:notifications for notifications', async () => {
    const statusesOnly = await issueToken(env.ctx, null, bob.user.id, 'read:statuses');
    const ws = track(await openSocket(url, statusesOnly.accessToken));
    ws.send({ type: 'subscribe', stream: 'user:notification' });
    expect(await ws.next((m) => m.error !== undefined)).toMatchObject({ status: 401 });
    await subscribe(ws, 'user');
    const mine = await post(env, alice, { status: '@bob a mention bob may not read through this token' });
    const own = await post(env, bob, { status: 'A post of my own' });
    await ws.next(statusEvent('update', 'user', own.id));
    await env.ctx.events.idle();
    await ws.barrier();
    expect(ws.received.filter((m) => m.event === 'notification')).toEqual([]);
    expect(mine.id).toBeTruthy();
  });

  it('closes the streams of a revoked token within 5 s: through the event, and without one', async () => {
    const app = await createOAuthApp(env.ctx, {
      name: 'Revoker',
      redirectUris: ['urn:ietf:wg:oauth:2.0:oob'],
      scopes: 'read',
    });
    const viaApi = await issueToken(env.ctx, app.id, bob.user.id, 'read');
    const behindTheBack = await issueToken(env.ctx, app.id, bob.user.id, 'read');
    const a = track(await openSocket(url, viaApi.accessToken));
    const b = track(await openSocket(url, behindTheBack.accessToken));
    await subscribe(a, 'user');
    await subscribe(b, 'user');
    const started = Date.now();
    const revoked = await call(env, 'POST', '/oauth/revoke', {
      form: { token: viaApi.accessToken, client_id: app.clientId, client_secret: app.clientSecret },
    });
    expect(revoked.status).toBe(200);
    expect((await a.closed).code).toBe(1008);
    expect(Date.now() - started).toBeLessThan(5_000);
    // A revocation written straight to the database (no event) is caught by the periodic re-check.
    const t0 = Date.now();
    const [row] = await env.ctx.db.select().from(oauthTokens).where(eq(oauthTokens.appId, app.id));
    expect(row).toBeDefined();
    await env.ctx.db.update(oauthTokens).set({ revokedAt: new Date() }).where(eq(oauthTokens.appId, app.id));
    expect((await b.closed).code).toBe(1008);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('survives clients that vanish mid-stream, and releases their subscriptions', async () => {
    const before = active.get('timeline:hashtag:triage') ?? 0;
    const clients = await Promise.all(Array.from({ length: 20 }, () => openSocket(url, bob.token)));
    await Promise.all(clients.map((c) => subscribe(c, 'hashtag', { tag: 'triage' })));
    expect(active.get('timeline:hashtag:triage')).toBe(before + 1);
    const inFlight = post(env, alice, { status: 'Mass casualty #triage drill at noon' });
    for (const c of clients) c.ws.terminate();
    await inFlight;
    await env.ctx.events.idle();
    await expect.poll(() => active.get('timeline:hashtag:triage'), { timeout: 3_000 }).toBe(before);
    const ws = track(await openSocket(url, bob.token));
    await subscribe(ws, 'hashtag', { tag: 'triage' });
    const next = await post(env, alice, { status: 'Second #triage drill' });
    await ws.next(statusEvent('update', 'hashtag', next.id));
  });

  it('answers the health check, plain GETs and unknown stream paths', async () => {
    const health = await fetch(`${url}/api/v1/streaming/health`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('OK');
    const plain = await fetch(`${url}/api/v1/streaming`, {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(plain.status).toBe(404);
    const unknown = await fetch(`${url}/api/v1/streaming/nonsense`, {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: 'Unknown channel requested' });
  });
});
