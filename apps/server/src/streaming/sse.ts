import type { Context } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { MastodonEnv } from '../mastodon/env.ts';
import { resolveStreamViewer } from './auth.ts';
import type { StreamClient, StreamingHub } from './hub.ts';
import { resolveStream, StreamRequestError } from './streams.ts';

/** Writes not yet taken by the socket; a reader this far behind is dropped rather than buffered for. */
const MAX_PENDING_WRITES = 1_000;

/** The server-sent-events paths and the stream each one is (docs.joinmastodon.org/methods/streaming). */
export const SSE_STREAMS: ReadonlyArray<readonly [path: string, stream: string]> = [
  ['/api/v1/streaming/user', 'user'],
  ['/api/v1/streaming/user/notification', 'user:notification'],
  ['/api/v1/streaming/public', 'public'],
  ['/api/v1/streaming/public/local', 'public:local'],
  ['/api/v1/streaming/public/remote', 'public:remote'],
  ['/api/v1/streaming/hashtag', 'hashtag'],
  ['/api/v1/streaming/hashtag/local', 'hashtag:local'],
  ['/api/v1/streaming/list', 'list'],
  ['/api/v1/streaming/direct', 'direct'],
];

function sseClient(stream: SSEStreamingApi, end: () => void): StreamClient {
  let pending = 0;
  let closed = false;
  const write = (text: string) => {
    if (closed || stream.aborted || stream.closed) return;
    if (pending >= MAX_PENDING_WRITES) {
      closed = true;
      return end();
    }
    pending++;
    stream
      .write(text)
      .catch(() => end())
      .finally(() => pending--);
  };
  return {
    send: (_stream, event) => write(event.sseFrame()),
    heartbeat: () => write(':thump\n\n'),
    close() {
      closed = true;
      end();
    },
  };
}

/**
 * GET /api/v1/streaming/<stream>: one stream as server-sent events (`event:` + `data:` blocks,
 * `:thump` comments as heartbeat). Refused before streaming, with Mastodon's `{"error"}` body,
 * when the token, its scopes or the parameters are wrong.
 */
export function createSseHandler(hub: StreamingHub, streamName: string) {
  return async (c: Context<MastodonEnv>) => {
    const ctx = c.get('ctx');
    const viewer = await resolveStreamViewer(c);
    const onlyMedia = ['true', '1'].includes(c.req.query('only_media') ?? '');
    let spec: Awaited<ReturnType<typeof resolveStream>>;
    try {
      spec = await resolveStream(
        ctx,
        { stream: streamName, tag: c.req.query('tag'), list: c.req.query('list'), onlyMedia },
        viewer,
      );
    } catch (error) {
      if (error instanceof StreamRequestError) return c.json({ error: error.message }, error.status);
      throw error;
    }
    // Reverse proxies (nginx) would otherwise hold events back to fill their buffers.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let end = () => {};
      const done = new Promise<void>((resolve) => {
        end = resolve;
      });
      stream.onAbort(end);
      c.req.raw.signal.addEventListener('abort', end);
      try {
        const conn = await hub.open(viewer, sseClient(stream, end));
        try {
          await conn.subscribe(spec);
          // The first bytes tell the client the stream is live (and flush the headers through proxies).
          await stream.write(':)\n\n');
          await done;
        } finally {
          conn.disconnect();
        }
      } catch (error) {
        ctx.logger.warn('server-sent event stream failed', { error: String(error) });
      }
    });
  };
}
