import { zGroupedNotificationParams, zGroupKey, zUnreadCountParams } from '@rounds/contract';
import type { Context } from 'hono';
import { NotFoundError } from '../../domain/errors.ts';
import {
  countUnreadNotificationGroups,
  dismissNotificationGroup,
  getNotificationGroup,
  listNotificationGroupAccounts,
  listNotificationGroups,
} from '../../domain/notifications/index.ts';
import { requireUser } from '../auth.ts';
import { renderAccount } from '../entities/account.ts';
import { renderDefaultNotificationPolicy, renderGroupedNotifications } from '../entities/notification.ts';
import type { MastodonApp, MastodonEnv } from '../env.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { parseWith, readQuery } from '../params.ts';
import { notificationFilter } from '../v1/notifications.ts';

function groupKeyParam(c: Context<MastodonEnv>): string {
  const parsed = zGroupKey.safeParse(c.req.param('group_key'));
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** /api/v2/notifications: notifications folded into groups (Mastodon 4.3+ clients). */
export function registerGroupedNotifications(app: MastodonApp): void {
  app.get('/api/v2/notifications', async (c) => {
    const me = requireUser(c, 'read:notifications');
    const ctx = c.get('ctx');
    const p = parseWith(zGroupedNotificationParams, readQuery(c));
    const result = await listNotificationGroups(
      ctx,
      me.account.id,
      { ...notificationFilter(p), groupedTypes: p.grouped_types },
      readPage(c, 80, 40),
    );
    setLinkHeader(c, result.cursors, ctx.config.publicUrl);
    return c.json(renderGroupedNotifications(ctx.config, result));
  });

  app.get('/api/v2/notifications/unread_count', async (c) => {
    const me = requireUser(c, 'read:notifications');
    const p = parseWith(zUnreadCountParams, readQuery(c));
    const count = await countUnreadNotificationGroups(
      c.get('ctx'),
      me.account.id,
      { ...notificationFilter(p), groupedTypes: p.grouped_types },
      p.limit ?? 100,
    );
    return c.json({ count });
  });

  app.get('/api/v2/notifications/policy', (c) => {
    requireUser(c, 'read:notifications');
    return c.json(renderDefaultNotificationPolicy());
  });

  app.get('/api/v2/notifications/:group_key', async (c) => {
    const me = requireUser(c, 'read:notifications');
    const ctx = c.get('ctx');
    const group = await getNotificationGroup(ctx, me.account.id, groupKeyParam(c));
    return c.json(renderGroupedNotifications(ctx.config, group));
  });

  app.get('/api/v2/notifications/:group_key/accounts', async (c) => {
    const me = requireUser(c, 'read:notifications');
    const ctx = c.get('ctx');
    const rows = await listNotificationGroupAccounts(ctx, me.account.id, groupKeyParam(c), 80);
    return c.json(rows.map((a) => renderAccount(ctx.config, a)));
  });

  app.post('/api/v2/notifications/:group_key/dismiss', async (c) => {
    const me = requireUser(c, 'write:notifications');
    await dismissNotificationGroup(c.get('ctx'), me.account.id, groupKeyParam(c));
    return c.json({});
  });
}
