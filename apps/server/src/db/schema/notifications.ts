import { bigint, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts } from './accounts.ts';
import { statuses } from './statuses.ts';

export type NotificationType =
  | 'mention'
  | 'status'
  | 'reblog'
  | 'follow'
  | 'follow_request'
  | 'favourite'
  | 'poll'
  | 'update'
  | 'quote'
  | 'quoted_update'
  /** Rounds only (domain/trust): a correction note is now shown on your post. */
  | 'correction_note';

/** One notification for `accountId`, caused by `fromAccountId`. */
export const notifications = pgTable(
  'notifications',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    fromAccountId: snowflake('from_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    type: text('type').$type<NotificationType>().notNull(),
    statusId: snowflake('status_id').references(() => statuses.id, { onDelete: 'cascade' }),
    /** Notifications sharing a key are shown as one group in /api/v2/notifications. */
    groupKey: text('group_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('notifications_account_id_id_idx').on(t.accountId, t.id.desc().nullsFirst()),
    index('notifications_group_key_idx').on(t.accountId, t.groupKey, t.id.desc().nullsFirst()),
  ],
);

/** Read positions a client syncs across devices (/api/v1/markers). */
export const markers = pgTable(
  'markers',
  {
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    timeline: text('timeline').$type<'home' | 'notifications'>().notNull(),
    lastReadId: text('last_read_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.timeline] })],
);

export type NotificationRow = typeof notifications.$inferSelect;
