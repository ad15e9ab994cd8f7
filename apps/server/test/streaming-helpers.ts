import { WebSocket } from 'ws';
import { serveHttp } from '../src/streaming/server.ts';
import type { TestEnv } from './harness.ts';

/** One message from the streaming WebSocket: an event, or an error answer to a request. */
export interface StreamMessage {
  stream?: string[];
  event?: string;
  payload?: string;
  error?: string;
  status?: number;
}

export interface TestSocket {
  ws: WebSocket;
  /** Every message received so far, in order. */
  received: StreamMessage[];
  send(message: unknown): void;
  /** The first message matching `match` (already received or still to come). */
  next(match: (m: StreamMessage) => boolean, timeoutMs?: number): Promise<StreamMessage>;
  /**
   * Resolves once the server has handled every request sent before it: the server answers an
   * invalid request with an error, after the requests queued ahead of it (subscriptions included).
   */
  barrier(): Promise<void>;
  /** Resolves with the close code once the server or the network closed the socket. */
  closed: Promise<{ code: number; reason: string }>;
}

export type TokenVia = 'header' | 'query' | 'protocol';

/** Serves `env.app` on a loopback port with WebSocket upgrades; returns its base URL and a closer. */
export async function serveEnv(env: TestEnv): Promise<{ url: string; close(): Promise<void> }> {
  const http = await serveHttp(env.app, { port: 0, hostname: '127.0.0.1' });
  return { url: `http://127.0.0.1:${http.port}`, close: () => http.close() };
}

/** Opens /api/v1/streaming with the token sent the chosen way; rejects when the handshake fails. */
export function openSocket(
  baseUrl: string,
  token: string | null,
  opts: { via?: TokenVia; query?: Record<string, string> } = {},
): Promise<TestSocket> {
  const via = opts.via ?? 'header';
  const url = new URL('/api/v1/streaming', baseUrl.replace(/^http/, 'ws'));
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  if (token && via === 'query') url.searchParams.set('access_token', token);
  const ws = new WebSocket(
    url,
    token && via === 'protocol' ? [token] : [],
    token && via === 'header' ? { headers: { authorization: `Bearer ${token}` } } : {},
  );
  const received: StreamMessage[] = [];
  const waiters: Array<{ match: (m: StreamMessage) => boolean; resolve(m: StreamMessage): void }> = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as StreamMessage;
    received.push(message);
    for (const w of [...waiters]) {
      if (w.match(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const socket: TestSocket = {
    ws,
    received,
    closed,
    send: (message) => ws.send(JSON.stringify(message)),
    next(match, timeoutMs = 5_000) {
      const seen = received.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(
            new Error(`no matching stream message within ${timeoutMs} ms; got ${JSON.stringify(received)}`),
          );
        }, timeoutMs);
        const waiter = {
          match,
          resolve: (m: StreamMessage) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        waiters.push(waiter);
      });
    },
    async barrier() {
      const start = received.length;
      ws.send(JSON.stringify({ type: 'subscribe', stream: '__barrier__' }));
      await socket.next((m) => m.error === 'Unknown stream type' && received.indexOf(m) >= start);
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Subscribes and waits until the server has the subscription in place. */
export async function subscribe(
  socket: TestSocket,
  stream: string,
  extra: Record<string, string> = {},
): Promise<void> {
  socket.send({ type: 'subscribe', stream, ...extra });
  await socket.barrier();
}

/** The Status (or other entity) a message carries. */
export function payloadOf(m: StreamMessage): any {
  return JSON.parse(m.payload ?? 'null');
}

/** Matches an event on a stream (by the stream's first element) about a status id. */
export function statusEvent(event: string, stream: string, statusId: string) {
  return (m: StreamMessage) => m.event === event && m.stream?.[0] === stream && payloadOf(m)?.id === statusId;
}
