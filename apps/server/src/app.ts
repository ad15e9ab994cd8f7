import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { registerRoundsRoutes } from './api/routes.ts';
import type { AppContext } from './context.ts';
import { UnauthorizedError } from './domain/errors.ts';
import { MAX_AV_BYTES } from './domain/media/limits.ts';
import { createViewerCache } from './domain/oauth/viewer-cache.ts';
import { compression } from './lib/compression.ts';
import { publicCors, responseHeaders } from './lib/response-headers.ts';
import { bearerToken } from './mastodon/auth.ts';
import type { MastodonEnv } from './mastodon/env.ts';
import { handleError } from './mastodon/errors.ts';
import { registerMastodonRoutes } from './mastodon/routes.ts';
import { registerMediaFileRoutes } from './storage/http.ts';
import { registerStreamingRoutes } from './streaming/routes.ts';
import { registerWebRoutes } from './web.ts';

export const API_BODY_LIMIT = 1024 * 1024;
/** Media uploads: the largest file (100 MB of audio or video) plus room for the multipart framing. */
export const MEDIA_BODY_LIMIT = MAX_AV_BYTES + 256 * 1024;
const MEDIA_UPLOAD_PATHS = new Set(['/api/v1/media', '/api/v2/media']);

/** Mounts every adapter on one Hono app with one error handler. */
export function createApp(ctx: AppContext): Hono<MastodonEnv> {
  const app = new Hono<MastodonEnv>();
  app.onError(handleError);
  app.notFound((c) => c.json({ error: 'Not found' }, 404));

  // First, so that it compresses the answer every other middleware (and the error handler) finished.
  app.use('*', compression());
  app.use('*', async (c, next) => {
    c.set('ctx', ctx);
    c.set('viewer', null);
    await next();
  });
  app.use('*', responseHeaders({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' }));

  const apiCors = publicCors({
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept'],
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: ['Link', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After'],
    maxAgeSeconds: 86400,
  });
  for (const path of ['/api/*', '/oauth/token', '/oauth/revoke', '/.well-known/*', '/nodeinfo/*'])
    app.use(path, apiCors);

  const apiBodyLimit = bodyLimit({
    maxSize: API_BODY_LIMIT,
    onError: (c) =>
      c.json({ error: `The request body is too large (limit ${API_BODY_LIMIT / 1024} KB)` }, 413),
  });
  const mediaBodyLimit = bodyLimit({
    maxSize: MEDIA_BODY_LIMIT,
    onError: (c) =>
      c.json({ error: 'The upload is too large: files may be at most 100 MB (16 MB for images)' }, 413),
  });
  // NOTE: GET and HEAD carry no body; skipping the check there also spares node-server building a
  // full WHATWG Request (bodyLimit reads `c.req.raw.body`) on every read.
  app.use('/api/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? next()
      : (c.req.method === 'POST' && MEDIA_UPLOAD_PATHS.has(c.req.path) ? mediaBodyLimit : apiBodyLimit)(
          c,
          next,
        ),
  );
  app.use(
    '/oauth/*',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => c.json({ error: 'The request body is too large' }, 413),
    }),
  );

  const viewers = createViewerCache(ctx);
  app.use('/api/*', async (c, next) => {
    const token = bearerToken(c);
    if (token !== null) {
      const viewer = await viewers.resolve(token);
      if (!viewer) throw new UnauthorizedError('The access token is invalid');
      c.set('viewer', viewer);
    }
    await next();
  });

  app.get('/healthz', async (c) => {
    try {
      await ctx.db.execute('select 1');
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'database unavailable' }, 503);
    }
  });

  registerMastodonRoutes(app);
  registerRoundsRoutes(app);
  registerStreamingRoutes(app, ctx);
  registerWebRoutes(app);
  registerMediaFileRoutes(app, ctx.storage);
  return app;
}
