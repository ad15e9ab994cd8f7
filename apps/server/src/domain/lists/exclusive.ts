import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { listAccounts, lists } from '../../db/schema/index.ts';

/**
 * The accounts that keep `authorId` out of their home feed through an exclusive list: the live
 * counterpart of `notInExclusiveList` for the `user` stream.
 */
export async function findExclusiveListOwners(db: DbOrTx, authorId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ id: lists.accountId })
    .from(listAccounts)
    .innerJoin(lists, eq(lists.id, listAccounts.listId))
    .where(and(eq(listAccounts.accountId, authorId), eq(lists.exclusive, true)));
  return new Set(rows.map((r) => r.id));
}
