import type { BloomLevel } from '@rounds/contract';
import { and, eq, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  accounts,
  blocks,
  mediaAttachments,
  mutes,
  statuses,
  statusLearning,
} from '../../db/schema/index.ts';
import type { Page } from '../pagination.ts';
import { activeMute } from '../social/relationships.ts';
import { visibleToSql } from '../statuses/visibility.ts';

/** An account id, or a placeholder bound when a prepared statement runs. */
export type IdParam = string | Placeholder;
/** A point in time, or a placeholder bound when a prepared statement runs. */
export type TimeParam = Date | Placeholder;

/**
 * Shared SQL fragments for the timeline id queries. Each is written over the unaliased
 * `statuses` table (as `visibleToSql` from domain/statuses is) and is cheap per row: an
 * uncorrelated subquery that PostgreSQL evaluates once as a hashed subplan, or a primary-key probe.
 */

/**
 * The statuses domain's visibility rules (`visibleToSql`) for the current row, fenced so they run
 * as a per-row probe. NOTE: unfenced, PostgreSQL may turn the rules' reblog-target EXISTS into a
 * hashed subplan that scans every status (≈0.4 s on 200,000 rows) as soon as a page holds a
 * reblog; inside `exists (select 1 where … offset 0)` each check costs a few index probes.
 */
export function visibleToViewer(viewerId: IdParam | null): SQL {
  // The rules take the viewer id as a string; a placeholder binds it in prepared statements.
  return sql`exists (select 1 where ${visibleToSql(viewerId as string | null)} offset 0)`;
}

/**
 * The status presents a learning object (domain/learning) aimed at this level of Bloom's
 * taxonomy: the `bloom_level` filter of feeds and search. A primary-key prefix probe per row.
 */
export function presentsBloomLevel(level: BloomLevel): SQL {
  return sql`exists (select 1 from ${statusLearning} where ${statusLearning.statusId} = ${statuses.id} and ${statusLearning.bloomLevel} = ${level})`;
}

/** Account ids the viewer has muted right now (expired mutes do not count). */
export function mutedAccountIds(viewerId: IdParam, now: TimeParam): SQL {
  return sql`select ${mutes.targetAccountId} from ${mutes} where ${and(eq(mutes.accountId, viewerId), activeMute(now))}`;
}

/** Account ids with a block in either direction between them and the viewer. */
export function blockedEitherWayIds(viewerId: IdParam): SQL {
  return sql`select ${blocks.targetAccountId} from ${blocks} where ${blocks.accountId} = ${viewerId}
    union all select ${blocks.accountId} from ${blocks} where ${blocks.targetAccountId} = ${viewerId}`;
}

/** Hidden from the viewer's feeds: accounts they mute, and blocks either way. */
function hiddenAccountIds(viewerId: IdParam, now: TimeParam): SQL {
  return sql`${mutedAccountIds(viewerId, now)} union all ${blockedEitherWayIds(viewerId)}`;
}

/** A reblog whose reblogged author the viewer mutes or blocks (either way) is left out. */
export function reblogOfVisibleAuthor(viewerId: IdParam, now: TimeParam): SQL {
  return sql`(${statuses.reblogOfId} is null or not exists (
      select 1 from ${statuses} as reblogged where reblogged.id = ${statuses.reblogOfId}
        and reblogged.account_id in (${hiddenAccountIds(viewerId, now)})
      offset 0))`;
}

/**
 * Rows whose author — and, for a reblog, whose reblogged author — the viewer mutes or blocks
 * (either way) are left out. Visibility rules already hide blocked authors; this adds mutes and
 * keeps reblogs of hidden accounts out, as Mastodon's feeds do.
 */
export function notMutedOrBlocked(viewerId: IdParam, now: TimeParam): SQL {
  return sql`(${statuses.accountId} not in (${hiddenAccountIds(viewerId, now)}) and ${reblogOfVisibleAuthor(viewerId, now)})`;
}

/** Statuses by local accounts (`local=true`). */
export function byLocalAccount(): SQL {
  return sql`exists (select 1 from ${accounts} where ${accounts.id} = ${statuses.accountId} and ${accounts.domain} is null)`;
}

/** Statuses by remote accounts (`remote=true`). */
export function byRemoteAccount(): SQL {
  return sql`exists (select 1 from ${accounts} where ${accounts.id} = ${statuses.accountId} and ${accounts.domain} is not null)`;
}

/** Statuses with at least one media attachment (`only_media=true`). */
export function hasMedia(): SQL {
  return sql`exists (select 1 from ${mediaAttachments} where ${mediaAttachments.statusId} = ${statuses.id})`;
}

/** Not a reply, or a reply to oneself (a thread): Mastodon's "without replies". */
export function notReplyToOthers(): SQL {
  return sql`(${statuses.inReplyToId} is null or ${statuses.inReplyToAccountId} = ${statuses.accountId})`;
}

/**
 * The id window of a page over `statuses.id`, as conditions plus the scan direction:
 * `min_id` pages upwards from a point (ascending scan, reversed by `orderPage`).
 */
export function statusIdWindow(
  page: Page,
  column: AnyPgColumn = statuses.id,
): { where: SQL[]; orderBy: SQL } {
  const where: SQL[] = [];
  if (page.maxId) where.push(sql`${column} < ${page.maxId}`);
  if (page.sinceId) where.push(sql`${column} > ${page.sinceId}`);
  if (page.minId) where.push(sql`${column} > ${page.minId}`);
  return { where, orderBy: page.minId ? sql`${column} asc` : sql`${column} desc` };
}
