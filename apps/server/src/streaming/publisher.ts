import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.ts';
import {
  findStatusRouting,
  findThreadRootId,
  listConversationRecipients,
  listHomeRecipients,
} from '../domain/streaming/index.ts';
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
 * - a new direct status to its participants' `direct` streams as a conversation.
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
  // Lists do not exist yet: when they do, `channels.list(listId)` for the lists holding the author.
  await Promise.all([sentPublic, publishAll(ctx, home, envelope)]);

  if (event === 'update' && !isReblog && row.visibility === 'direct') {
    const [conv, recipients] = await Promise.all([
      findThreadRootId(ctx.db, row.id),
      listConversationRecipients(ctx.db, routing, now),
    ]);
    await publishAll(
      ctx,
      recipients.map((id) => channels.direct(id)),
      { e: 'conversation', id: row.id, a: row.accountId, v: envelope.v, conv },
    );
  }
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
    ctx.events.on('TokenRevoked', (e) => global({ e: 'revoke', token: e.tokenId })),
    ctx.events.on('AccountBlocked', (e) =>
      global({ e: 'relations', accounts: [e.accountId, e.targetAccountId] }),
    ),
  ];
  return () => {
    for (const unsubscribe of off) unsubscribe();
  };
}
