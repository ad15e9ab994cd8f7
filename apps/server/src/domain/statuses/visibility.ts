import { and, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import { blocks, follows, mentions, mutes, type StatusRow, statuses } from '../../db/schema/index.ts';

/**
 * "Visibility is law". Who may see a status:
 * - public, unlisted: everyone (unlisted is only kept out of public and tag timelines, elsewhere);
 * - private (followers-only): the author, accounts following the author, accounts mentioned in it;
 * - direct: the author and the accounts mentioned in it.
 * A block in either direction between viewer and author hides the status. Anonymous viewers see
 * public and unlisted only. A reblog is visible only when its own row and the reblogged status are.
 * Callers answer "not visible" exactly like "does not exist" (404 Record not found).
 */
export type StatusVisibilityFields = Pick<StatusRow, 'id' | 'accountId' | 'visibility' | 'reblogOfId'>;

/** What the rules need to know about one viewer, loaded in bulk for a set of statuses. */
export interface ViewerRelations {
  viewerId: string | null;
  /** Authors the viewer follows. */
  following: ReadonlySet<string>;
  /** Authors with a block in either direction. */
  blockedEither: ReadonlySet<string>;
  /** Authors the viewer blocks (a subset of blockedEither). */
  blocking: ReadonlySet<string>;
  /** Statuses that mention the viewer. */
  mentionedIn: ReadonlySet<string>;
}

const EMPTY = new Set<string>();

export const ANONYMOUS: ViewerRelations = {
  viewerId: null,
  following: EMPTY,
  blockedEither: EMPTY,
  blocking: EMPTY,
  mentionedIn: EMPTY,
};

/**
 * Loads follows, blocks (both directions) and mentions between `viewerId` and the given authors and
 * statuses in three queries, whatever the number of rows.
 */
export async function loadViewerRelations(
  db: DbOrTx,
  viewerId: string | null,
  authorIds: readonly string[],
  statusIds: readonly string[],
): Promise<ViewerRelations> {
  if (!viewerId) return ANONYMOUS;
  const authors = [...new Set(authorIds)].filter((id) => id !== viewerId);
  const ids = [...new Set(statusIds)];
  // NOTE: one after another, not Promise.all: `db` may be a transaction, whose single connection
  // node-postgres would otherwise be asked to run overlapping queries (deprecated; an error in pg 9).
  const followRows = authors.length
    ? await db
        .select({ id: follows.targetAccountId })
        .from(follows)
        .where(and(eq(follows.accountId, viewerId), inArray(follows.targetAccountId, authors)))
    : [];
  const blockRows = authors.length
    ? await db
        .select({ from: blocks.accountId, to: blocks.targetAccountId })
        .from(blocks)
        .where(
          or(
            and(eq(blocks.accountId, viewerId), inArray(blocks.targetAccountId, authors)),
            and(eq(blocks.targetAccountId, viewerId), inArray(blocks.accountId, authors)),
          ),
        )
    : [];
  const mentionRows = ids.length
    ? await db
        .select({ id: mentions.statusId })
        .from(mentions)
        .where(and(eq(mentions.accountId, viewerId), inArray(mentions.statusId, ids)))
    : [];
  const blockedEither = new Set<string>();
  const blocking = new Set<string>();
  for (const b of blockRows) {
    if (b.from === viewerId) {
      blocking.add(b.to);
      blockedEither.add(b.to);
    } else blockedEither.add(b.from);
  }
  return {
    viewerId,
    following: new Set(followRows.map((r) => r.id)),
    blockedEither,
    blocking,
    mentionedIn: new Set(mentionRows.map((r) => r.id)),
  };
}

/**
 * The rule for one row, given preloaded relations. Does not look at a reblog's target: callers
 * check the target with the same function (filterVisible and hydrateStatuses do).
 */
export function canSeeRow(
  row: Pick<StatusRow, 'id' | 'accountId' | 'visibility'>,
  rel: ViewerRelations,
): boolean {
  if (rel.viewerId !== null && row.accountId === rel.viewerId) return true;
  if (rel.blockedEither.has(row.accountId)) return false;
  switch (row.visibility) {
    case 'public':
    case 'unlisted':
      return true;
    case 'private':
      return rel.following.has(row.accountId) || rel.mentionedIn.has(row.id);
    case 'direct':
      return rel.mentionedIn.has(row.id);
    default:
      return false;
  }
}

/**
 * Keeps the rows `viewerId` may see, in their order. Reblogs are kept only when the reblogged
 * status is visible too (their targets are loaded in one query). Bulk: a fixed number of queries
 * whatever the number of rows — use it on any list of already-loaded statuses.
 */
export async function filterVisible<T extends StatusVisibilityFields>(
  db: DbOrTx,
  viewerId: string | null,
  rows: readonly T[],
): Promise<T[]> {
  if (rows.length === 0) return [];
  const targetIds = [...new Set(rows.map((r) => r.reblogOfId).filter((id): id is string => id !== null))];
  const targets = targetIds.length
    ? await db
        .select({ id: statuses.id, accountId: statuses.accountId, visibility: statuses.visibility })
        .from(statuses)
        .where(inArray(statuses.id, targetIds))
    : [];
  const byId = new Map(targets.map((t) => [t.id, t]));
  const all = [...rows, ...targets];
  const rel = await loadViewerRelations(
    db,
    viewerId,
    all.map((r) => r.accountId),
    all.map((r) => r.id),
  );
  return rows.filter((row) => {
    if (!canSeeRow(row, rel)) return false;
    if (row.reblogOfId === null) return true;
    const target = byId.get(row.reblogOfId);
    return target !== undefined && canSeeRow(target, rel);
  });
}

/** Whether `viewerId` may see one status (and, for a reblog, its target). */
export async function isVisibleTo(
  db: DbOrTx,
  viewerId: string | null,
  row: StatusVisibilityFields,
): Promise<boolean> {
  return (await filterVisible(db, viewerId, [row])).length === 1;
}

type StatusesTable = typeof statuses;

function rowPredicate(t: StatusesTable, viewerId: string | null): SQL {
  if (viewerId === null) return sql`${t.visibility} in ('public', 'unlisted')`;
  return sql`(${t.accountId} = ${viewerId} or (
    not exists (select 1 from ${blocks} where (${blocks.accountId} = ${viewerId} and ${blocks.targetAccountId} = ${t.accountId})
      or (${blocks.accountId} = ${t.accountId} and ${blocks.targetAccountId} = ${viewerId}))
    and (
      ${t.visibility} in ('public', 'unlisted')
      or (${t.visibility} = 'private' and exists (select 1 from ${follows} where ${follows.accountId} = ${viewerId} and ${follows.targetAccountId} = ${t.accountId}))
      or (${t.visibility} in ('private', 'direct') and exists (select 1 from ${mentions} where ${mentions.statusId} = ${t.id} and ${mentions.accountId} = ${viewerId}))
    )))`;
}

/**
 * The same rules as `filterVisible`, as a WHERE fragment over the `statuses` table (select from
 * `statuses` itself, not an alias). Includes the reblog-target check through a correlated
 * subquery. Use it to select candidate ids for list queries, then hydrate (which checks again).
 */
export function visibleToSql(viewerId: string | null): SQL {
  const target = alias(statuses, 'reblog_target');
  // NOTE: `${target}` alone renders only the alias name, so the FROM names the table explicitly.
  return sql`(${rowPredicate(statuses, viewerId)} and (${statuses.reblogOfId} is null or exists (
    select 1 from ${statuses} as ${sql.identifier('reblog_target')} where ${target.id} = ${statuses.reblogOfId} and ${rowPredicate(target as unknown as StatusesTable, viewerId)})))`;
}

/**
 * Authors the viewer has muted (expired mutes excluded). Timelines, threads and lists hide muted
 * authors' posts; a single status fetched by id is still shown (Mastodon does the same).
 */
export async function loadMutedAuthors(
  db: DbOrTx,
  viewerId: string | null,
  authorIds: readonly string[],
  now: Date,
): Promise<Set<string>> {
  const authors = [...new Set(authorIds)].filter((id) => id !== viewerId);
  if (!viewerId || authors.length === 0) return new Set();
  const rows = await db
    .select({ id: mutes.targetAccountId })
    .from(mutes)
    .where(
      and(
        eq(mutes.accountId, viewerId),
        inArray(mutes.targetAccountId, authors),
        or(isNull(mutes.expiresAt), gt(mutes.expiresAt, now)),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/** Drops rows by authors the viewer muted or blocked (for threads and lists). */
export async function excludeMutedAndBlocked<T extends Pick<StatusRow, 'accountId'>>(
  db: DbOrTx,
  viewerId: string | null,
  rows: readonly T[],
  now: Date,
): Promise<T[]> {
  if (!viewerId || rows.length === 0) return [...rows];
  const authorIds = rows.map((r) => r.accountId);
  // Sequential for the same reason as in loadViewerRelations: `db` may be a transaction.
  const muted = await loadMutedAuthors(db, viewerId, authorIds, now);
  const rel = await loadViewerRelations(db, viewerId, authorIds, []);
  return rows.filter((r) => !muted.has(r.accountId) && !rel.blockedEither.has(r.accountId));
}
