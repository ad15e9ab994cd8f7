import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts } from './accounts.ts';

/** Where a credential is in review. `expired` and `revoked` end it; renewal is a new submission. */
export type CredentialStatus = 'pending' | 'needs_info' | 'verified' | 'rejected' | 'revoked' | 'expired';

/**
 * A credential a member submitted for verification (domain/credentials). The licence number is
 * stored only encrypted (AES-256-GCM, the row id as associated data) and never leaves the domain.
 */
export const credentials = pgTable(
  'credentials',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** A code from domain/credentials/vocabulary.ts PROFESSIONS. */
    profession: text('profession').notNull(),
    /** A code from SPECIALTIES, when the profession takes one. */
    specialty: text('specialty'),
    /** Residents' and students' year of training. */
    trainingYear: integer('training_year'),
    /** Students' school. */
    school: text('school'),
    jurisdiction: text('jurisdiction').notNull(),
    issuingBody: text('issuing_body').notNull(),
    /** `v1:` + base64(iv ‖ tag ‖ ciphertext). */
    licenceNumberEncrypted: text('licence_number_encrypted').notNull(),
    evidenceNote: text('evidence_note').notNull().default(''),
    status: text('status').$type<CredentialStatus>().notNull(),
    /** The verifier's last question (status needs_info). */
    question: text('question'),
    /** Why it was rejected or revoked. */
    reason: text('reason'),
    reviewerAccountId: snowflake('reviewer_account_id'),
    verifierOrganisation: text('verifier_organisation'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('credentials_account_id_idx').on(t.accountId, t.id.desc().nullsFirst()),
    // The verification queue: oldest pending first.
    index('credentials_pending_idx').on(t.id).where(sql`${t.status} = 'pending'`),
    // The expiry sweep.
    index('credentials_verified_valid_until_idx').on(t.validUntil).where(sql`${t.status} = 'verified'`),
  ],
);

export type CredentialAuditAction =
  | 'submitted'
  | 'updated'
  | 'asked'
  | 'approved'
  | 'rejected'
  | 'revoked'
  | 'expired'
  | 'checked';

/**
 * Every step of every credential: who (null: the expiry sweep), what, when, and the step's
 * non-secret details (organisation, valid-until, reason, question). Never the licence number.
 * No foreign keys: the record outlives the credential and the accounts.
 */
export const credentialAuditLog = pgTable(
  'credential_audit_log',
  {
    id: snowflake('id').primaryKey(),
    credentialId: snowflake('credential_id').notNull(),
    /** The member whose credential it is. */
    accountId: snowflake('account_id').notNull(),
    actorAccountId: snowflake('actor_account_id'),
    action: text('action').$type<CredentialAuditAction>().notNull(),
    details: jsonb('details').$type<Record<string, string | number | null>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('credential_audit_log_credential_id_idx').on(t.credentialId, t.id)],
);

/**
 * What an account shows as verified, kept on the account row (accounts.verified_credentials) so
 * every read path that loads accounts has it without another query.
 */
export interface VerifiedCredentialBadge {
  credentialId: string;
  profession: string;
  specialty: string | null;
  trainingYear: number | null;
  school: string | null;
  jurisdiction: string;
  verifiedBy: string;
  verifiedAt: string;
  validUntil: string;
}

export type CredentialRow = typeof credentials.$inferSelect;
export type CredentialAuditRow = typeof credentialAuditLog.$inferSelect;
