import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts, type QuotePolicy } from './accounts.ts';

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';

/**
 * The text-search configuration (stemmer and stop words) for each status language (ISO 639-1).
 * Only configurations shipped by both PostgreSQL 15 and PGlite are listed; any other language is
 * indexed with 'simple' (lower-cased words, no stemming). A status with no language is indexed as
 * English, the language most Rounds posts are written in.
 */
export const SEARCH_CONFIG_BY_LANGUAGE: Readonly<Record<string, string>> = {
  ar: 'arabic',
  ca: 'catalan',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hi: 'hindi',
  hu: 'hungarian',
  hy: 'armenian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  ne: 'nepali',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector';
  },
});

/**
 * What status search matches: spoiler text and text, stemmed in the status's own language AND as
 * plain words ('simple'), so a query matches whether the searcher's stemmer agrees with the
 * author's or not. Only IMMUTABLE parts (to_tsvector with a literal regconfig, CASE over the
 * row), as a stored generated column requires; the CASE is built from SEARCH_CONFIG_BY_LANGUAGE.
 */
const STATUS_SEARCH_DOCUMENT = (() => {
  const whens = Object.entries(SEARCH_CONFIG_BY_LANGUAGE)
    .map(([code, config]) => `when '${code}' then '${config}'::regconfig`)
    .join(' ');
  const body = `"spoiler_text" || ' ' || "text"`;
  return `to_tsvector(case coalesce("language", 'en') ${whens} else 'simple'::regconfig end, ${body}) || to_tsvector('simple'::regconfig, ${body})`;
})();

/**
 * A post. `text` is the author's source; `contentHtml` the sanitised rendering. A reblog is a row
 * with reblogOfId set and no text of its own.
 */
export const statuses = pgTable(
  'statuses',
  {
    id: snowflake('id').primaryKey(),
    uri: text('uri'),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    text: text('text').notNull().default(''),
    contentHtml: text('content_html').notNull().default(''),
    spoilerText: text('spoiler_text').notNull().default(''),
    sensitive: boolean('sensitive').notNull().default(false),
    visibility: text('visibility').$type<Visibility>().notNull(),
    language: text('language'),
    inReplyToId: snowflake('in_reply_to_id'),
    inReplyToAccountId: snowflake('in_reply_to_account_id'),
    reblogOfId: snowflake('reblog_of_id'),
    quoteOfId: snowflake('quote_of_id'),
    quotePolicy: text('quote_policy').$type<QuotePolicy>().notNull().default('public'),
    repliesCount: integer('replies_count').notNull().default(0),
    reblogsCount: integer('reblogs_count').notNull().default(0),
    favouritesCount: integer('favourites_count').notNull().default(0),
    quotesCount: integer('quotes_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    /** Full-text search document, kept by PostgreSQL itself (see STATUS_SEARCH_DOCUMENT). */
    searchVector: tsvector('search_vector').notNull().generatedAlwaysAs(sql.raw(STATUS_SEARCH_DOCUMENT)),
  },
  (t) => [
    index('statuses_account_id_id_idx').on(t.accountId, t.id.desc().nullsFirst()),
    index('statuses_in_reply_to_id_idx').on(t.inReplyToId),
    index('statuses_reblog_of_id_idx').on(t.reblogOfId),
    index('statuses_quote_of_id_idx').on(t.quoteOfId),
    index('statuses_public_id_idx')
      .on(t.id.desc().nullsFirst())
      .where(sql`${t.visibility} = 'public' and ${t.reblogOfId} is null`),
    uniqueIndex('statuses_one_reblog_per_account_key')
      .on(t.accountId, t.reblogOfId)
      .where(sql`${t.reblogOfId} is not null`),
    // NOTE: fastupdate off: a pending list would make every search scan up to 4 MB of unsorted
    // entries, and make one unlucky insert pay for merging them. Direct updates cost each new
    // status a little and keep search latency flat.
    index('statuses_search_vector_idx').using('gin', t.searchVector).with({ fastupdate: false }),
  ],
);

/** Earlier versions of an edited status, oldest first, for /history. */
export const statusEdits = pgTable(
  'status_edits',
  {
    id: snowflake('id').primaryKey(),
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    contentHtml: text('content_html').notNull(),
    spoilerText: text('spoiler_text').notNull(),
    sensitive: boolean('sensitive').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('status_edits_status_id_idx').on(t.statusId, t.id)],
);

export const mentions = pgTable(
  'mentions',
  {
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.statusId, t.accountId] }),
    index('mentions_account_id_idx').on(t.accountId, t.statusId.desc().nullsFirst()),
  ],
);

export const tags = pgTable(
  'tags',
  {
    id: snowflake('id').primaryKey(),
    /** Lower-cased for matching; `display` keeps the first spelling seen. */
    name: text('name').notNull().unique(),
    display: text('display').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  // NOTE: text_pattern_ops lets `name like 'prefix%'` (hashtag autocomplete) use an index whatever
  // the database collation; the unique index above only serves equality.
  (t) => [index('tags_name_prefix_idx').on(t.name.op('text_pattern_ops'))],
);

export const statusTags = pgTable(
  'status_tags',
  {
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    tagId: snowflake('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.statusId, t.tagId] }),
    index('status_tags_tag_id_idx').on(t.tagId, t.statusId.desc().nullsFirst()),
  ],
);

export const favourites = pgTable(
  'favourites',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('favourites_account_status_key').on(t.accountId, t.statusId),
    index('favourites_status_id_idx').on(t.statusId, t.id.desc().nullsFirst()),
  ],
);

export const bookmarks = pgTable(
  'bookmarks',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('bookmarks_account_status_key').on(t.accountId, t.statusId)],
);

export const pins = pgTable(
  'pins',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('pins_account_status_key').on(t.accountId, t.statusId)],
);

/** Idempotency-Key: the same key from the same account within a day returns the first status. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.key] })],
);

export type StatusRow = typeof statuses.$inferSelect;
export type StatusEditRow = typeof statusEdits.$inferSelect;
export type TagRow = typeof tags.$inferSelect;
