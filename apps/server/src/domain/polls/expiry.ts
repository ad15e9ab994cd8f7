import { and, asc, inArray, isNull, lt } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { polls } from '../../db/schema/index.ts';

/** Polls claimed per statement; the job keeps claiming until fewer come back. */
const CLAIM_BATCH = 500;

export interface EndedPoll {
  id: string;
  statusId: string;
  accountId: string;
}

/**
 * Claims up to a batch of polls whose end has passed and that no one has closed yet, marking them
 * closed in ONE statement. NOTE: `skip locked` lets several processes claim side by side, and the
 * outer `closed_at is null` is re-checked under the row lock, so a poll is claimed exactly once.
 */
async function claimEndedPolls(ctx: AppContext, now: Date): Promise<EndedPoll[]> {
  const due = ctx.db
    .select({ id: polls.id })
    .from(polls)
    .where(and(isNull(polls.closedAt), lt(polls.expiresAt, now)))
    .orderBy(asc(polls.expiresAt))
    .limit(CLAIM_BATCH)
    .for('update', { skipLocked: true });
  return ctx.db
    .update(polls)
    .set({ closedAt: now })
    .where(and(inArray(polls.id, due), isNull(polls.closedAt)))
    .returning({ id: polls.id, statusId: polls.statusId, accountId: polls.accountId });
}

/**
 * Closes every poll whose end has passed and emits PollEnded for each (notifications subscribe),
 * once per poll however many processes run this at the same time. Returns the polls it closed.
 */
export async function closeEndedPolls(ctx: AppContext): Promise<EndedPoll[]> {
  const now = ctx.clock.now();
  const ended: EndedPoll[] = [];
  for (;;) {
    const batch = await claimEndedPolls(ctx, now);
    ended.push(...batch);
    for (const p of batch)
      ctx.events.emit('PollEnded', { pollId: p.id, statusId: p.statusId, accountId: p.accountId });
    if (batch.length < CLAIM_BATCH) return ended;
  }
}
