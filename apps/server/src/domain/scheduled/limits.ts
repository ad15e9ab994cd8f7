import { and, count, eq, gte, lt, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { scheduledStatuses } from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';

/** Mastodon's limits: at least 5 minutes ahead, 300 pending per account, 25 per (UTC) day. */
export const SCHEDULED_LIMITS = {
  minOffsetMs: 5 * 60 * 1000,
  total: 300,
  daily: 25,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

// A date (`2026-12-01`) or a date and time with optional seconds, fraction and offset.
const ISO_8601 =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/i;

function invalidScheduledAt(): ValidationError {
  return new ValidationError(
    'scheduled_at: must be an ISO 8601 date and time such as 2026-12-01T09:30:00Z',
    'scheduled_at',
  );
}

/**
 * Reads `scheduled_at` as Mastodon does: ISO 8601; a time without an offset, or a date alone
 * (midnight), is UTC. Impossible dates (February 30th) are refused rather than rolled over.
 */
export function parseScheduledAt(raw: string): Date {
  const m = ISO_8601.exec(raw.trim());
  if (!m) throw invalidScheduledAt();
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', offset = 'Z'] = m;
  const zone = offset.toUpperCase() === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${zone}`);
  const calendar = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (Number.isNaN(date.getTime()) || calendar.getUTCDate() !== Number(d)) throw invalidScheduledAt();
  return date;
}

/** As Mastodon: a scheduled post must be at least five minutes in the future. */
export function assertFarEnoughAhead(scheduledAt: Date, now: Date): void {
  if (scheduledAt.getTime() < now.getTime() + SCHEDULED_LIMITS.minOffsetMs) {
    throw new ValidationError(
      'scheduled_at: must be at least 5 minutes from now; to post now, leave scheduled_at out',
      'scheduled_at',
    );
  }
}

function utcDay(at: Date): { start: Date; end: Date } {
  const start = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
  return { start: new Date(start), end: new Date(start + DAY_MS) };
}

/**
 * The account's pending scheduled posts stay within 300 in all and 25 on the UTC day of
 * `scheduledAt`. `exceptId` leaves out the post being rescheduled. Call under the account lock.
 */
export async function assertWithinLimits(
  db: DbOrTx,
  accountId: string,
  scheduledAt: Date,
  exceptId: string | null,
): Promise<void> {
  const mine = and(
    eq(scheduledStatuses.accountId, accountId),
    exceptId ? ne(scheduledStatuses.id, exceptId) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(scheduledStatuses).where(mine);
  if ((total?.n ?? 0) >= SCHEDULED_LIMITS.total) {
    throw new ValidationError(
      `scheduled_at: you already have ${SCHEDULED_LIMITS.total} scheduled posts, the most allowed; publish or cancel some first`,
      'scheduled_at',
    );
  }
  const day = utcDay(scheduledAt);
  const [daily] = await db
    .select({ n: count() })
    .from(scheduledStatuses)
    .where(
      and(mine, gte(scheduledStatuses.scheduledAt, day.start), lt(scheduledStatuses.scheduledAt, day.end)),
    );
  if ((daily?.n ?? 0) >= SCHEDULED_LIMITS.daily) {
    throw new ValidationError(
      `scheduled_at: you already have ${SCHEDULED_LIMITS.daily} posts scheduled on ${day.start.toISOString().slice(0, 10)} (UTC), the most allowed for one day; pick another day`,
      'scheduled_at',
    );
  }
}
