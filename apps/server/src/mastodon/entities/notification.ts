import type { Config } from '../../config/index.ts';
import type { NotificationType } from '../../db/schema/index.ts';
import type {
  GroupedNotifications,
  HydratedNotification,
  Marker,
  NotificationGroupItem,
} from '../../domain/notifications/index.ts';
import { type AccountEntity, renderAccount } from './account.ts';
import { renderStatus, type StatusEntity } from './status.ts';

/** Mastodon's Notification entity. `status` is present only for types about a status. */
export interface NotificationEntity {
  id: string;
  type: NotificationType;
  created_at: string;
  group_key: string;
  account: AccountEntity;
  status?: StatusEntity;
}

export function renderNotification(config: Config, n: HydratedNotification): NotificationEntity {
  return {
    id: n.row.id,
    type: n.row.type,
    created_at: n.row.createdAt.toISOString(),
    group_key: n.row.groupKey,
    account: renderAccount(config, n.account),
    ...(n.status ? { status: renderStatus(config, n.status) } : {}),
  };
}

/** Mastodon's NotificationGroup entity. */
export interface NotificationGroupEntity {
  group_key: string;
  notifications_count: number;
  type: NotificationType;
  /**
   * NOTE: Mastodon serialises this one id as a JSON number (its ids are small sequences). Ours are
   * 64-bit and would lose precision in JavaScript clients, so it is a string, as the prose
   * documentation and Mastodon's own web client type it.
   */
  most_recent_notification_id: string;
  page_min_id?: string;
  page_max_id?: string;
  latest_page_notification_at?: string;
  sample_account_ids: string[];
  status_id?: string;
}

export function renderNotificationGroup(g: NotificationGroupItem): NotificationGroupEntity {
  return {
    group_key: g.groupKey,
    notifications_count: g.notificationsCount,
    type: g.type,
    most_recent_notification_id: g.mostRecentNotificationId,
    ...(g.page
      ? {
          page_min_id: g.page.minId,
          page_max_id: g.page.maxId,
          latest_page_notification_at: g.page.latestAt.toISOString(),
        }
      : {}),
    sample_account_ids: g.sampleAccountIds,
    ...(g.statusId ? { status_id: g.statusId } : {}),
  };
}

/** Mastodon's GroupedNotificationsResults: groups with their accounts and statuses side-loaded. */
export function renderGroupedNotifications(config: Config, r: Omit<GroupedNotifications, 'cursors'>) {
  return {
    accounts: r.accounts.map((a) => renderAccount(config, a)),
    statuses: r.statuses.map((s) => renderStatus(config, s)),
    notification_groups: r.items.map(renderNotificationGroup),
  };
}

/** Mastodon's Marker entity. */
export function renderMarker(m: Marker) {
  return { last_read_id: m.lastReadId, version: m.version, updated_at: m.updatedAt.toISOString() };
}

/**
 * Mastodon's NotificationPolicy. Rounds does not filter notifications into requests yet, so every
 * category is accepted and nothing is pending: the truthful answer, not a setting pretending to work.
 */
export function renderDefaultNotificationPolicy() {
  return {
    for_not_following: 'accept',
    for_not_followers: 'accept',
    for_new_accounts: 'accept',
    for_private_mentions: 'accept',
    for_limited_accounts: 'accept',
    summary: { pending_requests_count: 0, pending_notifications_count: 0 },
  };
}
