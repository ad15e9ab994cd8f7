import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { isId } from '../../db/ids.ts';
import { type MediaAttachmentRow, mediaAttachments } from '../../db/schema/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { type PhiDecision, recordPhiAudit } from '../phi/gate.ts';
import { guardDescription, normalizeDescription, parseFocus } from './input.ts';

/** The account's own attachment or null: another account's media is indistinguishable from none. */
export async function findOwnMedia(
  db: DbOrTx,
  accountId: string,
  mediaId: string,
): Promise<MediaAttachmentRow | null> {
  if (!isId(mediaId)) return null;
  const [row] = await db
    .select()
    .from(mediaAttachments)
    .where(and(eq(mediaAttachments.id, mediaId), eq(mediaAttachments.accountId, accountId)));
  return row ?? null;
}

/** The account's own attachment; 404 for anyone else's (its existence is not revealed). */
export async function getMedia(
  ctx: AppContext,
  accountId: string,
  mediaId: string,
): Promise<MediaAttachmentRow> {
  const row = await findOwnMedia(ctx.db, accountId, mediaId);
  if (!row) throw new NotFoundError('Media attachment not found');
  return row;
}

export interface UpdateMediaInput {
  description?: string | null | undefined;
  focus?: string | null | undefined;
  phi?: PhiDecision | undefined;
}

/**
 * Changes alt text (through the PHI gate) and focal point of the account's own attachment while it
 * is not yet posted.
 * Once attached, the post is edited instead (PUT /api/v1/statuses/:id with media_attributes), so
 * the change is part of the post's history and reaches followers as an edit.
 */
export async function updateMedia(
  ctx: AppContext,
  accountId: string,
  mediaId: string,
  input: UpdateMediaInput,
): Promise<MediaAttachmentRow> {
  const row = await getMedia(ctx, accountId, mediaId);
  if (row.statusId !== null) {
    throw new ValidationError(
      'id: this media is already attached to a post; edit the post to change its description or focus',
      'id',
    );
  }
  const changes: Partial<MediaAttachmentRow> = {};
  let audit = null;
  if (input.description !== undefined) {
    const guarded = await guardDescription(
      ctx.db,
      accountId,
      normalizeDescription(input.description),
      input.phi,
    );
    changes.description = guarded.description;
    audit = guarded.audit;
  }
  if (input.focus !== undefined) {
    const focus = parseFocus(input.focus);
    changes.focusX = focus.x;
    changes.focusY = focus.y;
  }
  if (Object.keys(changes).length === 0) return row;
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(mediaAttachments)
      .set(changes)
      .where(and(eq(mediaAttachments.id, row.id), isNull(mediaAttachments.statusId)))
      .returning();
    if (!updated) {
      throw new ValidationError(
        'id: this media was attached to a post meanwhile; edit the post instead',
        'id',
      );
    }
    if (audit) await recordPhiAudit(tx, audit, accountId, row.id, ctx.clock.now());
    return updated;
  });
}

/** Removes the stored files first, then the row: a deleted upload never stays reachable by URL. */
export async function removeMediaFiles(ctx: AppContext, row: MediaAttachmentRow): Promise<void> {
  for (const key of [row.originalKey, row.previewKey]) {
    if (key) await ctx.storage.delete(key);
  }
}

/**
 * Deletes the account's own attachment that is not attached to a post (422 otherwise: delete or
 * edit the post instead), files and row.
 */
export async function deleteMedia(ctx: AppContext, accountId: string, mediaId: string): Promise<void> {
  const row = await getMedia(ctx, accountId, mediaId);
  if (row.statusId !== null) {
    throw new ValidationError(
      'id: this media is attached to a post; delete or edit the post to remove it',
      'id',
    );
  }
  await removeMediaFiles(ctx, row);
  await ctx.db
    .delete(mediaAttachments)
    .where(and(eq(mediaAttachments.id, row.id), isNull(mediaAttachments.statusId)));
}
