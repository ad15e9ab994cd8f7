import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { accounts, followRequests } from '../../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { orderPage, type Page, pageWindow } from '../pagination.ts';
import { insertFollowEdge } from './edges.ts';
import type { AccountPageItem } from './follows.ts';
import { getRelationship, type Relationship } from './relationships.ts';

/** Accounts waiting for `accountId` to accept their follow, newest request first. */
export async function listFollowRequests(
  ctx: AppContext,
  accountId: string,
  page: Page,
): Promise<AccountPageItem[]> {
  const { where, orderBy } = pageWindow(followRequests.id, page);
  const rows = await ctx.db
    .select({ cursor: followRequests.id, account: accounts })
    .from(followRequests)
    .innerJoin(accounts, eq(accounts.id, followRequests.accountId))
    .where(and(eq(followRequests.targetAccountId, accountId), where))
    .orderBy(orderBy)
    .limit(page.limit);
  return orderPage(rows, page);
}

/**
 * `accountId` accepts the pending request from `requesterId`: the request becomes a follow with
 * the options it was made with. NotFound when there is no such request. Emits AccountFollowed.
 */
export async function authorizeFollowRequest(
  ctx: AppContext,
  accountId: string,
  requesterId: string,
): Promise<Relationship> {
  const now = ctx.clock.now();
  const followed = await ctx.db.transaction(async (tx) => {
    const [request] = await tx
      .delete(followRequests)
      .where(and(eq(followRequests.accountId, requesterId), eq(followRequests.targetAccountId, accountId)))
      .returning();
    if (!request) throw new NotFoundError('Record not found');
    return insertFollowEdge(
      tx,
      requesterId,
      accountId,
      { showReblogs: request.showReblogs, notify: request.notify },
      now,
    );
  });
  if (followed) ctx.events.emit('AccountFollowed', { accountId: requesterId, targetAccountId: accountId });
  return getRelationship(ctx.db, accountId, requesterId, now);
}

/** `accountId` declines the pending request from `requesterId`. NotFound when there is none. */
export async function rejectFollowRequest(
  ctx: AppContext,
  accountId: string,
  requesterId: string,
): Promise<Relationship> {
  const deleted = await ctx.db
    .delete(followRequests)
    .where(and(eq(followRequests.accountId, requesterId), eq(followRequests.targetAccountId, accountId)))
    .returning({ id: followRequests.id });
  if (deleted.length === 0) throw new NotFoundError('Record not found');
  return getRelationship(ctx.db, accountId, requesterId, ctx.clock.now());
}
