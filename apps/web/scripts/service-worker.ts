import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const TEMPLATE = path.resolve(import.meta.dirname, '..', 'src', 'sw', 'service-worker.js');

/** Same shapes as the server's instance icon (apps/server/src/mastodon/v1/instance.ts). */
const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
  '<rect width="64" height="64" rx="14" fill="#0b5cad"/>' +
  '<circle cx="32" cy="32" r="17" fill="none" stroke="#fff" stroke-width="7"/>' +
  '<circle cx="32" cy="32" r="5" fill="#fff"/></svg>\n';
/** Full bleed, the ring inside the safe zone: for launchers that cut icons to their own shape. */
const MASKABLE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
  '<rect width="64" height="64" fill="#0b5cad"/>' +
  '<circle cx="32" cy="32" r="13" fill="none" stroke="#fff" stroke-width="5.5"/>' +
  '<circle cx="32" cy="32" r="4" fill="#fff"/></svg>\n';

const MANIFEST = {
  id: '/',
  name: 'Rounds',
  short_name: 'Rounds',
  description: 'A social learning network for the health professions.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#f4f6f8',
  theme_color: '#0b5cad',
  icons: [
    { src: '/instance/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/instance/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    { src: '/icon-maskable.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'maskable' },
  ],
};

/** The files index.html loads before anything shows: the app shell. */
function shellFiles(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/\b(?:src|href)="(\/assets\/[^"]+)"/g)) if (m[1]) found.add(m[1]);
  return [...found];
}

/**
 * Writes what makes the client installable and readable offline next to the build: /sw.js (the
 * service worker, src/sw/service-worker.js with this build's version and file list),
 * /manifest.webmanifest and its SVG icons. Runs after the bundle is written, when index.html is final.
 */
export function serviceWorker(): Plugin {
  return {
    name: 'rounds:service-worker',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? path.resolve(import.meta.dirname, '..', 'dist');
      const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
      const files = Object.keys(bundle)
        .filter((name) => name.startsWith('assets/'))
        .map((name) => `/${name}`)
        .sort();
      const build = { shell: shellFiles(html), files };
      const version = createHash('sha256')
        .update(html)
        .update(JSON.stringify(build))
        .update(readFileSync(TEMPLATE))
        .digest('hex')
        .slice(0, 16);
      const worker = readFileSync(TEMPLATE, 'utf8')
        .replace('__ROUNDS_VERSION__', version)
        .replace("'__ROUNDS_BUILD__'", JSON.stringify(JSON.stringify(build)));
      writeFileSync(path.join(dir, 'sw.js'), worker);
      writeFileSync(path.join(dir, 'manifest.webmanifest'), `${JSON.stringify(MANIFEST, null, 2)}\n`);
      writeFileSync(path.join(dir, 'icon.svg'), ICON_SVG);
      writeFileSync(path.join(dir, 'icon-maskable.svg'), MASKABLE_SVG);
    },
  };
}
