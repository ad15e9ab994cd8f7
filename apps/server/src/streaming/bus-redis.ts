import { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.ts';
import { createCloseHooks, createLocalHandlers, type StreamBus } from './bus.ts';

/** Keeps Rounds' channels apart from anything else sharing the Redis server. */
const PREFIX = 'rounds:stream:';

interface Pending {
  channel: string;
  message: string;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Redis pub/sub: one connection in subscriber mode (Redis allows nothing else on it) and one for
 * publishing, where the publishes of one tick go out as one pipeline. ioredis reconnects and
 * re-subscribes by itself.
 */
export async function createRedisStreamBus(url: string, logger: Logger): Promise<StreamBus> {
  const local = createLocalHandlers(logger);
  const hooks = createCloseHooks(logger);
  const options = { lazyConnect: true, maxRetriesPerRequest: 2, connectionName: 'rounds-streaming' };
  const sub = new Redis(url, options);
  const pub = new Redis(url, options);
  for (const [name, conn] of [
    ['subscriber', sub],
    ['publisher', pub],
  ] as const) {
    // NOTE: without an error listener ioredis re-emits connection errors as uncaught exceptions.
    conn.on('error', (error) =>
      logger.warn(`streaming: Redis ${name} connection failed`, { error: String(error) }),
    );
  }
  try {
    await Promise.all([sub.connect(), pub.connect()]);
  } catch (error) {
    sub.disconnect();
    pub.disconnect();
    throw new Error(`streaming: cannot reach Redis at ${url}: ${String(error)}`);
  }
  sub.on('message', (channel: string, message: string) => {
    if (channel.startsWith(PREFIX)) local.dispatch(channel.slice(PREFIX.length), message);
  });

  let closed = false;
  let queue: Pending[] = [];
  let flushScheduled = false;
  const flush = async () => {
    flushScheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    const pipeline = pub.pipeline();
    for (const p of batch) pipeline.publish(PREFIX + p.channel, p.message);
    try {
      const results = (await pipeline.exec()) ?? [];
      batch.forEach((p, i) => {
        const error = results[i]?.[0];
        if (error) p.reject(error);
        else p.resolve();
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  };

  return {
    backend: 'redis',
    publish(channel, message) {
      if (closed) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ channel, message, resolve, reject });
        if (!flushScheduled) {
          flushScheduled = true;
          queueMicrotask(() => void flush());
        }
      });
    },
    async subscribe(channel, handler) {
      if (local.add(channel, handler) && !closed) await sub.subscribe(PREFIX + channel);
      return () => {
        if (local.remove(channel, handler) && !closed) sub.unsubscribe(PREFIX + channel).catch(() => {});
      };
    },
    onClose: hooks.add,
    close: () =>
      hooks.run(async () => {
        await flush();
        closed = true;
        await Promise.allSettled([sub.quit(), pub.quit()]);
      }),
  };
}
