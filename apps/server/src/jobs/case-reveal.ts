import type { AppContext } from '../context.ts';
import { revealDueCases } from '../domain/cases/index.ts';
import { repeat } from './repeat.ts';

/**
 * Reveals the cases whose `reveal_at` has passed (each exactly once, whichever process gets to it:
 * domain/cases/reveal.ts). Returns how many were revealed.
 */
export async function revealScheduledCases(ctx: AppContext): Promise<number> {
  const revealed = await revealDueCases(ctx);
  if (revealed > 0) ctx.logger.info('revealed scheduled cases', { count: revealed });
  return revealed;
}

/**
 * Checks for due reveals every `intervalMs` in this process (a reveal goes out at most that long
 * after its time). The timer is unref'd so it never keeps the process alive. Returns a function
 * that stops it.
 */
export function startCaseReveals(ctx: AppContext, intervalMs = 15_000): () => void {
  return repeat(ctx, 'case reveals', intervalMs, () => revealScheduledCases(ctx));
}
