import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  accounts,
  type MediaAttachmentRow,
  mediaAttachments,
  type ScheduledStatusRow,
  scheduledStatusMedia,
} from '../../db/schema/index.ts';

/** A scheduled status with the uploads reserved for it, in display order. */
export interface ScheduledStatusView {
  row: ScheduledStatusRow;
  media: MediaAttachmentRow[];
}

/** Attaches each row's reserved media, with one query for any number of rows. */
export async function withMedia(
  db: DbOrTx,
  rows: readonly ScheduledStatusRow[],
): Promise<ScheduledStatusView[]> {
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? await db
        .select({ scheduledStatusId: scheduledStatusMedia.scheduledStatusId, media: mediaAttachments })
        .from(scheduledStatusMedia)
        .innerJoin(mediaAttachments, eq(mediaAttachments.id, scheduledStatusMedia.mediaId))
        .where(inArray(scheduledStatusMedia.scheduledStatusId, ids))
        .orderBy(asc(scheduledStatusMedia.position))
    : [];
  const byRow = new Map<string, MediaAttachmentRow[]>();
  for (const link of links) {
    const list = byRow.get(link.scheduledStatusId) ?? [];
    list.push(link.media);
    byRow.set(link.scheduledStatusId, list);
  }
  return rows.map((row) => ({ row, media: byRow.get(row.id) ?? [] }));
}

/**
 * Holds the account's row until the transaction ends, so one account's scheduling requests run
 * one at a time and the 300/25 limits and Idempotency-Key hold under concurrency. (NO KEY UPDATE:
 * rows that merely reference the account are not held up.)
 */
export async function lockAccount(db: DbOrTx, accountId: string): Promise<void> {
  await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for('no key update');
}
