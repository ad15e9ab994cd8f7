import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { pins, statuses, statusTags, tags } from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { orderPage, type Page } from '../pagination.ts';
import { findBlocksBetween } from '../social/edges.ts';
import { normalizeTag } from '../text/parse.ts';
import {
  hasMedia,
  notReplyToOthers,
  reblogOfVisibleAuthor,
  statusIdWindow,
  visibleToViewer,
} from './filters.ts';

export interface AccountStatusesFilter {
  /** Leave out replies to others (self-replies, i.e. threads, stay). */
  excludeReplies?: boolean | undefined;
  /** Leave out reblogs. */
  excludeReblogs?: boolean | undefined;
  /** Only statuses with media attachments. */
  onlyMedia?: boolean | undefined;
  /** Only statuses the account has pinned. */
  pinned?: boolean | undefined;
  /** Only statuses carrying this hashtag. */
  tagged?: string | undefined;
}

/**
 * One page of an account's statuses as ids, newest first, filtered for the viewer by the
 * statuses domain's visibility rules (anonymous: public and unlisted; followers also see
 * followers-only; direct only when mentioned; the author sees everything). An account that
 * blocks the viewer shows them nothing (Mastodon answers an empty list). Reblogs of accounts the
 * viewer mutes or blocks are left out. NotFound for an unknown account.
 */
export async function selectAccountStatusIds(
  db: DbOrTx,
  viewerId: string | null,
  accountId: string,
  page: Page,
  filter: AccountStatusesFilter,
  now: Date,
): Promise<string[]> {
  await getAccount(db, accountId);
  const isOwner = viewerId === accountId;
  if (viewerId && !isOwner && (await findBlocksBetween(db, accountId, viewerId)).aBlocksB) return [];
  const conds: SQL[] = [eq(statuses.accountId, accountId)];
  if (filter.pinned) {
    conds.push(
      sql`${statuses.id} in (select ${pins.statusId} from ${pins} where ${pins.accountId} = ${accountId})`,
    );
  }
  if (filter.tagged !== undefined) {
    const [tag] = await db
      .select({ id: tags.id })
      .from(tags)
      .where(eq(tags.name, normalizeTag(filter.tagged)));
    if (!tag) return [];
    conds.push(
      sql`exists (select 1 from ${statusTags} where ${statusTags.statusId} = ${statuses.id} and ${statusTags.tagId} = ${tag.id})`,
    );
  }
  if (filter.excludeReplies) conds.push(notReplyToOthers());
  if (filter.excludeReblogs) conds.push(sql`${statuses.reblogOfId} is null`);
  if (filter.onlyMedia) conds.push(hasMedia());
  if (!isOwner) conds.push(visibleToViewer(viewerId));
  if (viewerId && !isOwner) conds.push(reblogOfVisibleAuthor(viewerId, now));
  const window = statusIdWindow(page);
  const rows = await db
    .select({ id: statuses.id })
    .from(statuses)
    .where(and(...conds, ...window.where))
    .orderBy(window.orderBy)
    .limit(page.limit);
  return orderPage(
    rows.map((r) => r.id),
    page,
  );
}
