import type { AppContext } from '../context.ts';
import { expireCredentials } from '../domain/credentials/index.ts';

/** Expires the credentials whose valid-until has passed; their badges come down. Returns how many. */
export async function expireDueCredentials(ctx: AppContext): Promise<number> {
  const expired = await expireCredentials(ctx);
  if (expired.length > 0) ctx.logger.info('expired credentials', { count: expired.length });
  return expired.length;
}

/**
 * Runs the expiry sweep every `intervalMs` in this process (a credential's end is noticed within
 * that much). Unref'd; with several processes the claim makes running it everywhere harmless.
 */
export function startCredentialExpiry(ctx: AppContext, intervalMs = 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await expireDueCredentials(ctx);
    } catch (error) {
      ctx.logger.error('credential expiry failed', { error: String(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
