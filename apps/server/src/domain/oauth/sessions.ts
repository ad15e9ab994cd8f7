import { and, eq, gt } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type UserRow, users, webSessions } from '../../db/schema/index.ts';
import { hashToken, randomToken } from './tokens.ts';

const SESSION_DAYS = 14;

/** A browser session for the server's own pages; the cookie carries the id, the row its hash. */
export async function createWebSession(
  ctx: AppContext,
  userId: string,
): Promise<{ id: string; csrfToken: string; expiresAt: Date }> {
  const id = randomToken(32);
  const csrfToken = randomToken(24);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await ctx.db
    .insert(webSessions)
    .values({ idHash: hashToken(id), userId, csrfToken, createdAt: now, expiresAt });
  return { id, csrfToken, expiresAt };
}

export async function findWebSession(
  ctx: AppContext,
  id: string,
): Promise<{ user: UserRow; csrfToken: string } | null> {
  const [row] = await ctx.db
    .select({ user: users, csrfToken: webSessions.csrfToken })
    .from(webSessions)
    .innerJoin(users, eq(users.id, webSessions.userId))
    .where(and(eq(webSessions.idHash, hashToken(id)), gt(webSessions.expiresAt, ctx.clock.now())));
  if (!row || row.user.disabled || !row.user.approved) return null;
  return row;
}

export async function deleteWebSession(ctx: AppContext, id: string): Promise<void> {
  await ctx.db.delete(webSessions).where(eq(webSessions.idHash, hashToken(id)));
}
