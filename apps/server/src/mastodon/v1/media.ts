import type { Context } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.ts';
import {
  assertWithinUploadLimit,
  type CreateMediaInput,
  createMedia,
  deleteMedia,
  getMedia,
  updateMedia,
} from '../../domain/media/index.ts';
import { requireUser } from '../auth.ts';
import { renderMediaAttachment } from '../entities/media-attachment.ts';
import type { MastodonApp, MastodonEnv } from '../env.ts';
import { parseWith, readParams } from '../params.ts';

const text = z.string().max(100_000).nullable().optional();

const UploadParams = z.object({
  description: text,
  focus: text,
  // `thumbnail` (a custom preview for audio/video) is accepted and ignored for now.
  thumbnail: z.unknown().optional(),
});

const UpdateParams = z.object({ description: text, focus: text, thumbnail: z.unknown().optional() });

/**
 * Reads a multipart upload: the `file` part (its name and declared type are ignored: the domain
 * decides by content), `description` and `focus`. Shared by /api/v1/media and /api/v2/media.
 */
export async function readMediaUpload(c: Context<MastodonEnv>): Promise<CreateMediaInput> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (!type.includes('multipart/form-data')) {
    throw new ValidationError(
      'file: send the upload as multipart/form-data with the file in a part named "file"',
      'file',
    );
  }
  const params = await readParams(c);
  const file = params.file;
  if (!(file instanceof Blob)) {
    throw new ValidationError('file: attach the file in a multipart part named "file"', 'file');
  }
  // Checked before reading the bytes: nothing larger than any limit is copied into memory again.
  assertWithinUploadLimit(file.size);
  const { description, focus } = parseWith(UploadParams, params);
  return { bytes: new Uint8Array(await file.arrayBuffer()), description, focus };
}

/** /api/v1/media: upload (answered when processed), read, update alt text and focus, delete. */
export function registerMedia(app: MastodonApp): void {
  app.post('/api/v1/media', async (c) => {
    const me = requireUser(c, 'write:media');
    const ctx = c.get('ctx');
    const row = await createMedia(ctx, me.account.id, await readMediaUpload(c));
    return c.json(renderMediaAttachment(ctx.storage, row));
  });

  app.get('/api/v1/media/:id', async (c) => {
    const me = requireUser(c, 'write:media');
    const ctx = c.get('ctx');
    const row = await getMedia(ctx, me.account.id, c.req.param('id'));
    if (row.state === 'failed') {
      throw new ValidationError('This file could not be processed; upload it again', 'file');
    }
    // 206 tells polling clients the file is still being processed; 200 once the URL is there.
    return c.json(renderMediaAttachment(ctx.storage, row), row.state === 'processing' ? 206 : 200);
  });

  app.put('/api/v1/media/:id', async (c) => {
    const me = requireUser(c, 'write:media');
    const ctx = c.get('ctx');
    const params = parseWith(UpdateParams, await readParams(c));
    const row = await updateMedia(ctx, me.account.id, c.req.param('id'), {
      description: params.description,
      focus: params.focus,
    });
    return c.json(renderMediaAttachment(ctx.storage, row));
  });

  app.delete('/api/v1/media/:id', async (c) => {
    const me = requireUser(c, 'write:media');
    await deleteMedia(c.get('ctx'), me.account.id, c.req.param('id'));
    return c.json({});
  });
}
