import type { AppContext } from '../../context.ts';
import type { DomainEvents } from '../events.ts';
import { addStatusToConversations, removeStatusFromConversations } from './maintain.ts';

/** A new direct status updates its participants' rows, then tells the live streams whose. */
async function onStatusCreated(ctx: AppContext, e: DomainEvents['StatusCreated']): Promise<void> {
  const update = await addStatusToConversations(ctx, e.statusId);
  if (!update || update.recipientIds.length === 0) return;
  ctx.events.emit('ConversationUpdated', { ...update, statusId: e.statusId, accountId: e.accountId });
}

/**
 * Registers the handlers that keep each account's conversations (direct messages) in step with
 * its direct statuses. Call once where the context is built; returns a function that unregisters
 * them. Edits do not move a conversation, as in Mastodon.
 */
export function subscribeConversations(ctx: AppContext): () => void {
  const off = [
    ctx.events.on('StatusCreated', (e) => onStatusCreated(ctx, e)),
    ctx.events.on('StatusDeleted', (e) => removeStatusFromConversations(ctx, e.statusId)),
  ];
  return () => {
    for (const unsubscribe of off) unsubscribe();
  };
}
