import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { listAccounts, lists, statuses } from '../../db/schema/index.ts';
import { orderPage, type Page } from '../pagination.ts';
import { statusIdWindow } from '../timelines/filters.ts';
import { shownInList } from './filters.ts';
import { getOwnedList } from './manage.ts';

/**
 * One page of a list's timeline as status ids, newest first: statuses and reblogs by the list's
 * members that `shownInList` lets through for the owner. Only the owner may read it (NotFound
 * otherwise). Walks `statuses_account_id_id_idx` once per member (at most `limit` rows each)
 * and merges, so a list of quiet accounts costs no more than their own posts.
 */
export async function selectListTimelineIds(
  db: DbOrTx,
  ownerId: string,
  listId: string,
  page: Page,
  now: Date,
): Promise<string[]> {
  const list = await getOwnedList(db, ownerId, listId);
  const { where: window } = statusIdWindow(page);
  const perMember = db
    .select({ id: statuses.id })
    .from(statuses)
    .where(
      and(
        sql`${statuses.accountId} = member.account_id`,
        ...window,
        ...shownInList({ id: list.id, ownerId, repliesPolicy: list.repliesPolicy }, now),
      ),
    )
    // Walks statuses_account_id_id_idx (account_id, id desc): forwards for desc, backwards for asc.
    .orderBy(page.minId ? sql`${statuses.id} asc` : sql`${statuses.id} desc`)
    .limit(page.limit);
  const direction = page.minId ? sql`asc` : sql`desc`;
  const rows = await db
    .select({ id: sql<string>`feed.id`.mapWith(String) })
    .from(sql`${listAccounts} as member cross join lateral (${perMember}) as feed`)
    .where(sql`member.list_id = ${list.id}`)
    .orderBy(sql`feed.id ${direction}`)
    .limit(page.limit);
  return orderPage(
    rows.map((r) => r.id),
    page,
  );
}

/**
 * The lists whose timeline gains status `statusId` right now: lists holding its author (for a
 * reblog, the reblogger) whose owner `shownInList` lets it through. The live-stream counterpart
 * of `selectListTimelineIds`, with the same rules evaluated for every such list in one query.
 */
export async function listListsShowing(db: DbOrTx, statusId: string, now: Date): Promise<string[]> {
  const rows = await db
    .select({ id: lists.id })
    .from(statuses)
    .innerJoin(listAccounts, eq(listAccounts.accountId, statuses.accountId))
    .innerJoin(lists, eq(lists.id, listAccounts.listId))
    .where(
      and(
        eq(statuses.id, statusId),
        ...shownInList({ id: lists.id, ownerId: lists.accountId, repliesPolicy: lists.repliesPolicy }, now),
      ),
    );
  return rows.map((r) => r.id);
}
