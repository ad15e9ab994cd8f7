import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { generateId } from '../../db/ids.ts';
import { type MediaAttachmentRow, mediaAttachments } from '../../db/schema/index.ts';
import { type PhiDecision, recordPhiAudit } from '../phi/gate.ts';
import { inspectAudioVideo } from './av.ts';
import { detectFormat } from './detect.ts';
import { processImage } from './image.ts';
import { guardDescription, normalizeDescription, parseFocus } from './input.ts';
import { assertWithinSizeLimit, assertWithinUploadLimit } from './limits.ts';
import { assertNoActivePayload } from './payload-scan.ts';

export interface CreateMediaInput {
  /** The uploaded file's bytes; its name and declared type are deliberately not used. */
  bytes: Uint8Array;
  /** Alt text, ≤ 1,500 characters. */
  description?: string | null | undefined;
  /** Focal point "x,y" in [-1, 1]. */
  focus?: string | null | undefined;
  /** The author's answer to identifiers found in the description (Rounds API; Mastodon apps send none). */
  phi?: PhiDecision | undefined;
}

interface StoredFile {
  key: string;
  bytes: Uint8Array;
  mime: string;
}

/** Stores files one by one; if any fails, the ones already stored are removed again. */
async function storeAll(ctx: AppContext, files: StoredFile[]): Promise<void> {
  const stored: string[] = [];
  try {
    for (const file of files) {
      await ctx.storage.put(file.key, file.bytes, file.mime);
      stored.push(file.key);
    }
  } catch (error) {
    await removeQuietly(ctx, stored);
    throw error;
  }
}

async function removeQuietly(ctx: AppContext, keys: string[]): Promise<void> {
  for (const key of keys) {
    await ctx.storage.delete(key).catch((error) => {
      ctx.logger.error('could not remove a stored media file', { key, error: String(error) });
    });
  }
}

/**
 * Accepts an upload for `accountId`: decides its type from its bytes, enforces the size and pixel
 * limits (413/422 naming the limit), refuses polyglots and files whose structure disagrees with
 * their type, re-encodes images without any metadata (with a preview and blurhash), stores the
 * files and then the row. It is all or nothing: a refused or failed upload leaves no row and no
 * file behind. The description passes the PHI gate first. The attachment is ready (not
 * processing) when this returns.
 */
export async function createMedia(
  ctx: AppContext,
  accountId: string,
  input: CreateMediaInput,
): Promise<MediaAttachmentRow> {
  const focus = parseFocus(input.focus);
  const { description, audit } = await guardDescription(
    ctx.db,
    accountId,
    normalizeDescription(input.description),
    input.phi,
  );
  const { bytes } = input;
  assertWithinUploadLimit(bytes.length);
  const detected = await detectFormat(bytes);
  assertWithinSizeLimit(detected.kind, bytes.length);

  const now = ctx.clock.now();
  const id = generateId(now.getTime());
  // A random token in the key: media URLs cannot be guessed from the (time-ordered) id.
  const folder = `${id}-${randomBytes(9).toString('base64url')}`;
  let row: MediaAttachmentRow;
  let files: StoredFile[];

  if (detected.kind === 'image') {
    // Re-encoding drops any payload anyway; refusing it tells the sender the file was tampered with.
    assertNoActivePayload(bytes);
    const image = await processImage(bytes, detected.format);
    files = [
      {
        key: `${folder}/original.${image.original.ext}`,
        bytes: image.original.bytes,
        mime: image.original.mime,
      },
      { key: `${folder}/small.${image.preview.ext}`, bytes: image.preview.bytes, mime: image.preview.mime },
    ];
    row = {
      id,
      accountId,
      statusId: null,
      position: 0,
      type: 'image',
      mimeType: image.original.mime,
      originalKey: files[0]!.key,
      previewKey: files[1]!.key,
      fileSize: image.original.bytes.length,
      meta: image.meta,
      description,
      blurhash: image.blurhash,
      focusX: focus.x,
      focusY: focus.y,
      state: 'ready',
      createdAt: now,
    };
  } else {
    const av = inspectAudioVideo(bytes, detected.format);
    // The bytes that will be served as they are (an MP3's tags, which may hold show notes, are not).
    assertNoActivePayload(av.bytes);
    files = [{ key: `${folder}/original.${av.ext}`, bytes: av.bytes, mime: av.mime }];
    row = {
      id,
      accountId,
      statusId: null,
      position: 0,
      type: av.type,
      mimeType: av.mime,
      originalKey: files[0]!.key,
      previewKey: null,
      fileSize: av.bytes.length,
      meta: av.meta,
      description,
      blurhash: null,
      focusX: focus.x,
      focusY: focus.y,
      state: 'ready',
      createdAt: now,
    };
  }

  await storeAll(ctx, files);
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(mediaAttachments).values(row);
      if (audit) await recordPhiAudit(tx, audit, accountId, id, now);
    });
  } catch (error) {
    await removeQuietly(
      ctx,
      files.map((f) => f.key),
    );
    throw error;
  }
  return row;
}
