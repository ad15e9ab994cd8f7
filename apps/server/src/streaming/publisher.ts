import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { listListsShowing } from '../domain/lists/index.ts';
import { findStatusRouting, listHomeRecipients } from '../domain/streaming/index.ts';
import { channels, type Envelope, encodeEnvelope } from './channels.ts';

async function publishAll(ctx: AppContext, targets: readonly string[], envelope: Envelope): Promise<void> {
  const message = encodeEnvelope(envelope);
  await Promise.all(targets.map((channel) => ctx.streams.publish(channel, message)));
}

/**
 * Routes a new, reblogged or edited status, computing its audience once for the event:
 * - public statuses (not reblogs) to the hashtag streams, and to the public streams unless they
 *   reply to someone else (Mastodon's public feed rule, also in domain/timelines/public.ts);
 * - the home stream of every local account whose home timeline gains it (listHomeRecipients);
 * - the stream of every list whose timeline gains it (listListsShowing);
 * - not the `direct` streams: a direct status reaches them from ConversationUpdated, once its
 *   conversations are stored, so the Conversation each participant receives is current.
 * Nothing about the viewer is decided here beyond the audience: each process renders per viewer.
 */
export async function publishStatus(
  ctx: AppContext,
  statusId: string,
  event: 'update' | 'status.update',
): Promise<void> {
  const routing = await findStatusRouting(ctx.db, statusId);
  if (!routing) return;
  const { row, target } = routing;
  const isReblog = target !== null;
  const envelope: Envelope = {
    e: event,
    id: row.id,
    a: row.accountId,
    // An edit gets a version of its own, so no process serves a render of the text before it.
    v: event === 'update' ? '0' : randomUUID(),
    ...(event === 'update' && !isReblog ? { fresh: true } : {}),
  };
  const publicTargets: string[] = [];
  if (!isReblog && row.visibility === 'public') {
    const ownThread = row.inReplyToId === null || row.inReplyToAccountId === row.accountId;
    if (ownThread)
      publicTargets.push(
        channels.public,
        routing.authorIsLocal ? channels.publicLocal : channels.publicRemote,
      );
    for (const tag of routing.tags) {
      publicTargets.push(channels.hashtag(tag.name));
      if (routing.authorIsLocal) publicTargets.push(channels.hashtagLocal(tag.name));
    }
  }
  // Public streams need no audience query: they go out while the home audience is worked out.
  const sentPublic = publishAll(ctx, publicTargets, envelope);
  const now = ctx.clock.now();
  const home = (await listHomeRecipients(ctx.db, routing, now)).map((id) => channels.home(id));
  const lists = (await listListsShowing(ctx.db, row.id, now)).map((id) => channels.list(id));
  await Promise.all([sentPublic, publishAll(ctx, home, envelope), publishAll(ctx, lists, envelope)]);
}

/**
 * Turns domain events into stream envelopes; returns a function that unsubscribes. Deletes,
 * revocations and relationship changes go to the global channel every process listens to.
 */
export function subscribeStreamingPublisher(ctx: AppContext): () => void {
  const global = (envelope: Envelope) => ctx.streams.publish(channels.global, encodeEnvelope(envelope));
  const off = [
    ctx.events.on('StatusCreated', (e) => publishStatus(ctx, e.statusId, 'update')),
    ctx.events.on('StatusReblogged', (e) => publishStatus(ctx, e.reblogId, 'update')),
    ctx.events.on('StatusUpdated', (e) => publishStatus(ctx, e.statusId, 'status.update')),
    ctx.events.on('StatusDeleted', (e) => global({ e: 'delete', id: e.statusId })),
    ctx.events.on('NotificationCreated', (e) =>
      publishAll(ctx, [channels.notifications(e.accountId)], { e: 'notification', id: e.notificationId }),
    ),
    ctx.events.on('ConversationUpdated', (e) =>
      publishAll(
        ctx,
        e.recipientIds.map((id) => channels.direct(id)),
        { e: 'conversation', id: e.statusId, a: e.accountId, v: '0', conv: e.conversationId },
      ),
    ),
    // The owner's clients refetch; every process's stream hub drops its cached copy.
    ctx.events.on('FiltersChanged', async (e) => {
      await Promise.all([
        publishAll(ctx, [channels.home(e.accountId)], { e: 'filters_changed' }),
        global({ e: 'filters_changed', account: e.accountId }),
      ]);
    }),
    ctx.events.on('TokenRevoked', (e) => global({ e: 'revoke', token: e.tokenId })),
    ctx.events.on('AccountBlocked', (e) =>
      global({ e: 'relations', accounts: [e.accountId, e.targetAccountId] }),
    ),
  ];
  return () => {
    for (const unsubscribe of off) unsubscribe();
  };
}
