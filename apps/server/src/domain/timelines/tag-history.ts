import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { statuses, statusTags } from '../../db/schema/index.ts';

export const TAG_HISTORY_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One day of a hashtag's use: Mastodon's Tag.history item (numbers as strings, as Mastodon sends). */
export interface TagHistoryDay {
  /** UNIX time of the day's UTC midnight. */
  day: string;
  uses: string;
  accounts: string;
}

function utcMidnight(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * Daily use of each tag over the last seven UTC days, today first: how many public statuses
 * carried it and how many distinct accounts wrote them. One grouped query for all tags; days
 * without use are zeros. Unknown tag ids ('') get seven zero days.
 */
export async function listTagHistories(
  db: DbOrTx,
  tagIds: readonly string[],
  now: Date,
): Promise<Map<string, TagHistoryDay[]>> {
  const today = utcMidnight(now.getTime());
  const since = new Date(today - (TAG_HISTORY_DAYS - 1) * DAY_MS);
  const known = [...new Set(tagIds.filter((id) => id !== ''))];
  const dayExpr = sql<string>`(floor(extract(epoch from ${statuses.createdAt}) / 86400)::bigint * 86400)`;
  const rows = known.length
    ? await db
        .select({
          tagId: statusTags.tagId,
          day: sql<string>`${dayExpr}::text`,
          uses: sql<string>`count(*)::text`,
          accounts: sql<string>`count(distinct ${statuses.accountId})::text`,
        })
        .from(statusTags)
        .innerJoin(statuses, eq(statuses.id, statusTags.statusId))
        .where(
          and(
            inArray(statusTags.tagId, known),
            gte(statuses.createdAt, since),
            sql`${statuses.visibility} = 'public'`,
          ),
        )
        .groupBy(statusTags.tagId, dayExpr)
    : [];
  const counts = new Map(rows.map((r) => [`${r.tagId}:${r.day}`, r]));
  const out = new Map<string, TagHistoryDay[]>();
  for (const id of new Set(tagIds)) {
    const days: TagHistoryDay[] = [];
    for (let i = 0; i < TAG_HISTORY_DAYS; i++) {
      const day = String((today - i * DAY_MS) / 1000);
      const hit = counts.get(`${id}:${day}`);
      days.push({ day, uses: hit?.uses ?? '0', accounts: hit?.accounts ?? '0' });
    }
    out.set(id, days);
  }
  return out;
}
