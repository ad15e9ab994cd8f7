import type { StatusLabelCode } from '@rounds/contract';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { statusLabels } from '../../db/schema/index.ts';
import { getVisibleProperRow, type StatusRecord } from '../statuses/lookup.ts';
import { lockStatusTrust, refreshLabels } from './marks.ts';
import { requireModerator } from './standing.ts';

/** How each label reads (the line in the HTML, `rounds.labels[].name`). */
export const STATUS_LABEL_NAMES: Readonly<Record<StatusLabelCode, string>> = {
  misleading: 'Misleading',
  outdated_guidance: 'Outdated guidance',
  retracted_paper: 'Cites a retracted paper',
};

/**
 * A moderator (role moderator or admin) labels a post they can see (POST /statuses/{id}/labels; a
 * reblog's id means the reblogged post). Labelling twice with the same label changes nothing.
 * Returns the labelled post's row (the route renders it).
 */
export async function labelStatus(
  ctx: AppContext,
  moderatorId: string,
  statusId: string,
  label: StatusLabelCode,
): Promise<StatusRecord> {
  return changeLabels(ctx, moderatorId, statusId, 'label posts', (tx, postId, now) =>
    tx
      .insert(statusLabels)
      .values({ statusId: postId, label, accountId: moderatorId, createdAt: now })
      .onConflictDoNothing(),
  );
}

/** A moderator takes a label off (DELETE /statuses/{id}/labels); a label that is not there is fine. */
export async function unlabelStatus(
  ctx: AppContext,
  moderatorId: string,
  statusId: string,
  label: StatusLabelCode,
): Promise<StatusRecord> {
  return changeLabels(ctx, moderatorId, statusId, 'remove labels from posts', (tx, postId) =>
    tx.delete(statusLabels).where(and(eq(statusLabels.statusId, postId), eq(statusLabels.label, label))),
  );
}

/**
 * The post a moderator can see, its labels changed by `change` under the post's trust lock and
 * summed again, in one transaction; `doing` completes "only moderators can …".
 */
async function changeLabels(
  ctx: AppContext,
  moderatorId: string,
  statusId: string,
  doing: string,
  change: (tx: Tx, postId: string, now: Date) => Promise<unknown>,
): Promise<StatusRecord> {
  const now = ctx.clock.now();
  const post = await getVisibleProperRow(ctx.db, moderatorId, statusId);
  await requireModerator(ctx.db, moderatorId, doing);
  await ctx.db.transaction(async (tx) => {
    await lockStatusTrust(tx, post.id, now);
    await change(tx, post.id, now);
    await refreshLabels(tx, post.id, now);
  });
  return post;
}
