import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { isId } from '../../db/ids.ts';
import {
  follows,
  type TweetorialRow,
  type TweetorialVersionRow,
  tweetorials,
  tweetorialVersions,
} from '../../db/schema/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { getVisibleStatusRow } from '../statuses/index.ts';

export async function findTweetorialRow(db: DbOrTx, id: string): Promise<TweetorialRow | null> {
  if (!isId(id)) return null;
  const [row] = await db.select().from(tweetorials).where(eq(tweetorials.id, id));
  return row ?? null;
}

/**
 * The tweetorial if `viewerId` may see its first part (the statuses' visibility rules: a
 * followers-only tweetorial for followers, blocks either way hide it); NotFoundError otherwise,
 * so "not allowed" reads as "does not exist".
 */
export async function getVisibleTweetorial(
  db: DbOrTx,
  viewerId: string | null,
  id: string,
): Promise<TweetorialRow> {
  const row = await findTweetorialRow(db, id);
  if (!row) throw new NotFoundError();
  const root = await getVisibleStatusRow(db, viewerId, row.rootStatusId);
  // A followers-only status is also visible to the accounts it mentions, but the tweetorial as a
  // whole (every part, every version) is for followers: being thanked in part 1 is not following.
  if (root.visibility === 'private' && viewerId !== row.accountId) {
    const [follow] = await db
      .select({ id: follows.id })
      .from(follows)
      .where(and(eq(follows.accountId, viewerId ?? '0'), eq(follows.targetAccountId, row.accountId)));
    if (!follow) throw new NotFoundError();
  }
  return row;
}

/** The author's own tweetorial: 404 when the caller cannot see it, 403 when they can but did not write it. */
export async function getOwnTweetorial(db: DbOrTx, accountId: string, id: string): Promise<TweetorialRow> {
  const row = await getVisibleTweetorial(db, accountId, id);
  if (row.accountId !== accountId) throw new ForbiddenError('Only the author may change this tweetorial');
  return row;
}

export async function findVersion(
  db: DbOrTx,
  tweetorialId: string,
  version: number,
): Promise<TweetorialVersionRow | null> {
  const [row] = await db
    .select()
    .from(tweetorialVersions)
    .where(and(eq(tweetorialVersions.tweetorialId, tweetorialId), eq(tweetorialVersions.version, version)));
  return row ?? null;
}

export async function getCurrentVersion(db: DbOrTx, row: TweetorialRow): Promise<TweetorialVersionRow> {
  const version = await findVersion(db, row.id, row.version);
  if (!version) throw new NotFoundError();
  return version;
}

/** Locks the tweetorial row for the rest of the transaction (edits and deletes queue behind each other). */
export async function lockTweetorial(tx: DbOrTx, id: string): Promise<TweetorialRow> {
  const [row] = await tx.select().from(tweetorials).where(eq(tweetorials.id, id)).for('update');
  if (!row) throw new NotFoundError();
  return row;
}
