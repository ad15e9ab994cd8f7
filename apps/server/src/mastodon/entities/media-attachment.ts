import type { MediaAttachmentRow, MediaType } from '../../db/schema/index.ts';
import type { MediaStorage } from '../../storage/media-storage.ts';

/** Mastodon's MediaAttachment entity. */
export interface MediaAttachmentEntity {
  id: string;
  type: MediaType;
  /** null while the file is still being processed (v2 upload answered 202). */
  url: string | null;
  preview_url: string | null;
  remote_url: string | null;
  preview_remote_url: string | null;
  text_url: string | null;
  meta: Record<string, unknown>;
  description: string | null;
  blurhash: string | null;
}

/**
 * Renders an attachment: URLs from the media store (never stored in the row), `meta` with the
 * focal point for images. Used by the media routes and by the Status entity's media_attachments.
 */
export function renderMediaAttachment(storage: MediaStorage, row: MediaAttachmentRow): MediaAttachmentEntity {
  const ready = row.state === 'ready';
  const meta: Record<string, unknown> = { ...row.meta };
  if (row.type === 'image' || row.type === 'gifv') meta.focus = { x: row.focusX, y: row.focusY };
  return {
    id: row.id,
    type: row.type,
    url: ready && row.originalKey ? storage.url(row.originalKey) : null,
    preview_url: row.previewKey ? storage.url(row.previewKey) : null,
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta,
    description: row.description,
    blurhash: row.blurhash,
  };
}
