import type { AppContext } from '../context.ts';
import { revealDueCases } from '../domain/cases/index.ts';

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
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await revealScheduledCases(ctx);
    } catch (error) {
      ctx.logger.error('case reveals failed', { error: String(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
