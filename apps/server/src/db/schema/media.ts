import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { accounts } from './accounts.ts';
import { statuses } from './statuses.ts';

export type MediaType = 'image' | 'gifv' | 'video' | 'audio' | 'unknown';
export type MediaState = 'processing' | 'ready' | 'failed';

/** An uploaded file. Unattached (statusId null) rows older than a day are cleaned up. */
export const mediaAttachments = pgTable(
  'media_attachments',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    statusId: snowflake('status_id').references(() => statuses.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(0),
    type: text('type').$type<MediaType>().notNull(),
    mimeType: text('mime_type').notNull(),
    /** Storage keys (relative to the media store), never absolute URLs. */
    originalKey: text('original_key'),
    previewKey: text('preview_key'),
    fileSize: bigint('file_size', { mode: 'number' }).notNull().default(0),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    description: text('description'),
    blurhash: text('blurhash'),
    focusX: real('focus_x').notNull().default(0),
    focusY: real('focus_y').notNull().default(0),
    state: text('state').$type<MediaState>().notNull().default('processing'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('media_attachments_status_id_idx').on(t.statusId, t.position),
    index('media_attachments_unattached_idx').on(t.createdAt).where(sql`${t.statusId} is null`),
  ],
);

export type MediaAttachmentRow = typeof mediaAttachments.$inferSelect;
