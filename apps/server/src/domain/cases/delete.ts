import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { cases } from '../../db/schema/index.ts';
import { unlinkObject } from '../learning/index.ts';
import { deleteStatus, findStatusRow } from '../statuses/index.ts';
import { inOneTransaction } from '../transaction.ts';
import { getOwnCase } from './lookup.ts';

/**
 * The author deletes a case and its statuses (the case status, the poll self-reply, the reveal
 * and the outcome) in one transaction, as deleting each status would (counters, reblogs, media
 * detached, StatusDeleted after the commit). Others' replies stay, as under any deleted post;
 * their authors' learning record entries stay too (the act happened).
 */
export async function deleteCase(ctx: AppContext, accountId: string, caseId: string): Promise<void> {
  const row = await getOwnCase(ctx.db, accountId, caseId, 'delete it');
  await inOneTransaction(ctx, async (txCtx) => {
    // Replies first, the case status last (its deletion removes the case row by cascade).
    for (const id of [row.outcomeStatusId, row.revealStatusId, row.pollStatusId, row.statusId]) {
      if (id === null) continue;
      const status = await findStatusRow(txCtx.db, id);
      if (status && status.accountId === accountId) await deleteStatus(txCtx, accountId, id);
    }
    await txCtx.db.delete(cases).where(eq(cases.id, row.id));
    await unlinkObject(txCtx.db, 'case', row.id);
  });
}
