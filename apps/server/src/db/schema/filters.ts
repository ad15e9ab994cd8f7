import { boolean, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts } from './accounts.ts';
import { statuses } from './statuses.ts';

/** Where a filter applies (Mastodon's Filter.context). */
export const FILTER_CONTEXTS = ['home', 'notifications', 'public', 'thread', 'account'] as const;
export type FilterContext = (typeof FILTER_CONTEXTS)[number];

/** What a match does (Mastodon's Filter.filter_action). */
export const FILTER_ACTIONS = ['warn', 'hide', 'blur'] as const;
export type FilterAction = (typeof FILTER_ACTIONS)[number];

/** A filter group an account keeps for itself (Mastodon's CustomFilter). */
export const filters = pgTable(
  'filters',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    context: text('context').array().$type<FilterContext[]>().notNull(),
    action: text('action').$type<FilterAction>().notNull().default('warn'),
    /** Null: never expires. An expired filter stays listed but never applies. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  // Every filtered read looks up the viewer's filters by account: one index probe.
  (t) => [index('filters_account_id_idx').on(t.accountId, t.id)],
);

/** A phrase that, found in a status's text, makes its filter apply. */
export const filterKeywords = pgTable(
  'filter_keywords',
  {
    id: snowflake('id').primaryKey(),
    filterId: snowflake('filter_id')
      .notNull()
      .references(() => filters.id, { onDelete: 'cascade' }),
    keyword: text('keyword').notNull(),
    wholeWord: boolean('whole_word').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('filter_keywords_filter_id_idx').on(t.filterId, t.id)],
);

/** A single status a filter applies to, whatever its text. */
export const filterStatuses = pgTable(
  'filter_statuses',
  {
    id: snowflake('id').primaryKey(),
    filterId: snowflake('filter_id')
      .notNull()
      .references(() => filters.id, { onDelete: 'cascade' }),
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('filter_statuses_filter_status_key').on(t.filterId, t.statusId),
    index('filter_statuses_status_id_idx').on(t.statusId),
  ],
);

export type FilterRow = typeof filters.$inferSelect;
export type FilterKeywordRow = typeof filterKeywords.$inferSelect;
export type FilterStatusRow = typeof filterStatuses.$inferSelect;
