import { and, count, desc, eq, gt, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { isId } from '../../db/ids.ts';
import { markers, notifications } from '../../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { orderPage, type Page, pageWindow } from '../pagination.ts';
import {
  filterSql,
  type HydratedNotification,
  hydrateNotifications,
  type NotificationFilter,
  shownTo,
} from './read.ts';

/** A page of items plus the pagination ids (newest first) the Link header is built from. */
export interface NotificationPage<T> {
  items: T[];
  cursors: string[];
}

/**
 * The viewer's notifications, newest first, with Mastodon's id window and filters. The read
 * pipeline: select ids under the viewer's block, mute and type rules → hydrate senders and
 * statuses in bulk → drop those whose status the viewer may no longer see. Cursors are the ids
 * selected, so the Link header keeps paging even when a whole page was dropped.
 */
export async function listNotifications(
  ctx: AppContext,
  viewerId: string,
  filter: NotificationFilter,
  page: Page,
): Promise<NotificationPage<HydratedNotification>> {
  const window = pageWindow(notifications.id, page);
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(and(shownTo(viewerId, ctx.clock.now()), filterSql(filter), window.where))
    .orderBy(window.orderBy)
    .limit(page.limit);
  const ordered = orderPage(rows, page);
  return { items: await hydrateNotifications(ctx, viewerId, ordered), cursors: ordered.map((r) => r.id) };
}

/** One of the viewer's notifications; NotFound when it is not theirs or is hidden from them. */
export async function getNotification(
  ctx: AppContext,
  viewerId: string,
  id: string,
): Promise<HydratedNotification> {
  if (!isId(id)) throw new NotFoundError();
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(and(shownTo(viewerId, ctx.clock.now()), eq(notifications.id, id)));
  const [item] = await hydrateNotifications(ctx, viewerId, rows);
  if (!item) throw new NotFoundError();
  return item;
}

/** Deletes one of the viewer's notifications; NotFound when they have none with that id. */
export async function dismissNotification(ctx: AppContext, viewerId: string, id: string): Promise<void> {
  if (!isId(id)) throw new NotFoundError();
  const deleted = await ctx.db
    .delete(notifications)
    .where(and(eq(notifications.accountId, viewerId), eq(notifications.id, id)))
    .returning({ id: notifications.id });
  if (deleted.length === 0) throw new NotFoundError();
}

/** Deletes all of the viewer's notifications. */
export async function clearNotifications(ctx: AppContext, viewerId: string): Promise<void> {
  await ctx.db.delete(notifications).where(eq(notifications.accountId, viewerId));
}

/** Notifications newer than the viewer's `notifications` read marker (all when there is none). */
export async function unreadSql(ctx: AppContext, viewerId: string): Promise<SQL | undefined> {
  const [marker] = await ctx.db
    .select({ lastReadId: markers.lastReadId })
    .from(markers)
    .where(and(eq(markers.accountId, viewerId), eq(markers.timeline, 'notifications')));
  return marker && isId(marker.lastReadId) ? gt(notifications.id, marker.lastReadId) : undefined;
}

/**
 * How many notifications the viewer has not read yet (newer than their notifications marker),
 * under the same filters as the list, counting at most `limit` (as Mastodon caps it).
 */
export async function countUnreadNotifications(
  ctx: AppContext,
  viewerId: string,
  filter: NotificationFilter,
  limit: number,
): Promise<number> {
  const unread = await unreadSql(ctx, viewerId);
  const capped = ctx.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(shownTo(viewerId, ctx.clock.now()), filterSql(filter), unread))
    .orderBy(desc(notifications.id))
    .limit(limit)
    .as('capped');
  const [row] = await ctx.db.select({ n: count() }).from(capped);
  return row?.n ?? 0;
}
