import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip, compression } from '../src/lib/compression.ts';
import type { MastodonEnv } from '../src/mastodon/env.ts';
import { serveHttp } from '../src/streaming/server.ts';
import { registerWebRoutes } from '../src/web.ts';
import { createPersona, createTestEnv, onFileEnd, type Persona, type TestEnv } from './harness.ts';
import { listen } from './listen.ts';
import { post } from './statuses-fixtures.ts';
import { openSocket } from './streaming-helpers.ts';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as sent: Node's http client never decodes them. */
  body: Buffer;
}

/** One request with exactly these headers (fetch would add its own Accept-Encoding and decode). */
function request(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const GZIP = { 'accept-encoding': 'gzip, deflate, br' };

describe('response compression over HTTP', () => {
  let env: TestEnv;
  let alice: Persona;
  let base: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    auth = { authorization: `Bearer ${alice.token}` };
    base = await listen(env);
    for (let i = 0; i < 5; i++)
      await post(env, alice, { status: `Teaching point ${i}: check the potassium before the ECG. #Renal` });
  });

  it('gzips a JSON page for a client that accepts gzip, and it decodes to the same JSON', async () => {
    const url = `${base}/api/v1/timelines/home?limit=5`;
    const plain = await request(url, auth);
    const gzipped = await request(url, { ...auth, ...GZIP, origin: 'https://client.example' });

    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.byteLength).toBeGreaterThan(1024);

    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    expect(gzipped.headers['content-type']).toMatch(/^application\/json/);
    expect(Number(gzipped.headers['content-length'])).toBe(gzipped.body.byteLength);
    expect(gzipped.body.byteLength).toBeLessThan(plain.body.byteLength / 3);
    // The other headers survive: pagination, CORS, security.
    expect(gzipped.headers.link).toContain('max_id=');
    expect(gzipped.headers['access-control-allow-origin']).toBe('*');
    expect(gzipped.headers['x-content-type-options']).toBe('nosniff');

    const decoded = JSON.parse(gunzipSync(gzipped.body).toString('utf8')) as Array<{ content: string }>;
    expect(decoded).toEqual(JSON.parse(plain.body.toString('utf8')));
    expect(decoded[0]?.content).toContain('Teaching point 4');
  });

  it('answers identity to a client that does not ask (or refuses gzip), with a correct length', async () => {
    const url = `${base}/api/v1/timelines/home?limit=5`;
    for (const headers of [
      auth,
      { ...auth, 'accept-encoding': 'identity' },
      { ...auth, 'accept-encoding': 'gzip;q=0, br' },
    ]) {
      const res = await request(url, headers);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(res.headers['content-length'])).toBe(res.body.byteLength);
      expect((JSON.parse(res.body.toString('utf8')) as unknown[]).length).toBe(5);
    }
  });

  it('leaves small answers as they are', async () => {
    const health = await request(`${base}/api/v1/streaming/health`, GZIP);
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.body.toString()).toBe('OK');

    const missing = await request(`${base}/api/v1/statuses/1`, { ...auth, ...GZIP });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(missing.body.toString()).error).toBeTruthy();
  });

  it('answers HEAD with the headers a GET would have, and no body', async () => {
    const url = `${base}/api/v1/timelines/home?limit=5`;
    const get = await request(url, { ...auth, ...GZIP });
    const head = await request(url, { ...auth, ...GZIP }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);

    const plainHead = await request(url, auth, 'HEAD');
    expect(plainHead.status).toBe(200);
    expect(plainHead.body.byteLength).toBe(0);
    expect(plainHead.headers['content-encoding']).toBeUndefined();
  });

  it('never compresses or holds back server-sent events: each event arrives as it is posted', async () => {
    const url = new URL(`${base}/api/v1/streaming/hashtag?tag=Renal`);
    const received: string[] = [];
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.get(url, { headers: { ...auth, ...GZIP } }, resolve);
      req.on('error', reject);
    });
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => received.push(chunk));
    try {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/event-stream');
      expect(res.headers['content-encoding']).toBeUndefined();
      await expect.poll(() => received.join('')).toContain(':)');
      // A post bigger than the threshold, so that size is not what keeps it plain.
      const status = await post(env, alice, {
        status: `#Renal ${'with high potassium give calcium first. '.repeat(15)}`,
      });
      await expect.poll(() => received.join(''), { timeout: 5_000 }).toContain(`"id":"${status.id}"`);
      expect(received.join('')).toMatch(/^event: update$/m);
    } finally {
      res.destroy();
    }
  });

  it('keeps WebSocket upgrades working for a client that offers gzip', async () => {
    const socket = await openSocket(base, alice.token, { query: { stream: 'user' } });
    try {
      expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    } finally {
      socket.ws.close();
    }
  });
});

describe('what compression leaves alone', () => {
  let base: string;
  const json = JSON.stringify({
    items: Array.from({ length: 100 }, (_, i) => ({ id: String(i), text: 'x'.repeat(20) })),
  });
  const ETAG = '"v1-abc"';
  const WORKER = `self.addEventListener('fetch', () => undefined);\n${'// cached for offline reading\n'.repeat(60)}`;

  beforeAll(async () => {
    const app = new Hono();
    app.use('*', compression());
    app.get('/tagged', (c) => {
      if (c.req.header('if-none-match') === `W/${ETAG}`) return c.body(null, 304, { ETag: `W/${ETAG}` });
      return c.body(json, 200, { 'Content-Type': 'application/json', ETag: ETAG });
    });
    app.get('/encoded', (c) =>
      c.body(new Uint8Array(brotliCompressSync(json)), 200, {
        'Content-Type': 'application/json',
        'Content-Encoding': 'br',
      }),
    );
    app.get('/no-transform', (c) =>
      c.body(json, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-transform' }),
    );
    app.get('/image', (c) => c.body(new Uint8Array(4096), 200, { 'Content-Type': 'image/png' }));
    // A web build whose service worker has no .gz copy beside it (the build writes them for assets/ only).
    const dist = mkdtempSync(path.join(tmpdir(), 'rounds-web-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Rounds</title>');
    writeFileSync(path.join(dist, 'sw.js'), WORKER);
    const web = new Hono<MastodonEnv>();
    web.use('*', compression());
    registerWebRoutes(web, { distDir: dist });
    app.route('/', web);
    const server = await serveHttp(app, { port: 0, hostname: '127.0.0.1' });
    onFileEnd(() => server.close());
    base = `http://127.0.0.1:${server.port}`;
  });

  it('weakens a strong ETag on the gzip copy, and a 304 carries no body and no encoding', async () => {
    const first = await request(`${base}/tagged`, GZIP);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers.etag).toBe(`W/${ETAG}`);
    expect(gunzipSync(first.body).toString()).toBe(json);

    const plain = await request(`${base}/tagged`);
    expect(plain.headers.etag).toBe(ETAG);

    const again = await request(`${base}/tagged`, { ...GZIP, 'if-none-match': `W/${ETAG}` });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    expect(again.headers['content-encoding']).toBeUndefined();
  });

  it('never encodes twice, respects no-transform and skips binary types', async () => {
    const encoded = await request(`${base}/encoded`, GZIP);
    expect(encoded.headers['content-encoding']).toBe('br');
    expect(encoded.body).toEqual(brotliCompressSync(json));

    const kept = await request(`${base}/no-transform`, GZIP);
    expect(kept.headers['content-encoding']).toBeUndefined();
    expect(kept.body.toString()).toBe(json);

    const image = await request(`${base}/image`, GZIP);
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.body.byteLength).toBe(4096);
  });

  it("serves the web client's own gzip copy of the service worker, whose ETag still revalidates", async () => {
    const first = await request(`${base}/sw.js`, GZIP);
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(first.body).toString()).toBe(WORKER);
    const etag = first.headers.etag ?? '';
    expect(etag).toMatch(/^"/);
    const again = await request(`${base}/sw.js`, { ...GZIP, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
  });

  it('reads Accept-Encoding as HTTP does: names, wildcards and q-values', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('*;q=0.5, gzip;q=0')).toBe(false);
    expect(acceptsGzip('br, identity')).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
