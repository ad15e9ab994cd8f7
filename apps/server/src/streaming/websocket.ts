import { upgradeWebSocket } from '@hono/node-server';
import type { Context } from 'hono';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ForbiddenError } from '../domain/errors.ts';
import { hasScope } from '../domain/oauth/scopes.ts';
import type { MastodonEnv } from '../mastodon/env.ts';
import { resolveStreamViewer } from './auth.ts';
import type { StreamClient, StreamConnection, StreamingHub, StreamViewerIdentity } from './hub.ts';
import { resolveStream, type StreamParams, StreamRequestError } from './streams.ts';

/** A client that lets this much pile up unsent is not reading: it is dropped, not buffered for. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** How long a closing socket may take to answer the close handshake before it is cut. */
const CLOSE_GRACE_MS = 2_000;

const MessageSchema = z.object({
  type: z.enum(['subscribe', 'unsubscribe']),
  stream: z.string().max(100),
  tag: z.string().max(200).optional(),
  list: z.string().max(40).optional(),
});

function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

/** The hub's view of one `ws` socket: pre-built frames, ping/pong liveness, bounded buffering. */
function webSocketClient(raw: WebSocket): StreamClient {
  let alive = true;
  raw.on('pong', () => {
    alive = true;
  });
  const end = (code: number, reason: string) => {
    if (raw.readyState === raw.CLOSED) return;
    raw.close(code, reason);
    setTimeout(() => raw.terminate(), CLOSE_GRACE_MS).unref();
  };
  return {
    send(stream, event) {
      if (raw.readyState !== raw.OPEN) return;
      if (raw.bufferedAmount > MAX_BUFFERED_BYTES) return end(1013, 'Too slow: messages are piling up');
      raw.send(event.wsFrame(stream), { binary: false });
    },
    heartbeat() {
      if (!alive) return raw.terminate();
      alive = false;
      if (raw.readyState === raw.OPEN) raw.ping();
    },
    close(reason) {
      if (reason === 'revoked') end(1008, 'The access token was revoked');
      else end(1001, 'The server is shutting down');
    },
  };
}

function sendError(raw: WebSocket, status: number, error: string): void {
  if (raw.readyState === raw.OPEN) raw.send(JSON.stringify({ error, status }));
}

async function handleMessage(
  ctx: AppContext,
  conn: StreamConnection,
  raw: WebSocket,
  data: unknown,
): Promise<void> {
  const text =
    typeof data === 'string' ? data : data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : '';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return sendError(raw, 400, 'Could not parse the message as JSON');
  }
  const parsed = MessageSchema.safeParse(json);
  if (!parsed.success) {
    return sendError(raw, 400, 'Expected {"type":"subscribe"|"unsubscribe","stream":"...","tag"?,"list"?}');
  }
  const m = parsed.data;
  try {
    const spec = await resolveStream(ctx, { stream: m.stream, tag: m.tag, list: m.list }, conn.viewer);
    if (m.type === 'subscribe') await conn.subscribe(spec);
    else conn.unsubscribe(spec.key);
  } catch (error) {
    if (error instanceof StreamRequestError) return sendError(raw, error.status, error.message);
    throw error;
  }
}

function openConnection(
  ctx: AppContext,
  hub: StreamingHub,
  viewer: StreamViewerIdentity,
  raw: WebSocket,
  initial: StreamParams | null,
): Promise<StreamConnection | null> {
  return hub.open(viewer, webSocketClient(raw)).then(
    (conn) => {
      if (initial)
        conn.enqueue(() => handleMessage(ctx, conn, raw, JSON.stringify({ type: 'subscribe', ...initial })));
      return conn;
    },
    (error) => {
      ctx.logger.error('stream connection failed to open', { error: String(error) });
      if (raw.readyState === raw.OPEN) raw.close(1011, 'The server could not open the stream');
      return null;
    },
  );
}

/**
 * GET /api/v1/streaming: Mastodon's multiplexed WebSocket. Authenticates during the handshake (an
 * invalid or missing token is refused with 401 before upgrading), then takes
 * {"type":"subscribe"|"unsubscribe","stream":...} messages; `?stream=` subscribes at once. A plain
 * GET answers 404, which Mastodon clients read as "stream from this same host".
 */
export function createWebSocketHandler(hub: StreamingHub) {
  return async (c: Context<MastodonEnv>) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      return c.json({ error: 'Streaming is served on this host: open a WebSocket here' }, 404);
    }
    const ctx = c.get('ctx');
    const viewer = await resolveStreamViewer(c);
    if (!hasScope(viewer.scopes, 'read:statuses') && !hasScope(viewer.scopes, 'read:notifications')) {
      throw new ForbiddenError('This action is outside the authorized scopes (needs read:statuses)');
    }
    const stream = c.req.query('stream');
    const media = stream && isTrue(c.req.query('only_media')) && !stream.endsWith(':media');
    const initial = stream
      ? { stream: media ? `${stream}:media` : stream, tag: c.req.query('tag'), list: c.req.query('list') }
      : null;
    let opened: Promise<StreamConnection | null> = Promise.resolve(null);
    return upgradeWebSocket(
      c,
      {
        onOpen(_event, ws) {
          opened = openConnection(ctx, hub, viewer, ws.raw as WebSocket, initial);
        },
        onMessage(event, ws) {
          const raw = ws.raw as WebSocket;
          void opened.then((conn) => conn?.enqueue(() => handleMessage(ctx, conn, raw, event.data)));
        },
        onClose() {
          void opened.then((conn) => conn?.disconnect());
        },
      },
      { onError: (error) => ctx.logger.warn('stream socket error', { error: String(error) }) },
    );
  };
}
