import type { Context } from 'hono';
import { RateLimitedError } from '../domain/errors.ts';
import { clientIp } from '../lib/client-ip.ts';
import type { MastodonEnv } from './env.ts';

/** Counts a request against a per-IP bucket; 429 with Retry-After when over. */
export function limitByIp(c: Context<MastodonEnv>, bucket: string, limit: number, windowMs: number): void {
  const ctx = c.get('ctx');
  const ip = clientIp(c, ctx.config.trustedProxies);
  const retryAfter = ctx.rateLimiter.hit(bucket, ip, limit, windowMs, ctx.clock.now().getTime());
  if (retryAfter > 0) throw new RateLimitedError(retryAfter);
}
