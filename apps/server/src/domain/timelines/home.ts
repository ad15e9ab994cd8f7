import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import { followedTags, follows, homeFeedEntries, statuses, statusTags } from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import { notInExclusiveList } from '../lists/filters.ts';
import { orderPage, type Page } from '../pagination.ts';
import {
  decodePageRows,
  pageDetailsSql,
  pageRowsSql,
  type RowWithAuthor,
  splitPageDetails,
} from '../statuses/hydrate-sql.ts';
import { type IdParam, notMutedOrBlocked, type TimeParam, visibleToViewer } from './filters.ts';

/**
 * The bare query the home timeline is measured against (the benchmark's baseline): the newest
 * statuses by the viewer and the accounts they follow, on the primary-key index with a hashed
 * subplan over the viewer's follows (the same plan shape as `selectHomeTimelineIds`).
 * `$1` is the viewer's account id, `$2` the page size.
 */
export const HOME_TIMELINE_BASELINE_SQL = `select s.id from statuses s
where s.account_id = $1
   or s.account_id in (select f.target_account_id from follows f where f.account_id = $1)
order by s.id desc
limit $2`;

/** Accounts the viewer follows (uncorrelated: evaluated once per query as a hashed subplan). */
function followedAccountIds(viewerId: IdParam): SQL {
  return sql`select ${follows.targetAccountId} from ${follows} where ${follows.accountId} = ${viewerId}`;
}

/**
 * Which rows of the follow branch belong in the viewer's home feed, before visibility:
 * - everything the viewer wrote (their own reblogs included);
 * - what the accounts they follow write, and reblog unless the follow has show_reblogs=false,
 *   except replies to accounts the viewer neither is nor follows (Mastodon's home rule).
 *   Members of the viewer's exclusive lists are left to those lists.
 * NOTE: the show_reblogs probe uses `offset 0` so PostgreSQL keeps it an index probe on the few
 * reblog rows that reach it instead of hashing the viewer's follows with a heap scan.
 */
function followSources(viewerId: IdParam): SQL {
  const followed = followedAccountIds(viewerId);
  return sql`(${statuses.accountId} = ${viewerId}
    or (${statuses.accountId} in (${followed})
      and ${notInExclusiveList(viewerId)}
      and (${statuses.reblogOfId} is null or not exists (
        select 1 from ${follows} as hiding where hiding.account_id = ${viewerId}
          and hiding.target_account_id = ${statuses.accountId} and not hiding.show_reblogs offset 0))
      and (${statuses.inReplyToAccountId} is null
        or ${statuses.inReplyToAccountId} = ${statuses.accountId}
        or ${statuses.inReplyToAccountId} = ${viewerId}
        or ${statuses.inReplyToAccountId} in (${followed}))))`;
}

const P = {
  viewer: sql.placeholder('viewer'),
  now: sql.placeholder('now'),
  maxId: sql.placeholder('maxId'),
  sinceId: sql.placeholder('sinceId'),
  minId: sql.placeholder('minId'),
};

/** Which window bounds a page uses: each combination is its own prepared statement. */
function windowShape(page: Page): string {
  return `${page.maxId ? 'M' : '-'}${page.sinceId ? 'S' : '-'}${page.minId ? 'N' : '-'}`;
}

function windowOn(column: AnyPgColumn, shape: string): SQL[] {
  const where: SQL[] = [];
  if (shape[0] === 'M') where.push(sql`${column} < ${P.maxId}`);
  if (shape[1] === 'S') where.push(sql`${column} > ${P.sinceId}`);
  if (shape[2] === 'N') where.push(sql`${column} > ${P.minId}`);
  return where;
}

/** The viewer's feed horizon (null: no feed), see db/schema/home-feeds.ts. */
const HORIZON = sql`(select home_feeds.horizon from home_feeds where home_feeds.account_id = ${P.viewer})`;

/**
 * The home query for one window shape, as one statement:
 *   (follow branch: newest rows by the viewer and followed accounts; stops after `limit`)
 *   union
 *   (tag branch: for each followed hashtag, its newest public originals on
 *    `status_tags_tag_id_idx` (tag_id, status_id desc); at most `limit` per tag)
 *   order by id desc limit `limit`.
 * Both branches apply the statuses domain's visibility rules and drop muted/blocked accounts.
 * The follow branch comes in two sources of candidates, each its own prepared statement:
 * - `feed`: the viewer's home feed above its horizon (`home_feed_entries`, written when statuses
 *   and follows are; db/schema/home-feeds.ts), walking the feed's primary key backwards and
 *   joining each entry's status; it also returns how many rows the branch found and the horizon,
 *   so the caller can tell whether the feed alone answers the page (`feedAnswers`);
 * - `scan`: every status, walking `statuses_pkey` backwards with hashed subplans over follows,
 *   mutes and blocks, for pages the feed cannot answer (no feed, or a window below its horizon).
 */
function buildHomeQuery(db: DbOrTx, shape: string, limit: number) {
  const asc = shape[2] === 'N';
  // NOTE: the limit is written into the statement (an integer checked by the caller). As a
  // parameter, PostgreSQL's generic plan assumes 10 % of the table, costs it past jit_above_cost
  // and JIT-compiles for ~1.5 s; as a literal, the cached generic plan is as cheap as a custom one.
  const limitSql = sql.raw(String(limit));
  const order = (column: AnyPgColumn | SQL) => (asc ? sql`${column} asc` : sql`${column} desc`);
  const shown = and(visibleToViewer(P.viewer), notMutedOrBlocked(P.viewer, P.now as TimeParam));
  // NOTE: CASE fixes the evaluation order: the cheap source test rejects most rows before the
  // per-row visibility probes run (PostgreSQL may otherwise reorder ANDs).
  const rules = sql`case when ${followSources(P.viewer)} then ${shown} else false end`;
  const scanBranch = db
    .select({ id: statuses.id, accountId: statuses.accountId })
    .from(statuses)
    .where(and(...windowOn(statuses.id, shape), rules))
    .orderBy(order(statuses.id))
    .limit(limit);
  const feedBranch = db
    .select({ id: statuses.id, accountId: statuses.accountId })
    .from(homeFeedEntries)
    .innerJoin(statuses, eq(statuses.id, homeFeedEntries.statusId))
    .where(
      and(
        eq(homeFeedEntries.accountId, P.viewer),
        sql`${homeFeedEntries.statusId} > ${HORIZON}`,
        ...windowOn(homeFeedEntries.statusId, shape),
        rules,
      ),
    )
    .orderBy(order(homeFeedEntries.statusId))
    .limit(limit);
  const perTag = db
    .select({ id: statuses.id, accountId: statuses.accountId })
    .from(statusTags)
    .innerJoin(statuses, eq(statuses.id, statusTags.statusId))
    .where(
      and(
        sql`${statusTags.tagId} = followed.tag_id`,
        ...windowOn(statusTags.statusId, shape),
        sql`${statuses.visibility} = 'public'`,
        sql`${statuses.reblogOfId} is null`,
        shown,
      ),
    )
    .orderBy(order(statusTags.statusId));
  const tagBranch = sql`select tagged.id, tagged.account_id from ${followedTags} as followed
    cross join lateral (${perTag} limit ${limitSql}) as tagged
    where followed.account_id = ${P.viewer}`;
  const follow = (branch: typeof scanBranch | typeof feedBranch) => db.$with('follow_branch').as(branch);
  const ids = {
    id: sql<string>`home.id`.mapWith(String).as('id'),
    accountId: sql<string>`home.account_id`.mapWith(String).as('account_id'),
  };
  const home = sql`((select id, account_id from follow_branch) union (${tagBranch})) as home`;
  const idsOf = (branch: ReturnType<typeof follow>) =>
    db.with(branch).select(ids).from(home).orderBy(order(sql`home.id`)).limit(limit);
  // The same page with each status row, its author and the page's details (mentions, tags,
  // media, polls, the viewer's flags and relations: `pageDetailsSql`, computed once), in one
  // statement: the home route's hot path saves the two round trips hydration would otherwise
  // spend loading the rows and their details. It also returns the follow branch's count and the
  // horizon, for `feedAnswers`.
  const rowsOf = (branch: ReturnType<typeof follow>) => {
    // NOTE: `page` reads the statement's one `follow_branch`, which the count below reads too, so
    // PostgreSQL runs the branch once and keeps its rows.
    const page = db.$with('page').as(db.select(ids).from(home).orderBy(order(sql`home.id`)).limit(limit));
    return db
      .with(branch, page)
      .select({
        rows: pageRowsSql(),
        details: pageDetailsSql(P.viewer),
        followed: sql<number>`(select count(*) from follow_branch)`.mapWith(Number),
        horizon: sql<string | null>`${HORIZON}::text`,
      })
      .from(sql`(select 1) as one`);
  };
  const scan = follow(scanBranch);
  const feed = follow(feedBranch);
  return {
    ids: idsOf(scan).prepare(`rounds_home_timeline_${shape}_${limit}`),
    scanRows: rowsOf(scan).prepare(`rounds_home_rows_${shape}_${limit}`),
    feedRows: rowsOf(feed).prepare(`rounds_home_feed_${shape}_${limit}`),
  };
}

/**
 * Whether the feed branch's rows are the follow branch's answer for the page: the feed holds every
 * candidate above its horizon, so it answers when the branch filled the page (newest first) or the
 * window lies wholly above the horizon.
 */
export function feedAnswers(page: Page, followed: number, horizon: string | null): boolean {
  if (horizon === null) return false;
  if (page.minId === undefined && followed >= page.limit) return true;
  return BigInt(page.minId ?? page.sinceId ?? '0') >= BigInt(horizon);
}

type HomeQuery = ReturnType<typeof buildHomeQuery>;

/** Mastodon caps timeline pages at 40. */
export const MAX_HOME_LIMIT = 40;
const prepared = new WeakMap<DbOrTx, Map<string, HomeQuery>>();

function homeQueryFor(db: DbOrTx, page: Page): HomeQuery {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_HOME_LIMIT) {
    throw new ValidationError(`limit must be a whole number from 1 to ${MAX_HOME_LIMIT}`, 'limit');
  }
  const key = `${windowShape(page)}_${page.limit}`;
  let byKey = prepared.get(db);
  if (!byKey) {
    byKey = new Map();
    prepared.set(db, byKey);
  }
  let query = byKey.get(key);
  if (!query) {
    query = buildHomeQuery(db, windowShape(page), page.limit);
    byKey.set(key, query);
  }
  return query;
}

/**
 * Selects one page of the viewer's home timeline as status ids, newest first, in one indexed
 * query (see `buildHomeQuery`): own and followed accounts' statuses plus public statuses with a
 * followed hashtag, ∩ what the viewer may see (`visibleToSql`, the statuses domain's rules),
 * minus muted and blocked accounts (also as the reblogged author). Hydrate the ids with
 * `hydrateStatuses`/`presentStatuses`. `HOME_TIMELINE_BASELINE_SQL` is the follow branch's plan
 * without the rules. Statements are prepared once per database handle, window shape and page
 * size, so PostgreSQL parses and plans them once per connection (its cached generic plan).
 * `now` decides which timed mutes still count.
 */
export async function selectHomeTimelineIds(
  db: DbOrTx,
  viewerId: string,
  page: Page,
  now: Date,
): Promise<string[]> {
  const query = homeQueryFor(db, page);
  const rows = await query.ids.execute(homeParams(viewerId, page, now));
  return orderPage(
    rows.map((r) => r.id),
    page,
  );
}

function homeParams(viewerId: string, page: Page, now: Date) {
  return { viewer: viewerId, now, maxId: page.maxId, sinceId: page.sinceId, minId: page.minId };
}

/**
 * The same page as `selectHomeTimelineIds`, with each status row and its author loaded by the same
 * statement: pass the rows to `hydrateStatuses` as preloaded rows. Ids come newest first;
 * `source` says whether the viewer's home feed answered or every status was scanned.
 */
export async function selectHomeTimelineRows(
  db: DbOrTx,
  viewerId: string,
  page: Page,
  now: Date,
): Promise<{ ids: string[]; rows: RowWithAuthor[]; source: 'feed' | 'scan' }> {
  const query = homeQueryFor(db, page);
  const params = homeParams(viewerId, page, now);
  let source: 'feed' | 'scan' = 'feed';
  let [result] = await query.feedRows.execute(params);
  if (!result || !feedAnswers(page, result.followed, result.horizon)) {
    source = 'scan';
    [result] = await query.scanRows.execute(params);
  }
  const rows = splitPageDetails(decodePageRows(result?.rows), result?.details);
  const ids = rows.map((r) => r.row.id).sort((a, b) => b.length - a.length || (a < b ? 1 : a > b ? -1 : 0));
  return { ids, rows, source };
}
