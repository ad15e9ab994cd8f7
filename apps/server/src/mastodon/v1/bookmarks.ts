import { listBookmarkedStatusIds } from '../../domain/statuses/index.ts';
import { requireUser } from '../auth.ts';
import { presentStatuses } from '../entities/status.ts';
import type { MastodonApp } from '../env.ts';
import { readPage, setLinkHeader } from '../pagination.ts';

/** GET /api/v1/bookmarks: the signed-in user's bookmarks, newest bookmark first. */
export function registerBookmarks(app: MastodonApp): void {
  app.get('/api/v1/bookmarks', async (c) => {
    const me = requireUser(c, 'read:bookmarks');
    const ctx = c.get('ctx');
    const page = await listBookmarkedStatusIds(ctx, me.account.id, readPage(c));
    setLinkHeader(c, page.cursors, ctx.config.publicUrl);
    return c.json(await presentStatuses(ctx, page.items, me.account.id));
  });
}
