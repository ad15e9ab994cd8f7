import type { ScheduledStatusParams } from '../../db/schema/index.ts';
import type { PollInput } from '../../domain/polls/input.ts';
import type { ScheduledStatusView } from '../../domain/scheduled/index.ts';
import type { MediaStorage } from '../../storage/media-storage.ts';
import { type MediaAttachmentEntity, renderMediaAttachment } from './media-attachment.ts';

/** Mastodon's ScheduledStatus `params[poll]`. */
function renderPoll(poll: ScheduledStatusParams['poll']) {
  if (!poll) return null;
  const p = poll as PollInput;
  return {
    options: [...p.options],
    expires_in: p.expiresIn,
    multiple: p.multiple ?? false,
    hide_totals: p.hideTotals ?? false,
  };
}

/**
 * Mastodon's ScheduledStatus entity. As Mastodon, `params` echoes the post to be made (with the
 * server's defaults filled in), `scheduled_at` and `idempotency` inside it are null (the post is
 * scheduled once), `with_rate_limit` is false, and `in_reply_to_id` and `application_id` are JSON
 * integers: they are BigInts here, which only `scheduledStatusJson` can write.
 */
export function renderScheduledStatus(storage: MediaStorage, view: ScheduledStatusView) {
  const { row, media } = view;
  const p = row.params;
  return {
    id: row.id,
    scheduled_at: row.scheduledAt.toISOString(),
    params: {
      text: p.text,
      poll: renderPoll(p.poll),
      media_ids: media.length > 0 ? media.map((m) => m.id) : null,
      sensitive: p.sensitive,
      spoiler_text: p.spoilerText,
      visibility: p.visibility,
      language: p.language,
      scheduled_at: null,
      idempotency: null,
      with_rate_limit: false,
      in_reply_to_id: p.inReplyToId === null ? null : BigInt(p.inReplyToId),
      // NOTE: null only for a token issued without an app (test fixtures); OAuth always has one.
      application_id: row.appId === null ? null : BigInt(row.appId),
      quoted_status_id: p.quotedStatusId,
      quote_approval_policy: p.quotePolicy,
    },
    media_attachments: media.map((m): MediaAttachmentEntity => renderMediaAttachment(storage, m)),
  };
}

export type ScheduledStatusEntity = ReturnType<typeof renderScheduledStatus>;

// Stored text can never hold a NUL character (PostgreSQL refuses it), so this marker cannot clash.
const INTEGER_MARK = '\u0000integer:';
const MARKED_INTEGER = /"\\u0000integer:(-?\d+)"/g;

/**
 * JSON for ScheduledStatus entities, with BigInt values written as exact integers: Mastodon sends
 * 64-bit ids there as numbers, which JSON.stringify cannot write without rounding them.
 */
export function scheduledStatusJson(value: ScheduledStatusEntity | ScheduledStatusEntity[]): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint' ? `${INTEGER_MARK}${v}` : v,
  ).replace(MARKED_INTEGER, '$1');
}
