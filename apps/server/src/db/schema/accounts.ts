import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import type { VerifiedCredentialBadge } from './credentials.ts';
import type { AccountDisclosures } from './trust.ts';

export interface ProfileField {
  name: string;
  value: string;
  verifiedAt: string | null;
}

/** A profile: local (domain null) or, later, remote. What Mastodon calls an Account. */
export const accounts = pgTable(
  'accounts',
  {
    id: snowflake('id').primaryKey(),
    username: text('username').notNull(),
    domain: text('domain'),
    displayName: text('display_name').notNull().default(''),
    note: text('note').notNull().default(''),
    fields: jsonb('fields').$type<ProfileField[]>().notNull().default([]),
    /** Verified, unrevoked credentials (domain/credentials keeps it; expired ones are swept). */
    verifiedCredentials: jsonb('verified_credentials')
      .$type<VerifiedCredentialBadge[]>()
      .notNull()
      .default([]),
    /** Declared competing interests (domain/trust/disclosures.ts); null: never declared. */
    disclosures: jsonb('disclosures').$type<AccountDisclosures | null>(),
    locked: boolean('locked').notNull().default(false),
    bot: boolean('bot').notNull().default(false),
    discoverable: boolean('discoverable').notNull().default(true),
    indexable: boolean('indexable').notNull().default(true),
    hideCollections: boolean('hide_collections').notNull().default(false),
    defaultQuotePolicy: text('default_quote_policy').$type<QuotePolicy>().notNull().default('public'),
    avatarUrl: text('avatar_url'),
    headerUrl: text('header_url'),
    followersCount: integer('followers_count').notNull().default(0),
    followingCount: integer('following_count').notNull().default(0),
    statusesCount: integer('statuses_count').notNull().default(0),
    lastStatusAt: timestamp('last_status_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('accounts_username_domain_key').on(sql`lower(${t.username})`, sql`coalesce(${t.domain}, '')`),
    // Account search: username prefixes (text_pattern_ops serves LIKE 'prefix%' in any collation)
    // and word prefixes of display names (`to_tsquery('simple', 'word:*')`).
    index('accounts_username_prefix_idx').on(sql`lower(${t.username}) text_pattern_ops`),
    index('accounts_display_name_search_idx').using(
      'gin',
      sql`to_tsvector('simple'::regconfig, ${t.displayName})`,
    ),
    // Status search leaves out the (few) accounts that opted out of search.
    index('accounts_not_indexable_idx').on(t.id).where(sql`not ${t.indexable}`),
  ],
);

export type QuotePolicy = 'public' | 'followers' | 'nobody';
/** `verifier`: works the credential verification queue (domain/credentials). */
export type UserRole = 'user' | 'moderator' | 'admin' | 'verifier';

/** A person who signs in here. One user owns one local account. */
export const users = pgTable(
  'users',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<UserRole>().notNull().default('user'),
    approved: boolean('approved').notNull().default(true),
    disabled: boolean('disabled').notNull().default(false),
    locale: text('locale').notNull().default('en'),
    registrationReason: text('registration_reason'),
    defaultVisibility: text('default_visibility').notNull().default('public'),
    defaultSensitive: boolean('default_sensitive').notNull().default(false),
    defaultLanguage: text('default_language'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    uniqueIndex('users_account_id_key').on(t.accountId),
  ],
);

export type PersonaKind = 'professional' | 'personal';

/**
 * A second local account signed in to by the same user (decision 0009): `kind` says what it is, and
 * the user's primary account (users.account_id) is the other kind. At most one per user. The link
 * is never shown on an Account entity: only its user and moderators read it. The persona keeps its
 * own posting defaults here (the primary account's stay on users).
 */
export const personas = pgTable(
  'personas',
  {
    accountId: snowflake('account_id')
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: snowflake('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<PersonaKind>().notNull(),
    defaultVisibility: text('default_visibility').notNull().default('public'),
    defaultSensitive: boolean('default_sensitive').notNull().default(false),
    defaultLanguage: text('default_language'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('personas_user_id_key').on(t.userId),
    check('personas_kind_check', sql`${t.kind} in ('professional', 'personal')`),
  ],
);

export type AccountRow = typeof accounts.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type PersonaRow = typeof personas.$inferSelect;
