import { createMedia } from '../../domain/media/index.ts';
import { requireUser } from '../auth.ts';
import { renderMediaAttachment } from '../entities/media-attachment.ts';
import type { MastodonApp } from '../env.ts';
import { readMediaUpload } from '../v1/media.ts';

/**
 * POST /api/v2/media. Rounds processes every accepted file within the request (images are
 * re-encoded, audio and video checked and stored as sent), so the answer is 200 with the URL; a
 * row still processing would be answered 202 with `url: null`, as Mastodon does for large videos.
 */
export function registerMediaV2(app: MastodonApp): void {
  app.post('/api/v2/media', async (c) => {
    const me = requireUser(c, 'write:media');
    const ctx = c.get('ctx');
    const row = await createMedia(ctx, me.account.id, await readMediaUpload(c));
    return c.json(renderMediaAttachment(ctx.storage, row), row.state === 'processing' ? 202 : 200);
  });
}
