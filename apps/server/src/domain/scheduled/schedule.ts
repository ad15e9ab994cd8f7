import { and, eq, gt, inArray, lte } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import {
  type PhiAuditRow,
  type ScheduledStatusParams,
  type ScheduledStatusRow,
  scheduledStatuses,
  scheduledStatusMedia,
} from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import { type PhiSurface, recordPhiAudit } from '../phi/gate.ts';
import type { PollInput } from '../polls/input.ts';
import { type CreateStatusInput, IDEMPOTENCY_WINDOW_MS, listedMediaIds } from '../statuses/create.ts';
import { assertFarEnoughAhead, assertWithinLimits, parseScheduledAt } from './limits.ts';
import { type Rehearsal, rehearseStatus } from './rehearse.ts';
import { lockAccount, type ScheduledStatusView, withMedia } from './views.ts';

export interface SchedulingAuthor {
  accountId: string;
  /** The client app whose token asked (Mastodon's params.application_id). */
  appId: string | null;
}

/** The post as it passed the rehearsal: text through the PHI gate, defaults resolved. */
function paramsFrom(input: CreateStatusInput, r: Rehearsal): ScheduledStatusParams {
  const poll: PollInput | null =
    input.poll && r.poll
      ? {
          options: r.poll.options,
          expiresIn: input.poll.expiresIn,
          multiple: r.poll.multiple,
          hideTotals: r.poll.hideTotals,
        }
      : null;
  return {
    text: r.status.text,
    spoilerText: r.status.spoilerText,
    sensitive: r.status.sensitive,
    visibility: r.status.visibility,
    language: r.status.language,
    inReplyToId: r.status.inReplyToId,
    quotedStatusId: r.status.quoteOfId,
    quotePolicy: r.status.quotePolicy,
    poll,
    evidence: input.evidence
      ? {
          references: input.evidence.references ? [...input.evidence.references] : undefined,
          level: input.evidence.level,
        }
      : null,
    disclosure: input.disclosure ? { ...input.disclosure } : null,
  };
}

async function findByIdempotencyKey(
  tx: DbOrTx,
  accountId: string,
  key: string,
  now: Date,
): Promise<ScheduledStatusRow | null> {
  const mine = and(eq(scheduledStatuses.accountId, accountId), eq(scheduledStatuses.idempotencyKey, key));
  // An old key is free again (as for posts, 24 hours), so a reused key does not clash forever.
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS);
  await tx
    .update(scheduledStatuses)
    .set({ idempotencyKey: null })
    .where(and(mine, lte(scheduledStatuses.createdAt, cutoff)));
  const [row] = await tx
    .select()
    .from(scheduledStatuses)
    .where(and(mine, gt(scheduledStatuses.createdAt, cutoff)));
  return row ?? null;
}

/** An upload belongs to one scheduled post at a time (the rehearsal checked everything else). */
async function assertMediaFree(tx: DbOrTx, mediaIds: readonly string[]): Promise<void> {
  if (mediaIds.length === 0) return;
  const [taken] = await tx
    .select({ mediaId: scheduledStatusMedia.mediaId })
    .from(scheduledStatusMedia)
    .where(inArray(scheduledStatusMedia.mediaId, [...mediaIds]));
  if (taken) {
    throw new ValidationError(
      `media_ids: media ${taken.mediaId} is already attached to another scheduled post`,
      'media_ids',
    );
  }
}

async function insertScheduled(tx: DbOrTx, values: typeof scheduledStatuses.$inferInsert) {
  const [row] = await tx.insert(scheduledStatuses).values(values).returning();
  return row!;
}

async function reserveMedia(
  tx: DbOrTx,
  scheduledStatusId: string,
  mediaIds: readonly string[],
): Promise<void> {
  if (mediaIds.length === 0) return;
  await tx
    .insert(scheduledStatusMedia)
    .values(mediaIds.map((mediaId, position) => ({ scheduledStatusId, mediaId, position })));
}

/** The rehearsal's PHI audit entries, now about the scheduled post (whose text they describe). */
async function carryAuditsOver(
  tx: DbOrTx,
  audits: readonly PhiAuditRow[],
  scheduled: ScheduledStatusRow,
  now: Date,
): Promise<void> {
  for (const { action, surface, typeCounts, spanCount, reason } of audits) {
    const entry = { action, surface: surface as PhiSurface, typeCounts, spanCount, reason };
    await recordPhiAudit(tx, entry, scheduled.accountId, scheduled.id, now);
  }
}

/**
 * Schedules a post for `input.scheduledAt` (ISO 8601, at least 5 minutes ahead) instead of posting
 * it. The post is checked now exactly as posting would check it (see rehearseStatus): a post that
 * would be refused is refused now, and the PHI gate's redactions are applied before anything is
 * stored, with their audit entries pointing at the scheduled post. The uploads are reserved for it
 * (the media clean-up leaves them alone). Limits: 300 pending, 25 per UTC day (422). The same
 * Idempotency-Key within 24 hours returns the first scheduled post.
 */
export async function scheduleStatus(
  ctx: AppContext,
  author: SchedulingAuthor,
  input: CreateStatusInput,
): Promise<ScheduledStatusView> {
  const now = ctx.clock.now();
  const scheduledAt = parseScheduledAt(input.scheduledAt ?? '');
  const key = input.idempotencyKey?.trim() || null;
  if (key && key.length > 255) throw new ValidationError('Idempotency-Key is too long', 'Idempotency-Key');
  const { scheduledAt: _at, idempotencyKey: _key, ...post } = input;
  const mediaIds = [...new Set(listedMediaIds(post.mediaIds))];

  return ctx.db.transaction(async (tx) => {
    await lockAccount(tx, author.accountId);
    const earlier = key ? await findByIdempotencyKey(tx, author.accountId, key, now) : null;
    if (earlier) return (await withMedia(tx, [earlier]))[0]!;
    assertFarEnoughAhead(scheduledAt, now);
    await assertWithinLimits(tx, author.accountId, scheduledAt, null);
    // The rehearsal first: it refuses ids that are malformed or not the author's own uploads, so
    // the reservation check below only ever looks at the author's media.
    const rehearsal = await rehearseStatus(ctx, tx, author.accountId, post);
    await assertMediaFree(tx, mediaIds);

    const scheduled = await insertScheduled(tx, {
      id: generateId(),
      accountId: author.accountId,
      appId: author.appId,
      scheduledAt,
      params: paramsFrom(post, rehearsal),
      phiDecision: post.phi ?? null,
      idempotencyKey: key,
      createdAt: now,
    });
    await reserveMedia(tx, scheduled.id, mediaIds);
    await carryAuditsOver(tx, rehearsal.audits, scheduled, now);
    return (await withMedia(tx, [scheduled]))[0]!;
  });
}
