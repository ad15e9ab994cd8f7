import type { BloomLevel, CaseConsent } from '@rounds/contract';
import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts } from './accounts.ts';
import { statuses } from './statuses.ts';

/**
 * A clinical case (domain/cases). Its presentation is published as an ordinary status
 * (`statusId`; deleting that status deletes the case), the differential poll rides on it or, when
 * the case has images, on a self-reply (`pollStatusId`). `answer` and `teachingPoints` are kept
 * here, and nowhere else, until the reveal posts them as a reply (`revealStatusId`); only the
 * author reads them before. The case is solved while `acceptedStatusId` names a reply.
 * NOTE: the status references other than `statusId` are ON DELETE SET NULL, each with a partial
 * index so that deleting any status finds the cases pointing at it without a scan.
 */
export const cases = pgTable(
  'cases',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    statusId: snowflake('status_id')
      .notNull()
      .unique('cases_status_id_key')
      .references(() => statuses.id, { onDelete: 'cascade' }),
    pollStatusId: snowflake('poll_status_id').references(() => statuses.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    history: text('history').notNull(),
    examination: text('examination').notNull().default(''),
    investigations: text('investigations').notNull().default(''),
    question: text('question').notNull(),
    /** The specialty and topic hashtags as the author spelled them, without `#`. */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    bloomLevel: text('bloom_level').$type<BloomLevel>().notNull(),
    /** The consent attestation a case with media needs: which, who attested it, when. */
    consent: text('consent').$type<CaseConsent>(),
    consentAccountId: snowflake('consent_account_id'),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    answer: text('answer'),
    teachingPoints: text('teaching_points').array().notNull().default(sql`'{}'::text[]`),
    /** When the reveal job posts the answer (null: the author reveals it by hand). */
    revealAt: timestamp('reveal_at', { withTimezone: true }),
    revealedAt: timestamp('revealed_at', { withTimezone: true }),
    revealStatusId: snowflake('reveal_status_id').references(() => statuses.id, { onDelete: 'set null' }),
    outcome: text('outcome'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    outcomeStatusId: snowflake('outcome_status_id').references(() => statuses.id, { onDelete: 'set null' }),
    acceptedStatusId: snowflake('accepted_status_id').references(() => statuses.id, {
      onDelete: 'set null',
    }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('cases_account_id_id_idx').on(t.accountId, t.id.desc().nullsFirst()),
    // The reveal job's query: scheduled reveals not yet done, by time.
    index('cases_due_reveal_at_idx')
      .on(t.revealAt)
      .where(sql`${t.revealedAt} is null and ${t.revealAt} is not null`),
    index('cases_poll_status_id_idx').on(t.pollStatusId).where(sql`${t.pollStatusId} is not null`),
    index('cases_reveal_status_id_idx').on(t.revealStatusId).where(sql`${t.revealStatusId} is not null`),
    index('cases_outcome_status_id_idx').on(t.outcomeStatusId).where(sql`${t.outcomeStatusId} is not null`),
    index('cases_accepted_status_id_idx')
      .on(t.acceptedStatusId)
      .where(sql`${t.acceptedStatusId} is not null`),
    check(
      'cases_bloom_level_check',
      sql`${t.bloomLevel} in ('remember', 'understand', 'apply', 'analyze', 'evaluate', 'create')`,
    ),
    check(
      'cases_consent_check',
      sql`${t.consent} in ('patient_consent_obtained', 'no_identifiable_features')`,
    ),
  ],
);

/**
 * Who contributed to a case's discussion (replied anywhere in its thread, the author aside): one
 * row per learner and case, written with the learner's portfolio entry (`recordEntryId`, a
 * learning_record_entries id; a pointer, not a foreign key, as the learner may delete entries).
 */
export const caseContributors = pgTable(
  'case_contributors',
  {
    caseId: snowflake('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The learner's first reply in the thread (kept when that reply is deleted). */
    firstStatusId: snowflake('first_status_id').notNull(),
    recordEntryId: snowflake('record_entry_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.accountId] }),
    index('case_contributors_account_id_idx').on(t.accountId),
  ],
);

export type CaseRow = typeof cases.$inferSelect;
export type CaseContributorRow = typeof caseContributors.$inferSelect;
