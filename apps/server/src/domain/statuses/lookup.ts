import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { isId } from '../../db/ids.ts';
import { accounts, type StatusRow, statuses } from '../../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import type { Page } from '../pagination.ts';
import { filterVisible } from './visibility.ts';

/**
 * The columns the statuses domain reads: every stored attribute of a post, but none of the
 * derived ones (such as a search document) that would only make each row heavier.
 */
export const STATUS_COLUMNS = {
  id: statuses.id,
  uri: statuses.uri,
  accountId: statuses.accountId,
  text: statuses.text,
  contentHtml: statuses.contentHtml,
  spoilerText: statuses.spoilerText,
  sensitive: statuses.sensitive,
  visibility: statuses.visibility,
  language: statuses.language,
  inReplyToId: statuses.inReplyToId,
  inReplyToAccountId: statuses.inReplyToAccountId,
  reblogOfId: statuses.reblogOfId,
  quoteOfId: statuses.quoteOfId,
  quotePolicy: statuses.quotePolicy,
  repliesCount: statuses.repliesCount,
  reblogsCount: statuses.reblogsCount,
  favouritesCount: statuses.favouritesCount,
  quotesCount: statuses.quotesCount,
  createdAt: statuses.createdAt,
  editedAt: statuses.editedAt,
};

/** A status as the statuses domain loads it (see STATUS_COLUMNS). */
export type StatusRecord = Pick<StatusRow, keyof typeof STATUS_COLUMNS>;

const MAX_ID = '9223372036854775807';

/**
 * A page whose cursors fit in 64 bits: a cursor beyond the range means "no bound" for max_id and
 * "nothing newer" for since_id/min_id, instead of a database error.
 */
export function clampPage(page: Page): Page {
  const clamp = (v: string | undefined) => (v === undefined || isId(v) ? v : MAX_ID);
  return { ...page, maxId: clamp(page.maxId), sinceId: clamp(page.sinceId), minId: clamp(page.minId) };
}

/** The row, or null (malformed ids included). */
export async function findStatusRow(db: DbOrTx, id: string): Promise<StatusRecord | null> {
  if (!isId(id)) return null;
  const [row] = await db.select(STATUS_COLUMNS).from(statuses).where(eq(statuses.id, id));
  return row ?? null;
}

/**
 * The status if `viewerId` may see it; otherwise NotFoundError, so that "not allowed" is
 * indistinguishable from "does not exist".
 */
export async function getVisibleStatusRow(
  db: DbOrTx,
  viewerId: string | null,
  id: string,
): Promise<StatusRecord> {
  const row = await findStatusRow(db, id);
  if (!row) throw new NotFoundError();
  const [visible] = await filterVisible(db, viewerId, [row]);
  if (!visible) throw new NotFoundError();
  return visible;
}

/** Like getVisibleStatusRow, but follows a reblog to the status it reblogs. */
export async function getVisibleProperRow(
  db: DbOrTx,
  viewerId: string | null,
  id: string,
): Promise<StatusRecord> {
  const row = await getVisibleStatusRow(db, viewerId, id);
  return row.reblogOfId === null ? row : getVisibleStatusRow(db, viewerId, row.reblogOfId);
}

type StatusCounter = 'repliesCount' | 'reblogsCount' | 'favouritesCount' | 'quotesCount';

/** Atomic counter change on a status; never below zero. */
export async function bumpStatusCounter(
  tx: DbOrTx,
  id: string,
  counter: StatusCounter,
  delta: number,
): Promise<void> {
  const column = statuses[counter];
  await tx
    .update(statuses)
    .set({ [counter]: sql`greatest(${column} + ${delta}, 0)` })
    .where(eq(statuses.id, id));
}

/**
 * Mastodon counts every status but direct ones in statuses_count (reblogs included), and sets
 * last_status_at when one is added.
 */
export function countsTowardsStatuses(row: Pick<StatusRow, 'visibility'>): boolean {
  return row.visibility !== 'direct';
}

export async function bumpAccountStatuses(
  tx: DbOrTx,
  accountId: string,
  delta: number,
  now: Date,
): Promise<void> {
  await tx
    .update(accounts)
    .set({
      statusesCount: sql`greatest(${accounts.statusesCount} + ${delta}, 0)`,
      ...(delta > 0 ? { lastStatusAt: now } : {}),
    })
    .where(eq(accounts.id, accountId));
}

/** Replies count on the parent only when the reply itself is public or unlisted (as Mastodon). */
export function countsAsReply(row: Pick<StatusRow, 'visibility' | 'inReplyToId'>): boolean {
  return row.inReplyToId !== null && (row.visibility === 'public' || row.visibility === 'unlisted');
}
