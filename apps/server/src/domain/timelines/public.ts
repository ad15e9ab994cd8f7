import type { BloomLevel } from '@rounds/contract';
import { and, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { statuses } from '../../db/schema/index.ts';
import { orderPage, type Page } from '../pagination.ts';
import {
  byLocalAccount,
  byRemoteAccount,
  hasMedia,
  notMutedOrBlocked,
  notReplyToOthers,
  presentsBloomLevel,
  statusIdWindow,
} from './filters.ts';

export interface PublicTimelineFilter {
  /** Only statuses by local accounts. */
  local?: boolean | undefined;
  /** Only statuses by remote accounts. */
  remote?: boolean | undefined;
  /** Only statuses with media attachments. */
  onlyMedia?: boolean | undefined;
  /** Only statuses presenting a learning object of this Bloom level (a Rounds extension). */
  bloomLevel?: BloomLevel | undefined;
}

/** Conditions shared by the public and hashtag timelines. */
export function publicFilterConditions(filter: PublicTimelineFilter): SQL[] {
  const conds: SQL[] = [];
  if (filter.local) conds.push(byLocalAccount());
  if (filter.remote) conds.push(byRemoteAccount());
  if (filter.onlyMedia) conds.push(hasMedia());
  if (filter.bloomLevel) conds.push(presentsBloomLevel(filter.bloomLevel));
  return conds;
}

/**
 * One page of the public timeline as status ids, newest first: public, original (no reblogs)
 * statuses, without replies to others (self-replies — threads — stay), as Mastodon's public
 * feed. A signed-in viewer does not see accounts they mute or block, or that block them.
 * Walks the partial index `statuses_public_id_idx`.
 */
export async function selectPublicTimelineIds(
  db: DbOrTx,
  viewerId: string | null,
  page: Page,
  filter: PublicTimelineFilter,
  now: Date,
): Promise<string[]> {
  const window = statusIdWindow(page);
  const rows = await db
    .select({ id: statuses.id })
    .from(statuses)
    .where(
      and(
        // Both conditions spelled as in the partial index's predicate, so the planner can use it.
        sql`${statuses.visibility} = 'public'`,
        sql`${statuses.reblogOfId} is null`,
        notReplyToOthers(),
        ...window.where,
        ...publicFilterConditions(filter),
        ...(viewerId ? [notMutedOrBlocked(viewerId, now)] : []),
      ),
    )
    .orderBy(window.orderBy)
    .limit(page.limit);
  return orderPage(
    rows.map((r) => r.id),
    page,
  );
}
