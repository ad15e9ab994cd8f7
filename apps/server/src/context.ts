import type { Config } from './config/index.ts';
import type { Db } from './db/client.ts';
import type { EventBus } from './domain/events.ts';
import type { Logger } from './lib/logger.ts';
import type { RateLimiter } from './lib/rate-limit.ts';

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
}

export const systemClock: Clock = { now: () => new Date() };
