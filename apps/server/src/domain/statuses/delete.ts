import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { statuses } from '../../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { detachMediaFromStatus } from '../media/index.ts';
import { type HydratedStatus, hydrateStatuses } from './hydrate.ts';
import {
  bumpAccountStatuses,
  bumpStatusCounter,
  countsAsReply,
  countsTowardsStatuses,
  findStatusRow,
  STATUS_COLUMNS,
  type StatusRecord,
} from './lookup.ts';

/** Removes rows and undoes every counter they added, in the caller's transaction. */
async function removeRows(tx: DbOrTx, ids: string[], now: Date): Promise<StatusRecord[]> {
  if (ids.length === 0) return [];
  // NOTE: counters follow what this statement actually deleted, so a concurrent delete of the same
  // rows cannot decrement twice.
  const rows = await tx.delete(statuses).where(inArray(statuses.id, ids)).returning(STATUS_COLUMNS);
  const perAccount = new Map<string, number>();
  for (const r of rows) {
    if (countsTowardsStatuses(r)) perAccount.set(r.accountId, (perAccount.get(r.accountId) ?? 0) + 1);
  }
  for (const [accountId, n] of perAccount) await bumpAccountStatuses(tx, accountId, -n, now);
  const gone = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    if (r.reblogOfId && !gone.has(r.reblogOfId))
      await bumpStatusCounter(tx, r.reblogOfId, 'reblogsCount', -1);
    if (r.inReplyToId && countsAsReply(r) && !gone.has(r.inReplyToId))
      await bumpStatusCounter(tx, r.inReplyToId, 'repliesCount', -1);
    if (r.quoteOfId && !gone.has(r.quoteOfId)) await bumpStatusCounter(tx, r.quoteOfId, 'quotesCount', -1);
  }
  return rows;
}

/**
 * Deletes the author's status (a reblog row of theirs included) and every reblog of it, undoing
 * the counters they added; replies stay (their parent then reads as deleted). Its media are
 * detached, not deleted: "delete and redraft" may attach them again within a day. Returns the
 * status as it was, hydrated for the author, so the response can carry the source text and the
 * media for redrafting.
 * Someone else's status, or an unknown id, reads as not found.
 */
export async function deleteStatus(ctx: AppContext, accountId: string, id: string): Promise<HydratedStatus> {
  const row = await findStatusRow(ctx.db, id);
  if (!row || row.accountId !== accountId) throw new NotFoundError();
  const [before] = await hydrateStatuses(ctx, [row.id], accountId);
  if (!before) throw new NotFoundError();
  const now = ctx.clock.now();
  const removed = await ctx.db.transaction(async (tx) => {
    // Before the row goes: detaching restarts the media's one-day clock, so a redraft can reuse them.
    await detachMediaFromStatus(tx, row.id, now);
    const reblogs = await tx
      .select({ id: statuses.id })
      .from(statuses)
      .where(eq(statuses.reblogOfId, row.id));
    return removeRows(tx, [row.id, ...reblogs.map((r) => r.id)], now);
  });
  if (removed.length === 0) throw new NotFoundError();
  for (const r of removed) ctx.events.emit('StatusDeleted', { statusId: r.id, accountId: r.accountId });
  return before;
}

/** Deletes a reblog row (unreblog) and undoes its counters. Returns whether a row was removed. */
export async function deleteReblogRow(ctx: AppContext, reblog: StatusRecord): Promise<boolean> {
  const now = ctx.clock.now();
  const done = await ctx.db.transaction(async (tx) => (await removeRows(tx, [reblog.id], now)).length > 0);
  if (done) ctx.events.emit('StatusDeleted', { statusId: reblog.id, accountId: reblog.accountId });
  return done;
}
