import { useSyncExternalStore } from 'react';

/** The caches the service worker (src/sw/service-worker.js) keeps per signed-in token. */
const API_CACHE_PREFIX = 'rounds-api-';

/**
 * Installs the service worker that keeps the app shell, the last home timeline, bookmarks and
 * opened threads readable offline. Production builds only: the dev server's modules change too often.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
    // Scripts this page loaded before the worker took over come from the HTTP cache: no download.
    const keepLoaded = () => {
      const paths = performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name, location.href))
        .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
        .map((url) => url.pathname);
      navigator.serviceWorker.controller?.postMessage({ type: 'rounds:keep-assets', paths });
    };
    navigator.serviceWorker.ready.then(keepLoaded, () => undefined);
    navigator.serviceWorker.addEventListener('controllerchange', keepLoaded);
  };
  // After the first screen is up: installing never competes with it for a slow connection.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

/** Forgets every timeline and thread kept for offline reading (on sign-out: a shared computer). */
export async function forgetOfflineData(): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(API_CACHE_PREFIX)).map((n) => caches.delete(n)));
  } catch {
    // Storage unavailable (private mode): nothing was kept.
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** False while the browser knows it has no connection. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine);
}
