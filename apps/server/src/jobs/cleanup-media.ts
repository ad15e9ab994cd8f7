import type { AppContext } from '../context.ts';
import { deleteUnattachedMedia } from '../domain/media/index.ts';
import { repeat } from './repeat.ts';

const HOUR_MS = 60 * 60 * 1000;

/** Deletes uploads left unattached for more than a day (rows and stored files); returns the count. */
export async function cleanupUnattachedMedia(ctx: AppContext): Promise<number> {
  const deleted = await deleteUnattachedMedia(ctx);
  if (deleted > 0) ctx.logger.info('removed unattached media', { count: deleted });
  return deleted;
}

/**
 * Runs the clean-up hourly in this process. The timer is unref'd so it never keeps the process
 * alive; with several processes, each runs it and the row deletes make that harmless.
 * Returns a function that stops it.
 */
export function startMediaCleanup(ctx: AppContext, intervalMs = HOUR_MS): () => void {
  return repeat(ctx, 'media clean-up', intervalMs, () => cleanupUnattachedMedia(ctx));
}
