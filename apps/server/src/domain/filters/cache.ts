import type { AppContext } from '../../context.ts';
import { loadViewerFilters, type ViewerFilters } from './active.ts';

/** Compiled filters per viewer for long-lived connections, dropped when they change. */
export interface ViewerFilterCache {
  get(accountId: string): Promise<ViewerFilters>;
  /** Forget an account's filters (they changed): the next `get` loads them again. */
  invalidate(accountId: string): void;
}

/**
 * A cache for the streaming hub, which matches every delivered status against its viewer's
 * filters. `filters_changed` invalidates an entry at once; `maxAgeMs` is the safety net for a
 * change announced while this process was not listening. Expiry needs no reload: matching
 * checks each filter's `expires_at` against the clock.
 */
export function createViewerFilterCache(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  maxAgeMs = 60_000,
): ViewerFilterCache {
  const entries = new Map<string, { at: number; filters: Promise<ViewerFilters> }>();
  let swept = Date.now();
  // Old entries go in one pass per period, not one scan per delivery.
  const sweep = (now: number) => {
    if (now - swept < maxAgeMs) return;
    swept = now;
    for (const [id, entry] of entries) if (now - entry.at > maxAgeMs) entries.delete(id);
  };
  return {
    get(accountId) {
      const now = Date.now();
      sweep(now);
      let entry = entries.get(accountId);
      if (!entry || now - entry.at > maxAgeMs) {
        const filters = loadViewerFilters(ctx.db, accountId, ctx.clock.now());
        entry = { at: now, filters };
        entries.set(accountId, entry);
        // A failed load is not kept: the next delivery tries again.
        filters.catch(() => entries.get(accountId) === entry && entries.delete(accountId));
      }
      return entry.filters;
    },
    invalidate(accountId) {
      entries.delete(accountId);
    },
  };
}

/**
 * Request paths keep a viewer's filters this long, the streaming hub's own safety net: a change
 * drops them at once, in this process and, through the stream bus, in every other.
 */
const REQUEST_CACHE_MS = 60_000;
const requestCaches = new WeakMap<object, ViewerFilterCache>();

/**
 * The per-process cache request paths read filters through (one per database handle). Without it
 * every signed-in timeline page paid one more query, nearly always finding no filters.
 * `announceFiltersChanged` invalidates it here; other processes drop their copy on the stream
 * bus's global `filters_changed` (every process's hub listens to it), or at the latest within a
 * minute, the bound the hub's own cache keeps.
 */
export function requestFilterCache(ctx: Pick<AppContext, 'db' | 'clock'>): ViewerFilterCache {
  let cache = requestCaches.get(ctx.db);
  if (!cache) {
    cache = createViewerFilterCache(ctx, REQUEST_CACHE_MS);
    requestCaches.set(ctx.db, cache);
  }
  return cache;
}
