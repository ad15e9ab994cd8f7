import type { BloomLevel, QuizQuestionType } from '@rounds/contract';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts } from './accounts.ts';
import { statuses } from './statuses.ts';

const BLOOM_CHECK = sql`in ('remember', 'understand', 'apply', 'analyze', 'evaluate', 'create')`;

/** One option of a stored question. */
export interface StoredQuizOption {
  text: string;
  explanation: string;
  correct: boolean;
}

/** One stored question; `bloomLevel` null means the quiz's level. */
export interface StoredQuizQuestion {
  prompt: string;
  type: QuizQuestionType;
  bloomLevel: BloomLevel | null;
  options: StoredQuizOption[];
}

/**
 * A quiz attached to a status (domain/quizzes), at most one per status; it goes with its status.
 * The questions are one document, written and replaced as a unit: a quiz cannot change once
 * attempted, so every attempt is scored against the questions stored here.
 */
export const quizzes = pgTable(
  'quizzes',
  {
    id: snowflake('id').primaryKey(),
    statusId: snowflake('status_id')
      .notNull()
      .unique('quizzes_status_id_key')
      .references(() => statuses.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    bloomLevel: text('bloom_level').$type<BloomLevel>().notNull(),
    questions: jsonb('questions').$type<StoredQuizQuestion[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('quizzes_account_id_idx').on(t.accountId),
    check('quizzes_bloom_level_check', sql`${t.bloomLevel} ${BLOOM_CHECK}`),
  ],
);

/**
 * One scored attempt. `answers[i]` are the option indexes chosen for question i (empty: skipped),
 * `results[i]` whether they were exactly the correct set. A learner's first attempt (lowest id) is
 * the one item analysis reads.
 */
export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: snowflake('id').primaryKey(),
    quizId: snowflake('quiz_id')
      .notNull()
      .references(() => quizzes.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    answers: jsonb('answers').$type<number[][]>().notNull(),
    results: jsonb('results').$type<boolean[]>().notNull(),
    correctCount: integer('correct_count').notNull(),
    questionsCount: integer('questions_count').notNull(),
    timeSpentSeconds: integer('time_spent_seconds'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // A learner's attempts in order (own list, first attempts for item analysis).
    index('quiz_attempts_quiz_id_account_id_id_idx').on(t.quizId, t.accountId, t.id),
    index('quiz_attempts_account_id_idx').on(t.accountId),
    check('quiz_attempts_time_spent_seconds_check', sql`${t.timeSpentSeconds} >= 0`),
  ],
);

export type QuizRow = typeof quizzes.$inferSelect;
export type QuizAttemptRow = typeof quizAttempts.$inferSelect;
