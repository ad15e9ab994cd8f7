import { and, asc, eq, inArray, isNull, notInArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { isId } from '../../db/ids.ts';
import { type MediaAttachmentRow, mediaAttachments } from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import { type PendingPhiAudit, type PhiDecision, recordPhiAudit } from '../phi/gate.ts';
import { guardDescription, normalizeDescription, parseFocus } from './input.ts';
import { MAX_ATTACHMENTS } from './limits.ts';

/** `media_attributes[]` of a status edit: new alt text or focus for an attachment of the post. */
export interface MediaAttributes {
  id: string;
  description?: string | null | undefined;
  focus?: string | null | undefined;
  /** The author's answer to identifiers found in the description (Rounds API only). */
  phi?: PhiDecision | undefined;
}

function refuse(message: string): ValidationError {
  return new ValidationError(`media_ids: ${message}`, 'media_ids');
}

/**
 * Attaches the account's uploads to a status, in the given order (position 0..3), inside the
 * caller's transaction. Refuses (422 naming `media_ids`) more than 4, anything not uploaded by this
 * account, already attached to another post, or not ready, and — as Mastodon — a video or audio
 * file together with anything else. Media already on this status may be listed again (edits);
 * media of this status left out of the list are detached, and the hourly clean-up deletes them.
 * `attributes` (a status edit's media_attributes) update alt text (through the PHI gate; `now`
 * stamps any audit entry — pass ctx.clock.now()) and focus of listed media.
 * Returns the attached rows in order.
 */
export async function attachMediaToStatus(
  tx: DbOrTx,
  accountId: string,
  statusId: string,
  mediaIds: readonly string[],
  attributes: readonly MediaAttributes[] = [],
  now: Date = new Date(),
): Promise<MediaAttachmentRow[]> {
  const ids = [...new Set(mediaIds.map(String))];
  if (ids.length > MAX_ATTACHMENTS) {
    throw refuse(`a post can have at most ${MAX_ATTACHMENTS} attachments; ${ids.length} were given`);
  }
  const bad = ids.find((id) => !isId(id));
  if (bad !== undefined) throw refuse(`${JSON.stringify(bad)} is not a media id`);

  const rows = ids.length
    ? await tx
        .select()
        .from(mediaAttachments)
        .where(and(inArray(mediaAttachments.id, ids), eq(mediaAttachments.accountId, accountId)))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) throw refuse(`media ${id} was not found among your uploads (it may have expired after a day)`);
    if (row.statusId !== null && row.statusId !== statusId)
      throw refuse(`media ${id} is already attached to another post`);
    if (row.state !== 'ready') {
      throw refuse(
        row.state === 'failed'
          ? `media ${id} could not be processed; upload it again`
          : `media ${id} is still being processed; try again in a moment`,
      );
    }
  }
  const ordered = ids.map((id) => byId.get(id)!);
  const playable = ordered.filter((r) => r.type === 'video' || r.type === 'audio' || r.type === 'gifv');
  if (playable.length > 0 && ordered.length > 1) {
    throw refuse('a video or audio file must be the only attachment of a post');
  }
  const attrs = new Map(attributes.map((a) => [String(a.id), a]));
  for (const id of attrs.keys()) {
    if (!byId.has(id))
      throw new ValidationError(
        `media_attributes: media ${id} is not among the post's media_ids`,
        'media_attributes',
      );
  }

  // Every change is worked out (and validated, PHI gate included) before the first write.
  const changes: Partial<MediaAttachmentRow>[] = [];
  const audits: [string, PendingPhiAudit][] = [];
  for (const [position, row] of ordered.entries()) {
    const change: Partial<MediaAttachmentRow> = { statusId, position };
    const a = attrs.get(row.id);
    if (a?.description !== undefined) {
      const guarded = await guardDescription(tx, accountId, normalizeDescription(a.description), a.phi);
      change.description = guarded.description;
      if (guarded.audit) audits.push([row.id, guarded.audit]);
    }
    if (a?.focus !== undefined) {
      const focus = parseFocus(a.focus);
      change.focusX = focus.x;
      change.focusY = focus.y;
    }
    changes.push(change);
  }

  await tx
    .update(mediaAttachments)
    .set({ statusId: null })
    .where(
      and(
        eq(mediaAttachments.statusId, statusId),
        ids.length ? notInArray(mediaAttachments.id, ids) : undefined,
      ),
    );
  const attached: MediaAttachmentRow[] = [];
  for (const [position, row] of ordered.entries()) {
    // NOTE: the condition re-checks ownership and attachment, so two posts racing for the same
    // upload cannot both get it; the loser's transaction fails here.
    const [updated] = await tx
      .update(mediaAttachments)
      .set(changes[position]!)
      .where(
        and(
          eq(mediaAttachments.id, row.id),
          eq(mediaAttachments.accountId, accountId),
          or(isNull(mediaAttachments.statusId), eq(mediaAttachments.statusId, statusId)),
        ),
      )
      .returning();
    if (!updated) throw refuse(`media ${row.id} is already attached to another post`);
    attached.push(updated);
  }
  for (const [mediaId, audit] of audits) await recordPhiAudit(tx, audit, accountId, mediaId, now);
  return attached;
}

/**
 * Detaches a status's media when the status is deleted (call it in the deleting transaction,
 * before the row goes), restarting their one-day clock: "delete and redraft" can post them again,
 * and otherwise the clean-up removes them a day later. Returns the detached rows, in order, for the
 * deleted status's response.
 */
export async function detachMediaFromStatus(
  tx: DbOrTx,
  statusId: string,
  now: Date,
): Promise<MediaAttachmentRow[]> {
  const rows = await tx
    .update(mediaAttachments)
    .set({ statusId: null, createdAt: now })
    .where(eq(mediaAttachments.statusId, statusId))
    .returning();
  return rows.sort((a, b) => a.position - b.position);
}

/**
 * Attachments of many statuses in one query (timeline hydration, no N+1), each list in posting
 * order. Statuses without media are absent from the map.
 */
export async function listMediaForStatuses(
  db: DbOrTx,
  statusIds: readonly string[],
): Promise<Map<string, MediaAttachmentRow[]>> {
  const out = new Map<string, MediaAttachmentRow[]>();
  const ids = [...new Set(statusIds)].filter(isId);
  if (ids.length === 0) return out;
  const rows = await db
    .select()
    .from(mediaAttachments)
    .where(inArray(mediaAttachments.statusId, ids))
    .orderBy(asc(mediaAttachments.statusId), asc(mediaAttachments.position), asc(mediaAttachments.id));
  for (const row of rows) {
    const list = out.get(row.statusId!);
    if (list) list.push(row);
    else out.set(row.statusId!, [row]);
  }
  return out;
}
