import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import { type AccountRow, accounts, followRequests, follows } from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import { orderPage, type Page, pageWindow } from '../pagination.ts';
import { deleteFollowEdges, deleteFollowRequestRows, findBlocksBetween, insertFollowEdge } from './edges.ts';
import { getRelationship, type Relationship } from './relationships.ts';

export interface FollowInput {
  /** Show the target's reblogs in home; unchanged on an existing follow when undefined. */
  reblogs?: boolean | undefined;
  /** Notify on the target's new posts; unchanged on an existing follow when undefined. */
  notify?: boolean | undefined;
}

/** An account in a paginated list, with the id of the row that orders the list. */
export interface AccountPageItem {
  cursor: string;
  account: AccountRow;
}

/**
 * Follows `targetId`. A locked target gets a follow request instead (Relationship.requested);
 * following again only updates the reblogs/notify options. Blocks in either direction forbid it.
 * Emits AccountFollowed or FollowRequested when something new was created.
 */
export async function followAccount(
  ctx: AppContext,
  accountId: string,
  targetId: string,
  input: FollowInput = {},
): Promise<Relationship> {
  if (accountId === targetId) throw new ValidationError('You cannot follow yourself', 'id');
  const target = await getAccount(ctx.db, targetId);
  const now = ctx.clock.now();
  const created = await ctx.db.transaction(async (tx): Promise<'followed' | 'requested' | null> => {
    const { aBlocksB, bBlocksA } = await findBlocksBetween(tx, accountId, targetId);
    if (bBlocksA) throw new ForbiddenError('You are blocked');
    if (aBlocksB) throw new ForbiddenError('You cannot follow someone you block; unblock them first');
    const options = {
      ...(input.reblogs !== undefined ? { showReblogs: input.reblogs } : {}),
      ...(input.notify !== undefined ? { notify: input.notify } : {}),
    };
    const [existing] = await tx
      .select({ id: follows.id })
      .from(follows)
      .where(and(eq(follows.accountId, accountId), eq(follows.targetAccountId, targetId)));
    if (existing) {
      if (Object.keys(options).length)
        await tx.update(follows).set(options).where(eq(follows.id, existing.id));
      return null;
    }
    const full = { showReblogs: input.reblogs ?? true, notify: input.notify ?? false };
    if (target.locked) {
      const inserted = await tx
        .insert(followRequests)
        .values({ id: generateId(), accountId, targetAccountId: targetId, ...full, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: followRequests.id });
      if (inserted.length) return 'requested';
      if (Object.keys(options).length) {
        await tx
          .update(followRequests)
          .set(options)
          .where(and(eq(followRequests.accountId, accountId), eq(followRequests.targetAccountId, targetId)));
      }
      return null;
    }
    return (await insertFollowEdge(tx, accountId, targetId, full, now)) ? 'followed' : null;
  });
  if (created === 'followed') ctx.events.emit('AccountFollowed', { accountId, targetAccountId: targetId });
  if (created === 'requested') ctx.events.emit('FollowRequested', { accountId, targetAccountId: targetId });
  return getRelationship(ctx.db, accountId, targetId, now);
}

/** Stops following `targetId`, and withdraws a pending request to it. Idempotent. */
export async function unfollowAccount(
  ctx: AppContext,
  accountId: string,
  targetId: string,
): Promise<Relationship> {
  await getAccount(ctx.db, targetId);
  const pair = [{ accountId, targetAccountId: targetId }];
  await ctx.db.transaction(async (tx) => {
    await deleteFollowEdges(tx, pair);
    await deleteFollowRequestRows(tx, pair);
  });
  return getRelationship(ctx.db, accountId, targetId, ctx.clock.now());
}

/** Makes `followerId` stop following `accountId` (the owner removes a follower). Idempotent. */
export async function removeFromFollowers(
  ctx: AppContext,
  accountId: string,
  followerId: string,
): Promise<Relationship> {
  await getAccount(ctx.db, followerId);
  await ctx.db.transaction((tx) =>
    deleteFollowEdges(tx, [{ accountId: followerId, targetAccountId: accountId }]),
  );
  return getRelationship(ctx.db, accountId, followerId, ctx.clock.now());
}

/**
 * Whether `viewerId` may see who `owner` follows and is followed by: the owner always; others not
 * when the owner hides their collections or blocks the viewer.
 */
export async function canSeeCollections(
  db: DbOrTx,
  owner: AccountRow,
  viewerId: string | null,
): Promise<boolean> {
  if (viewerId === owner.id) return true;
  if (owner.hideCollections) return false;
  if (viewerId === null) return true;
  return !(await findBlocksBetween(db, owner.id, viewerId)).aBlocksB;
}

/** Accounts following `accountId`, newest follow first, paginated by the follow row id. */
export async function listFollowers(
  ctx: AppContext,
  accountId: string,
  viewerId: string | null,
  page: Page,
): Promise<AccountPageItem[]> {
  const owner = await getAccount(ctx.db, accountId);
  if (!(await canSeeCollections(ctx.db, owner, viewerId))) return [];
  const { where, orderBy } = pageWindow(follows.id, page);
  const rows = await ctx.db
    .select({ cursor: follows.id, account: accounts })
    .from(follows)
    .innerJoin(accounts, eq(accounts.id, follows.accountId))
    .where(and(eq(follows.targetAccountId, accountId), where))
    .orderBy(orderBy)
    .limit(page.limit);
  return orderPage(rows, page);
}

/** Accounts `accountId` follows, newest follow first, paginated by the follow row id. */
export async function listFollowing(
  ctx: AppContext,
  accountId: string,
  viewerId: string | null,
  page: Page,
): Promise<AccountPageItem[]> {
  const owner = await getAccount(ctx.db, accountId);
  if (!(await canSeeCollections(ctx.db, owner, viewerId))) return [];
  const { where, orderBy } = pageWindow(follows.id, page);
  const rows = await ctx.db
    .select({ cursor: follows.id, account: accounts })
    .from(follows)
    .innerJoin(accounts, eq(accounts.id, follows.targetAccountId))
    .where(and(eq(follows.accountId, accountId), where))
    .orderBy(orderBy)
    .limit(page.limit);
  return orderPage(rows, page);
}
