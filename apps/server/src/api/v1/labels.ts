import { zStatusLabelParams } from '@rounds/contract';
import { labelStatus, unlabelStatus } from '../../domain/trust/index.ts';
import { requireUser } from '../../mastodon/auth.ts';
import { presentStatuses } from '../../mastodon/entities/status.ts';
import type { MastodonApp } from '../../mastodon/env.ts';
import { parseWith, pathId, readParams } from '../../mastodon/params.ts';

/** The `:id` path parameter; a malformed one is a 422 naming `id`. */
/**
 * Moderator labels on posts (domain/trust/labels.ts). Both answer the labelled post as the
 * moderator sees it, with `rounds.labels` and the label line in `content`.
 */
export function registerLabels(app: MastodonApp): void {
  app.post('/api/rounds/v1/statuses/:id/labels', async (c) => {
    const me = requireUser(c, 'admin:write:reports');
    const ctx = c.get('ctx');
    const id = pathId(c);
    const { label } = parseWith(zStatusLabelParams, await readParams(c));
    const post = await labelStatus(ctx, me.account.id, id, label);
    const [status] = await presentStatuses(ctx, [post.id], me.account.id);
    return c.json(status);
  });

  app.delete('/api/rounds/v1/statuses/:id/labels', async (c) => {
    const me = requireUser(c, 'admin:write:reports');
    const ctx = c.get('ctx');
    const id = pathId(c);
    const { label } = parseWith(zStatusLabelParams, await readParams(c));
    const post = await unlabelStatus(ctx, me.account.id, id, label);
    const [status] = await presentStatuses(ctx, [post.id], me.account.id);
    return c.json(status);
  });
}
