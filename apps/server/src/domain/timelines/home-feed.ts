import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';

/**
 * Home feeds (fan-out on write): their tables are in db/schema/home-feeds.ts, and migration 0015's
 * triggers write them when statuses and follows are, whichever code path writes those. The home
 * query reads them (timelines/home.ts). What stays here is keeping them short.
 */

/** Entries each feed keeps when trimmed (Mastodon keeps 800 per home feed). */
export const HOME_FEED_DEPTH = 800;

/**
 * Keeps every feed to its newest `depth` entries, raising each trimmed feed's horizon so that
 * older pages are read from the statuses table; returns how many entries were dropped.
 */
export async function trimHomeFeeds(db: DbOrTx, depth = HOME_FEED_DEPTH): Promise<number> {
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError('depth must be a positive whole number');
  const result = await db.execute(sql`select home_feed_trim(${depth}::integer) as dropped`);
  const [row] = (result as unknown as { rows: Array<{ dropped: number | string }> }).rows;
  return Number(row?.dropped ?? 0);
}
