import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { generateId } from '../../db/ids.ts';
import { accounts, blocks } from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { ValidationError } from '../errors.ts';
import { orderPage, type Page, pageWindow } from '../pagination.ts';
import { deleteFollowEdges, deleteFollowRequestRows } from './edges.ts';
import type { AccountPageItem } from './follows.ts';
import { getRelationship, type Relationship } from './relationships.ts';

/**
 * Blocks `targetId`: follows and pending follow requests in both directions end in the same
 * transaction (counters follow). Emits AccountBlocked when the block is new. Idempotent.
 */
export async function blockAccount(
  ctx: AppContext,
  accountId: string,
  targetId: string,
): Promise<Relationship> {
  if (accountId === targetId) throw new ValidationError('You cannot block yourself', 'id');
  await getAccount(ctx.db, targetId);
  const now = ctx.clock.now();
  const both = [
    { accountId, targetAccountId: targetId },
    { accountId: targetId, targetAccountId: accountId },
  ];
  const created = await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(blocks)
      .values({ id: generateId(), accountId, targetAccountId: targetId, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: blocks.id });
    await deleteFollowEdges(tx, both);
    await deleteFollowRequestRows(tx, both);
    return inserted.length > 0;
  });
  if (created) ctx.events.emit('AccountBlocked', { accountId, targetAccountId: targetId });
  return getRelationship(ctx.db, accountId, targetId, now);
}

/** Lifts the viewer's block of `targetId`; follows that the block ended stay ended. Idempotent. */
export async function unblockAccount(
  ctx: AppContext,
  accountId: string,
  targetId: string,
): Promise<Relationship> {
  await getAccount(ctx.db, targetId);
  await ctx.db
    .delete(blocks)
    .where(and(eq(blocks.accountId, accountId), eq(blocks.targetAccountId, targetId)));
  return getRelationship(ctx.db, accountId, targetId, ctx.clock.now());
}

/** Accounts `accountId` blocks, newest block first, paginated by the block row id. */
export async function listBlockedAccounts(
  ctx: AppContext,
  accountId: string,
  page: Page,
): Promise<AccountPageItem[]> {
  const { where, orderBy } = pageWindow(blocks.id, page);
  const rows = await ctx.db
    .select({ cursor: blocks.id, account: accounts })
    .from(blocks)
    .innerJoin(accounts, eq(accounts.id, blocks.targetAccountId))
    .where(and(eq(blocks.accountId, accountId), where))
    .orderBy(orderBy)
    .limit(page.limit);
  return orderPage(rows, page);
}
