import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';

/**
 * Home feeds (fan-out on write): their tables are in db/schema/home-feeds.ts, and migration 0015's
 * triggers write them when statuses and follows are, whichever code path writes those. The home
 * query reads them (timelines/home.ts). What stays here is keeping them short.
 */

/** Entries each feed keeps when trimmed (Mastodon keeps 800 per home feed). */
export const HOME_FEED_DEPTH = 800;

/** Feeds trimmed per transaction, so a trim never holds many feeds' rows at once. */
const TRIM_BATCH = 500;

/**
 * Keeps every feed to its newest `depth` live entries (entries of deleted statuses go too), raising
 * each trimmed feed's horizon so that older pages are read from the statuses table; returns how many
 * entries were dropped. Feeds are visited in account order, `TRIM_BATCH` per transaction.
 */
export async function trimHomeFeeds(db: DbOrTx, depth = HOME_FEED_DEPTH): Promise<number> {
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError('depth must be a positive whole number');
  let dropped = 0;
  let after: string | null = null;
  for (;;) {
    const result: unknown = await db.execute(
      sql`select dropped, last_account::text as last from home_feed_trim(${depth}::integer, ${after}::bigint, ${TRIM_BATCH}::integer)`,
    );
    const [row] = (result as { rows: Array<{ dropped: number | string; last: string | null }> }).rows;
    dropped += Number(row?.dropped ?? 0);
    if (!row?.last) return dropped;
    after = row.last;
  }
}
