import type { Context, MiddlewareHandler } from 'hono';

/**
 * Adds headers to the response a handler produced, without rebuilding it.
 *
 * NOTE: Hono's `c.header()` called after the handler (and its `cors` middleware, which touches
 * `c.res` before the handler) recreates the finished Response from its body stream, which makes
 * @hono/node-server materialise a WHATWG Response and pipe the JSON through a ReadableStream: on
 * the home timeline that cost about a fifth of the request's CPU. Setting the headers on the
 * finished response's header list keeps node-server's fast path (a cached string body).
 */
export function addResponseHeaders(c: Context, headers: Readonly<Record<string, string>>): void {
  const res = c.res;
  try {
    for (const [name, value] of Object.entries(headers))
      if (!res.headers.has(name)) res.headers.set(name, value);
  } catch {
    // A Response with immutable headers (one passed through from fetch): rebuild it, the slow way.
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
  }
}

/** Headers added to every response after its handler has run. */
export function responseHeaders(headers: Readonly<Record<string, string>>): MiddlewareHandler {
  return async (c, next) => {
    await next();
    addResponseHeaders(c, headers);
  };
}

export interface CorsOptions {
  allowHeaders: readonly string[];
  allowMethods: readonly string[];
  exposeHeaders: readonly string[];
  maxAgeSeconds: number;
}

/**
 * CORS for bearer-token APIs: any origin, never credentials (as Mastodon serves its API). Answers
 * preflights itself; on other requests adds the headers after the handler (see addResponseHeaders).
 */
export function publicCors(options: CorsOptions): MiddlewareHandler {
  const always = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': options.exposeHeaders.join(','),
  };
  const preflight = {
    ...always,
    'Access-Control-Max-Age': String(options.maxAgeSeconds),
    'Access-Control-Allow-Methods': options.allowMethods.join(','),
    'Access-Control-Allow-Headers': options.allowHeaders.join(','),
  };
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return c.body(null, 204, preflight);
    await next();
    addResponseHeaders(c, always);
  };
}
