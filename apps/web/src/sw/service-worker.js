// Rounds' service worker, served as /sw.js. The build (scripts/service-worker.ts) replaces the two
// placeholders below with the build's version and its files.
//
// What it keeps, and how:
// - the app shell (the page and the scripts and styles it starts with): precached, cache first;
//   other hashed files once fetched (their names change when their content does);
// - the reader's last home timeline, bookmarks and the threads they opened, plus who is signed in:
//   network first, the saved copy only when the network fails; kept per access token, so one
//   person's saved posts are never answered to another token, and dropped on sign-out or a 401.
// Never: anything from another origin, anything but GET, the OAuth pages, media, or other API paths.

const VERSION = '__ROUNDS_VERSION__';
/** @type {{ shell: string[], files: string[] }} */
const BUILD = JSON.parse('__ROUNDS_BUILD__');
const FILES = new Set(BUILD.files);

const SHELL_CACHE = `rounds-shell-${VERSION}`;
const ASSET_CACHE = 'rounds-assets';
const API_CACHE_PREFIX = 'rounds-api-';
const API_CACHE_LIMIT = 120;

/** API reads kept for offline reading. */
const OFFLINE_API = [
  /^\/api\/v1\/timelines\/home$/,
  /^\/api\/v1\/bookmarks$/,
  /^\/api\/v1\/statuses\/\d{1,20}$/,
  /^\/api\/v1\/statuses\/\d{1,20}\/context$/,
  /^\/api\/v1\/accounts\/verify_credentials$/,
];

/** Paths that are never the app: a failed navigation there is the browser's own error. */
const NOT_THE_APP = /^\/(api|oauth|media|avatars|headers|instance|assets|\.well-known|nodeinfo)(\/|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll(['/', ...BUILD.shell]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('rounds-shell-') && name !== SHELL_CACHE) await caches.delete(name);
      }
      // Files of earlier builds are never asked for again.
      const assets = await caches.open(ASSET_CACHE);
      for (const request of await assets.keys()) {
        if (!FILES.has(new URL(request.url).pathname)) await assets.delete(request);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  // The page lists the hashed files it loaded before this worker took over (from the HTTP cache).
  const data = event.data;
  if (data?.type !== 'rounds:keep-assets' || !Array.isArray(data.paths)) return;
  const paths = data.paths.filter((p) => typeof p === 'string' && FILES.has(p));
  event.waitUntil(
    caches
      .open(ASSET_CACHE)
      .then((cache) => cache.addAll(paths))
      .catch(() => undefined),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    if (NOT_THE_APP.test(url.pathname)) return;
    event.respondWith(navigation(request));
    return;
  }
  if (url.pathname.startsWith('/assets/') && FILES.has(url.pathname)) {
    event.respondWith(asset(event));
    return;
  }
  if (OFFLINE_API.some((pattern) => pattern.test(url.pathname))) {
    const auth = request.headers.get('Authorization');
    if (auth) event.respondWith(networkFirst(event, auth));
  }
});

/** The app for every client route: the network's page when it answers, else the saved shell. */
async function navigation(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match('/', { cacheName: SHELL_CACHE });
    if (shell) return shell;
    throw error;
  }
}

async function asset(event) {
  const path = new URL(event.request.url).pathname;
  const saved =
    (await caches.match(path, { cacheName: SHELL_CACHE })) ??
    (await caches.match(path, { cacheName: ASSET_CACHE }));
  if (saved) return saved;
  const response = await fetch(event.request);
  if (response.ok) {
    const copy = response.clone();
    event.waitUntil(
      caches
        .open(ASSET_CACHE)
        .then((cache) => cache.put(path, copy))
        .catch(() => undefined),
    );
  }
  return response;
}

async function cacheNameFor(authorization) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(authorization));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return API_CACHE_PREFIX + hex.slice(0, 32);
}

async function networkFirst(event, authorization) {
  const request = event.request;
  const name = await cacheNameFor(authorization);
  // NOTE: keyed by the URL alone (no headers), always within this token's own cache.
  const key = request.url;
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const cache = await caches.open(name);
    const saved = await cache.match(key, { ignoreVary: true });
    if (saved) return saved;
    throw error;
  }
  if (response.status === 401) {
    await caches.delete(name);
  } else if (response.ok) {
    // Saving must not hold the answer back.
    event.waitUntil(store(name, key, response.clone()));
  }
  return response;
}

async function store(name, key, response) {
  try {
    const cache = await caches.open(name);
    await cache.put(key, response);
    const keys = await cache.keys();
    // Keys come in insertion order and a re-put goes to the end: the front was saved least recently.
    for (const old of keys.slice(0, Math.max(0, keys.length - API_CACHE_LIMIT))) await cache.delete(old);
  } catch {
    // Quota exceeded or storage off: the reader just has less offline.
  }
}
