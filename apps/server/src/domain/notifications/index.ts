/** Notifications: created from domain events, read as a list or in groups; and read markers. */
export { createNotifications, isGroupable, type NotificationInput } from './create.ts';
export {
  countUnreadNotificationGroups,
  dismissNotificationGroup,
  type GroupedNotifications,
  type GroupFilter,
  getNotificationGroup,
  listNotificationGroupAccounts,
  listNotificationGroups,
  type NotificationGroupItem,
  SAMPLE_ACCOUNTS_SIZE,
} from './groups.ts';
export { getMarkers, type Marker, type MarkerTimeline, saveMarkers } from './markers.ts';
export {
  clearNotifications,
  countUnreadNotifications,
  dismissNotification,
  getNotification,
  listNotifications,
  type NotificationPage,
} from './queries.ts';
export {
  type HydratedNotification,
  hasStatus,
  hydrateNotifications,
  type NotificationFilter,
  shownTo,
} from './read.ts';
export { recipientsWhoCanSee, subscribeNotifications } from './subscribe.ts';
