import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { generateId } from '../../db/ids.ts';
import { type AccountRow, accounts, mutes } from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { ValidationError } from '../errors.ts';
import { orderPage, type Page, pageWindow } from '../pagination.ts';
import { activeMute, getRelationship, type Relationship } from './relationships.ts';

export interface MuteInput {
  /** Also hide notifications from the target (Mastodon's default: true). */
  notifications?: boolean | undefined;
  /** Seconds until the mute lifts; 0 or undefined mutes indefinitely. */
  durationSeconds?: number | undefined;
}

export interface MutedAccountItem {
  cursor: string;
  account: AccountRow;
  expiresAt: Date | null;
}

/**
 * Mutes `targetId`, or updates an existing mute's notifications flag and expiry.
 * NOTE: expiry is honoured where mutes are read (`activeMute`), so no job has to lift it on time.
 */
export async function muteAccount(
  ctx: AppContext,
  accountId: string,
  targetId: string,
  input: MuteInput = {},
): Promise<Relationship> {
  if (accountId === targetId) throw new ValidationError('You cannot mute yourself', 'id');
  await getAccount(ctx.db, targetId);
  const now = ctx.clock.now();
  const duration = input.durationSeconds ?? 0;
  const values = {
    hideNotifications: input.notifications ?? true,
    expiresAt: duration > 0 ? new Date(now.getTime() + duration * 1000) : null,
  };
  await ctx.db
    .insert(mutes)
    .values({ id: generateId(), accountId, targetAccountId: targetId, createdAt: now, ...values })
    .onConflictDoUpdate({ target: [mutes.accountId, mutes.targetAccountId], set: values });
  return getRelationship(ctx.db, accountId, targetId, now);
}

/** Lifts the viewer's mute of `targetId`. Idempotent. */
export async function unmuteAccount(
  ctx: AppContext,
  accountId: string,
  targetId: string,
): Promise<Relationship> {
  await getAccount(ctx.db, targetId);
  await ctx.db.delete(mutes).where(and(eq(mutes.accountId, accountId), eq(mutes.targetAccountId, targetId)));
  return getRelationship(ctx.db, accountId, targetId, ctx.clock.now());
}

/** Accounts `accountId` mutes right now, newest mute first, paginated by the mute row id. */
export async function listMutedAccounts(
  ctx: AppContext,
  accountId: string,
  page: Page,
): Promise<MutedAccountItem[]> {
  const { where, orderBy } = pageWindow(mutes.id, page);
  const rows = await ctx.db
    .select({ cursor: mutes.id, account: accounts, expiresAt: mutes.expiresAt })
    .from(mutes)
    .innerJoin(accounts, eq(accounts.id, mutes.targetAccountId))
    .where(and(eq(mutes.accountId, accountId), activeMute(ctx.clock.now()), where))
    .orderBy(orderBy)
    .limit(page.limit);
  return orderPage(rows, page);
}
