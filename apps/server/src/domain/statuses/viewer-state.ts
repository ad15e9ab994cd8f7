import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { ANONYMOUS, type ViewerRelations } from './visibility.ts';

/** What the viewer has done to each status (hydration's per-status flags). */
export interface ViewerStatusFlags {
  favourited: Set<string>;
  reblogged: Set<string>;
  bookmarked: Set<string>;
  pinned: Set<string>;
}

function list(ids: readonly string[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
}

/**
 * Everything hydration needs to know about one viewer in ONE round trip: follows and blocks (both
 * directions) towards the authors, which statuses mention the viewer, and the viewer's favourites,
 * reblogs, bookmarks and pins among the shown statuses. Equivalent to `loadViewerRelations` plus the
 * four flag lookups, as a single UNION ALL (the home timeline's hot path: each query saved is a pool
 * slot and a parse/plan saved per request).
 */
export async function loadViewerState(
  db: DbOrTx,
  viewerId: string | null,
  authorIds: readonly string[],
  statusIds: readonly string[],
  flagStatusIds: readonly string[],
): Promise<{ rel: ViewerRelations; flags: ViewerStatusFlags | null }> {
  if (!viewerId) return { rel: ANONYMOUS, flags: null };
  const authors = [...new Set(authorIds)].filter((id) => id !== viewerId);
  const ids = [...new Set(statusIds)];
  const shown = [...new Set(flagStatusIds)];
  const parts: SQL[] = [];
  if (authors.length) {
    const a = list(authors);
    parts.push(
      sql`select 'follow' as k, target_account_id::text as id from follows where account_id = ${viewerId} and target_account_id in (${a})`,
    );
    parts.push(
      sql`select 'blocking' as k, target_account_id::text as id from blocks where account_id = ${viewerId} and target_account_id in (${a})`,
    );
    parts.push(
      sql`select 'blocked_by' as k, account_id::text as id from blocks where target_account_id = ${viewerId} and account_id in (${a})`,
    );
  }
  if (ids.length) {
    parts.push(
      sql`select 'mentioned' as k, status_id::text as id from mentions where account_id = ${viewerId} and status_id in (${list(ids)})`,
    );
  }
  if (shown.length) {
    const s = list(shown);
    parts.push(
      sql`select 'favourited' as k, status_id::text as id from favourites where account_id = ${viewerId} and status_id in (${s})`,
    );
    parts.push(
      sql`select 'reblogged' as k, reblog_of_id::text as id from statuses where account_id = ${viewerId} and reblog_of_id in (${s})`,
    );
    parts.push(
      sql`select 'bookmarked' as k, status_id::text as id from bookmarks where account_id = ${viewerId} and status_id in (${s})`,
    );
    parts.push(
      sql`select 'pinned' as k, status_id::text as id from pins where account_id = ${viewerId} and status_id in (${s})`,
    );
  }
  const sets: Record<string, Set<string>> = {
    follow: new Set(),
    blocking: new Set(),
    blocked_by: new Set(),
    mentioned: new Set(),
    favourited: new Set(),
    reblogged: new Set(),
    bookmarked: new Set(),
    pinned: new Set(),
  };
  if (parts.length) {
    const result = await db.execute(sql.join(parts, sql` union all `));
    for (const row of (result as unknown as { rows: Array<{ k: string; id: string }> }).rows) {
      sets[row.k]?.add(String(row.id));
    }
  }
  const blockedEither = new Set([...sets.blocking!, ...sets.blocked_by!]);
  return {
    rel: {
      viewerId,
      following: sets.follow!,
      blockedEither,
      blocking: sets.blocking!,
      mentionedIn: sets.mentioned!,
    },
    flags: {
      favourited: sets.favourited!,
      reblogged: sets.reblogged!,
      bookmarked: sets.bookmarked!,
      pinned: sets.pinned!,
    },
  };
}
