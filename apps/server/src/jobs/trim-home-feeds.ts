import type { AppContext } from '../context.ts';
import { trimHomeFeeds } from '../domain/timelines/home-feed.ts';
import { repeat } from './repeat.ts';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Trims every home feed to its newest entries hourly in this process (domain/timelines/home-feed.ts).
 * The timer is unref'd so it never keeps the process alive; with several processes, each runs it,
 * and trimming a feed twice is harmless. Returns a function that stops it.
 */
export function startHomeFeedTrim(ctx: AppContext, intervalMs = HOUR_MS): () => void {
  return repeat(ctx, 'home feed trim', intervalMs, async () => {
    const dropped = await trimHomeFeeds(ctx.db);
    if (dropped > 0) ctx.logger.info('trimmed home feeds', { dropped });
  });
}
