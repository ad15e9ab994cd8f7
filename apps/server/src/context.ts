import type { Config } from './config/index.ts';
import type { Db } from './db/client.ts';
import type { EventBus } from './domain/events.ts';
import type { Logger } from './lib/logger.ts';
import type { RateLimiter } from './lib/rate-limit.ts';
import type { MediaStorage } from './storage/media-storage.ts';
import type { StreamBus } from './streaming/bus.ts';

export interface Clock {
  now(): Date;
}

/** Everything a handler or domain function may use. Built once in main.ts (or per test file). */
export interface AppContext {
  config: Config;
  db: Db;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  rateLimiter: RateLimiter;
  /** Uploaded media bytes: local disk or an S3-compatible bucket. */
  storage: MediaStorage;
  /** Live-stream messages between this process and the others serving the same instance. */
  streams: StreamBus;
}

export const systemClock: Clock = { now: () => new Date() };
