import { NOTIFICATION_TYPES, ROUNDS_ONLY_NOTIFICATION_TYPES } from '@rounds/contract';
import { and, eq, exists, inArray, notExists, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import {
  type AccountRow,
  accounts,
  blocks,
  followRequests,
  mutes,
  type NotificationRow,
  notifications,
  statuses,
} from '../../db/schema/index.ts';
import { applyFilters } from '../filters/apply.ts';
import { activeMute } from '../social/relationships.ts';
import { type HydratedStatus, hydrateStatuses } from '../statuses/hydrate.ts';

/** Types whose notification shows a status; without a visible status they are not shown at all. */
const STATUS_TYPES = new Set([
  'mention',
  'status',
  'reblog',
  'favourite',
  'poll',
  'update',
  'quote',
  'quoted_update',
  'correction_note',
]);

/** Whether a notification of this type is about a status (and must show one). */
export function hasStatus(type: string): boolean {
  return STATUS_TYPES.has(type);
}

/** `types[]`, `exclude_types[]` and `account_id`, as the list and count endpoints take them. */
export interface NotificationFilter {
  types?: readonly string[] | undefined;
  excludeTypes?: readonly string[] | undefined;
  fromAccountId?: string | undefined;
}

/**
 * The viewer's read-time rules, as one WHERE fragment over `notifications`: their own only;
 * nothing across a block in either direction; nothing from an account they muted with
 * notifications hidden (while the mute lasts); follow requests only while still pending. Applied
 * at read time so that a later block or mute hides what was created before it.
 */
export function shownTo(viewerId: string, now: Date): SQL {
  const from = notifications.fromAccountId;
  return and(
    eq(notifications.accountId, viewerId),
    notExists(
      sqlSelectOne(
        blocks,
        or(
          and(eq(blocks.accountId, viewerId), eq(blocks.targetAccountId, from)),
          and(eq(blocks.accountId, from), eq(blocks.targetAccountId, viewerId)),
        )!,
      ),
    ),
    notExists(
      sqlSelectOne(
        mutes,
        and(
          eq(mutes.accountId, viewerId),
          eq(mutes.targetAccountId, from),
          eq(mutes.hideNotifications, true),
          activeMute(now),
        )!,
      ),
    ),
    or(
      sql`${notifications.type} <> 'follow_request'`,
      exists(
        sqlSelectOne(
          followRequests,
          and(eq(followRequests.accountId, from), eq(followRequests.targetAccountId, viewerId))!,
        ),
      ),
    ),
  )!;
}

function sqlSelectOne(table: typeof blocks | typeof mutes | typeof followRequests, where: SQL): SQL {
  return sql`(select 1 from ${table} where ${where})`;
}

/**
 * The type and sender filters; unknown type names are ignored, as Mastodon does. Rounds-only types
 * (`correction_note`) are listed only when `types[]` names them, so Mastodon apps never meet them.
 */
export function filterSql(filter: NotificationFilter): SQL | undefined {
  const conds: SQL[] = [];
  const include = filter.types?.length ? new Set(filter.types) : null;
  const exclude = new Set(filter.excludeTypes ?? []);
  const wanted = NOTIFICATION_TYPES.filter((t) => (!include || include.has(t)) && !exclude.has(t));
  const roundsOnly = ROUNDS_ONLY_NOTIFICATION_TYPES.filter((t) => include?.has(t) && !exclude.has(t));
  if (wanted.length + roundsOnly.length === 0) conds.push(sql`false`);
  else if (wanted.length < NOTIFICATION_TYPES.length || roundsOnly.length > 0) {
    conds.push(inArray(notifications.type, [...wanted, ...roundsOnly]));
  } else conds.push(notInArray(notifications.type, [...ROUNDS_ONLY_NOTIFICATION_TYPES]));
  if (filter.fromAccountId) conds.push(eq(notifications.fromAccountId, filter.fromAccountId));
  return conds.length ? and(...conds) : undefined;
}

/** A notification with the account that caused it and, for status types, the status as shown. */
export interface HydratedNotification {
  row: NotificationRow;
  account: AccountRow;
  status: HydratedStatus | null;
}

/**
 * The status a notification shows. A reblog notification points at the reblog row (so undoing the
 * reblog removes it) but shows the reblogged status.
 */
async function displayStatusIds(
  ctx: AppContext,
  rows: readonly NotificationRow[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const reblogRowIds = rows.filter((r) => r.type === 'reblog' && r.statusId).map((r) => r.statusId!);
  const targets = reblogRowIds.length
    ? await ctx.db
        .select({ id: statuses.id, target: statuses.reblogOfId })
        .from(statuses)
        .where(inArray(statuses.id, [...new Set(reblogRowIds)]))
    : [];
  const targetOf = new Map(targets.map((t) => [t.id, t.target ?? t.id]));
  for (const r of rows) {
    if (!r.statusId) continue;
    const id = r.type === 'reblog' ? targetOf.get(r.statusId) : r.statusId;
    if (id) out.set(r.id, id);
  }
  return out;
}

/**
 * Hydrates notification rows for their recipient in bulk (senders in one query, statuses through
 * the statuses domain's `hydrateStatuses`), dropping any whose status is gone or no longer
 * visible to them. Keeps the order of `rows`.
 */
export async function hydrateNotifications(
  ctx: AppContext,
  viewerId: string,
  rows: readonly NotificationRow[],
): Promise<HydratedNotification[]> {
  if (rows.length === 0) return [];
  const senderIds = [...new Set(rows.map((r) => r.fromAccountId))];
  const [senders, shownIds] = await Promise.all([
    ctx.db.select().from(accounts).where(inArray(accounts.id, senderIds)),
    displayStatusIds(ctx, rows),
  ]);
  // A status hidden by the viewer's `notifications` filters takes its notification with it.
  const hydrated = await applyFilters(
    ctx,
    viewerId,
    'notifications',
    hydrateStatuses(ctx, [...new Set(shownIds.values())], viewerId),
  );
  const statusById = new Map(hydrated.map((h) => [h.row.id, h]));
  const accountById = new Map(senders.map((a) => [a.id, a]));
  const out: HydratedNotification[] = [];
  for (const row of rows) {
    const account = accountById.get(row.fromAccountId);
    if (!account) continue;
    const shownId = shownIds.get(row.id);
    const status = shownId ? (statusById.get(shownId) ?? null) : null;
    if (hasStatus(row.type) && !status) continue;
    out.push({ row, account, status });
  }
  return out;
}
