import type { Config } from './config/index.ts';
import { type AppContext, type Clock, systemClock } from './context.ts';
import { createDb, type DbHandle } from './db/client.ts';
import { createEventBus } from './domain/events.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { createRateLimiter } from './lib/rate-limit.ts';

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
  const ctx: AppContext = {
    config,
    db: handle.db,
    events: createEventBus((error, name) =>
      logger.error('event handler failed', { event: name, error: String(error) }),
    ),
    clock: opts.clock ?? systemClock,
    logger,
    rateLimiter: createRateLimiter(),
  };
  return { ctx, handle, close: () => handle.close() };
}
