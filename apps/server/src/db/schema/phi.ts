import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';

export type PhiAuditAction = 'redacted' | 'overridden';

/**
 * Append-only record of every PHI redaction and override: who, when, where, which identifier types
 * and how many — never the text. A trigger (migration add-phi-audit-append-only) refuses UPDATE and
 * DELETE. No foreign keys: the record outlives the account and the post it describes.
 */
export const phiAuditLog = pgTable(
  'phi_audit_log',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id').notNull(),
    action: text('action').$type<PhiAuditAction>().notNull(),
    /** Where the text was going: status, status_edit, profile, media_description, poll_option, ... */
    surface: text('surface').notNull(),
    targetId: snowflake('target_id'),
    typeCounts: jsonb('type_counts').$type<Record<string, number>>().notNull(),
    spanCount: integer('span_count').notNull(),
    /** The author's stated reason for an override (itself checked for PHI before it is stored). */
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('phi_audit_log_account_id_idx').on(t.accountId, t.id.desc().nullsFirst())],
);

export type PhiAuditRow = typeof phiAuditLog.$inferSelect;
