import { zId } from '@rounds/contract';
import type { Context } from 'hono';
import { z } from 'zod';
import {
  authorizeFollowRequest,
  listFollowRequests,
  rejectFollowRequest,
} from '../../domain/social/follow-requests.ts';
import { requireUser } from '../auth.ts';
import { renderAccount } from '../entities/account.ts';
import { renderRelationship } from '../entities/relationship.ts';
import type { MastodonApp, MastodonEnv } from '../env.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { parseWith } from '../params.ts';

const AccountIdParam = z.object({ account_id: zId });

function requesterIdParam(c: Context<MastodonEnv>): string {
  return parseWith(AccountIdParam, { account_id: c.req.param('account_id') }).account_id;
}

/** /api/v1/follow_requests: pending requests to follow the signed-in (locked) account. */
export function registerFollowRequests(app: MastodonApp): void {
  app.get('/api/v1/follow_requests', async (c) => {
    const me = requireUser(c, 'read:follows');
    const ctx = c.get('ctx');
    const items = await listFollowRequests(ctx, me.account.id, readPage(c, 80, 40));
    setLinkHeader(
      c,
      items.map((i) => i.cursor),
      ctx.config.publicUrl,
    );
    return c.json(items.map((i) => renderAccount(ctx.config, i.account)));
  });

  app.post('/api/v1/follow_requests/:account_id/authorize', async (c) => {
    const me = requireUser(c, 'write:follows');
    const rel = await authorizeFollowRequest(c.get('ctx'), me.account.id, requesterIdParam(c));
    return c.json(renderRelationship(rel));
  });

  app.post('/api/v1/follow_requests/:account_id/reject', async (c) => {
    const me = requireUser(c, 'write:follows');
    const rel = await rejectFollowRequest(c.get('ctx'), me.account.id, requesterIdParam(c));
    return c.json(renderRelationship(rel));
  });
}
