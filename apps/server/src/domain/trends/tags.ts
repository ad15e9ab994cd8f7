import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idFloorForTime } from '../../db/ids.ts';
import { accounts, statuses, statusTags, tags } from '../../db/schema/index.ts';
import { hasActiveOwner } from '../accounts/owners.ts';
import type { TagRef } from '../social/followed-tags.ts';

/** The recent window trends look at, in days. */
export const TREND_WINDOW_DAYS = 7;
/** A tag one person uses is their habit, not a trend: at least this many people must use it. */
export const MIN_TRENDING_ACCOUNTS = 2;

const DAY_SECONDS = 24 * 60 * 60;

export interface TrendQuery {
  limit: number;
  offset: number;
  now: Date;
}

/**
 * Hashtags people here are picking up, best first. A tag scores by the distinct accounts that
 * used it in the last seven days, each counted once and weighted by how recently they last used
 * it (within the last 24 hours 1, a day before 6/7, ... six days before 1/7): ten colleagues
 * using a tag beats one colleague using it ten times, and this week's topic beats last week's.
 * Follower counts and reactions play no part. Only public, original (not reblogged) posts by
 * local accounts that are approved and not disabled count; a tag needs at least two such
 * accounts. Ties go to more accounts, then more uses, then the newer tag.
 */
export async function listTrendingTags(db: DbOrTx, q: TrendQuery): Promise<TagRef[]> {
  if (q.limit <= 0) return [];
  const nowMs = q.now.getTime();
  const since = new Date(nowMs - TREND_WINDOW_DAYS * DAY_SECONDS * 1000);
  // NOTE: status ids are time-ordered, so the window is an id range on the primary key.
  const firstId = idFloorForTime(since.getTime());
  const result = await db.execute(sql`
    with use_by_account as (
      select ${statusTags.tagId} as tag_id,
             count(*) as uses,
             floor(extract(epoch from (${q.now.toISOString()}::timestamptz - max(${statuses.createdAt}))) / ${DAY_SECONDS}) as age_days
      from ${statusTags}
      join ${statuses} on ${statuses.id} = ${statusTags.statusId}
      join ${accounts} on ${accounts.id} = ${statuses.accountId}
      where ${statuses.id} >= ${firstId}
        and ${statuses.createdAt} > ${since.toISOString()}::timestamptz
        and ${statuses.createdAt} <= ${q.now.toISOString()}::timestamptz
        and ${statuses.visibility} = 'public'
        and ${statuses.reblogOfId} is null
        and ${accounts.domain} is null
        and ${hasActiveOwner(accounts.id)}
      group by ${statusTags.tagId}, ${statuses.accountId}
    ), scored as (
      select tag_id,
             sum(greatest(${TREND_WINDOW_DAYS} - age_days, 0)) as score,
             count(*) as accounts,
             sum(uses) as uses
      from use_by_account
      group by tag_id
      having count(*) >= ${MIN_TRENDING_ACCOUNTS}
    )
    select ${tags.id}::text as id, ${tags.name} as name, ${tags.display} as display
    from scored join ${tags} on ${tags.id} = scored.tag_id
    order by scored.score desc, scored.accounts desc, scored.uses desc, ${tags.id} desc
    limit ${q.limit} offset ${q.offset}
  `);
  const rows = (result as { rows?: TagRef[] }).rows ?? [];
  return rows.map((r) => ({ id: String(r.id), name: r.name, display: r.display }));
}
