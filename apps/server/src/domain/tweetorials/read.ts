import type { BloomLevel } from '@rounds/contract';
import { and, arrayContains, asc, desc, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  statuses,
  type TweetorialCompletionRow,
  type TweetorialRow,
  type TweetorialVersionRow,
  tweetorialCompletions,
  tweetorials,
  tweetorialVersions,
} from '../../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { orderPage, type Page, pageWindow } from '../pagination.ts';
import { visibleToSql } from '../statuses/index.ts';
import { clampPage } from '../statuses/lookup.ts';
import { normalizeTag } from '../text/parse.ts';
import { mutedAccountIds } from '../timelines/filters.ts';
import { findVersion, getCurrentVersion, getVisibleTweetorial } from './lookup.ts';

/** What the reading view needs: the tweetorial, its current version and the caller's completion. */
export interface TweetorialView {
  row: TweetorialRow;
  version: TweetorialVersionRow;
  completion: TweetorialCompletionRow | null;
}

/** The caller's latest completion of each tweetorial (any version). */
export async function findLatestCompletions(
  db: DbOrTx,
  viewerId: string | null,
  tweetorialIds: readonly string[],
): Promise<Map<string, TweetorialCompletionRow>> {
  const out = new Map<string, TweetorialCompletionRow>();
  if (!viewerId || tweetorialIds.length === 0) return out;
  const rows = await db
    .select()
    .from(tweetorialCompletions)
    .where(
      and(
        eq(tweetorialCompletions.accountId, viewerId),
        inArray(tweetorialCompletions.tweetorialId, [...tweetorialIds]),
      ),
    )
    .orderBy(asc(tweetorialCompletions.version));
  for (const r of rows) out.set(r.tweetorialId, r);
  return out;
}

/** A tweetorial the caller may see (404 otherwise), with its current version. */
export async function getTweetorialView(
  db: DbOrTx,
  viewerId: string | null,
  id: string,
): Promise<TweetorialView> {
  const row = await getVisibleTweetorial(db, viewerId, id);
  const version = await getCurrentVersion(db, row);
  const completion = (await findLatestCompletions(db, viewerId, [row.id])).get(row.id) ?? null;
  return { row, version, completion };
}

/** Every version of a visible tweetorial, oldest first (as Mastodon's status history). */
export async function listTweetorialVersions(
  db: DbOrTx,
  viewerId: string | null,
  id: string,
): Promise<TweetorialVersionRow[]> {
  const row = await getVisibleTweetorial(db, viewerId, id);
  return db
    .select()
    .from(tweetorialVersions)
    .where(eq(tweetorialVersions.tweetorialId, row.id))
    .orderBy(asc(tweetorialVersions.version));
}

/** One version of a visible tweetorial; 404 when it has no such version. */
export async function getTweetorialVersion(
  db: DbOrTx,
  viewerId: string | null,
  id: string,
  version: number,
): Promise<TweetorialVersionRow> {
  const row = await getVisibleTweetorial(db, viewerId, id);
  const found = await findVersion(db, row.id, version);
  if (!found) throw new NotFoundError();
  return found;
}

export interface TweetorialFilters {
  accountId?: string | undefined;
  bloomLevel?: BloomLevel | undefined;
  /** A hashtag, with or without "#", any case. */
  tag?: string | undefined;
}

/**
 * Tweetorials the caller may see, newest first, paged by tweetorial id (Mastodon's window). The
 * first part's visibility decides, in SQL (visibleToSql: followers-only for followers, blocks
 * either way). As with posts, unlisted tweetorials are listed on their author's page (`accountId`)
 * but not in the general or hashtag lists, and the general lists leave out authors the caller mutes.
 */
export async function listTweetorials(
  db: DbOrTx,
  viewerId: string | null,
  filters: TweetorialFilters,
  page: Page,
  now: Date,
): Promise<TweetorialRow[]> {
  const p = clampPage(page);
  const window = pageWindow(tweetorials.id, p);
  const conds: Array<SQL | undefined> = [visibleToSql(viewerId), window.where];
  if (filters.accountId) conds.push(eq(tweetorials.accountId, filters.accountId));
  else {
    conds.push(
      viewerId
        ? or(ne(tweetorials.visibility, 'unlisted'), eq(tweetorials.accountId, viewerId))
        : ne(tweetorials.visibility, 'unlisted'),
    );
    if (viewerId) {
      conds.push(sql`${tweetorials.accountId} not in (${mutedAccountIds(viewerId, now)})`);
    }
  }
  if (filters.bloomLevel) conds.push(eq(tweetorials.bloomLevel, filters.bloomLevel));
  if (filters.tag) conds.push(arrayContains(tweetorials.tags, [normalizeTag(filters.tag.replace(/^#/, ''))]));
  const rows = await db
    .select({ t: tweetorials })
    .from(tweetorials)
    .innerJoin(statuses, eq(statuses.id, tweetorials.rootStatusId))
    .where(and(...conds))
    .orderBy(window.orderBy)
    .limit(p.limit);
  return orderPage(
    rows.map((r) => r.t),
    p,
  );
}

/** The current versions of these tweetorials, by tweetorial id (one query). */
export async function findCurrentVersions(
  db: DbOrTx,
  rows: readonly TweetorialRow[],
): Promise<Map<string, TweetorialVersionRow>> {
  if (rows.length === 0) return new Map();
  const found = await db
    .select({ v: tweetorialVersions })
    .from(tweetorialVersions)
    .innerJoin(
      tweetorials,
      and(
        eq(tweetorials.id, tweetorialVersions.tweetorialId),
        eq(tweetorials.version, tweetorialVersions.version),
      ),
    )
    .where(
      inArray(
        tweetorials.id,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(desc(tweetorials.id));
  return new Map(found.map(({ v }) => [v.tweetorialId, v]));
}
