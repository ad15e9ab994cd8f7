import type { Logger } from '../lib/logger.ts';

export const STREAM_BACKENDS = ['memory', 'postgres', 'redis'] as const;
export type StreamBackend = (typeof STREAM_BACKENDS)[number];

export type StreamHandler = (message: string) => void;

/**
 * Carries small serialized envelopes between the processes that serve live streams. Every process
 * that subscribed to a channel receives what any process publishes on it, the publisher included,
 * so one code path serves one process and many alike.
 */
export interface StreamBus {
  readonly backend: StreamBackend;
  /** Sends `message` to every subscriber of `channel`, in every process. Rejects on transport errors. */
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once messages on `channel` reach `handler`; the function it returns stops them. */
  subscribe(channel: string, handler: StreamHandler): Promise<() => void>;
  /** Work to do before the bus closes (the streaming hub closes its connections). */
  onClose(listener: () => void | Promise<void>): void;
  /** Runs the onClose listeners, then releases the transport. Idempotent. */
  close(): Promise<void>;
}

/**
 * The handlers of this process, by channel. Transports only hear about the first subscriber of a
 * channel (to LISTEN/SUBSCRIBE) and the last one leaving (to stop).
 */
export interface LocalHandlers {
  add(channel: string, handler: StreamHandler): boolean;
  remove(channel: string, handler: StreamHandler): boolean;
  dispatch(channel: string, message: string): void;
  channels(): string[];
}

/** The per-process handler table shared by every transport. A throwing handler is logged, never fatal. */
export function createLocalHandlers(logger: Logger): LocalHandlers {
  const byChannel = new Map<string, Set<StreamHandler>>();
  return {
    add(channel, handler) {
      let set = byChannel.get(channel);
      const first = !set;
      if (!set) {
        set = new Set();
        byChannel.set(channel, set);
      }
      set.add(handler);
      return first;
    },
    remove(channel, handler) {
      const set = byChannel.get(channel);
      if (!set?.delete(handler)) return false;
      if (set.size > 0) return false;
      byChannel.delete(channel);
      return true;
    },
    dispatch(channel, message) {
      const set = byChannel.get(channel);
      if (!set) return;
      for (const handler of [...set]) {
        try {
          handler(message);
        } catch (error) {
          logger.error('stream handler failed', { channel, error: String(error) });
        }
      }
    },
    channels: () => [...byChannel.keys()],
  };
}

/** Runs the onClose listeners once, in order, logging failures. */
export function createCloseHooks(logger: Logger) {
  const listeners: Array<() => void | Promise<void>> = [];
  let closing: Promise<void> | undefined;
  return {
    add: (listener: () => void | Promise<void>) => void listeners.push(listener),
    run(release: () => Promise<void>): Promise<void> {
      closing ??= (async () => {
        for (const listener of listeners) {
          try {
            await listener();
          } catch (error) {
            logger.error('stream bus close listener failed', { error: String(error) });
          }
        }
        await release();
      })();
      return closing;
    },
  };
}

/**
 * The default, in-process bus: one process serves every stream. Delivery is asynchronous (a
 * microtask later), as it is over PostgreSQL or Redis, so callers never depend on re-entrancy.
 */
export function createMemoryStreamBus(logger: Logger): StreamBus {
  const local = createLocalHandlers(logger);
  const hooks = createCloseHooks(logger);
  let closed = false;
  return {
    backend: 'memory',
    publish(channel, message) {
      if (!closed) queueMicrotask(() => local.dispatch(channel, message));
      return Promise.resolve();
    },
    async subscribe(channel, handler) {
      local.add(channel, handler);
      return () => void local.remove(channel, handler);
    },
    onClose: hooks.add,
    close: () =>
      hooks.run(async () => {
        closed = true;
      }),
  };
}

export interface StreamBusSettings {
  backend: StreamBackend;
  redisUrl: string;
  databaseUrl: string | undefined;
}

/**
 * Opens the configured bus. PostgreSQL and Redis connect here, so a wrong URL stops start-up with
 * a readable error instead of failing on the first post.
 */
export async function createStreamBus(settings: StreamBusSettings, logger: Logger): Promise<StreamBus> {
  if (settings.backend === 'postgres') {
    if (!settings.databaseUrl) throw new Error('STREAMING_BACKEND=postgres requires DATABASE_URL');
    const { createPostgresStreamBus } = await import('./bus-postgres.ts');
    return createPostgresStreamBus(settings.databaseUrl, logger);
  }
  if (settings.backend === 'redis') {
    const { createRedisStreamBus } = await import('./bus-redis.ts');
    return createRedisStreamBus(settings.redisUrl, logger);
  }
  return createMemoryStreamBus(logger);
}
