import { z } from 'zod';
import { zId, zInt, zStringList } from './params.ts';

/** Every notification type Rounds produces, in Mastodon's spelling. */
export const NOTIFICATION_TYPES = [
  'mention',
  'status',
  'reblog',
  'follow',
  'follow_request',
  'favourite',
  'poll',
  'update',
  'quote',
  'quoted_update',
] as const;
export type NotificationTypeName = (typeof NOTIFICATION_TYPES)[number];

/** Types that /api/v2/notifications folds into one group (as Mastodon). */
export const GROUPABLE_NOTIFICATION_TYPES = ['favourite', 'reblog', 'follow'] as const;

/**
 * `types[]`, `exclude_types[]`, `account_id`: the filters shared by the list and count endpoints.
 * Unknown type names are kept and ignored later, as Mastodon does, so newer clients do not fail.
 */
const zNotificationFilters = z.object({
  types: zStringList.optional(),
  exclude_types: zStringList.optional(),
  account_id: zId.optional(),
});

/** GET /api/v1/notifications (pagination is read separately). */
export const zNotificationListParams = zNotificationFilters;
export type NotificationListParams = z.output<typeof zNotificationListParams>;

/** GET /api/v2/notifications: the v1 filters plus which types may be grouped. */
export const zGroupedNotificationParams = zNotificationFilters.extend({
  grouped_types: zStringList.optional(),
  expand_accounts: z
    .enum(['full', 'partial_avatars'], { message: 'must be full or partial_avatars' })
    .optional(),
});
export type GroupedNotificationParams = z.output<typeof zGroupedNotificationParams>;

/** GET /api/v1|v2/notifications/unread_count: capped at `limit` (default 100, at most 1000). */
export const zUnreadCountParams = zGroupedNotificationParams.extend({
  limit: zInt(1, 1000).optional(),
});
export type UnreadCountParams = z.output<typeof zUnreadCountParams>;

/** A notification group key as Mastodon forms them (`favourite-1-2`, `ungrouped-3`). */
export const zGroupKey = z
  .string()
  .regex(/^[a-z_]+(-\d+)+$/, 'must be a notification group key such as ungrouped-123');

export const MARKER_TIMELINES = ['home', 'notifications'] as const;
export type MarkerTimeline = (typeof MARKER_TIMELINES)[number];

/** GET /api/v1/markers?timeline[]=home&timeline[]=notifications (unknown timelines are ignored). */
export const zMarkerQuery = z.object({ timeline: zStringList.optional() });

const zMarkerPosition = z.object({ last_read_id: zId });

/** POST /api/v1/markers with `home[last_read_id]` and/or `notifications[last_read_id]`. */
export const zSaveMarkersParams = z.object({
  home: zMarkerPosition.optional(),
  notifications: zMarkerPosition.optional(),
});
export type SaveMarkersParams = z.output<typeof zSaveMarkersParams>;
