import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId, isId } from '../../db/ids.ts';
import { type FilterStatusRow, filterStatuses, filters } from '../../db/schema/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { findStatusRow } from '../statuses/lookup.ts';
import { isVisibleTo } from '../statuses/visibility.ts';
import { announceFiltersChanged, findOwnedFilter } from './manage.ts';

/** The account's status filter `id`; NotFoundError for anyone else's, as for one that does not exist. */
async function findOwnedFilterStatus(db: DbOrTx, accountId: string, id: string): Promise<FilterStatusRow> {
  if (!isId(id)) throw new NotFoundError();
  const [row] = await db
    .select({ row: filterStatuses })
    .from(filterStatuses)
    .innerJoin(filters, eq(filters.id, filterStatuses.filterId))
    .where(and(eq(filterStatuses.id, id), eq(filters.accountId, accountId)));
  if (!row) throw new NotFoundError();
  return row.row;
}

/** The statuses one of the account's filters names, oldest first. */
export async function listFilterStatuses(
  ctx: AppContext,
  accountId: string,
  filterId: string,
): Promise<FilterStatusRow[]> {
  const filter = await findOwnedFilter(ctx.db, accountId, filterId);
  return ctx.db
    .select()
    .from(filterStatuses)
    .where(eq(filterStatuses.filterId, filter.id))
    .orderBy(asc(filterStatuses.id));
}

/**
 * Adds a status to one of the account's filters. The status must be one the account can see
 * (ValidationError otherwise, as Mastodon), and each status is in a filter once.
 */
export async function addFilterStatus(
  ctx: AppContext,
  accountId: string,
  filterId: string,
  statusId: string,
): Promise<FilterStatusRow> {
  const filter = await findOwnedFilter(ctx.db, accountId, filterId);
  const status = await findStatusRow(ctx.db, statusId);
  if (!status || !(await isVisibleTo(ctx.db, accountId, status))) {
    throw new ValidationError('status_id: there is no status with this id that you can see', 'status_id');
  }
  const [row] = await ctx.db
    .insert(filterStatuses)
    .values({ id: generateId(), filterId: filter.id, statusId: status.id, createdAt: ctx.clock.now() })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new ValidationError('status_id: this status is already in the filter', 'status_id');
  announceFiltersChanged(ctx, accountId);
  return row;
}

/** One of the account's status filters. */
export async function getFilterStatus(
  ctx: AppContext,
  accountId: string,
  id: string,
): Promise<FilterStatusRow> {
  return findOwnedFilterStatus(ctx.db, accountId, id);
}

/** Takes a status out of one of the account's filters. */
export async function removeFilterStatus(ctx: AppContext, accountId: string, id: string): Promise<void> {
  const row = await findOwnedFilterStatus(ctx.db, accountId, id);
  await ctx.db.delete(filterStatuses).where(eq(filterStatuses.id, row.id));
  announceFiltersChanged(ctx, accountId);
}
