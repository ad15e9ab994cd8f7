import { sql } from 'drizzle-orm';
import {
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
import { accounts, type QuotePolicy } from './accounts.ts';
import { mediaAttachments } from './media.ts';
import { oauthApps } from './oauth.ts';
import type { Visibility } from './statuses.ts';

/**
 * What status creation will receive when a scheduled status is published: the author's post as it
 * passed every check at scheduling time (text and content warning already through the PHI gate,
 * defaults resolved). `poll` is the polls domain's input, stored as given so it reaches status
 * creation unchanged. Media are in scheduled_status_media.
 */
export interface ScheduledStatusParams {
  text: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: Visibility;
  language: string | null;
  inReplyToId: string | null;
  quotedStatusId: string | null;
  quotePolicy: QuotePolicy;
  poll: unknown;
  /**
   * References attached and the evidence level (Rounds API), as the author sent them: domain/evidence
   * reads them again when the post is published. Absent on posts scheduled without them.
   */
  evidence?: { references?: unknown[] | undefined; level?: string | null | undefined } | null;
  /** The per-post disclosure flag (Rounds API, domain/trust), as the author sent it. */
  disclosure?: { disclosure?: boolean | undefined; text?: string | null | undefined } | null;
}

/** The author's answer to the PHI gate (Rounds API), restated to the gate when the post is published. */
export type ScheduledPhiDecision =
  | { action: 'redact' }
  | { action: 'override'; reason: string; consentAttested: boolean };

/** A post to publish at `scheduledAt` (POST /api/v1/statuses with `scheduled_at`). */
export const scheduledStatuses = pgTable(
  'scheduled_statuses',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The client app that scheduled it (Mastodon's params.application_id). */
    appId: snowflake('app_id').references(() => oauthApps.id, { onDelete: 'set null' }),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    params: jsonb('params').$type<ScheduledStatusParams>().notNull(),
    phiDecision: jsonb('phi_decision').$type<ScheduledPhiDecision>(),
    /** The scheduling request's Idempotency-Key: the same key returns this row while it is pending. */
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** A publishing process's lease: no other process takes the row until it runs out. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** Publishing failed for good (e.g. the replied-to post is gone); not retried until rescheduled. */
    failedAt: timestamp('failed_at', { withTimezone: true }),
  },
  (t) => [
    index('scheduled_statuses_account_id_idx').on(t.accountId, t.id.desc().nullsFirst()),
    index('scheduled_statuses_account_scheduled_at_idx').on(t.accountId, t.scheduledAt),
    // The publisher's claim: pending rows by due time.
    index('scheduled_statuses_due_idx').on(t.scheduledAt).where(sql`${t.failedAt} is null`),
    uniqueIndex('scheduled_statuses_idempotency_key')
      .on(t.accountId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
  ],
);

/**
 * Uploads reserved for a scheduled status, in display order. A reserved upload is not "unattached":
 * the media clean-up leaves it alone. An upload belongs to at most one scheduled status.
 */
export const scheduledStatusMedia = pgTable(
  'scheduled_status_media',
  {
    scheduledStatusId: snowflake('scheduled_status_id')
      .notNull()
      .references(() => scheduledStatuses.id, { onDelete: 'cascade' }),
    mediaId: snowflake('media_id')
      .notNull()
      .references(() => mediaAttachments.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scheduledStatusId, t.mediaId] }),
    uniqueIndex('scheduled_status_media_media_id_key').on(t.mediaId),
  ],
);

export type ScheduledStatusRow = typeof scheduledStatuses.$inferSelect;
