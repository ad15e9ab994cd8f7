import { boolean, index, jsonb, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts } from './accounts.ts';

/**
 * Which conversation each direct status belongs to (a reply joins the conversation of its reply
 * chain, anything else starts one). The conversation id is what /api/v1/conversations calls `id`.
 * NOTE: no foreign key to statuses: when a status is deleted, the StatusDeleted handler still needs
 * this row to know which conversation to recompute, and removes it itself.
 */
export const conversationStatuses = pgTable(
  'conversation_statuses',
  {
    statusId: snowflake('status_id').primaryKey(),
    conversationId: snowflake('conversation_id').notNull(),
  },
  (t) => [
    index('conversation_statuses_conversation_id_idx').on(t.conversationId, t.statusId.desc().nullsFirst()),
  ],
);

/**
 * One local account's view of a conversation: its newest direct status that account can see, the
 * other accounts taking part, and whether it has unread messages. Removing the row hides the
 * conversation until a new message arrives.
 */
export const accountConversations = pgTable(
  'account_conversations',
  {
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    conversationId: snowflake('conversation_id').notNull(),
    lastStatusId: snowflake('last_status_id').notNull(),
    /** Authors and mentioned accounts of the conversation's statuses, except the owner (id strings). */
    participantAccountIds: jsonb('participant_account_ids').$type<string[]>().notNull(),
    unread: boolean('unread').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.conversationId] }),
    index('account_conversations_account_id_last_status_id_idx').on(
      t.accountId,
      t.lastStatusId.desc().nullsFirst(),
    ),
  ],
);

export type AccountConversationRow = typeof accountConversations.$inferSelect;
