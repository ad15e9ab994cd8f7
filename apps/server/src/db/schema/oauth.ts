import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts, users } from './accounts.ts';

/** A registered client application (POST /api/v1/apps). */
export const oauthApps = pgTable('oauth_apps', {
  id: snowflake('id').primaryKey(),
  name: text('name').notNull(),
  website: text('website'),
  redirectUris: jsonb('redirect_uris').$type<string[]>().notNull(),
  scopes: text('scopes').notNull(),
  clientId: text('client_id').notNull().unique(),
  clientSecret: text('client_secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** A single-use authorization code; stored hashed, bound to the PKCE challenge and redirect URI. */
export const oauthCodes = pgTable('oauth_codes', {
  codeHash: text('code_hash').primaryKey(),
  appId: snowflake('app_id')
    .notNull()
    .references(() => oauthApps.id, { onDelete: 'cascade' }),
  userId: snowflake('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  redirectUri: text('redirect_uri').notNull(),
  scopes: text('scopes').notNull(),
  codeChallenge: text('code_challenge'),
  codeChallengeMethod: text('code_challenge_method'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * An access token; only its SHA-256 is stored. userId is null for client-credentials tokens.
 * accountId is the account the token acts as: null means the user's primary account
 * (users.account_id), otherwise their persona (decision 0009).
 */
export const oauthTokens = pgTable(
  'oauth_tokens',
  {
    id: snowflake('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    appId: snowflake('app_id').references(() => oauthApps.id, { onDelete: 'cascade' }),
    userId: snowflake('user_id').references(() => users.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    scopes: text('scopes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('oauth_tokens_user_id_idx').on(t.userId),
    index('oauth_tokens_account_id_idx').on(t.accountId).where(sql`${t.accountId} is not null`),
  ],
);

/** A browser sign-in session for the server's own pages (the OAuth sign-in and consent page). */
export const webSessions = pgTable('web_sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: snowflake('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export type OAuthAppRow = typeof oauthApps.$inferSelect;
export type OAuthTokenRow = typeof oauthTokens.$inferSelect;
