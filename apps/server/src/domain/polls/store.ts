import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { generateId, isId } from '../../db/ids.ts';
import { type PollRow, polls, pollVotes, statusEditPolls } from '../../db/schema/index.ts';
import type { PreparedPoll } from './input.ts';

/** The poll of a status, or null. */
export async function findPollOfStatus(db: DbOrTx, statusId: string): Promise<PollRow | null> {
  const [row] = await db.select().from(polls).where(eq(polls.statusId, statusId));
  return row ?? null;
}

/** The poll, or null (malformed ids included). */
export async function findPollRow(db: DbOrTx, id: string): Promise<PollRow | null> {
  if (!isId(id)) return null;
  const [row] = await db.select().from(polls).where(eq(polls.id, id));
  return row ?? null;
}

/** Stores a new status's poll, in the status's transaction. */
export async function insertPoll(
  tx: DbOrTx,
  statusId: string,
  accountId: string,
  poll: PreparedPoll,
  now: Date,
): Promise<void> {
  await tx.insert(polls).values({
    id: generateId(),
    statusId,
    accountId,
    options: poll.options,
    tallies: poll.options.map(() => 0),
    multiple: poll.multiple,
    hideTotals: poll.hideTotals,
    votesCount: 0,
    votersCount: 0,
    expiresAt: poll.expiresAt,
    closedAt: null,
    createdAt: now,
  });
}

function sameOptions(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((o, i) => o === b[i]);
}

/**
 * Applies an edit's `poll` to a status, in the edit's transaction: undefined keeps the poll, null
 * removes it, a poll replaces it. As Mastodon, changing the options or `multiple` throws the votes
 * away (they were cast for other choices); a new end time reopens the poll for the expiry job.
 * Returns whether readers see a different poll (which makes the edit a new version).
 */
export async function applyPollEdit(
  tx: DbOrTx,
  before: PollRow | null,
  statusId: string,
  accountId: string,
  next: PreparedPoll | null | undefined,
  now: Date,
): Promise<boolean> {
  if (next === undefined) return false;
  if (next === null) {
    if (!before) return false;
    await tx.delete(polls).where(eq(polls.id, before.id));
    return true;
  }
  if (!before) {
    await insertPoll(tx, statusId, accountId, next, now);
    return true;
  }
  const reset = !sameOptions(before.options, next.options) || before.multiple !== next.multiple;
  if (reset) await tx.delete(pollVotes).where(eq(pollVotes.pollId, before.id));
  await tx
    .update(polls)
    .set({
      options: next.options,
      multiple: next.multiple,
      hideTotals: next.hideTotals,
      expiresAt: next.expiresAt,
      closedAt: null,
      ...(reset ? { tallies: next.options.map(() => 0), votesCount: 0, votersCount: 0 } : {}),
    })
    .where(eq(polls.id, before.id));
  return (
    reset || before.hideTotals !== next.hideTotals || before.expiresAt.getTime() !== next.expiresAt.getTime()
  );
}

/** Keeps the options a superseded version had, beside its status_edits row. */
export async function recordEditPoll(
  tx: DbOrTx,
  statusEditId: string,
  before: PollRow | null,
): Promise<void> {
  if (!before) return;
  await tx.insert(statusEditPolls).values({ statusEditId, options: before.options });
}

/** The options each earlier version had, by status_edits id (versions without a poll are absent). */
export async function listEditPolls(db: DbOrTx, editIds: readonly string[]): Promise<Map<string, string[]>> {
  if (editIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(statusEditPolls)
    .where(inArray(statusEditPolls.statusEditId, [...editIds]));
  return new Map(rows.map((r) => [r.statusEditId, r.options]));
}
