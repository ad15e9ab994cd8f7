import type { AppContext } from '../context.ts';
import { expireCredentials } from '../domain/credentials/index.ts';
import { repeat } from './repeat.ts';

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
  return repeat(ctx, 'credential expiry', intervalMs, () => expireDueCredentials(ctx));
}
