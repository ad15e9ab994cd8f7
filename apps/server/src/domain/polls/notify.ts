import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { pollVotes } from '../../db/schema/index.ts';
import type { DomainEvents } from '../events.ts';
import { createNotifications } from '../notifications/create.ts';

/**
 * A poll ended: `poll` to its author and to everyone who voted, as Mastodon, from the author.
 * createNotifications keeps only local recipients and respects their blocks and mutes.
 */
export async function notifyPollEnded(ctx: AppContext, e: DomainEvents['PollEnded']): Promise<void> {
  const voters = await ctx.db
    .selectDistinct({ id: pollVotes.accountId })
    .from(pollVotes)
    .where(eq(pollVotes.pollId, e.pollId));
  const recipients = new Set([e.accountId, ...voters.map((v) => v.id)]);
  await createNotifications(
    ctx,
    [...recipients].map((recipientId) => ({
      recipientId,
      fromAccountId: e.accountId,
      type: 'poll' as const,
      statusId: e.statusId,
    })),
  );
}
