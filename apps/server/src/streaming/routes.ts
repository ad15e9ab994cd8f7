import type { AppContext } from '../context.ts';
import type { MastodonApp } from '../mastodon/env.ts';
import { createStreamingHub } from './hub.ts';
import { createSseHandler, SSE_STREAMS } from './sse.ts';
import { createWebSocketHandler } from './websocket.ts';

/**
 * Mastodon's streaming API on the API host: the WebSocket at /api/v1/streaming, the
 * server-sent-events paths under it and the health check. The hub holding this process'
 * connections closes (and closes them) when the context's stream bus closes.
 */
export function registerStreamingRoutes(app: MastodonApp, ctx: AppContext): void {
  const hub = createStreamingHub(ctx);
  ctx.streams.onClose(() => hub.close());

  app.get('/api/v1/streaming/health', (c) => c.text('OK'));
  const websocket = createWebSocketHandler(hub);
  // Some clients append a slash before the query (`/api/v1/streaming/?stream=user`).
  app.get('/api/v1/streaming', websocket);
  app.get('/api/v1/streaming/', websocket);
  for (const [path, stream] of SSE_STREAMS) app.get(path, createSseHandler(hub, stream));
  app.all('/api/v1/streaming/*', (c) => c.json({ error: 'Unknown channel requested' }, 400));
}
