import type { BloomLevel, LearningObjectType, LearningRecordKind } from '@rounds/contract';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts } from './accounts.ts';
import { statuses } from './statuses.ts';

const BLOOM_CHECK = sql`in ('remember', 'understand', 'apply', 'analyze', 'evaluate', 'create')`;

/**
 * Which statuses present which learning object (domain/learning/links.ts): every part of a
 * tweetorial, a case's statuses, the status a quiz hangs on. Read by hydration (the Status
 * entity's `rounds.learning`) and by the `bloom_level` filter of feeds and search. A status may
 * present more than one object (a tweetorial part carrying a quiz).
 */
export const statusLearning = pgTable(
  'status_learning',
  {
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<LearningObjectType>().notNull(),
    objectId: snowflake('object_id').notNull(),
    bloomLevel: text('bloom_level').$type<BloomLevel>(),
  },
  (t) => [
    primaryKey({ columns: [t.statusId, t.kind, t.objectId] }),
    index('status_learning_kind_object_id_idx').on(t.kind, t.objectId),
    check('status_learning_kind_check', sql`${t.kind} in ('tweetorial', 'case', 'quiz')`),
    check('status_learning_bloom_level_check', sql`${t.bloomLevel} ${BLOOM_CHECK}`),
  ],
);

/**
 * A learner's portfolio (domain/learning/record.ts): one row per completed tweetorial, quiz
 * attempt or case contribution. `title` is a snapshot, so the record still reads well after the
 * object is edited or deleted; `statusId` links to it while it exists.
 */
export const learningRecordEntries = pgTable(
  'learning_record_entries',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<LearningRecordKind>().notNull(),
    objectKind: text('object_kind').$type<LearningObjectType>().notNull(),
    objectId: snowflake('object_id').notNull(),
    statusId: snowflake('status_id').references(() => statuses.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    bloomLevel: text('bloom_level').$type<BloomLevel>(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** Seconds spent, when the client measured it. */
    timeSpentSeconds: integer('time_spent_seconds'),
    reflection: text('reflection'),
    /** Kind-specific facts, e.g. a quiz attempt's score: `{"correct": 3, "total": 4}`. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('learning_record_entries_account_id_occurred_at_idx').on(
      t.accountId,
      t.occurredAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    check(
      'learning_record_entries_kind_check',
      sql`${t.kind} in ('tweetorial_completed', 'quiz_attempt', 'case_contribution')`,
    ),
    check('learning_record_entries_bloom_level_check', sql`${t.bloomLevel} ${BLOOM_CHECK}`),
  ],
);

export type StatusLearningRow = typeof statusLearning.$inferSelect;
export type LearningRecordEntryRow = typeof learningRecordEntries.$inferSelect;
