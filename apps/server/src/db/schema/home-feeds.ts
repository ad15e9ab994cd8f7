import { pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts } from './accounts.ts';

/**
 * A local account's home feed, built when statuses are written (fan-out on write), so that reading
 * home walks the viewer's own short list instead of every status on the server.
 *
 * The promise the feed keeps: every status with an id above `horizon` that the account wrote, or
 * that an account it follows wrote, has an entry. Below the horizon nothing is promised, and the
 * home timeline reads the statuses table itself. An account without a row has no feed yet and is
 * always read that way. Entries are candidates only: the home query still applies every rule
 * (visibility, mutes, blocks, show_reblogs, replies, exclusive lists) when it reads them, so an
 * extra entry is never shown wrongly; only a missing one could hide a status, which the triggers
 * in migration 0015 and the horizon rule exclude.
 */
export const homeFeeds = pgTable('home_feeds', {
  accountId: snowflake('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  horizon: snowflake('horizon').notNull(),
});

/**
 * One status in one home feed. No foreign keys, so that a post's fan-out locks no row of its
 * followers' feeds or accounts: a deleted status's entry finds no row when read and leaves when the
 * feed is trimmed; a deleted feed's entries are deleted by a trigger on `home_feeds` (migration 0015).
 */
export const homeFeedEntries = pgTable(
  'home_feed_entries',
  {
    accountId: snowflake('account_id').notNull(),
    statusId: snowflake('status_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.statusId] })],
);
