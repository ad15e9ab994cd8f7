import type { BloomLevel, TweetorialAudience, TweetorialVisibility } from '@rounds/contract';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts } from './accounts.ts';
import type { EvidenceLevel, ReferenceKind } from './evidence.ts';
import { learningRecordEntries } from './learning.ts';
import { statuses } from './statuses.ts';

const BLOOM_CHECK = sql`in ('remember', 'understand', 'apply', 'analyze', 'evaluate', 'create')`;

/**
 * A tweetorial (domain/tweetorials): a titled self-reply thread published as a unit. The row
 * holds what lists filter on, from the current version; every version's content is in
 * tweetorial_versions. Deleting part 1 (the root) through the Mastodon API deletes the tweetorial.
 */
export const tweetorials = pgTable(
  'tweetorials',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    rootStatusId: snowflake('root_status_id')
      .notNull()
      .unique('tweetorials_root_status_id_key')
      .references(() => statuses.id, { onDelete: 'cascade' }),
    visibility: text('visibility').$type<TweetorialVisibility>().notNull(),
    /** The current version (1 when never edited). */
    version: integer('version').notNull(),
    title: text('title').notNull(),
    bloomLevel: text('bloom_level').$type<BloomLevel>().notNull(),
    /** Normalised hashtag names (given, or written in any part) of the current version, for `tag=`. */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
  },
  (t) => [
    index('tweetorials_account_id_id_idx').on(t.accountId, t.id.desc().nullsFirst()),
    index('tweetorials_bloom_level_id_idx').on(t.bloomLevel, t.id.desc().nullsFirst()),
    index('tweetorials_tags_idx').using('gin', t.tags),
    check('tweetorials_visibility_check', sql`${t.visibility} in ('public', 'unlisted', 'private')`),
    check('tweetorials_bloom_level_check', sql`${t.bloomLevel} ${BLOOM_CHECK}`),
  ],
);

/** One part of a version as it was published. */
export interface TweetorialPartSnapshot {
  /** The part as the author wrote it (before numbering, title and hashtags were added). */
  text: string;
  mediaIds: string[];
  statusId: string;
  /** The status HTML as published in that version. */
  contentHtml: string;
}

/** Every version of a tweetorial, kept so earlier ones stay viewable. */
export const tweetorialVersions = pgTable(
  'tweetorial_versions',
  {
    tweetorialId: snowflake('tweetorial_id')
      .notNull()
      .references(() => tweetorials.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    objectives: text('objectives').array().notNull(),
    audience: text('audience').array().$type<TweetorialAudience[]>().notNull(),
    bloomLevel: text('bloom_level').$type<BloomLevel>().notNull(),
    /** Topic hashtags as the author spelled them, without "#". */
    tags: text('tags').array().notNull(),
    language: text('language'),
    evidenceLevel: text('evidence_level').$type<EvidenceLevel>(),
    /** Attached references, normalised (domain/evidence). */
    references: jsonb('references').$type<Array<{ kind: ReferenceKind; value: string }>>().notNull(),
    parts: jsonb('parts').$type<TweetorialPartSnapshot[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tweetorialId, t.version] }),
    check('tweetorial_versions_bloom_level_check', sql`${t.bloomLevel} ${BLOOM_CHECK}`),
  ],
);

/**
 * A learner's completion of one version (at most one per learner and version). The learning record
 * entry it wrote survives the tweetorial; the completion does not.
 */
export const tweetorialCompletions = pgTable(
  'tweetorial_completions',
  {
    tweetorialId: snowflake('tweetorial_id')
      .notNull()
      .references(() => tweetorials.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    recordEntryId: snowflake('record_entry_id').references(() => learningRecordEntries.id, {
      onDelete: 'set null',
    }),
    reflection: text('reflection'),
    timeSpentSeconds: integer('time_spent_seconds'),
    completedAt: timestamp('completed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tweetorialId, t.accountId, t.version] }),
    index('tweetorial_completions_account_id_idx').on(t.accountId),
  ],
);

export type TweetorialRow = typeof tweetorials.$inferSelect;
export type TweetorialVersionRow = typeof tweetorialVersions.$inferSelect;
export type TweetorialCompletionRow = typeof tweetorialCompletions.$inferSelect;
