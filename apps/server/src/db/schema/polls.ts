import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts } from './accounts.ts';
import { statusEdits, statuses } from './statuses.ts';

/**
 * The poll of a status (at most one). `tallies[i]` counts the votes for `options[i]`; both
 * counters and tallies change only by SQL increments, so concurrent votes never lose a count.
 * `closedAt` is set once, by the expiry job, when it claims the poll to notify its voters.
 */
export const polls = pgTable(
  'polls',
  {
    id: snowflake('id').primaryKey(),
    statusId: snowflake('status_id')
      .notNull()
      .unique('polls_status_id_key')
      .references(() => statuses.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    options: text('options').array().notNull(),
    tallies: integer('tallies').array().notNull(),
    multiple: boolean('multiple').notNull().default(false),
    hideTotals: boolean('hide_totals').notNull().default(false),
    votesCount: integer('votes_count').notNull().default(0),
    votersCount: integer('voters_count').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // The expiry job's claim: open polls by end time.
    index('polls_open_expires_at_idx').on(t.expiresAt).where(sql`${t.closedAt} is null`),
    index('polls_account_id_idx').on(t.accountId),
  ],
);

/** One chosen option (`choice` indexes `polls.options`) by one account. */
export const pollVotes = pgTable(
  'poll_votes',
  {
    pollId: snowflake('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    choice: integer('choice').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.pollId, t.accountId, t.choice] }),
    index('poll_votes_account_id_idx').on(t.accountId),
  ],
);

/** The poll options an earlier version of a status had (Mastodon's StatusEdit `poll`). */
export const statusEditPolls = pgTable('status_edit_polls', {
  statusEditId: snowflake('status_edit_id')
    .primaryKey()
    .references(() => statusEdits.id, { onDelete: 'cascade' }),
  options: text('options').array().notNull(),
});

export type PollRow = typeof polls.$inferSelect;
export type PollVoteRow = typeof pollVotes.$inferSelect;
