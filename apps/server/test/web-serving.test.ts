import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../src/context.ts';
import type { MastodonEnv } from '../src/mastodon/env.ts';
import { registerWebRoutes } from '../src/web.ts';

const INDEX =
  '<!doctype html><html lang="en"><head><title>Rounds</title></head><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});`;
const WORKER = "self.addEventListener('fetch', () => undefined);";
const MANIFEST = '{"name":"Rounds","start_url":"/"}';

function fakeBuild(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rounds-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js.gz'), gzipSync(SCRIPT));
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(path.join(dir, 'robots.txt'), 'User-agent: *\n');
  writeFileSync(path.join(dir, 'sw.js'), WORKER);
  writeFileSync(path.join(dir, 'manifest.webmanifest'), MANIFEST);
  return dir;
}

/** A build from before the service worker and the manifest. */
function fakeBuildWithout(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rounds-web-'));
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  return dir;
}

/** The web routes on a bare app, between an API route registered before and a media route after. */
function appServing(distDir: string) {
  const app = new Hono<MastodonEnv>();
  app.notFound((c) => c.json({ error: 'Not found' }, 404));
  app.use('*', (c, next) => {
    c.set('ctx', { config: { publicUrl: 'https://rounds.test' } } as AppContext);
    return next();
  });
  app.get('/api/v1/instance', (c) => c.json({ title: 'Rounds' }));
  registerWebRoutes(app, { distDir });
  app.get('/media/:key', (c) =>
    c.req.param('key') === 'here.png' ? c.body('png') : c.json({ error: 'Not found' }, 404),
  );
  return app;
}

describe('serving the web client', () => {
  const app = appServing(fakeBuild());

  it('serves the app at / and at client routes, revalidated, under a strict CSP', async () => {
    for (const url of [
      '/',
      '/statuses/123',
      '/auth/callback?code=x&state=y',
      '/sign-up',
      '/@carol@remote.example',
      '/@bob/117000000000000000',
    ]) {
      const res = await app.request(`https://rounds.test${url}`, { headers: { host: 'rounds.test' } });
      expect(res.status, url).toBe(200);
      expect(await res.text()).toBe(INDEX);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain('connect-src');
      expect(csp).toContain('wss://rounds.test');
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it('leaves a Host header that is not a plain host out of the policy', async () => {
    const res = await app.request('https://rounds.test/', {
      headers: { host: "evil; script-src 'unsafe-inline'" },
    });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("connect-src 'self'");
  });

  it('caches hashed assets for a year and sends the smallest encoding the browser takes', async () => {
    const url = 'https://rounds.test/assets/index-abc123.js';
    const br = await app.request(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(Buffer.from(await br.arrayBuffer()).length).toBeLessThan(SCRIPT.length / 10);

    const gzip = await app.request(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const plain = await app.request(url);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);

    const again = await app.request(url, { headers: { 'if-none-match': plain.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('serves other build files with a short cache', async () => {
    const res = await app.request('https://rounds.test/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('serves the service worker (always revalidated) and the web app manifest as themselves', async () => {
    const worker = await app.request('https://rounds.test/sw.js');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect(await worker.text()).toBe(WORKER);

    const manifest = await app.request('https://rounds.test/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
    expect(await manifest.json()).toEqual({ name: 'Rounds', start_url: '/' });

    // A build without them answers 404, never the app's page in their place.
    const bare = appServing(fakeBuildWithout());
    for (const url of ['/sw.js', '/manifest.webmanifest']) {
      const res = await bare.request(`https://rounds.test${url}`);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-type'), url).toContain('application/json');
    }
  });

  it('leaves the API, media, missing files and non-GET requests to the server', async () => {
    expect(await (await app.request('https://rounds.test/api/v1/instance')).json()).toEqual({
      title: 'Rounds',
    });
    for (const url of [
      '/api/v1/nothing',
      '/oauth/nothing',
      '/media/gone.png',
      '/assets/old-123.js',
      '/favicon.ico',
    ]) {
      const res = await app.request(`https://rounds.test${url}`);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-type'), url).toContain('application/json');
    }
    expect(await (await app.request('https://rounds.test/media/here.png')).text()).toBe('png');
    const post = await app.request('https://rounds.test/statuses/1', { method: 'POST' });
    expect(post.status).toBe(404);
  });

  it('keeps a placeholder page when the client has not been built', async () => {
    const empty = appServing(mkdtempSync(path.join(tmpdir(), 'rounds-web-empty-')));
    const res = await empty.request('https://rounds.test/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run build');
    expect((await empty.request('https://rounds.test/statuses/1')).status).toBe(404);
  });
});
