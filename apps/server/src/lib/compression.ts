import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

/** Smaller bodies go as they are: the gzip framing and the CPU would outweigh the bytes saved. */
export const MIN_COMPRESS_BYTES = 1024;
/**
 * zlib's default level. A 53 KB home page (20 statuses) becomes 4.1 KB in ~0.45 ms of CPU (p99
 * ~0.6 ms on the 2-core dev machine); level 1 saves ~0.2 ms but sends 5.3 KB, and level 9 buys
 * 0.1 KB for more CPU (docs/performance.md).
 */
export const GZIP_LEVEL = 6;
/** Above this, compress on the thread pool rather than block the event loop (~8 ms per MB). */
const SYNC_LIMIT_BYTES = 256 * 1024;

const gzipAsync = promisify(gzip);

/** JSON (also `application/activity+json`, `manifest+json`), text, JS, CSS, HTML, XML, SVG. */
export function isCompressibleType(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const semicolon = contentType.indexOf(';');
  const type = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  // NOTE: server-sent events must reach the client as each event is written, never held in a buffer.
  if (type === 'text/event-stream') return false;
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/javascript' ||
    type === 'application/xml' ||
    type.endsWith('+xml')
  );
}

/** Whether an Accept-Encoding header allows gzip (by name or by `*`), q-values honoured. */
export function acceptsGzip(header: string | null | undefined): boolean {
  if (!header) return false;
  let gzipQ: number | null = null;
  let anyQ: number | null = null;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';');
    const coding = name.trim().toLowerCase();
    let q = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param);
      if (m) q = Number(m[1]);
    }
    if (coding === 'gzip' || coding === 'x-gzip') gzipQ = Math.max(gzipQ ?? 0, q);
    else if (coding === '*') anyQ = q;
  }
  return (gzipQ ?? anyQ ?? 0) > 0;
}

function addVary(headers: Headers): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('Vary', 'Accept-Encoding');
  else if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary))
    headers.set('Vary', `${vary}, Accept-Encoding`);
}

let cacheSymbol: symbol | undefined;

/**
 * The body a handler gave its Response, when it is a string or bytes held in memory; undefined for
 * a stream (server-sent events, media files) or a body that cannot be seen without reading it.
 *
 * NOTE: @hono/node-server's Response keeps `[status, body, headers]` under a private symbol until
 * something reads `.body`, and writes that body to the socket directly (its fast path). Reading
 * `.body` or `.arrayBuffer()` here would turn every JSON answer into a WHATWG stream piped through
 * (see lib/response-headers.ts). A Response without that symbol (not node-server's, or already
 * materialised) is left as it is: uncompressed, never wrong.
 */
function inMemoryBody(res: Response): string | Uint8Array | undefined {
  cacheSymbol ??= Object.getOwnPropertySymbols(res).find((s) => s.description === 'cache');
  if (!cacheSymbol) return undefined;
  const cache: unknown = (res as unknown as Record<symbol, unknown>)[cacheSymbol];
  if (!Array.isArray(cache)) return undefined;
  const body: unknown = cache[1];
  return typeof body === 'string' || body instanceof Uint8Array ? body : undefined;
}

function byteLength(body: string | Uint8Array): number {
  if (typeof body !== 'string') return body.byteLength;
  // UTF-8 never has fewer bytes than UTF-16 code units, so long strings need no count.
  return body.length >= MIN_COMPRESS_BYTES ? body.length : Buffer.byteLength(body);
}

/**
 * gzip for JSON and text answers held in memory, when the request accepts it and the body is at
 * least 1 KB; `Vary: Accept-Encoding` on every answer of a compressible type. Never touches
 * streams (server-sent events keep streaming, media keep their ranges), WebSocket handshakes,
 * answers already encoded (the web client's precompressed files), 204/206/304, or
 * `Cache-Control: no-transform`. A strong ETag becomes weak on the gzip copy (the bytes differ).
 * A client that sends no Accept-Encoding (curl, Node's http, the load benchmark) gets identity.
 *
 * gzip rather than brotli: every HTTP client and proxy speaks it (browsers offer br only over
 * HTTPS and localhost, OkHttp not at all), and on a home page br saves ~0.6 KB more, ~12 ms at
 * 400 kbit/s: not worth a second path. Hono's own `compress` streams through CompressionStream,
 * which would take every answer off node-server's fast path; this compresses the whole body at once.
 * Mount it first, so that it sees the answer every other middleware finished.
 */
export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.req.header('upgrade')) return;
    const res = c.res;
    const status = res.status;
    if (status < 200 || status === 204 || status === 206 || status === 304) return;
    let headers: Headers;
    try {
      headers = res.headers;
      if (headers.has('content-encoding') || !isCompressibleType(headers.get('content-type'))) return;
      if (/\bno-transform\b/i.test(headers.get('cache-control') ?? '')) return;
      const body = inMemoryBody(res);
      if (body === undefined) return;
      addVary(headers);
      const size = byteLength(body);
      if (size < MIN_COMPRESS_BYTES || !acceptsGzip(c.req.header('accept-encoding'))) return;
      const gzipped =
        size <= SYNC_LIMIT_BYTES
          ? gzipSync(body, { level: GZIP_LEVEL })
          : await gzipAsync(body, { level: GZIP_LEVEL });
      if (gzipped.byteLength >= size) return;
      headers.set('Content-Encoding', 'gzip');
      headers.set('Content-Length', String(gzipped.byteLength));
      const etag = headers.get('etag');
      if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
      const compressed = new Response(
        new Uint8Array(gzipped.buffer, gzipped.byteOffset, gzipped.byteLength),
        {
          status,
          headers,
        },
      );
      // NOTE: cleared first so that Hono does not merge the old answer's headers into the new one
      // (which reads the old body as a stream); `headers` already carries all of them.
      c.res = undefined;
      c.res = compressed;
    } catch {
      // Immutable headers (a Response passed through from fetch): leave the answer as it is.
    }
  };
}
