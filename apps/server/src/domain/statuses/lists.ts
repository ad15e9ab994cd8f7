import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type AccountRow, accounts, bookmarks, favourites, statuses } from '../../db/schema/index.ts';
import { orderPage, type Page, pageWindow } from '../pagination.ts';
import { clampPage, getVisibleProperRow } from './lookup.ts';
import { filterVisible, loadViewerRelations } from './visibility.ts';

/** A page of items plus the pagination ids (newest first) the Link header is built from. */
export interface Paged<T> {
  items: T[];
  cursors: string[];
}

/** Drops accounts with a block in either direction with the viewer. */
async function withoutBlocked(
  ctx: AppContext,
  viewerId: string | null,
  rows: Array<{ cursor: string; account: AccountRow }>,
): Promise<AccountRow[]> {
  const rel = await loadViewerRelations(
    ctx.db,
    viewerId,
    rows.map((r) => r.account.id),
    [],
  );
  return rows.map((r) => r.account).filter((a) => !rel.blockedEither.has(a.id));
}

/** Who favourited a status the viewer can see (404 otherwise), newest favourite first. */
export async function listFavouritedBy(
  ctx: AppContext,
  viewerId: string | null,
  id: string,
  unclamped: Page,
): Promise<Paged<AccountRow>> {
  const page = clampPage(unclamped);
  const status = await getVisibleProperRow(ctx.db, viewerId, id);
  const window = pageWindow(favourites.id, page);
  const rows = await ctx.db
    .select({ cursor: favourites.id, account: accounts })
    .from(favourites)
    .innerJoin(accounts, eq(accounts.id, favourites.accountId))
    .where(and(eq(favourites.statusId, status.id), window.where))
    .orderBy(window.orderBy)
    .limit(page.limit);
  const ordered = orderPage(rows, page);
  return { items: await withoutBlocked(ctx, viewerId, ordered), cursors: ordered.map((r) => r.cursor) };
}

/** Who reblogged a status the viewer can see (404 otherwise), newest reblog first. */
export async function listRebloggedBy(
  ctx: AppContext,
  viewerId: string | null,
  id: string,
  unclamped: Page,
): Promise<Paged<AccountRow>> {
  const page = clampPage(unclamped);
  const status = await getVisibleProperRow(ctx.db, viewerId, id);
  const window = pageWindow(statuses.id, page);
  const rows = await ctx.db
    .select({
      reblog: {
        id: statuses.id,
        accountId: statuses.accountId,
        visibility: statuses.visibility,
        reblogOfId: statuses.reblogOfId,
      },
      account: accounts,
    })
    .from(statuses)
    .innerJoin(accounts, eq(accounts.id, statuses.accountId))
    .where(and(eq(statuses.reblogOfId, status.id), window.where))
    .orderBy(window.orderBy)
    .limit(page.limit);
  const ordered = orderPage(rows, page);
  // A reblog shared only with the reblogger's followers is itself subject to visibility.
  const visible = new Set(
    (
      await filterVisible(
        ctx.db,
        viewerId,
        ordered.map((r) => r.reblog),
      )
    ).map((r) => r.id),
  );
  return {
    items: ordered.filter((r) => visible.has(r.reblog.id)).map((r) => r.account),
    cursors: ordered.map((r) => r.reblog.id),
  };
}

/**
 * The ids of the statuses in an account's bookmarks or favourites, newest first. Cursors are the
 * bookmark/favourite ids (what Mastodon paginates on); hydrating drops what is no longer visible.
 */
export async function listBookmarkedStatusIds(
  ctx: AppContext,
  accountId: string,
  unclamped: Page,
): Promise<Paged<string>> {
  const page = clampPage(unclamped);
  const window = pageWindow(bookmarks.id, page);
  const rows = await ctx.db
    .select({ cursor: bookmarks.id, statusId: bookmarks.statusId })
    .from(bookmarks)
    .where(and(eq(bookmarks.accountId, accountId), window.where))
    .orderBy(window.orderBy)
    .limit(page.limit);
  const ordered = orderPage(rows, page);
  return { items: ordered.map((r) => r.statusId), cursors: ordered.map((r) => r.cursor) };
}

/** See listBookmarkedStatusIds. */
export async function listFavouritedStatusIds(
  ctx: AppContext,
  accountId: string,
  unclamped: Page,
): Promise<Paged<string>> {
  const page = clampPage(unclamped);
  const window = pageWindow(favourites.id, page);
  const rows = await ctx.db
    .select({ cursor: favourites.id, statusId: favourites.statusId })
    .from(favourites)
    .where(and(eq(favourites.accountId, accountId), window.where))
    .orderBy(window.orderBy)
    .limit(page.limit);
  const ordered = orderPage(rows, page);
  return { items: ordered.map((r) => r.statusId), cursors: ordered.map((r) => r.cursor) };
}
