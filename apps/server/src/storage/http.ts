import type { Context, Env, Hono } from 'hono';
import type { MediaStorage } from './media-storage.ts';
import { isValidStorageKey, parseRangeHeader } from './media-storage.ts';

/**
 * Headers that keep stored bytes inert: the declared type is final (nosniff), nothing in the
 * response may run or load anything (CSP, sandbox), and it is shown, never saved as a download
 * that could be opened elsewhere. Media documents still need their own media and inline styles.
 */
const SAFE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy':
    "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
  'Content-Disposition': 'inline',
  // Keys carry a random token and never change content, so caches may keep them for good.
  'Cache-Control': 'public, max-age=31536000, immutable',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Access-Control-Allow-Origin': '*',
  'Accept-Ranges': 'bytes',
};

async function serve(c: Context, storage: MediaStorage, prefix: string): Promise<Response> {
  // Keys never contain characters that need escaping, so the raw path is the key.
  const key = c.req.path.slice(prefix.length);
  const notFound = () => c.json({ error: 'Not found' }, 404);
  if (!isValidStorageKey(key)) return notFound();
  const object = await storage.get(key, parseRangeHeader(c.req.header('range')));
  if (!object) return notFound();
  const headers = new Headers(SAFE_HEADERS);
  headers.set('Content-Type', object.contentType);
  if (object.unsatisfiable) {
    headers.set('Content-Range', `bytes */${object.size}`);
    return new Response(null, { status: 416, headers });
  }
  let status = 200;
  if (object.range) {
    status = 206;
    headers.set('Content-Range', `bytes ${object.range.start}-${object.range.end}/${object.size}`);
    headers.set('Content-Length', String(object.range.end - object.range.start + 1));
  } else {
    headers.set('Content-Length', String(object.size));
  }
  if (c.req.method === 'HEAD') {
    await object.body.cancel();
    return new Response(null, { status, headers });
  }
  return new Response(object.body, { status, headers });
}

/** GET/HEAD `/media/<key>`: the stored media, with range support (video seeking, podcasts). */
export function registerMediaFileRoutes<E extends Env>(app: Hono<E>, storage: MediaStorage): void {
  const prefix = '/media/';
  app.on(['GET', 'HEAD'], `${prefix}*`, (c) => serve(c, storage, prefix));
}
