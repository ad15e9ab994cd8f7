import { listFavouritedStatusIds } from '../../domain/statuses/index.ts';
import { requireUser } from '../auth.ts';
import { presentStatuses } from '../entities/status.ts';
import type { MastodonApp } from '../env.ts';
import { readPage, setLinkHeader } from '../pagination.ts';

/** GET /api/v1/favourites: statuses the signed-in user favourited, newest favourite first. */
export function registerFavourites(app: MastodonApp): void {
  app.get('/api/v1/favourites', async (c) => {
    const me = requireUser(c, 'read:favourites');
    const ctx = c.get('ctx');
    const page = await listFavouritedStatusIds(ctx, me.account.id, readPage(c));
    setLinkHeader(c, page.cursors, ctx.config.publicUrl);
    return c.json(await presentStatuses(ctx, page.items, me.account.id));
  });
}
