import type { StatusLabelCode } from '@rounds/contract';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
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
  const now = ctx.clock.now();
  const post = await getVisibleProperRow(ctx.db, moderatorId, statusId);
  await requireModerator(ctx.db, moderatorId, 'label posts');
  await ctx.db.transaction(async (tx) => {
    await lockStatusTrust(tx, post.id, now);
    await tx
      .insert(statusLabels)
      .values({ statusId: post.id, label, accountId: moderatorId, createdAt: now })
      .onConflictDoNothing();
    await refreshLabels(tx, post.id, now);
  });
  return post;
}

/** A moderator takes a label off (DELETE /statuses/{id}/labels); a label that is not there is fine. */
export async function unlabelStatus(
  ctx: AppContext,
  moderatorId: string,
  statusId: string,
  label: StatusLabelCode,
): Promise<StatusRecord> {
  const now = ctx.clock.now();
  const post = await getVisibleProperRow(ctx.db, moderatorId, statusId);
  await requireModerator(ctx.db, moderatorId, 'remove labels from posts');
  await ctx.db.transaction(async (tx) => {
    await lockStatusTrust(tx, post.id, now);
    await tx
      .delete(statusLabels)
      .where(and(eq(statusLabels.statusId, post.id), eq(statusLabels.label, label)));
    await refreshLabels(tx, post.id, now);
  });
  return post;
}
