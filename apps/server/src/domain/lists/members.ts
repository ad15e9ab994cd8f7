import { and, desc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import { type AccountRow, accounts, follows, listAccounts } from '../../db/schema/index.ts';
import { listAccountsByIds } from '../accounts/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { orderPage, type Page, pageWindow } from '../pagination.ts';
import { getOwnedList } from './manage.ts';

/** A list member, with the id of the membership row that orders the list. */
export interface ListMemberItem {
  cursor: string;
  account: AccountRow;
}

function handle(account: AccountRow): string {
  return account.domain ? `@${account.username}@${account.domain}` : `@${account.username}`;
}

/** Every account of `ids`, in their order; NotFound when one does not exist (as Mastodon). */
async function loadAccounts(db: DbOrTx, ids: readonly string[]): Promise<AccountRow[]> {
  const byId = await listAccountsByIds(db, ids);
  return ids.map((id) => {
    const account = byId.get(id);
    if (!account) throw new NotFoundError('Record not found');
    return account;
  });
}

/**
 * Adds accounts to a list of `ownerId`'s, all or none. Each must be someone the owner follows
 * (the owner may always list themselves): 422 naming the first who is not, and 422 for one
 * already on the list, as Mastodon. Unknown accounts and another's list are NotFound.
 * NOTE: the owner's follows are read FOR SHARE, so an unfollow cannot remove one between the
 * check and the insert (each membership row references its follow and goes when it goes).
 */
export async function addListAccounts(
  ctx: AppContext,
  ownerId: string,
  listId: string,
  accountIds: readonly string[],
): Promise<void> {
  const list = await getOwnedList(ctx.db, ownerId, listId);
  const members = await loadAccounts(ctx.db, [...new Set(accountIds)]);
  if (members.length === 0) return;
  await ctx.db.transaction(async (tx) => {
    const others = members.filter((a) => a.id !== ownerId).map((a) => a.id);
    const followRows = others.length
      ? await tx
          .select({ id: follows.id, targetId: follows.targetAccountId })
          .from(follows)
          .where(and(eq(follows.accountId, ownerId), inArray(follows.targetAccountId, others)))
          .for('share')
      : [];
    const followOf = new Map(followRows.map((f) => [f.targetId, f.id]));
    const notFollowed = members.find((a) => a.id !== ownerId && !followOf.has(a.id));
    if (notFollowed) {
      throw new ValidationError(
        `You need to follow ${handle(notFollowed)} before adding them to a list`,
        'account_ids',
      );
    }
    const inserted = await tx
      .insert(listAccounts)
      .values(
        members.map((a) => ({
          id: generateId(),
          listId: list.id,
          accountId: a.id,
          followId: followOf.get(a.id) ?? null,
        })),
      )
      .onConflictDoNothing()
      .returning({ accountId: listAccounts.accountId });
    if (inserted.length < members.length) {
      const added = new Set(inserted.map((r) => r.accountId));
      const already = members.find((a) => !added.has(a.id))!;
      // Thrown inside the transaction: the members added alongside are rolled back too.
      throw new ValidationError(`${handle(already)} is already on this list`, 'account_ids');
    }
  });
}

/** Takes accounts off a list of `ownerId`'s; accounts not on it are ignored. */
export async function removeListAccounts(
  ctx: AppContext,
  ownerId: string,
  listId: string,
  accountIds: readonly string[],
): Promise<void> {
  const list = await getOwnedList(ctx.db, ownerId, listId);
  if (accountIds.length === 0) return;
  await ctx.db
    .delete(listAccounts)
    .where(and(eq(listAccounts.listId, list.id), inArray(listAccounts.accountId, [...accountIds])));
}

/**
 * The members of a list of `ownerId`'s, most recently added first, paginated by the membership
 * row; `page` null answers every member at once (Mastodon's `limit=0`).
 */
export async function listListMembers(
  ctx: AppContext,
  ownerId: string,
  listId: string,
  page: Page | null,
): Promise<ListMemberItem[]> {
  const list = await getOwnedList(ctx.db, ownerId, listId);
  const query = ctx.db
    .select({ cursor: listAccounts.id, account: accounts })
    .from(listAccounts)
    .innerJoin(accounts, eq(accounts.id, listAccounts.accountId));
  if (page === null) return query.where(eq(listAccounts.listId, list.id)).orderBy(desc(listAccounts.id));
  const { where, orderBy } = pageWindow(listAccounts.id, page);
  const rows = await query
    .where(and(eq(listAccounts.listId, list.id), where))
    .orderBy(orderBy)
    .limit(page.limit);
  return orderPage(rows, page);
}
