import type { DisclosureKind, StatusLabelCode } from '@rounds/contract';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts } from './accounts.ts';
import type { ReferenceKind } from './evidence.ts';
import { statuses } from './statuses.ts';

/** One structured competing interest. */
export interface DisclosureEntryValue {
  kind: DisclosureKind;
  organisation: string;
  fromYear: number | null;
  toYear: number | null;
}

/**
 * A member's declared competing interests, kept on the account row (accounts.disclosures) so every
 * read path that loads accounts shows them with no extra query (domain/trust/disclosures.ts).
 * Null: never declared (or withdrawn). `none`: declared explicitly that there are none.
 */
export interface AccountDisclosures {
  none: boolean;
  text: string | null;
  entries: DisclosureEntryValue[];
  updatedAt: string;
}

/** A source of a correction note, normalised as evidence references are (domain/evidence). */
export interface CorrectionSourceValue {
  kind: ReferenceKind;
  value: string;
}

/** The note a status shows (status_trust.correction), copied from its correction_notes row. */
export interface ShownCorrectionMark {
  id: string;
  text: string;
  sources: CorrectionSourceValue[];
  helpfulCount: number;
  specialties: string[];
}

/** A moderator label as a status shows it (status_trust.labels), copied from status_labels. */
export interface StatusLabelMark {
  label: StatusLabelCode;
  createdAt: string;
}

/**
 * What a post shows about trust, one row per status that has anything to show (none otherwise), so
 * hydration reads it as ONE detail kind: the author's per-post disclosure (kept here only) and,
 * copied in the same transaction as every change to their sources, the correction note shown
 * (correction_notes) and the moderator labels (status_labels).
 */
export const statusTrust = pgTable('status_trust', {
  statusId: snowflake('status_id')
    .primaryKey()
    .references(() => statuses.id, { onDelete: 'cascade' }),
  disclosure: boolean('disclosure').notNull().default(false),
  disclosureText: text('disclosure_text'),
  correction: jsonb('correction').$type<ShownCorrectionMark | null>(),
  labels: jsonb('labels').$type<StatusLabelMark[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Peer correction notes: a verified member's note, with sources, on someone else's post. One per
 * member per post. The counts, the raters' specialties and `shown` are recomputed from
 * correction_ratings in the transaction of every rating (domain/trust/corrections.ts).
 */
export const correctionNotes = pgTable(
  'correction_notes',
  {
    id: snowflake('id').primaryKey(),
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    sources: jsonb('sources').$type<CorrectionSourceValue[]>().notNull(),
    helpfulCount: integer('helpful_count').notNull().default(0),
    notHelpfulCount: integer('not_helpful_count').notNull().default(0),
    /** Distinct verified specialties (or professions) of the members who rated it helpful. */
    specialties: jsonb('specialties').$type<string[]>().notNull().default([]),
    shown: boolean('shown').notNull().default(false),
    /** When it was first shown: the post's author is notified once. */
    firstShownAt: timestamp('first_shown_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('correction_notes_status_id_account_id_key').on(t.statusId, t.accountId),
    index('correction_notes_account_id_idx').on(t.accountId),
  ],
);

/**
 * One rating per verified member per note, changeable. `specialties`: the rater's verified
 * specialties (a credential without one counts as its profession) when they rated.
 */
export const correctionRatings = pgTable(
  'correction_ratings',
  {
    noteId: snowflake('note_id')
      .notNull()
      .references(() => correctionNotes.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    helpful: boolean('helpful').notNull(),
    specialties: jsonb('specialties').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.noteId, t.accountId] }),
    index('correction_ratings_account_id_idx').on(t.accountId),
  ],
);

/** Labels moderators put on posts; `accountId` is the moderator (null once their account is gone). */
export const statusLabels = pgTable(
  'status_labels',
  {
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    label: text('label').$type<StatusLabelCode>().notNull(),
    accountId: snowflake('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.statusId, t.label] })],
);

export type StatusTrustRow = typeof statusTrust.$inferSelect;
export type CorrectionNoteRow = typeof correctionNotes.$inferSelect;
export type CorrectionRatingRow = typeof correctionRatings.$inferSelect;
export type StatusLabelRow = typeof statusLabels.$inferSelect;
