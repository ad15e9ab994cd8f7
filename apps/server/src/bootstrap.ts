import type { Config } from './config/index.ts';
import { type AppContext, type Clock, systemClock } from './context.ts';
import { createDb, type DbHandle } from './db/client.ts';
import { subscribeCaseContributions } from './domain/cases/index.ts';
import { subscribeConversations } from './domain/conversations/index.ts';
import { createEventBus } from './domain/events.ts';
import { subscribeNotifications } from './domain/notifications/index.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { createRateLimiter } from './lib/rate-limit.ts';
import { createStorageFromConfig } from './storage/index.ts';
import { createStreamBus } from './streaming/bus.ts';
import { subscribeStreamingPublisher } from './streaming/publisher.ts';

export interface Runtime {
  ctx: AppContext;
  handle: DbHandle;
  close(): Promise<void>;
}

/** Opens the database, applies migrations and builds the context: the composition root's core. */
export async function openRuntime(
  config: Config,
  opts: { clock?: Clock; logger?: Logger; migrate?: boolean } = {},
): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (opts.migrate !== false) await handle.migrate();
  const streams = await createStreamBus({ ...config.streaming, databaseUrl: config.databaseUrl }, logger);
  const ctx: AppContext = {
    config,
    db: handle.db,
    events: createEventBus((error, name) =>
      logger.error('event handler failed', { event: name, error: String(error) }),
    ),
    clock: opts.clock ?? systemClock,
    logger,
    rateLimiter: createRateLimiter(),
    storage: createStorageFromConfig(config),
    streams,
  };
  subscribeNotifications(ctx);
  subscribeConversations(ctx);
  subscribeCaseContributions(ctx);
  subscribeStreamingPublisher(ctx);
  return {
    ctx,
    handle,
    close: async () => {
      // Let side effects of the last requests finish before their database goes away.
      await ctx.events.idle();
      await ctx.streams.close();
      await handle.close();
    },
  };
}
