import { and, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  accounts,
  blocks,
  followedTags,
  follows,
  mentions,
  mutes,
  type StatusRow,
  statuses,
  statusTags,
  tags,
} from '../../db/schema/index.ts';
import { findExclusiveListOwners } from '../lists/exclusive.ts';
import { selectAncestorIds } from '../statuses/thread.ts';
import { canSeeRow, type ViewerRelations } from '../statuses/visibility.ts';

/** What live streams need to know to route one status. */
export interface StatusRouting {
  /** The status; for a reblog, the reblog row. */
  row: StatusRow;
  /** The reblogged status, for a reblog. */
  target: StatusRow | null;
  authorIsLocal: boolean;
  /** The content's hashtags: normalised names and ids. */
  tags: Array<{ id: string; name: string }>;
}

/** Loads a status with what routing needs, in three small queries; null when it is gone. */
export async function findStatusRouting(db: DbOrTx, statusId: string): Promise<StatusRouting | null> {
  const [found] = await db
    .select({ row: statuses, domain: accounts.domain })
    .from(statuses)
    .innerJoin(accounts, eq(accounts.id, statuses.accountId))
    .where(eq(statuses.id, statusId));
  if (!found) return null;
  const row = found.row;
  const [target] = row.reblogOfId
    ? await db.select().from(statuses).where(eq(statuses.id, row.reblogOfId))
    : [null];
  if (row.reblogOfId && !target) return null;
  const tagRows = await db
    .select({ id: tags.id, name: tags.name })
    .from(statusTags)
    .innerJoin(tags, eq(tags.id, statusTags.tagId))
    .where(eq(statusTags.statusId, (target ?? row).id));
  return { row, target: target ?? null, authorIsLocal: found.domain === null, tags: tagRows };
}

const CHUNK = 1000;

function chunked<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Relations between candidate viewers and a handful of accounts and statuses, loaded in bulk. */
interface CandidateRelations {
  follows: Set<string>;
  blocksEither: Set<string>;
  blocking: Set<string>;
  mutes: Set<string>;
  mentioned: Set<string>;
}

const pair = (viewer: string, other: string) => `${viewer}:${other}`;

async function loadCandidateRelations(
  db: DbOrTx,
  candidates: readonly string[],
  others: readonly string[],
  statusIds: readonly string[],
  now: Date,
): Promise<CandidateRelations> {
  const rel: CandidateRelations = {
    follows: new Set(),
    blocksEither: new Set(),
    blocking: new Set(),
    mutes: new Set(),
    mentioned: new Set(),
  };
  for (const part of chunked(candidates)) {
    const [followRows, blockRows, muteRows, mentionRows] = await Promise.all([
      db
        .select({ a: follows.accountId, b: follows.targetAccountId })
        .from(follows)
        .where(and(inArray(follows.accountId, part), inArray(follows.targetAccountId, [...others]))),
      db
        .select({ a: blocks.accountId, b: blocks.targetAccountId })
        .from(blocks)
        .where(
          or(
            and(inArray(blocks.accountId, part), inArray(blocks.targetAccountId, [...others])),
            and(inArray(blocks.targetAccountId, part), inArray(blocks.accountId, [...others])),
          ),
        ),
      db
        .select({ a: mutes.accountId, b: mutes.targetAccountId })
        .from(mutes)
        .where(
          and(
            inArray(mutes.accountId, part),
            inArray(mutes.targetAccountId, [...others]),
            or(isNull(mutes.expiresAt), gt(mutes.expiresAt, now)),
          ),
        ),
      db
        .select({ a: mentions.accountId, s: mentions.statusId })
        .from(mentions)
        .where(and(inArray(mentions.accountId, part), inArray(mentions.statusId, [...statusIds]))),
    ]);
    const inPart = new Set(part);
    for (const f of followRows) rel.follows.add(pair(f.a, f.b));
    for (const b of blockRows) {
      if (inPart.has(b.a)) {
        rel.blocking.add(pair(b.a, b.b));
        rel.blocksEither.add(pair(b.a, b.b));
      } else rel.blocksEither.add(pair(b.b, b.a));
    }
    for (const m of muteRows) rel.mutes.add(pair(m.a, m.b));
    for (const m of mentionRows) rel.mentioned.add(pair(m.a, m.s));
  }
  return rel;
}

/** The statuses domain's ViewerRelations for one candidate, restricted to the accounts at hand. */
function relationsOf(
  viewerId: string,
  rel: CandidateRelations,
  others: readonly string[],
  statusIds: readonly string[],
): ViewerRelations {
  const pick = (set: Set<string>, keys: readonly string[]) =>
    new Set(keys.filter((k) => set.has(pair(viewerId, k))));
  return {
    viewerId,
    following: pick(rel.follows, others),
    blockedEither: pick(rel.blocksEither, others),
    blocking: pick(rel.blocking, others),
    mentionedIn: pick(rel.mentioned, statusIds),
  };
}

async function localFollowersOf(db: DbOrTx, accountId: string) {
  return db
    .select({ id: follows.accountId, showReblogs: follows.showReblogs })
    .from(follows)
    .innerJoin(accounts, and(eq(accounts.id, follows.accountId), isNull(accounts.domain)))
    .where(eq(follows.targetAccountId, accountId));
}

/**
 * The local accounts whose home feed gains `routing.row` — the rules of the home timeline
 * (domain/timelines/home.ts), evaluated for every candidate at once so that streaming and
 * `GET /api/v1/timelines/home` agree:
 * - the author, always;
 * - followers of the author, for reblogs only when the follow shows reblogs, and for a reply to
 *   someone else only when they are that someone or follow them;
 *   not those who put the author on an exclusive list;
 * - for a public original, accounts following one of its hashtags;
 * - minus anyone who may not see it (the statuses domain's `canSeeRow`, reblog target included)
 *   and anyone who mutes or blocks the author or, for a reblog, the reblogged author.
 * A fixed number of queries per thousand candidates.
 */
export async function listHomeRecipients(db: DbOrTx, routing: StatusRouting, now: Date): Promise<string[]> {
  const { row, target } = routing;
  const author = row.accountId;
  const content = target ?? row;
  const followers = await localFollowersOf(db, author);
  const viaFollow = new Set(followers.filter((f) => target === null || f.showReblogs).map((f) => f.id));
  const viaTag = new Set<string>();
  if (target === null && row.visibility === 'public' && routing.tags.length > 0) {
    const rows = await db
      .selectDistinct({ id: followedTags.accountId })
      .from(followedTags)
      .innerJoin(accounts, and(eq(accounts.id, followedTags.accountId), isNull(accounts.domain)))
      .where(
        inArray(
          followedTags.tagId,
          routing.tags.map((t) => t.id),
        ),
      );
    for (const r of rows) viaTag.add(r.id);
  }
  const candidates = [...new Set([...viaFollow, ...viaTag])].filter((id) => id !== author);
  const recipients = routing.authorIsLocal ? [author] : [];
  if (candidates.length === 0) return recipients;

  const replyTo = row.inReplyToAccountId;
  const others = [...new Set([author, content.accountId, ...(replyTo ? [replyTo] : [])])];
  const statusIds = [...new Set([row.id, content.id])];
  const [rel, exclusive] = await Promise.all([
    loadCandidateRelations(db, candidates, others, statusIds, now),
    findExclusiveListOwners(db, author),
  ]);
  for (const viewer of candidates) {
    const r = relationsOf(viewer, rel, others, statusIds);
    if (!canSeeRow(row, r) || (target && !canSeeRow(target, r))) continue;
    if (rel.mutes.has(pair(viewer, author)) || rel.mutes.has(pair(viewer, content.accountId))) continue;
    if (r.blockedEither.has(content.accountId)) continue;
    const replyOk = replyTo === null || replyTo === author || replyTo === viewer || r.following.has(replyTo);
    if (viaFollow.has(viewer) && replyOk && !exclusive.has(viewer)) recipients.push(viewer);
    else if (viaTag.has(viewer)) recipients.push(viewer);
  }
  return recipients;
}

/**
 * Who takes part in a direct status' conversation and may see it: the author and the local
 * accounts it mentions (no block either way with the author).
 */
export async function listConversationRecipients(
  db: DbOrTx,
  routing: StatusRouting,
  now: Date,
): Promise<string[]> {
  const { row } = routing;
  const mentioned = await db
    .select({ id: mentions.accountId })
    .from(mentions)
    .innerJoin(accounts, and(eq(accounts.id, mentions.accountId), isNull(accounts.domain)))
    .where(eq(mentions.statusId, row.id));
  const candidates = mentioned.map((m) => m.id).filter((id) => id !== row.accountId);
  const recipients = routing.authorIsLocal ? [row.accountId] : [];
  if (candidates.length === 0) return recipients;
  const rel = await loadCandidateRelations(db, candidates, [row.accountId], [row.id], now);
  for (const viewer of candidates) {
    if (canSeeRow(row, relationsOf(viewer, rel, [row.accountId], [row.id]))) recipients.push(viewer);
  }
  return recipients;
}

/**
 * The first status of the reply chain `statusId` belongs to (as far as it still exists): the
 * id a conversation is known by until Rounds keeps conversations of its own.
 */
export async function findThreadRootId(db: DbOrTx, statusId: string): Promise<string> {
  const [root] = await selectAncestorIds(db, statusId, 4096);
  return root ?? statusId;
}
