import { and, count, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { generateId } from '../../db/ids.ts';
import { bookmarks, favourites, pins, statuses } from '../../db/schema/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { deleteReblogRow } from './delete.ts';
import {
  bumpAccountStatuses,
  bumpStatusCounter,
  findStatusRow,
  getVisibleProperRow,
  getVisibleStatusRow,
  STATUS_COLUMNS,
  type StatusRecord,
} from './lookup.ts';

export const MAX_PINNED_STATUSES = 5;
export type ReblogVisibility = 'public' | 'unlisted' | 'private';

/**
 * Reblogs a visible status for `accountId` (a reblog of a reblog reblogs the original) and returns
 * the reblog row; reblogging twice returns the first reblog. Followers-only and direct posts
 * cannot be reblogged (422). Counts the reblog on the original and on the reblogger's statuses.
 */
export async function reblogStatus(
  ctx: AppContext,
  accountId: string,
  id: string,
  visibility: ReblogVisibility = 'public',
): Promise<StatusRecord> {
  const target = await getVisibleProperRow(ctx.db, accountId, id);
  if (target.visibility === 'private' || target.visibility === 'direct') {
    throw new ValidationError('Followers-only posts and private mentions cannot be reblogged');
  }
  const now = ctx.clock.now();
  const created = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(statuses)
      .values({
        id: generateId(),
        accountId,
        visibility,
        reblogOfId: target.id,
        quotePolicy: 'nobody',
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning(STATUS_COLUMNS);
    if (!row) return null;
    await bumpStatusCounter(tx, target.id, 'reblogsCount', 1);
    await bumpAccountStatuses(tx, accountId, 1, now);
    return row;
  });
  if (created) {
    ctx.events.emit('StatusReblogged', { statusId: target.id, reblogId: created.id, accountId });
    return created;
  }
  const [existing] = await ctx.db
    .select(STATUS_COLUMNS)
    .from(statuses)
    .where(and(eq(statuses.accountId, accountId), eq(statuses.reblogOfId, target.id)));
  if (!existing) throw new NotFoundError();
  return existing;
}

/**
 * Undoes `accountId`'s reblog of status `id` (or `id` may be the reblog row itself). Returns the
 * id of the reblogged status. Without a reblog, the status must still be visible (404 otherwise).
 */
export async function unreblogStatus(ctx: AppContext, accountId: string, id: string): Promise<string> {
  const row = await findStatusRow(ctx.db, id);
  const targetId = row?.reblogOfId && row.accountId === accountId ? row.reblogOfId : id;
  const [reblog] = await ctx.db
    .select(STATUS_COLUMNS)
    .from(statuses)
    .where(and(eq(statuses.accountId, accountId), eq(statuses.reblogOfId, targetId)));
  if (reblog) {
    await deleteReblogRow(ctx, reblog);
    return targetId;
  }
  return (await getVisibleProperRow(ctx.db, accountId, id)).id;
}

/** Favourites a visible status (a reblog means its original); idempotent. Returns the status id. */
export async function favouriteStatus(ctx: AppContext, accountId: string, id: string): Promise<string> {
  const target = await getVisibleProperRow(ctx.db, accountId, id);
  const added = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .insert(favourites)
      .values({ id: generateId(), accountId, statusId: target.id })
      .onConflictDoNothing()
      .returning({ id: favourites.id });
    if (rows.length) await bumpStatusCounter(tx, target.id, 'favouritesCount', 1);
    return rows.length > 0;
  });
  if (added) ctx.events.emit('StatusFavourited', { statusId: target.id, accountId });
  return target.id;
}

/**
 * Removes a favourite; idempotent. An existing favourite is removed even if the status has since
 * become invisible (the caller's presenting step then answers 404).
 */
export async function unfavouriteStatus(ctx: AppContext, accountId: string, id: string): Promise<string> {
  const row = await findStatusRow(ctx.db, id);
  if (!row) throw new NotFoundError();
  const targetId = row.reblogOfId ?? row.id;
  await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .delete(favourites)
      .where(and(eq(favourites.accountId, accountId), eq(favourites.statusId, targetId)))
      .returning({ id: favourites.id });
    if (rows.length) await bumpStatusCounter(tx, targetId, 'favouritesCount', -1);
  });
  return targetId;
}

/** Bookmarks a visible status (a reblog means its original); idempotent. */
export async function bookmarkStatus(ctx: AppContext, accountId: string, id: string): Promise<string> {
  const target = await getVisibleProperRow(ctx.db, accountId, id);
  await ctx.db
    .insert(bookmarks)
    .values({ id: generateId(), accountId, statusId: target.id })
    .onConflictDoNothing();
  return target.id;
}

/** Removes a bookmark; idempotent. */
export async function unbookmarkStatus(ctx: AppContext, accountId: string, id: string): Promise<string> {
  const row = await findStatusRow(ctx.db, id);
  if (!row) throw new NotFoundError();
  const targetId = row.reblogOfId ?? row.id;
  await ctx.db
    .delete(bookmarks)
    .where(and(eq(bookmarks.accountId, accountId), eq(bookmarks.statusId, targetId)));
  return targetId;
}

/**
 * Pins one of the author's own public or unlisted posts to their profile (at most 5). Someone
 * else's post, a reblog, or a followers-only/direct post is refused with 422.
 */
export async function pinStatus(ctx: AppContext, accountId: string, id: string): Promise<string> {
  const row = await getVisibleStatusRow(ctx.db, accountId, id);
  if (row.accountId !== accountId) throw new ValidationError("Someone else's post cannot be pinned");
  if (row.reblogOfId !== null) throw new ValidationError('Reblogs cannot be pinned');
  if (row.visibility === 'private' || row.visibility === 'direct') {
    throw new ValidationError('Only public and unlisted posts can be pinned');
  }
  await ctx.db.transaction(async (tx) => {
    const [already] = await tx
      .select({ id: pins.id })
      .from(pins)
      .where(and(eq(pins.accountId, accountId), eq(pins.statusId, row.id)));
    if (already) return;
    const [n] = await tx.select({ n: count() }).from(pins).where(eq(pins.accountId, accountId));
    if ((n?.n ?? 0) >= MAX_PINNED_STATUSES) {
      throw new ValidationError('You have already pinned the maximum number of posts');
    }
    await tx.insert(pins).values({ id: generateId(), accountId, statusId: row.id }).onConflictDoNothing();
  });
  return row.id;
}

/** Unpins; idempotent. The status must be visible to the viewer. */
export async function unpinStatus(ctx: AppContext, accountId: string, id: string): Promise<string> {
  const row = await getVisibleStatusRow(ctx.db, accountId, id);
  await ctx.db.delete(pins).where(and(eq(pins.accountId, accountId), eq(pins.statusId, row.id)));
  return row.id;
}
