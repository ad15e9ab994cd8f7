import { zNotificationListParams, zUnreadCountParams } from '@rounds/contract';
import {
  clearNotifications,
  countUnreadNotifications,
  dismissNotification,
  getNotification,
  listNotifications,
} from '../../domain/notifications/index.ts';
import { requireUser } from '../auth.ts';
import { renderNotification } from '../entities/notification.ts';
import type { MastodonApp } from '../env.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { parseWith, pathId, readQuery } from '../params.ts';

/** Mastodon's `types[]`, `exclude_types[]`, `account_id` as the domain's filter. */
export function notificationFilter(p: { types?: string[]; exclude_types?: string[]; account_id?: string }) {
  return { types: p.types, excludeTypes: p.exclude_types, fromAccountId: p.account_id };
}

/** /api/v1/notifications: the signed-in user's notifications, one by one. */
export function registerNotifications(app: MastodonApp): void {
  app.get('/api/v1/notifications', async (c) => {
    const me = requireUser(c, 'read:notifications');
    const ctx = c.get('ctx');
    const p = parseWith(zNotificationListParams, readQuery(c));
    const page = await listNotifications(ctx, me.account.id, notificationFilter(p), readPage(c, 80, 40));
    setLinkHeader(c, page.cursors, ctx.config.publicUrl);
    return c.json(page.items.map((n) => renderNotification(ctx.config, n)));
  });

  app.get('/api/v1/notifications/unread_count', async (c) => {
    const me = requireUser(c, 'read:notifications');
    const p = parseWith(zUnreadCountParams, readQuery(c));
    const count = await countUnreadNotifications(
      c.get('ctx'),
      me.account.id,
      notificationFilter(p),
      p.limit ?? 100,
    );
    return c.json({ count });
  });

  // Rounds never files notifications away as requests (see the policy in /api/v2), so none wait.
  app.get('/api/v1/notifications/requests', (c) => {
    requireUser(c, 'read:notifications');
    return c.json([]);
  });

  app.post('/api/v1/notifications/clear', async (c) => {
    const me = requireUser(c, 'write:notifications');
    await clearNotifications(c.get('ctx'), me.account.id);
    return c.json({});
  });

  app.get('/api/v1/notifications/:id{[0-9]+}', async (c) => {
    const me = requireUser(c, 'read:notifications');
    const ctx = c.get('ctx');
    const item = await getNotification(ctx, me.account.id, pathId(c));
    return c.json(renderNotification(ctx.config, item));
  });

  app.post('/api/v1/notifications/:id{[0-9]+}/dismiss', async (c) => {
    const me = requireUser(c, 'write:notifications');
    await dismissNotification(c.get('ctx'), me.account.id, pathId(c));
    return c.json({});
  });
}
