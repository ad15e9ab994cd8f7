import type { AppContext } from '../context.ts';
import { closeEndedPolls } from '../domain/polls/index.ts';
import { repeat } from './repeat.ts';

/**
 * Closes the polls whose end has passed; their authors and voters get a `poll` notification (once,
 * whichever process claims the poll). Returns how many polls were closed.
 */
export async function closeExpiredPolls(ctx: AppContext): Promise<number> {
  const ended = await closeEndedPolls(ctx);
  if (ended.length > 0) ctx.logger.info('closed ended polls', { count: ended.length });
  return ended.length;
}

/**
 * Runs the expiry check every `intervalMs` in this process (a poll's end is noticed within that
 * much). The timer is unref'd so it never keeps the process alive; with several processes, each
 * runs it and the claim makes that harmless. Returns a function that stops it.
 */
export function startPollExpiry(ctx: AppContext, intervalMs = 15_000): () => void {
  return repeat(ctx, 'poll expiry', intervalMs, () => closeExpiredPolls(ctx));
}
