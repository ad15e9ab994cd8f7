import type { AppContext } from '../context.ts';

/**
 * Runs `work` every `intervalMs` in this process, never two runs at once; a failure is logged as
 * "`what` failed" and the next tick tries again. The timer is unref'd so it never keeps the
 * process alive. Returns a function that stops it.
 */
export function repeat(
  ctx: AppContext,
  what: string,
  intervalMs: number,
  work: () => Promise<unknown>,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await work();
    } catch (error) {
      ctx.logger.error(`${what} failed`, { error: String(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
