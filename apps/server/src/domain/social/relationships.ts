import { and, eq, exists, gt, inArray, isNull, or, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import { accountNotes, accounts, blocks, followRequests, follows, mutes } from '../../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';

/** How the viewer stands towards one account (Mastodon's Relationship, in domain terms). */
export interface Relationship {
  id: string;
  following: boolean;
  showingReblogs: boolean;
  notifying: boolean;
  languages: string[] | null;
  followedBy: boolean;
  blocking: boolean;
  blockedBy: boolean;
  muting: boolean;
  mutingNotifications: boolean;
  mutingExpiresAt: Date | null;
  requested: boolean;
  requestedBy: boolean;
  domainBlocking: boolean;
  endorsed: boolean;
  note: string;
}

/** A mute counts while it has no expiry or its expiry is still ahead of `now`. */
export function activeMute(now: Date | Placeholder, expiresAt: PgColumn = mutes.expiresAt): SQL {
  return or(isNull(expiresAt), gt(expiresAt, now))!;
}

/**
 * The viewer's relationships to `targetIds`, in the order asked, skipping unknown accounts.
 * One round trip: each flag is a left join or an EXISTS on a unique index.
 */
export async function listRelationships(
  db: DbOrTx,
  viewerId: string,
  targetIds: readonly string[],
  now: Date,
): Promise<Relationship[]> {
  const ids = [...new Set(targetIds)];
  if (ids.length === 0) return [];
  const f = alias(follows, 'f');
  const fr = alias(followRequests, 'fr');
  const m = alias(mutes, 'm');
  const n = alias(accountNotes, 'n');
  const back = alias(follows, 'back');
  const backReq = alias(followRequests, 'back_req');
  const bl = alias(blocks, 'bl');
  const blBy = alias(blocks, 'bl_by');
  const rows = await db
    .select({
      id: accounts.id,
      followId: f.id,
      followReblogs: f.showReblogs,
      followNotify: f.notify,
      requestId: fr.id,
      requestReblogs: fr.showReblogs,
      requestNotify: fr.notify,
      muteId: m.id,
      muteNotifications: m.hideNotifications,
      muteExpiresAt: m.expiresAt,
      note: n.comment,
      followedBy: exists(
        db
          .select({ one: sql`1` })
          .from(back)
          .where(and(eq(back.accountId, accounts.id), eq(back.targetAccountId, viewerId))),
      ),
      requestedBy: exists(
        db
          .select({ one: sql`1` })
          .from(backReq)
          .where(and(eq(backReq.accountId, accounts.id), eq(backReq.targetAccountId, viewerId))),
      ),
      blocking: exists(
        db
          .select({ one: sql`1` })
          .from(bl)
          .where(and(eq(bl.accountId, viewerId), eq(bl.targetAccountId, accounts.id))),
      ),
      blockedBy: exists(
        db
          .select({ one: sql`1` })
          .from(blBy)
          .where(and(eq(blBy.accountId, accounts.id), eq(blBy.targetAccountId, viewerId))),
      ),
    })
    .from(accounts)
    .leftJoin(f, and(eq(f.accountId, viewerId), eq(f.targetAccountId, accounts.id)))
    .leftJoin(fr, and(eq(fr.accountId, viewerId), eq(fr.targetAccountId, accounts.id)))
    .leftJoin(
      m,
      and(eq(m.accountId, viewerId), eq(m.targetAccountId, accounts.id), activeMute(now, m.expiresAt)),
    )
    .leftJoin(n, and(eq(n.accountId, viewerId), eq(n.targetAccountId, accounts.id)))
    .where(inArray(accounts.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: Relationship[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    const following = r.followId !== null;
    const requested = r.requestId !== null;
    out.push({
      id,
      following,
      showingReblogs: following ? !!r.followReblogs : requested ? !!r.requestReblogs : false,
      notifying: following ? !!r.followNotify : requested ? !!r.requestNotify : false,
      languages: null,
      followedBy: !!r.followedBy,
      blocking: !!r.blocking,
      blockedBy: !!r.blockedBy,
      muting: r.muteId !== null,
      mutingNotifications: r.muteId !== null && !!r.muteNotifications,
      mutingExpiresAt: r.muteExpiresAt ?? null,
      requested,
      requestedBy: !!r.requestedBy,
      domainBlocking: false,
      endorsed: false,
      note: r.note ?? '',
    });
  }
  return out;
}

/** The viewer's relationship to one account; NotFound when the account does not exist. */
export async function getRelationship(
  db: DbOrTx,
  viewerId: string,
  targetId: string,
  now: Date,
): Promise<Relationship> {
  const [rel] = await listRelationships(db, viewerId, [targetId], now);
  if (!rel) throw new NotFoundError('Record not found');
  return rel;
}
