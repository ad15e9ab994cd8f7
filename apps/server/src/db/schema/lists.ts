import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts } from './accounts.ts';
import { follows } from './social.ts';

/** Which replies a list timeline shows (Mastodon's List.replies_policy). */
export type ListRepliesPolicy = 'followed' | 'list' | 'none';

/** A list an account curates: a timeline of the members' posts. */
export const lists = pgTable(
  'lists',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    repliesPolicy: text('replies_policy').$type<ListRepliesPolicy>().notNull().default('list'),
    /** Members' posts stay out of the owner's home timeline. */
    exclusive: boolean('exclusive').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('lists_account_id_idx').on(t.accountId, t.id),
    // The home timeline's exclusive-list probe reads only these rows.
    index('lists_exclusive_account_id_idx').on(t.accountId).where(sql`${t.exclusive}`),
  ],
);

/**
 * A member of a list. Every member but the owner is someone the owner follows: the row hangs
 * on that follow and goes with it (unfollow, block, removal from followers), as in Mastodon.
 */
export const listAccounts = pgTable(
  'list_accounts',
  {
    id: snowflake('id').primaryKey(),
    listId: snowflake('list_id')
      .notNull()
      .references(() => lists.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The owner's follow of the member; null only when the owner lists themselves. */
    followId: snowflake('follow_id').references(() => follows.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('list_accounts_list_account_key').on(t.listId, t.accountId),
    index('list_accounts_account_id_idx').on(t.accountId),
    index('list_accounts_follow_id_idx').on(t.followId),
  ],
);

export type ListRow = typeof lists.$inferSelect;
export type ListAccountRow = typeof listAccounts.$inferSelect;
