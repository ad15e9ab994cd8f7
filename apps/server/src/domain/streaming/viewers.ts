import { and, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  blocks,
  bookmarks,
  favourites,
  follows,
  mutes,
  oauthTokens,
  statuses,
  users,
} from '../../db/schema/index.ts';

const CHUNK = 1000;

async function inChunks<T>(ids: readonly string[], load: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...(await load(unique.slice(i, i + CHUNK))));
  return out;
}

/**
 * What a live connection filters public streams by, per viewer: accounts with a block either way
 * and muted accounts (with the mute's end, if timed).
 */
export interface StreamViewerState {
  blockedEither: Set<string>;
  mutedUntil: Map<string, number>;
}

/** Blocks and mutes of many viewers in two queries per thousand viewers. */
export async function loadStreamViewerStates(
  db: DbOrTx,
  accountIds: readonly string[],
  now: Date,
): Promise<Map<string, StreamViewerState>> {
  const states = new Map<string, StreamViewerState>();
  for (const id of accountIds) states.set(id, { blockedEither: new Set(), mutedUntil: new Map() });
  const blockRows = await inChunks(accountIds, (part) =>
    db
      .select({ a: blocks.accountId, b: blocks.targetAccountId })
      .from(blocks)
      .where(or(inArray(blocks.accountId, part), inArray(blocks.targetAccountId, part))),
  );
  for (const b of blockRows) {
    states.get(b.a)?.blockedEither.add(b.b);
    states.get(b.b)?.blockedEither.add(b.a);
  }
  const muteRows = await inChunks(accountIds, (part) =>
    db
      .select({ a: mutes.accountId, b: mutes.targetAccountId, until: mutes.expiresAt })
      .from(mutes)
      .where(and(inArray(mutes.accountId, part), or(isNull(mutes.expiresAt), gt(mutes.expiresAt, now)))),
  );
  for (const m of muteRows)
    states.get(m.a)?.mutedUntil.set(m.b, m.until ? m.until.getTime() : Number.POSITIVE_INFINITY);
  return states;
}

/** Which of `viewerIds` block `authorId` or are blocked by them. */
export async function findBlocksWithAuthor(
  db: DbOrTx,
  authorId: string,
  viewerIds: readonly string[],
): Promise<{ blockedEither: Set<string>; blocking: Set<string> }> {
  const rows = await inChunks(viewerIds, (part) =>
    db
      .select({ a: blocks.accountId, b: blocks.targetAccountId })
      .from(blocks)
      .where(
        or(
          and(eq(blocks.targetAccountId, authorId), inArray(blocks.accountId, part)),
          and(eq(blocks.accountId, authorId), inArray(blocks.targetAccountId, part)),
        ),
      ),
  );
  const blockedEither = new Set<string>();
  const blocking = new Set<string>();
  for (const r of rows) {
    if (r.b === authorId) {
      blocking.add(r.a);
      blockedEither.add(r.a);
    } else blockedEither.add(r.b);
  }
  return { blockedEither, blocking };
}

/** Which of `viewerIds` follow `authorId`. */
export async function findFollowersAmong(
  db: DbOrTx,
  authorId: string,
  viewerIds: readonly string[],
): Promise<Set<string>> {
  const rows = await inChunks(viewerIds, (part) =>
    db
      .select({ id: follows.accountId })
      .from(follows)
      .where(and(eq(follows.targetAccountId, authorId), inArray(follows.accountId, part))),
  );
  return new Set(rows.map((r) => r.id));
}

/** Which of `viewerIds` favourited, reblogged or bookmarked one status: three queries in all. */
export async function findStatusFlagsAmong(
  db: DbOrTx,
  statusId: string,
  viewerIds: readonly string[],
): Promise<{ favourited: Set<string>; reblogged: Set<string>; bookmarked: Set<string> }> {
  const [fav, reb, book] = await Promise.all([
    inChunks(viewerIds, (part) =>
      db
        .select({ id: favourites.accountId })
        .from(favourites)
        .where(and(eq(favourites.statusId, statusId), inArray(favourites.accountId, part))),
    ),
    inChunks(viewerIds, (part) =>
      db
        .select({ id: statuses.accountId })
        .from(statuses)
        .where(and(eq(statuses.reblogOfId, statusId), inArray(statuses.accountId, part))),
    ),
    inChunks(viewerIds, (part) =>
      db
        .select({ id: bookmarks.accountId })
        .from(bookmarks)
        .where(and(eq(bookmarks.statusId, statusId), inArray(bookmarks.accountId, part))),
    ),
  ]);
  const ids = (rows: Array<{ id: string }>) => new Set(rows.map((r) => r.id));
  return { favourited: ids(fav), reblogged: ids(reb), bookmarked: ids(book) };
}

/**
 * Of `tokenIds`, those that still authenticate someone: not revoked, not expired, their user
 * neither disabled nor awaiting approval (the rules of `resolveAccessToken`). Live streams use it
 * as a safety net for revocations that happen without an event.
 */
export async function findLiveTokenIds(
  db: DbOrTx,
  tokenIds: readonly string[],
  now: Date,
): Promise<Set<string>> {
  const rows = await inChunks(tokenIds, (part) =>
    db
      .select({ id: oauthTokens.id })
      .from(oauthTokens)
      .innerJoin(users, eq(users.id, oauthTokens.userId))
      .where(
        and(
          inArray(oauthTokens.id, part),
          isNull(oauthTokens.revokedAt),
          or(isNull(oauthTokens.expiresAt), gt(oauthTokens.expiresAt, now)),
          eq(users.disabled, false),
          eq(users.approved, true),
        ),
      ),
  );
  return new Set(rows.map((r) => r.id));
}
