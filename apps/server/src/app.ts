import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { AppContext } from './context.ts';
import { UnauthorizedError } from './domain/errors.ts';
import { resolveAccessToken } from './domain/oauth/index.ts';
import { bearerToken } from './mastodon/auth.ts';
import type { MastodonEnv } from './mastodon/env.ts';
import { handleError } from './mastodon/errors.ts';
import { registerMastodonRoutes } from './mastodon/routes.ts';
import { registerWebRoutes } from './web.ts';

export const API_BODY_LIMIT = 1024 * 1024;

/** Mounts every adapter on one Hono app with one error handler. */
export function createApp(ctx: AppContext): Hono<MastodonEnv> {
  const app = new Hono<MastodonEnv>();
  app.onError(handleError);
  app.notFound((c) => c.json({ error: 'Not found' }, 404));

  app.use('*', async (c, next) => {
    c.set('ctx', ctx);
    c.set('viewer', null);
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
  });

  const apiCors = cors({
    origin: '*',
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept'],
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: ['Link', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After'],
    maxAge: 86400,
  });
  for (const path of ['/api/*', '/oauth/token', '/oauth/revoke', '/.well-known/*', '/nodeinfo/*'])
    app.use(path, apiCors);

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: API_BODY_LIMIT,
      onError: (c) =>
        c.json({ error: `The request body is too large (limit ${API_BODY_LIMIT / 1024} KB)` }, 413),
    }),
  );
  app.use(
    '/oauth/*',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => c.json({ error: 'The request body is too large' }, 413),
    }),
  );

  app.use('/api/*', async (c, next) => {
    const token = bearerToken(c);
    if (token !== null) {
      const viewer = await resolveAccessToken(ctx, token);
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
  registerWebRoutes(app);
  return app;
}
