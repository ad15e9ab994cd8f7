import type { BloomLevel } from '@rounds/contract';
import { and, desc, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { accounts, bookmarks, favourites, follows, mentions, statuses } from '../../db/schema/index.ts';
import { visibleToSql } from '../statuses/visibility.ts';
import { notMutedOrBlocked, presentsBloomLevel } from '../timelines/filters.ts';
import { buildStatusTsQuery, linkTsQuery } from './tsquery.ts';

/**
 * How many of the newest text matches a search considers. Ranking every match of a common word
 * would read every row that has it; the newest few hundred keep a search to a bounded number of
 * index reads whatever the word, and recency is part of the score anyway.
 */
export const MATCH_WINDOW = 500;

/** Age at which a match weighs half as much as a brand-new one with the same relevance. */
const HALF_WEIGHT_AGE_SECONDS = 30 * 24 * 3600;

export interface StatusSearchInput {
  /** The query text, Mastodon's web-search syntax ("phrase", or, -word). */
  text: string;
  /** `text` is another site's URL: find posts that link it. */
  isLink?: boolean | undefined;
  /** Text-search configuration of the searcher's language (see `searchConfigFor`). */
  config: string;
  viewerId: string | null;
  /** Only statuses by this account (`account_id`). */
  accountId?: string | undefined;
  /** Only statuses presenting a learning object of this Bloom level (Rounds' `bloom_level`). */
  bloomLevel?: BloomLevel | undefined;
  /** Only statuses with a smaller id (`max_id`). */
  maxId?: string | undefined;
  /** Only statuses with a larger id (`min_id`). */
  minId?: string | undefined;
  limit: number;
  offset: number;
  /** Scores decay with age measured from here. */
  now: Date;
}

/**
 * The author has not opted out of search. NOTE: written as NOT IN over the few accounts that
 * opted out (the partial index `accounts_not_indexable_idx`), which PostgreSQL hashes once per
 * query, rather than a primary-key probe of `accounts` for every candidate row.
 */
function authorIsIndexable(): SQL {
  return sql`${statuses.accountId} not in (select ${accounts.id} from ${accounts} where not ${accounts.indexable})`;
}

/**
 * Which statuses a searcher may find, on top of being allowed to see them (visibleToSql):
 * - their own;
 * - public statuses of accounts that opted in to search (`indexable`), and — from such accounts
 *   they follow — the unlisted and followers-only ones they can read;
 * - statuses that mention them or that they favourited or bookmarked, whoever wrote them.
 * Anonymous searchers find public statuses of indexable accounts only. This is Mastodon's rule
 * (opt-in public search plus "what you interacted with"), with follows added because a
 * follower already receives those posts in their home feed.
 */
function searchableBy(viewerId: string | null): SQL {
  if (viewerId === null) return sql`(${statuses.visibility} = 'public' and ${authorIsIndexable()})`;
  return sql`(${statuses.accountId} = ${viewerId}
    or ((${statuses.visibility} = 'public'
        or ${statuses.accountId} in (select ${follows.targetAccountId} from ${follows} where ${follows.accountId} = ${viewerId}))
      and ${authorIsIndexable()})
    or exists (select 1 from ${mentions} where ${mentions.statusId} = ${statuses.id} and ${mentions.accountId} = ${viewerId})
    or exists (select 1 from ${favourites} where ${favourites.statusId} = ${statuses.id} and ${favourites.accountId} = ${viewerId})
    or exists (select 1 from ${bookmarks} where ${bookmarks.statusId} = ${statuses.id} and ${bookmarks.accountId} = ${viewerId}))`;
}

/**
 * Full-text status search as ids, best first: matches of `text` (stemmed in the searcher's
 * language and as plain words) among statuses the searcher may find (`searchableBy`) and see
 * (the statuses domain's visibility rules), leaving out reblogs and accounts the searcher mutes
 * or blocks. Ranked by ts_rank_cd × freshness, where freshness halves at 30 days old; ties go to
 * the newer status. Pages with `offset` stay stable as long as no new match arrives.
 *
 * Bounded work, in two steps: (1) the newest `MATCH_WINDOW` text matches (more when paging
 * deeper), on text, author and id bounds only — PostgreSQL estimates that well from the column
 * statistics and either walks `statuses_pkey` backwards testing the stored vector (common
 * words) or reads `statuses_search_vector_idx` and sorts (rare words); (2) the viewer's rules
 * and the ranking over those rows only. NOTE: folding the viewer's rules into step 1 lets the
 * planner walk the whole table when a common word's matches are mostly hidden from the viewer.
 * The price: a match older than the newest MATCH_WINDOW matches is not found.
 */
export async function selectStatusSearchIds(db: DbOrTx, input: StatusSearchInput): Promise<string[]> {
  if (input.limit <= 0) return [];
  let q: SQL;
  if (input.isLink) q = linkTsQuery(input.text);
  else {
    const text = await buildStatusTsQuery(db, input.text, input.config);
    if (text === null) return [];
    q = sql`${text}::tsquery`;
  }
  const textConds: SQL[] = [sql`${statuses.searchVector} @@ ${q}`, sql`${statuses.reblogOfId} is null`];
  if (input.accountId !== undefined) textConds.push(sql`${statuses.accountId} = ${input.accountId}`);
  if (input.bloomLevel !== undefined) textConds.push(presentsBloomLevel(input.bloomLevel));
  if (input.maxId !== undefined) textConds.push(sql`${statuses.id} < ${input.maxId}`);
  if (input.minId !== undefined) textConds.push(sql`${statuses.id} > ${input.minId}`);
  const matches = db
    .select({ id: statuses.id })
    .from(statuses)
    .where(and(...textConds))
    .orderBy(desc(statuses.id))
    .limit(Math.max(MATCH_WINDOW, input.offset + input.limit));

  const viewerConds: SQL[] = [searchableBy(input.viewerId), visibleToSql(input.viewerId)];
  if (input.viewerId !== null) viewerConds.push(notMutedOrBlocked(input.viewerId, input.now));
  const candidates = db
    .select({ id: statuses.id, vector: statuses.searchVector, createdAt: statuses.createdAt })
    .from(statuses)
    // NOTE: `= any(array(...))` runs step 1 once and probes the primary key with its ids in one
    // index scan; as `in (...)` PostgreSQL plans a nested loop whose estimated cost (the viewer's
    // subplans counted once per loop) crosses the JIT threshold, and compiling costs more than running.
    .where(and(sql`${statuses.id} = any(array(${matches}))`, ...viewerConds))
    .as('candidates');
  const ageSeconds = sql`greatest(0, extract(epoch from (${input.now.toISOString()}::timestamptz - ${candidates.createdAt})))`;
  const rows = await db
    .select({ id: candidates.id })
    .from(candidates)
    .orderBy(
      sql`ts_rank_cd(${candidates.vector}, ${q}, 32) / (1 + ${ageSeconds} / ${HALF_WEIGHT_AGE_SECONDS}) desc`,
      desc(candidates.id),
    )
    .limit(input.limit)
    .offset(input.offset);
  return rows.map((r) => r.id);
}
