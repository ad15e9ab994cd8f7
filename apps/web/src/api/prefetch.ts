import type { Api, Page } from './client.ts';

/** The home timeline's first page: what home shows first, and what a boot at `/` asks for at once. */
export const HOME_FIRST_PAGE = '/api/v1/timelines/home?limit=20';

/** A page that arrived longer ago than this is not shown as the first page: the screen asks afresh. */
const FRESH_MS = 60_000;

interface Prefetched {
  token: string;
  page: Promise<Page<unknown>>;
  /** When the answer (or the failure) arrived; null while in flight. */
  settledAt: number | null;
}

const prefetched = new Map<string, Prefetched>();

/**
 * Starts a page's request now (at boot, beside the session check), for the screen that will show
 * it to take with takePrefetchedPage instead of asking again once its chunk has loaded.
 */
export function prefetchPage(api: Api, path: string, token: string): void {
  const entry: Prefetched = { token, page: api.page<unknown>(path, { token }), settledAt: null };
  entry.page.then(
    () => {
      entry.settledAt = Date.now();
    },
    () => {
      // Nobody may take it (the token was refused): no unhandled rejection.
      entry.settledAt = Date.now();
    },
  );
  prefetched.set(path, entry);
}

/**
 * The page prefetched for `path` with this token, once (a later load, a retry or another screen
 * asks the server); null when there is none, it was for another token, or it arrived too long ago.
 */
export function takePrefetchedPage<T>(
  path: string,
  token: string | null | undefined,
): Promise<Page<T>> | null {
  const entry = prefetched.get(path);
  if (!entry) return null;
  prefetched.delete(path);
  if (entry.token !== token) return null;
  if (entry.settledAt !== null && Date.now() - entry.settledAt > FRESH_MS) return null;
  return entry.page as Promise<Page<T>>;
}
