import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { follows, listAccounts, lists, statuses } from '../../db/schema/index.ts';
import { type IdParam, notMutedOrBlocked, type TimeParam, visibleToViewer } from '../timelines/filters.ts';

/**
 * SQL fragments for list timelines, written over the unaliased `statuses` table like those in
 * domain/timelines/filters.ts. A list is described by terms that are either values (the list
 * timeline, one known list) or columns (the stream, every list holding an author at once), so
 * the timeline and the live stream apply the very same rules.
 */

/** A value bound as a parameter, or a column of the enclosing query. */
export type ListTerm = IdParam | AnyPgColumn;

export interface ListTerms {
  id: ListTerm;
  ownerId: ListTerm;
  repliesPolicy: ListTerm;
}

/**
 * Statuses whose author is on one of the viewer's exclusive lists; the home timeline's follow
 * branch leaves them out (Mastodon's `exclusive`). Uncorrelated, so PostgreSQL evaluates it once
 * as a hashed subplan over `lists_exclusive_account_id_idx` and the membership key. The viewer's
 * own posts come through another branch and stay, as Mastodon keeps them.
 */
export function notInExclusiveList(viewerId: IdParam): SQL {
  return sql`${statuses.accountId} not in (select ${listAccounts.accountId} from ${listAccounts}
    inner join ${lists} on ${lists.id} = ${listAccounts.listId}
    where ${lists.accountId} = ${viewerId} and ${lists.exclusive})`;
}

/**
 * Mastodon's reply rule for lists (FeedManager#filter_from_list? with the home rule the list
 * feed also passes): a status that is not a reply, a self-reply (a thread) and a reply to the
 * owner always show; other replies show under `followed` when the owner follows the replied-to
 * account (or wrote the reply), under `list` when the replied-to account is on the list, and
 * never under `none`.
 */
export function repliesShownBy(list: ListTerms): SQL {
  const replyTo = statuses.inReplyToAccountId;
  return sql`(${replyTo} is null
    or ${replyTo} = ${statuses.accountId}
    or ${replyTo} = ${list.ownerId}
    or (${list.repliesPolicy}::text = 'followed' and (${statuses.accountId} = ${list.ownerId}
      or ${replyTo} in (select followed.target_account_id from ${follows} as followed
        where followed.account_id = ${list.ownerId})))
    or (${list.repliesPolicy}::text = 'list' and ${replyTo} in (
      select peer.account_id from ${listAccounts} as peer where peer.list_id = ${list.id})))`;
}

/**
 * Reblogs by a member whom the owner follows with show_reblogs=false stay out, as in home.
 * NOTE: `offset 0` keeps the probe a per-row index lookup; unfenced, PostgreSQL hashes every
 * follow with show_reblogs=false in the instance.
 */
export function reblogsShownTo(ownerId: ListTerm): SQL {
  return sql`(${statuses.reblogOfId} is null or ${statuses.accountId} = ${ownerId} or not exists (
    select 1 from ${follows} as hiding where hiding.account_id = ${ownerId}
      and hiding.target_account_id = ${statuses.accountId} and not hiding.show_reblogs offset 0))`;
}

/**
 * Everything a member's status must pass to be in a list's timeline, beyond being by a member:
 * not direct (Mastodon never fans direct posts out to lists), visible to the owner, not by or
 * reblogging someone the owner mutes or blocks, reblogs as the owner's follow allows, and the
 * list's replies policy.
 */
export function shownInList(list: ListTerms, now: TimeParam): SQL[] {
  // NOTE: the timelines' fragments take the viewer as a value or placeholder; a column works the
  // same way inside the SQL template (it renders as a column reference instead of a parameter).
  const owner = list.ownerId as IdParam;
  return [
    sql`${statuses.visibility} <> 'direct'`,
    visibleToViewer(owner),
    notMutedOrBlocked(owner, now),
    reblogsShownTo(list.ownerId),
    repliesShownBy(list),
  ];
}
