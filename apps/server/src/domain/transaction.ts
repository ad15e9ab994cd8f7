import type { AppContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import type { EventBus } from './events.ts';

/**
 * Runs `work` in one transaction with a context whose `db` is that transaction: domain functions
 * that open their own transactions (createStatus, editStatus, deleteStatus) become savepoints
 * inside it, so an object made of several statuses (a tweetorial, a case) is stored, changed or
 * removed whole or not at all. Events emitted inside wait for the commit: nothing is announced
 * (notifications, streams) for what was rolled back.
 */
export async function inOneTransaction<T>(
  ctx: AppContext,
  work: (txCtx: AppContext) => Promise<T>,
): Promise<T> {
  const queued: Array<() => void> = [];
  const deferred: EventBus = {
    emit: (name, payload) => {
      queued.push(() => ctx.events.emit(name, payload));
    },
    on: (name, handler) => ctx.events.on(name, handler),
    idle: () => ctx.events.idle(),
  };
  const result = await ctx.db.transaction((tx) =>
    work({ ...ctx, db: tx as unknown as Db, events: deferred }),
  );
  for (const emit of queued) emit();
  return result;
}
