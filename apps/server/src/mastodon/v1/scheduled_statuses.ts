import type { Context } from 'hono';
import { z } from 'zod';
import {
  cancelScheduledStatus,
  getScheduledStatus,
  listScheduledStatuses,
  rescheduleStatus,
  scheduleStatus,
} from '../../domain/scheduled/index.ts';
import type { CreateStatusInput } from '../../domain/statuses/index.ts';
import type { SignedIn } from '../auth.ts';
import { requireUser } from '../auth.ts';
import {
  renderScheduledStatus,
  type ScheduledStatusEntity,
  scheduledStatusJson,
} from '../entities/scheduled-status.ts';
import type { MastodonApp, MastodonEnv } from '../env.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { parseWith, readParams } from '../params.ts';

type C = Context<MastodonEnv>;

const zReschedule = z.object({
  scheduled_at: z.string({ message: 'is required: the new ISO 8601 date and time' }).min(1, 'is required'),
});

function respond(c: C, value: ScheduledStatusEntity | ScheduledStatusEntity[]): Response {
  c.header('Content-Type', 'application/json');
  return c.body(scheduledStatusJson(value));
}

/**
 * POST /api/v1/statuses (and the Rounds API's) with `scheduled_at`: schedules the post instead of
 * publishing it and answers with the ScheduledStatus, as Mastodon does.
 */
export async function respondScheduled(c: C, me: SignedIn, input: CreateStatusInput): Promise<Response> {
  const ctx = c.get('ctx');
  const view = await scheduleStatus(ctx, { accountId: me.account.id, appId: me.appId }, input);
  return respond(c, renderScheduledStatus(ctx.storage, view));
}

/** /api/v1/scheduled_statuses: the signed-in user's scheduled posts; others' are 404. */
export function registerScheduledStatuses(app: MastodonApp): void {
  app.get('/api/v1/scheduled_statuses', async (c) => {
    const me = requireUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const page = await listScheduledStatuses(ctx, me.account.id, readPage(c));
    setLinkHeader(c, page.cursors, ctx.config.publicUrl);
    return respond(
      c,
      page.items.map((v) => renderScheduledStatus(ctx.storage, v)),
    );
  });

  app.get('/api/v1/scheduled_statuses/:id', async (c) => {
    const me = requireUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const view = await getScheduledStatus(ctx, me.account.id, c.req.param('id'));
    return respond(c, renderScheduledStatus(ctx.storage, view));
  });

  app.put('/api/v1/scheduled_statuses/:id', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const ctx = c.get('ctx');
    const p = parseWith(zReschedule, await readParams(c));
    const view = await rescheduleStatus(ctx, me.account.id, c.req.param('id'), p.scheduled_at);
    return respond(c, renderScheduledStatus(ctx.storage, view));
  });

  app.delete('/api/v1/scheduled_statuses/:id', async (c) => {
    const me = requireUser(c, 'write:statuses');
    await cancelScheduledStatus(c.get('ctx'), me.account.id, c.req.param('id'));
    return c.json({});
  });
}
