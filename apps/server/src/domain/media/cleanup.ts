import { and, asc, eq, isNull, lt, notExists, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { mediaAttachments, scheduledStatusMedia } from '../../db/schema/index.ts';
import { UNATTACHED_MEDIA_TTL_MS } from './limits.ts';
import { removeMediaFiles } from './manage.ts';

/**
 * Deletes uploads never attached to a post (or left over when their post was deleted or edited)
 * that are older than a day: files first, then the row. A row whose files cannot be removed (the
 * store is down) is kept for the next run rather than leaving unreachable-but-public files behind.
 * Works in batches; returns how many were deleted.
 */
export async function deleteUnattachedMedia(ctx: AppContext, batchSize = 200): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - UNATTACHED_MEDIA_TTL_MS);
  // Uploads reserved for a scheduled post are waiting for it, not abandoned.
  const unreserved = notExists(
    ctx.db
      .select({ one: sql`1` })
      .from(scheduledStatusMedia)
      .where(eq(scheduledStatusMedia.mediaId, mediaAttachments.id)),
  );
  let deleted = 0;
  for (;;) {
    const rows = await ctx.db
      .select()
      .from(mediaAttachments)
      .where(and(isNull(mediaAttachments.statusId), lt(mediaAttachments.createdAt, cutoff), unreserved))
      .orderBy(asc(mediaAttachments.createdAt))
      .limit(batchSize);
    let progressed = 0;
    for (const row of rows) {
      try {
        await removeMediaFiles(ctx, row);
      } catch (error) {
        ctx.logger.error('media clean-up could not remove files', { mediaId: row.id, error: String(error) });
        continue;
      }
      // Attached meanwhile? Then the row stays (its files are gone; the post shows it as missing).
      const gone = await ctx.db
        .delete(mediaAttachments)
        .where(and(eq(mediaAttachments.id, row.id), isNull(mediaAttachments.statusId), unreserved))
        .returning({ id: mediaAttachments.id });
      deleted += gone.length;
      progressed++;
    }
    if (rows.length < batchSize || progressed === 0) return deleted;
  }
}
