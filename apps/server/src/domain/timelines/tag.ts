import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { statuses, statusTags, tags } from '../../db/schema/index.ts';
import { orderPage, type Page } from '../pagination.ts';
import { normalizeTag } from '../text/parse.ts';
import { notMutedOrBlocked, statusIdWindow } from './filters.ts';
import { type PublicTimelineFilter, publicFilterConditions } from './public.ts';

export interface TagTimelineFilter extends PublicTimelineFilter {
  /** The hashtag in the path. */
  tag: string;
  /** Statuses with the path tag or any of these. */
  any?: readonly string[] | undefined;
  /** ...that also carry every one of these. */
  all?: readonly string[] | undefined;
  /** ...and none of these. */
  none?: readonly string[] | undefined;
}

/** Tag ids by normalised name; names that no status ever used are absent. */
async function tagIdsByName(db: DbOrTx, names: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(names.map(normalizeTag))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: tags.id, name: tags.name }).from(tags).where(inArray(tags.name, wanted));
  return new Map(rows.map((r) => [r.name, r.id]));
}

function hasAnyTag(tagIds: readonly string[]): SQL {
  return sql`exists (select 1 from ${statusTags} where ${statusTags.statusId} = ${statuses.id} and ${inArray(statusTags.tagId, [...tagIds])})`;
}

/**
 * One page of a hashtag timeline as status ids, newest first: public statuses tagged with the
 * path tag or any of `any`, carrying all of `all` and none of `none`. Unknown tags match
 * nothing (so an unknown tag in `all` empties the page). Blocked and muted accounts are left out
 * for a signed-in viewer.
 */
export async function selectTagTimelineIds(
  db: DbOrTx,
  viewerId: string | null,
  page: Page,
  filter: TagTimelineFilter,
  now: Date,
): Promise<string[]> {
  const anyNames = [filter.tag, ...(filter.any ?? [])];
  const allNames = filter.all ?? [];
  const noneNames = filter.none ?? [];
  const ids = await tagIdsByName(db, [...anyNames, ...allNames, ...noneNames]);
  const idOf = (name: string) => ids.get(normalizeTag(name));
  const anyIds = [...new Set(anyNames.map(idOf).filter((id): id is string => id !== undefined))];
  if (anyIds.length === 0) return [];
  const allIds: string[] = [];
  for (const name of allNames) {
    const id = idOf(name);
    if (id === undefined) return [];
    allIds.push(id);
  }
  const noneIds = noneNames.map(idOf).filter((id): id is string => id !== undefined);
  // NOTE: one lateral scan of (tag_id, status_id desc) per wanted tag, each stopping after
  // `limit` matches, then merged: bounded work however popular a tag is.
  const window = statusIdWindow(page, statusTags.statusId);
  const perTag = db
    .select({ id: statuses.id })
    .from(statusTags)
    .innerJoin(statuses, eq(statuses.id, statusTags.statusId))
    .where(
      and(
        sql`${statusTags.tagId} = wanted.tag_id`,
        sql`${statuses.visibility} = 'public'`,
        sql`${statuses.reblogOfId} is null`,
        ...allIds.map((id) => hasAnyTag([id])),
        ...(noneIds.length ? [sql`not ${hasAnyTag(noneIds)}`] : []),
        ...window.where,
        ...publicFilterConditions(filter),
        ...(viewerId ? [notMutedOrBlocked(viewerId, now)] : []),
      ),
    )
    .orderBy(window.orderBy)
    .limit(page.limit);
  const wanted = sql.join(
    anyIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await db
    .select({ id: sql<string>`tagged.id`.mapWith(String) })
    .from(
      sql`(select distinct found.id from unnest(array[${wanted}]::bigint[]) as wanted(tag_id)
        cross join lateral (${perTag}) as found) as tagged`,
    )
    .orderBy(page.minId ? sql`tagged.id asc` : sql`tagged.id desc`)
    .limit(page.limit);
  return orderPage(
    rows.map((r) => r.id),
    page,
  );
}
