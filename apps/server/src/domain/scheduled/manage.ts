import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { isId } from '../../db/ids.ts';
import {
  mediaAttachments,
  type ScheduledStatusRow,
  scheduledStatuses,
  scheduledStatusMedia,
} from '../../db/schema/index.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { orderPage, type Page, pageWindow } from '../pagination.ts';
import type { Paged } from '../statuses/index.ts';
import { assertFarEnoughAhead, assertWithinLimits, parseScheduledAt } from './limits.ts';
import { lockAccount, type ScheduledStatusView, withMedia } from './views.ts';

/** The account's own scheduled post; anyone else's (or none) is the same 404. */
async function getOwnRow(db: DbOrTx, accountId: string, id: string): Promise<ScheduledStatusRow> {
  if (!isId(id)) throw new NotFoundError();
  const [row] = await db
    .select()
    .from(scheduledStatuses)
    .where(and(eq(scheduledStatuses.id, id), eq(scheduledStatuses.accountId, accountId)));
  if (!row) throw new NotFoundError();
  return row;
}

/** Not while a publisher holds it: the post is going out at this very moment. */
function assertNotBeingPublished(row: ScheduledStatusRow, now: Date): void {
  if (row.claimedUntil && row.claimedUntil > now) {
    throw new ConflictError('This post is being published right now and can no longer be changed');
  }
}

/** The signed-in account's scheduled posts, newest scheduling first (Mastodon orders by id). */
export async function listScheduledStatuses(
  ctx: AppContext,
  accountId: string,
  page: Page,
): Promise<Paged<ScheduledStatusView>> {
  const window = pageWindow(scheduledStatuses.id, page);
  const rows = await ctx.db
    .select()
    .from(scheduledStatuses)
    .where(and(eq(scheduledStatuses.accountId, accountId), window.where))
    .orderBy(window.orderBy)
    .limit(page.limit);
  const ordered = orderPage(rows, page);
  return { items: await withMedia(ctx.db, ordered), cursors: ordered.map((r) => r.id) };
}

/** One of the account's scheduled posts; 404 for anyone else's. */
export async function getScheduledStatus(
  ctx: AppContext,
  accountId: string,
  id: string,
): Promise<ScheduledStatusView> {
  return (await withMedia(ctx.db, [await getOwnRow(ctx.db, accountId, id)]))[0]!;
}

/**
 * Moves a scheduled post to a new time (the only thing Mastodon lets one change), under the same
 * rules as scheduling: ISO 8601, at least 5 minutes ahead, within the daily limit. A post whose
 * publishing failed is armed again, so the author can retry it once the cause is fixed.
 */
export async function rescheduleStatus(
  ctx: AppContext,
  accountId: string,
  id: string,
  rawScheduledAt: string,
): Promise<ScheduledStatusView> {
  const now = ctx.clock.now();
  const scheduledAt = parseScheduledAt(rawScheduledAt);
  return ctx.db.transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const row = await getOwnRow(tx, accountId, id);
    assertNotBeingPublished(row, now);
    assertFarEnoughAhead(scheduledAt, now);
    await assertWithinLimits(tx, accountId, scheduledAt, row.id);
    const [updated] = await tx
      .update(scheduledStatuses)
      .set({ scheduledAt, failedAt: null, claimedUntil: null })
      .where(
        and(
          eq(scheduledStatuses.id, row.id),
          or(isNull(scheduledStatuses.claimedUntil), lt(scheduledStatuses.claimedUntil, now)),
        ),
      )
      .returning();
    if (!updated)
      throw new ConflictError('This post is being published right now and can no longer be changed');
    return (await withMedia(tx, [updated]))[0]!;
  });
}

/** Gives the uploads of a cancelled post a fresh day, as deleting a post does ("delete and redraft"). */
async function releaseMedia(tx: DbOrTx, scheduledStatusId: string, now: Date): Promise<void> {
  const reserved = tx
    .select({ id: scheduledStatusMedia.mediaId })
    .from(scheduledStatusMedia)
    .where(eq(scheduledStatusMedia.scheduledStatusId, scheduledStatusId));
  await tx.update(mediaAttachments).set({ createdAt: now }).where(inArray(mediaAttachments.id, reserved));
}

/**
 * Cancels a scheduled post. Its uploads are released: they stay the author's, to post again
 * within a day (after which the clean-up removes them if unused). 404 for anyone else's.
 */
export async function cancelScheduledStatus(ctx: AppContext, accountId: string, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await getOwnRow(tx, accountId, id);
    assertNotBeingPublished(row, now);
    await releaseMedia(tx, row.id, now);
    const gone = await tx
      .delete(scheduledStatuses)
      .where(
        and(
          eq(scheduledStatuses.id, row.id),
          or(isNull(scheduledStatuses.claimedUntil), lt(scheduledStatuses.claimedUntil, now)),
        ),
      )
      .returning({ id: scheduledStatuses.id });
    if (gone.length === 0) {
      throw new ConflictError('This post is being published right now and can no longer be cancelled');
    }
  });
}
