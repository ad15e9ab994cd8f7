import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { isCompressibleType, MIN_COMPRESS_BYTES } from './lib/compression.ts';
import type { MastodonApp, MastodonEnv } from './mastodon/env.ts';

// A 1×1 neutral grey PNG: the default avatar and header until media uploads exist.
const MISSING_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mO8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=',
  'base64',
);

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Rounds</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}a{color:#0b5cad}</style></head>
<body><main><h1>Rounds</h1><p>A social learning network for the health professions.</p>
<p>This server speaks the Mastodon client API: sign in with any Mastodon app using this server's address. The web client is not built here: run <code>npm run build</code> (or <code>npm start</code>, which builds it).</p>
<p><a href="/api/v2/instance">Server information</a> · <a href="/api/v1/timelines/public?local=true">Local timeline (JSON)</a></p></main></body></html>`;

/** Where `npm run build -w @rounds/web` puts the client. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Paths the client never owns: a 404 there stays the API's 404. Everything else that is a GET for
 * a path without a file extension is a client route (/statuses/1, /auth/callback) and gets the app.
 */
const SERVER_PREFIXES = [
  '/api/',
  '/oauth/',
  '/media/',
  '/.well-known/',
  '/nodeinfo/',
  '/assets/',
  '/avatars/',
  '/headers/',
  '/instance/',
];
const SERVER_PATHS = new Set(['/api', '/oauth', '/media', '/healthz']);

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer> | null;
  brotli: Uint8Array<ArrayBuffer> | null;
  type: string;
  etag: string;
  /** Hashed file names never change content: cache them for a year. */
  immutable: boolean;
}

interface WebBuild {
  index: Asset;
  files: Map<string, Asset>;
}

function etagOf(body: Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

// Read once into plain Uint8Arrays, which responses take as they are (no copy per request).
function readBytes(file: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(file));
}

function readOptional(file: string): Uint8Array<ArrayBuffer> | null {
  return existsSync(file) ? readBytes(file) : null;
}

/**
 * A gzip copy, made once at start, of a text file the build wrote no .gz for (sw.js, the manifest):
 * served here with its own ETag logic rather than compressed per request by lib/compression.ts.
 */
function gzipOnce(body: Uint8Array<ArrayBuffer>, type: string): Uint8Array<ArrayBuffer> | null {
  if (body.byteLength < MIN_COMPRESS_BYTES || !isCompressibleType(type)) return null;
  const gzipped = gzipSync(body, { level: 9 });
  return gzipped.byteLength < body.byteLength ? new Uint8Array(gzipped) : null;
}

function walk(dir: string, base = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith('.')) return [];
    const rel = base ? `${base}/${name}` : name;
    return statSync(path.join(dir, name)).isDirectory() ? walk(path.join(dir, name), rel) : [rel];
  });
}

/**
 * Loads the built client into memory (a few hundred KB), with the .br/.gz copies the build wrote.
 * Only files found here are ever served: no request path reaches the file system.
 */
export function loadWebBuild(dir: string): WebBuild | null {
  if (!existsSync(path.join(dir, 'index.html'))) return null;
  try {
    return readWebBuild(dir);
  } catch {
    // NOTE: a build being written right now (files vanish mid-walk): serve the placeholder rather
    // than fail to start; the next start picks the finished build up.
    return null;
  }
}

function readWebBuild(dir: string): WebBuild {
  const files = new Map<string, Asset>();
  for (const rel of walk(dir)) {
    if (rel.endsWith('.gz') || rel.endsWith('.br')) continue;
    const full = path.join(dir, rel);
    const body = readBytes(full);
    const type = CONTENT_TYPES[path.extname(rel)] ?? 'application/octet-stream';
    files.set(`/${rel}`, {
      body,
      gzip: readOptional(`${full}.gz`) ?? gzipOnce(body, type),
      brotli: readOptional(`${full}.br`),
      type,
      etag: etagOf(body),
      immutable: rel.startsWith('assets/'),
    });
  }
  const index = files.get('/index.html');
  if (!index) throw new Error('index.html vanished while loading the web build');
  files.delete('/index.html');
  return { index, files };
}

function isClientRoute(pathname: string): boolean {
  if (SERVER_PATHS.has(pathname) || SERVER_PREFIXES.some((p) => pathname.startsWith(p))) return false;
  // Profiles and their posts (/@user@remote.example, /@user/123): dots there are domains, not files.
  if (pathname.startsWith('/@')) return true;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return !last.includes('.');
}

/** The app's own page: scripts and styles from this origin only; media may come from the media host. */
function contentSecurityPolicy(c: Context<MastodonEnv>): string {
  const publicOrigin = new URL(c.get('ctx').config.publicUrl).origin;
  // The socket host is the one the page was loaded from; anything but a plain host[:port] is ignored.
  const host = c.req.header('host') ?? '';
  const sockets = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/.test(host)
    ? ` ws://${host} wss://${host}`
    : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' ${publicOrigin} data: blob: https:`,
    `media-src 'self' ${publicOrigin} blob: https:`,
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function send(
  c: Context<MastodonEnv>,
  asset: Asset,
  cacheControl: string,
  extra: Record<string, string> = {},
) {
  const headers: Record<string, string> = {
    'Content-Type': asset.type,
    'Cache-Control': cacheControl,
    ETag: asset.etag,
    Vary: 'Accept-Encoding',
    ...extra,
  };
  if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304, headers);
  const accepted = c.req.header('accept-encoding') ?? '';
  let body = asset.body;
  if (asset.brotli && /\bbr\b/.test(accepted)) {
    body = asset.brotli;
    headers['Content-Encoding'] = 'br';
  } else if (asset.gzip && /\bgzip\b/.test(accepted)) {
    body = asset.gzip;
    headers['Content-Encoding'] = 'gzip';
  }
  return c.body(body, 200, headers);
}

function sendIndex(c: Context<MastodonEnv>, build: WebBuild) {
  return send(c, build.index, 'no-cache', {
    'Content-Security-Policy': contentSecurityPolicy(c),
    'X-Frame-Options': 'DENY',
  });
}

/**
 * The web client at `/` (apps/web, built into apps/web/dist): hashed assets cached for a year,
 * the page itself revalidated, and client routes answered with the app. Without a build, a
 * placeholder page says how to make one. Also the default avatar and header images.
 */
export function registerWebRoutes(app: MastodonApp, options: { distDir?: string } = {}): void {
  for (const file of ['/avatars/original/missing.png', '/headers/original/missing.png']) {
    app.get(file, (c) => {
      c.header('Cache-Control', 'public, max-age=86400');
      return c.body(MISSING_PNG, 200, { 'Content-Type': 'image/png' });
    });
  }

  const build = loadWebBuild(options.distDir ?? WEB_DIST_DIR);
  if (!build) {
    app.get('/', (c) => c.html(PLACEHOLDER));
    return;
  }

  app.get('/', (c) => sendIndex(c, build));
  app.get('/assets/*', (c) => {
    const asset = build.files.get(c.req.path);
    if (!asset) return c.json({ error: 'Not found' }, 404);
    return send(c, asset, 'public, max-age=31536000, immutable');
  });
  for (const [file, asset] of build.files) {
    if (asset.immutable) continue;
    // NOTE: the service worker is checked on every visit, so a new build reaches people at once.
    const cacheControl = file === '/sw.js' ? 'no-cache' : 'public, max-age=3600';
    app.get(file, (c) => send(c, asset, cacheControl));
  }

  // NOTE: a fallback after the fact rather than a catch-all route, so that routes registered after
  // this one (media files, later federation) still answer first; only their 404s are replaced.
  app.use('*', async (c, next) => {
    await next();
    const method = c.req.method;
    if (c.res.status !== 404 || (method !== 'GET' && method !== 'HEAD') || !isClientRoute(c.req.path)) return;
    c.res = undefined;
    c.res = sendIndex(c, build);
  });
}
