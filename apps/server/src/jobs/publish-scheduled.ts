import type { AppContext } from '../context.ts';
import { claimDueStatuses, publishScheduledStatus } from '../domain/scheduled/index.ts';
import { repeat } from './repeat.ts';

const BATCH = 50;

export interface PublishRun {
  published: number;
  failed: number;
}

/**
 * Publishes every scheduled post that is due, batch by batch. Each batch is claimed in one
 * statement, so processes running this side by side never publish a post twice. A post that can
 * no longer be made is kept, marked failed, for its author (see publishScheduledStatus); any other
 * error is logged and that post retried once its claim runs out.
 */
export async function publishDueStatuses(ctx: AppContext): Promise<PublishRun> {
  const run: PublishRun = { published: 0, failed: 0 };
  for (;;) {
    const rows = await claimDueStatuses(ctx, BATCH);
    for (const row of rows) {
      try {
        const outcome = await publishScheduledStatus(ctx, row);
        if (outcome.kind === 'published') {
          run.published++;
        } else {
          run.failed++;
          // Only the code: messages can quote the post (a PHI span, a poll option).
          ctx.logger.warn('scheduled post could not be published', {
            scheduledStatusId: row.id,
            code: outcome.code,
          });
        }
      } catch (error) {
        ctx.logger.error('publishing a scheduled post failed; it will be retried', {
          scheduledStatusId: row.id,
          error: String(error),
        });
      }
    }
    if (rows.length < BATCH) return run;
  }
}

/**
 * Checks for due scheduled posts every `intervalMs` in this process (so a post goes out at most
 * that long after its time). The timer is unref'd so it never keeps the process alive. Returns a
 * function that stops it.
 */
export function startScheduledPublishing(ctx: AppContext, intervalMs = 15_000): () => void {
  return repeat(ctx, 'scheduled publishing', intervalMs, async () => {
    const run = await publishDueStatuses(ctx);
    if (run.published + run.failed > 0) ctx.logger.info('published scheduled posts', { ...run });
  });
}
