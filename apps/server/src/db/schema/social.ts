import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts } from './accounts.ts';
import { tags } from './statuses.ts';

/** accountId follows targetAccountId. */
export const follows = pgTable(
  'follows',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    targetAccountId: snowflake('target_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    showReblogs: boolean('show_reblogs').notNull().default(true),
    notify: boolean('notify').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('follows_account_target_key').on(t.accountId, t.targetAccountId),
    index('follows_target_account_id_idx').on(t.targetAccountId, t.id.desc().nullsFirst()),
  ],
);

/** A pending follow of a locked account. */
export const followRequests = pgTable(
  'follow_requests',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    targetAccountId: snowflake('target_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    showReblogs: boolean('show_reblogs').notNull().default(true),
    notify: boolean('notify').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('follow_requests_account_target_key').on(t.accountId, t.targetAccountId),
    index('follow_requests_target_account_id_idx').on(t.targetAccountId, t.id.desc().nullsFirst()),
  ],
);

export const blocks = pgTable(
  'blocks',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    targetAccountId: snowflake('target_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('blocks_account_target_key').on(t.accountId, t.targetAccountId),
    index('blocks_target_account_id_idx').on(t.targetAccountId),
  ],
);

/** A mute hides the target's posts; `hideNotifications` also silences their notifications. */
export const mutes = pgTable(
  'mutes',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    targetAccountId: snowflake('target_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    hideNotifications: boolean('hide_notifications').notNull().default(true),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('mutes_account_target_key').on(t.accountId, t.targetAccountId)],
);

export const followedTags = pgTable(
  'followed_tags',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tagId: snowflake('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('followed_tags_account_tag_key').on(t.accountId, t.tagId)],
);

/** Private notes one account keeps about another (Relationship.note). */
export const accountNotes = pgTable(
  'account_notes',
  {
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    targetAccountId: snowflake('target_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    comment: text('comment').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.targetAccountId] })],
);
