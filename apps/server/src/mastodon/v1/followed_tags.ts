import { listFollowedTags } from '../../domain/social/followed-tags.ts';
import { requireUser } from '../auth.ts';
import type { MastodonApp } from '../env.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { presentTags } from './tags.ts';

/** GET /api/v1/followed_tags: the hashtags the signed-in account follows. */
export function registerFollowedTags(app: MastodonApp): void {
  app.get('/api/v1/followed_tags', async (c) => {
    const me = requireUser(c, 'read:follows');
    const ctx = c.get('ctx');
    const items = await listFollowedTags(ctx, me.account.id, readPage(c, 200, 100));
    setLinkHeader(
      c,
      items.map((i) => i.cursor),
      ctx.config.publicUrl,
    );
    return c.json(
      await presentTags(
        ctx,
        items.map((i) => ({ tag: i.tag, following: true })),
      ),
    );
  });
}
