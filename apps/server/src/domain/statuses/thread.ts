import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { type HydratedStatus, hydrateStatuses } from './hydrate.ts';
import { getVisibleProperRow } from './lookup.ts';
import { excludeMutedAndBlocked } from './visibility.ts';

/** Mastodon's limits: anonymous readers get a small window, signed-in readers a large one. */
export const THREAD_LIMITS = {
  anonymous: { ancestors: 40, descendants: 60, depth: 20 },
  signedIn: { ancestors: 4096, descendants: 4096, depth: 4096 },
} as const;

function idsOf(result: unknown): string[] {
  const rows = (result as { rows?: Array<{ id: unknown }> }).rows ?? [];
  return rows.map((r) => String(r.id));
}

/** The chain of parents, oldest first, up to `limit` steps (recursive CTE). */
export async function selectAncestorIds(db: DbOrTx, id: string, limit: number): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive ancestors (id, in_reply_to_id, depth) as (
      select s.id, s.in_reply_to_id, 0 from statuses s where s.id = ${id}
      union all
      select p.id, p.in_reply_to_id, a.depth + 1
      from statuses p join ancestors a on p.id = a.in_reply_to_id
      where a.depth < ${limit}
    )
    select id::text as id from ancestors where depth > 0 order by depth desc`);
  return idsOf(result);
}

/**
 * Replies below `id` in thread order: depth first, siblings oldest first (ordering by the path of
 * ids from the root, as ids grow with time), bounded in depth and count.
 */
export async function selectDescendantIds(
  db: DbOrTx,
  id: string,
  limit: number,
  maxDepth: number,
): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive descendants (id, path, depth) as (
      select s.id, array[s.id], 1 from statuses s where s.in_reply_to_id = ${id}
      union all
      select c.id, d.path || c.id, d.depth + 1
      from statuses c join descendants d on c.in_reply_to_id = d.id
      where d.depth < ${maxDepth}
    )
    select id::text as id from descendants order by path limit ${limit}`);
  return idsOf(result);
}

/**
 * The thread around a visible status (404 otherwise): ancestors oldest first and descendants in
 * thread order, each hydrated for the viewer, so that invisible posts and posts by muted or blocked
 * authors drop out while the rest of the thread stays.
 */
export async function getStatusContext(
  ctx: AppContext,
  viewerId: string | null,
  id: string,
): Promise<{ ancestors: HydratedStatus[]; descendants: HydratedStatus[] }> {
  const status = await getVisibleProperRow(ctx.db, viewerId, id);
  const limits = viewerId ? THREAD_LIMITS.signedIn : THREAD_LIMITS.anonymous;
  const [ancestorIds, descendantIds] = await Promise.all([
    selectAncestorIds(ctx.db, status.id, limits.ancestors),
    selectDescendantIds(ctx.db, status.id, limits.descendants, limits.depth),
  ]);
  const hydrated = await hydrateStatuses(ctx, [...ancestorIds, ...descendantIds], viewerId);
  const kept = await excludeMutedAndBlocked(
    ctx.db,
    viewerId,
    hydrated.map((h) => h.row),
    ctx.clock.now(),
  );
  const keep = new Set(kept.map((r) => r.id));
  const ancestors = new Set(ancestorIds);
  const visible = hydrated.filter((h) => keep.has(h.row.id));
  return {
    ancestors: visible.filter((h) => ancestors.has(h.row.id)),
    descendants: visible.filter((h) => !ancestors.has(h.row.id)),
  };
}
