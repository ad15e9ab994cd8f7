/** Scheduled statuses: posts checked now and published later through the normal status creation. */
export { SCHEDULED_LIMITS } from './limits.ts';
export {
  cancelScheduledStatus,
  getScheduledStatus,
  listScheduledStatuses,
  rescheduleStatus,
} from './manage.ts';
export {
  claimDueStatuses,
  PUBLISH_LEASE_MS,
  type PublishOutcome,
  publishScheduledStatus,
} from './publish.ts';
export { type SchedulingAuthor, scheduleStatus } from './schedule.ts';
export type { ScheduledStatusView } from './views.ts';
