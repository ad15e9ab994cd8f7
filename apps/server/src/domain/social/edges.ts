import { and, eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import { accounts, blocks, followRequests, follows } from '../../db/schema/index.ts';

export interface FollowOptions {
  showReblogs: boolean;
  notify: boolean;
}

/**
 * Inserts the follow edge `accountId → targetAccountId` and bumps both counters, in the caller's
 * transaction. Returns false (and changes nothing) when the edge already exists.
 * NOTE: counters move only when a row was really inserted, so concurrent duplicate follows
 * cannot double-count (the unique index arbitrates).
 */
export async function insertFollowEdge(
  tx: DbOrTx,
  accountId: string,
  targetAccountId: string,
  options: FollowOptions,
  now: Date,
): Promise<boolean> {
  const inserted = await tx
    .insert(follows)
    .values({
      id: generateId(),
      accountId,
      targetAccountId,
      showReblogs: options.showReblogs,
      notify: options.notify,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: follows.id });
  if (inserted.length === 0) return false;
  await adjustCounters(tx, [{ accountId, targetAccountId }], 1);
  return true;
}

/**
 * Deletes follow edges between the given pairs and lowers the counters by what was really
 * deleted. Returns how many edges went away.
 */
export async function deleteFollowEdges(
  tx: DbOrTx,
  pairs: ReadonlyArray<{ accountId: string; targetAccountId: string }>,
): Promise<number> {
  if (pairs.length === 0) return 0;
  const deleted = await tx
    .delete(follows)
    .where(
      or(
        ...pairs.map((p) =>
          and(eq(follows.accountId, p.accountId), eq(follows.targetAccountId, p.targetAccountId)),
        ),
      ),
    )
    .returning({ accountId: follows.accountId, targetAccountId: follows.targetAccountId });
  await adjustCounters(tx, deleted, -1);
  return deleted.length;
}

/** Deletes pending follow requests between the given pairs (either direction as listed). */
export async function deleteFollowRequestRows(
  tx: DbOrTx,
  pairs: ReadonlyArray<{ accountId: string; targetAccountId: string }>,
): Promise<number> {
  if (pairs.length === 0) return 0;
  const deleted = await tx
    .delete(followRequests)
    .where(
      or(
        ...pairs.map((p) =>
          and(
            eq(followRequests.accountId, p.accountId),
            eq(followRequests.targetAccountId, p.targetAccountId),
          ),
        ),
      ),
    )
    .returning({ id: followRequests.id });
  return deleted.length;
}

async function adjustCounters(
  tx: DbOrTx,
  edges: ReadonlyArray<{ accountId: string; targetAccountId: string }>,
  delta: 1 | -1,
): Promise<void> {
  for (const edge of edges) {
    await tx
      .update(accounts)
      .set({ followingCount: sql`greatest(${accounts.followingCount} + ${delta}, 0)` })
      .where(eq(accounts.id, edge.accountId));
    await tx
      .update(accounts)
      .set({ followersCount: sql`greatest(${accounts.followersCount} + ${delta}, 0)` })
      .where(eq(accounts.id, edge.targetAccountId));
  }
}

/** Who blocks whom between `a` and `b`: `aBlocksB`, `bBlocksA`. */
export async function findBlocksBetween(
  db: DbOrTx,
  a: string,
  b: string,
): Promise<{ aBlocksB: boolean; bBlocksA: boolean }> {
  const rows = await db
    .select({ accountId: blocks.accountId })
    .from(blocks)
    .where(
      or(
        and(eq(blocks.accountId, a), eq(blocks.targetAccountId, b)),
        and(eq(blocks.accountId, b), eq(blocks.targetAccountId, a)),
      ),
    );
  return { aBlocksB: rows.some((r) => r.accountId === a), bBlocksA: rows.some((r) => r.accountId === b) };
}
