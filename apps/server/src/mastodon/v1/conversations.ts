import { zId } from '@rounds/contract';
import type { Context } from 'hono';
import {
  listConversations,
  markConversationRead,
  markConversationUnread,
  removeConversation,
} from '../../domain/conversations/index.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { requireUser } from '../auth.ts';
import { renderConversation } from '../entities/conversation.ts';
import type { MastodonApp, MastodonEnv } from '../env.ts';
import { readPage, setLinkHeader } from '../pagination.ts';

/** A malformed id names no conversation: 404, as Mastodon. */
function conversationIdParam(c: Context<MastodonEnv>): string {
  const parsed = zId.safeParse(c.req.param('id'));
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** /api/v1/conversations: the signed-in user's direct-message conversations. */
export function registerConversations(app: MastodonApp): void {
  app.get('/api/v1/conversations', async (c) => {
    const me = requireUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const page = await listConversations(ctx, me.account.id, readPage(c));
    setLinkHeader(c, page.cursors, ctx.config.publicUrl);
    return c.json(page.items.map((item) => renderConversation(ctx.config, item)));
  });

  app.delete('/api/v1/conversations/:id', async (c) => {
    const me = requireUser(c, 'write:conversations');
    await removeConversation(c.get('ctx'), me.account.id, conversationIdParam(c));
    return c.json({});
  });

  app.post('/api/v1/conversations/:id/read', async (c) => {
    const me = requireUser(c, 'write:conversations');
    const ctx = c.get('ctx');
    const conversation = await markConversationRead(ctx, me.account.id, conversationIdParam(c));
    return c.json(renderConversation(ctx.config, conversation));
  });

  app.post('/api/v1/conversations/:id/unread', async (c) => {
    const me = requireUser(c, 'write:conversations');
    const ctx = c.get('ctx');
    const conversation = await markConversationUnread(ctx, me.account.id, conversationIdParam(c));
    return c.json(renderConversation(ctx.config, conversation));
  });
}
