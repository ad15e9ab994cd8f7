import { and, asc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type ScheduledStatusRow, scheduledStatuses, scheduledStatusMedia } from '../../db/schema/index.ts';
import { findAccountOwner } from '../accounts/owners.ts';
import { AppError } from '../errors.ts';
import type { EvidenceInput } from '../evidence/store.ts';
import type { PollInput } from '../polls/input.ts';
import { createStatus } from '../statuses/index.ts';

/**
 * How long a publisher holds a claimed row. A process that dies mid-publish loses its claim after
 * this; another then retries, and the Idempotency-Key below keeps that retry from posting twice.
 */
export const PUBLISH_LEASE_MS = 5 * 60 * 1000;

/**
 * Claims up to `limit` due scheduled posts for this process, in one UPDATE ... RETURNING: a row
 * another process holds (unexpired claim) or is claiming (locked: SKIP LOCKED) is not returned,
 * so two processes never take the same post. Posts whose publishing failed are not retried.
 */
export async function claimDueStatuses(ctx: AppContext, limit: number): Promise<ScheduledStatusRow[]> {
  const now = ctx.clock.now();
  const due = and(
    lte(scheduledStatuses.scheduledAt, now),
    isNull(scheduledStatuses.failedAt),
    or(isNull(scheduledStatuses.claimedUntil), lt(scheduledStatuses.claimedUntil, now)),
  );
  const batch = ctx.db
    .select({ id: scheduledStatuses.id })
    .from(scheduledStatuses)
    .where(due)
    .orderBy(asc(scheduledStatuses.scheduledAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  // NOTE: `due` is repeated outside the sub-select: under READ COMMITTED a row claimed by another
  // process between the two is re-checked against its new version and skipped.
  return ctx.db
    .update(scheduledStatuses)
    .set({ claimedUntil: new Date(now.getTime() + PUBLISH_LEASE_MS) })
    .where(and(inArray(scheduledStatuses.id, batch), due))
    .returning();
}

/** `code` is the AppError code; messages are not kept, as they can quote the post's own text. */
export type PublishOutcome = { kind: 'published'; statusId: string } | { kind: 'failed'; code: string };

async function reservedMediaIds(ctx: AppContext, scheduledId: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ mediaId: scheduledStatusMedia.mediaId })
    .from(scheduledStatusMedia)
    .where(eq(scheduledStatusMedia.scheduledStatusId, scheduledId))
    .orderBy(asc(scheduledStatusMedia.position));
  return rows.map((r) => r.mediaId);
}

/** A disabled (or not yet approved) account's posts do not go out; signing out changes nothing. */
async function canStillPost(ctx: AppContext, accountId: string): Promise<boolean> {
  const user = await findAccountOwner(ctx.db, accountId);
  return user !== null && !user.disabled && user.approved;
}

async function markFailed(ctx: AppContext, id: string): Promise<void> {
  await ctx.db
    .update(scheduledStatuses)
    .set({ failedAt: ctx.clock.now(), claimedUntil: null })
    .where(eq(scheduledStatuses.id, id));
}

/**
 * Publishes one claimed scheduled post through the normal status creation, so everything a post
 * gets happens (PHI gate again, mentions, notifications, live streams), then removes it.
 *
 * When the post can no longer be made (the replied-to or quoted post was deleted or became
 * invisible, an upload is gone and nothing else is left, the PHI gate now finds an identifier, the
 * account was disabled), it is not posted and not retried: it stays in the author's list of
 * scheduled posts with its past date, its text and media intact, so nothing they wrote is lost.
 * They can move it to a new time (which retries it) or cancel it. Any other error (the database
 * is unreachable) leaves the claim to run out, and the post is retried after PUBLISH_LEASE_MS.
 */
export async function publishScheduledStatus(
  ctx: AppContext,
  row: ScheduledStatusRow,
): Promise<PublishOutcome> {
  if (!(await canStillPost(ctx, row.accountId))) {
    await markFailed(ctx, row.id);
    return { kind: 'failed', code: 'account_disabled' };
  }
  const p = row.params;
  try {
    const status = await createStatus(ctx, row.accountId, {
      text: p.text,
      spoilerText: p.spoilerText,
      sensitive: p.sensitive,
      visibility: p.visibility,
      language: p.language,
      inReplyToId: p.inReplyToId ?? undefined,
      quotedStatusId: p.quotedStatusId ?? undefined,
      quotePolicy: p.quotePolicy,
      mediaIds: await reservedMediaIds(ctx, row.id),
      poll: (p.poll as PollInput | null) ?? undefined,
      phi: row.phiDecision ?? undefined,
      evidence: (p.evidence as EvidenceInput | null | undefined) ?? undefined,
      disclosure: p.disclosure ?? undefined,
      // NOTE: a retry after a crash between posting and the delete below finds this key and gets
      // the status already posted instead of a second one.
      idempotencyKey: `scheduled-status:${row.id}`,
    });
    await ctx.db.delete(scheduledStatuses).where(eq(scheduledStatuses.id, row.id));
    return { kind: 'published', statusId: status.id };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await markFailed(ctx, row.id);
    return { kind: 'failed', code: error.code };
  }
}
