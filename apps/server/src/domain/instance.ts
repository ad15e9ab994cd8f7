import { count, isNull } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { accounts, statuses } from '../db/schema/index.ts';

export const STATUS_LIMITS = { maxCharacters: 5000, maxMediaAttachments: 4, charactersReservedPerUrl: 23 };

export async function getUsageCounts(ctx: AppContext): Promise<{ users: number; statuses: number }> {
  const [u] = await ctx.db.select({ n: count() }).from(accounts).where(isNull(accounts.domain));
  const [s] = await ctx.db.select({ n: count() }).from(statuses);
  return { users: u?.n ?? 0, statuses: s?.n ?? 0 };
}
