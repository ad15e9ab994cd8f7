/**
 * Fixed-window counters kept in memory. Enough for one process; several processes share nothing,
 * so each enforces its own window (documented in docs/decisions/0004-rate-limits.md).
 */
export interface RateLimiter {
  /** Counts one hit; returns seconds until the window resets when over the limit, else 0. */
  hit(bucket: string, key: string, limit: number, windowMs: number, now: number): number;
}

export function createRateLimiter(): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return {
    hit(bucket, key, limit, windowMs, now) {
      if (now - lastSweep > 60_000) {
        for (const [k, w] of windows) if (now - w.start > 3_600_000) windows.delete(k);
        lastSweep = now;
      }
      const id = `${bucket}:${key}`;
      let w = windows.get(id);
      if (!w || now - w.start >= windowMs) {
        w = { start: now, count: 0 };
        windows.set(id, w);
      }
      w.count += 1;
      return w.count > limit ? Math.ceil((w.start + windowMs - now) / 1000) : 0;
    },
  };
}
