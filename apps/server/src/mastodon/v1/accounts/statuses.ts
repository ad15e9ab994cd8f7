import { zBool, zId } from '@rounds/contract';
import { z } from 'zod';
import { selectAccountStatusIds } from '../../../domain/timelines/account.ts';
import { optionalUser } from '../../auth.ts';
import { presentStatuses } from '../../entities/status.ts';
import type { MastodonApp } from '../../env.ts';
import { readPage, setLinkHeader } from '../../pagination.ts';
import { parseWith, readQuery } from '../../params.ts';

const AccountStatusesQuery = z.object({
  id: zId,
  exclude_replies: zBool.optional(),
  exclude_reblogs: zBool.optional(),
  only_media: zBool.optional(),
  pinned: zBool.optional(),
  tagged: z.string().max(100, 'is too long').optional(),
});

/** GET /api/v1/accounts/:id/statuses: an account's posts as the viewer may see them. */
export function registerAccountStatuses(app: MastodonApp): void {
  app.get('/api/v1/accounts/:id/statuses', async (c) => {
    const viewer = optionalUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const q = parseWith(AccountStatusesQuery, { ...readQuery(c), id: c.req.param('id') });
    const viewerId = viewer?.account.id ?? null;
    const ids = await selectAccountStatusIds(
      ctx.db,
      viewerId,
      q.id,
      readPage(c),
      {
        excludeReplies: q.exclude_replies,
        excludeReblogs: q.exclude_reblogs,
        onlyMedia: q.only_media,
        pinned: q.pinned,
        tagged: q.tagged?.replace(/^#/, ''),
      },
      ctx.clock.now(),
    );
    setLinkHeader(c, ids, ctx.config.publicUrl);
    return c.json(await presentStatuses(ctx, ids, viewerId, undefined, 'account'));
  });
}
