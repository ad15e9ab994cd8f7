import { GROUPABLE_NOTIFICATION_TYPES } from '@rounds/contract';
import { and, count, eq, gt, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { isId } from '../../db/ids.ts';
import {
  type AccountRow,
  accounts,
  type NotificationRow,
  type NotificationType,
  notifications,
} from '../../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import type { Page } from '../pagination.ts';
import type { HydratedStatus } from '../statuses/hydrate.ts';
import type { NotificationPage } from './queries.ts';
import { unreadSql } from './queries.ts';
import { filterSql, hydrateNotifications, type NotificationFilter, shownTo } from './read.ts';

/** As Mastodon: a group shows the accounts behind its 8 most recent notifications. */
export const SAMPLE_ACCOUNTS_SIZE = 8;

export interface GroupFilter extends NotificationFilter {
  /** Types the client can show grouped; others come back one per group (`ungrouped-<id>`). */
  groupedTypes?: readonly string[] | undefined;
}

/** One notification group as /api/v2/notifications shows it. */
export interface NotificationGroupItem {
  groupKey: string;
  type: NotificationType;
  notificationsCount: number;
  mostRecentNotificationId: string;
  sampleAccountIds: string[];
  /** The status the group is about, for status types. */
  statusId: string | null;
  /** Only when listing: the group's extent within the current page. */
  page: { minId: string; maxId: string; latestAt: Date } | null;
}

export interface GroupedNotifications extends NotificationPage<NotificationGroupItem> {
  accounts: AccountRow[];
  statuses: HydratedStatus[];
}

/**
 * The group key as the client asked for it: the stored key for types it groups, else
 * `ungrouped-<id>`. Types are a fixed vocabulary, never user text.
 */
function groupKeySql(groupedTypes: readonly string[] | undefined): SQL<string> {
  const types = GROUPABLE_NOTIFICATION_TYPES.filter((t) => !groupedTypes?.length || groupedTypes.includes(t));
  if (types.length === 0) return sql<string>`('ungrouped-' || ${notifications.id})`;
  const list = sql.join(
    types.map((t) => sql`${t}`),
    sql`, `,
  );
  return sql<string>`(case when ${notifications.type} in (${list}) then ${notifications.groupKey} else 'ungrouped-' || ${notifications.id} end)`;
}

const byIdDesc = (a: string, b: string) => (BigInt(a) < BigInt(b) ? 1 : BigInt(a) > BigInt(b) ? -1 : 0);

/**
 * Everything a page of groups shows, in bulk whatever its size: per group (under the viewer's
 * rules, up to the newest representative `hi`) the count, newest id and oldest id from `lo` on;
 * the newest distinct senders; the accounts and statuses side-loaded. Groups whose status the
 * viewer may no longer see are dropped.
 */
async function describeGroups(
  ctx: AppContext,
  viewerId: string,
  keyExpr: SQL<string>,
  reps: Array<{ key: string; row: NotificationRow }>,
  paginated: boolean,
): Promise<Omit<GroupedNotifications, 'cursors'>> {
  if (reps.length === 0) return { items: [], accounts: [], statuses: [] };
  const ids = reps.map((r) => r.row.id).sort(byIdDesc);
  const hi = ids[0]!;
  const lo = ids[ids.length - 1]!;
  const keys = reps.map((r) => r.key);
  const members = ctx.db
    .select({
      key: keyExpr.as('gkey'),
      id: notifications.id,
      from: notifications.fromAccountId,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(and(shownTo(viewerId, ctx.clock.now()), lte(notifications.id, hi), inArray(keyExpr, keys)))
    .as('members');
  const senders = ctx.db
    .select({
      key: members.key,
      from: members.from,
      rank: sql<number>`row_number() over (partition by ${members.key} order by max(${members.id}) desc)`.as(
        'rank',
      ),
    })
    .from(members)
    .groupBy(members.key, members.from)
    .as('senders');
  const [stats, samples, hydrated] = await Promise.all([
    ctx.db
      .select({
        key: members.key,
        total: count(),
        newest: sql<string>`max(${members.id})`.mapWith(notifications.id),
        oldestInPage: sql<string | null>`min(${members.id}) filter (where ${members.id} >= ${lo})`.mapWith(
          notifications.id,
        ),
        latestAt: sql<Date>`max(${members.createdAt})`.mapWith(notifications.createdAt),
      })
      .from(members)
      .groupBy(members.key),
    ctx.db
      .select({ key: senders.key, from: senders.from })
      .from(senders)
      .where(lte(senders.rank, SAMPLE_ACCOUNTS_SIZE))
      .orderBy(senders.key, senders.rank),
    hydrateNotifications(
      ctx,
      viewerId,
      reps.map((r) => r.row),
    ),
  ]);
  const statsByKey = new Map(stats.map((s) => [s.key, s]));
  const samplesByKey = new Map<string, string[]>();
  for (const s of samples) samplesByKey.set(s.key, [...(samplesByKey.get(s.key) ?? []), s.from]);
  const shown = new Map(hydrated.map((h) => [h.row.id, h]));

  const items: NotificationGroupItem[] = [];
  const statusesById = new Map<string, HydratedStatus>();
  const accountIds = new Set<string>();
  for (const { key, row } of reps) {
    const h = shown.get(row.id);
    const s = statsByKey.get(key);
    if (!h || !s) continue;
    const sampleAccountIds = samplesByKey.get(key) ?? [row.fromAccountId];
    for (const id of sampleAccountIds) accountIds.add(id);
    if (h.status) statusesById.set(h.status.row.id, h.status);
    items.push({
      groupKey: key,
      type: row.type,
      notificationsCount: s.total,
      mostRecentNotificationId: s.newest,
      sampleAccountIds,
      statusId: h.status?.row.id ?? null,
      page: paginated ? { minId: s.oldestInPage ?? row.id, maxId: s.newest, latestAt: s.latestAt } : null,
    });
  }
  const accountRows = accountIds.size
    ? await ctx.db
        .select()
        .from(accounts)
        .where(inArray(accounts.id, [...accountIds]))
    : [];
  return { items, accounts: accountRows, statuses: [...statusesById.values()] };
}

async function loadRows(ctx: AppContext, ids: string[]): Promise<Map<string, NotificationRow>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.select().from(notifications).where(inArray(notifications.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The viewer's notifications folded into groups, newest group first (GET /api/v2/notifications).
 * A page holds `limit` groups; each is represented by its newest notification inside the id
 * window (its oldest after `min_id` when paging forward), as Mastodon's recursive query does, which
 * comes down to grouping the window and ordering groups by that representative.
 */
export async function listNotificationGroups(
  ctx: AppContext,
  viewerId: string,
  filter: GroupFilter,
  page: Page,
): Promise<GroupedNotifications> {
  const keyExpr = groupKeySql(filter.groupedTypes);
  const forward = Boolean(page.minId);
  const window: SQL[] = [];
  if (page.maxId) window.push(lt(notifications.id, page.maxId));
  if (page.sinceId) window.push(gt(notifications.id, page.sinceId));
  if (page.minId) window.push(gt(notifications.id, page.minId));
  const rep = forward ? sql`min(${notifications.id})` : sql`max(${notifications.id})`;
  const picked = await ctx.db
    .select({ key: keyExpr, id: rep.mapWith(notifications.id) })
    .from(notifications)
    .where(and(shownTo(viewerId, ctx.clock.now()), filterSql(filter), ...window))
    .groupBy(sql`1`)
    .orderBy(forward ? sql`2 asc` : sql`2 desc`)
    .limit(page.limit);
  const ordered = forward ? picked.reverse() : picked;
  const rows = await loadRows(
    ctx,
    ordered.map((p) => p.id),
  );
  const reps = ordered.flatMap((p) => {
    const row = rows.get(p.id);
    return row ? [{ key: p.key, row }] : [];
  });
  const described = await describeGroups(ctx, viewerId, keyExpr, reps, true);
  return { ...described, cursors: ordered.map((p) => p.id) };
}

/** Which notifications a group key names: `ungrouped-<id>` is one notification, else the key. */
function keyCondition(groupKey: string): { where: SQL; keyExpr: SQL<string> } | null {
  if (groupKey.startsWith('ungrouped-')) {
    const id = groupKey.slice('ungrouped-'.length);
    if (!isId(id)) return null;
    return { where: eq(notifications.id, id), keyExpr: groupKeySql([]) };
  }
  return { where: eq(notifications.groupKey, groupKey), keyExpr: groupKeySql(undefined) };
}

/** One of the viewer's notification groups (GET /api/v2/notifications/:group_key); NotFound otherwise. */
export async function getNotificationGroup(
  ctx: AppContext,
  viewerId: string,
  groupKey: string,
): Promise<Omit<GroupedNotifications, 'cursors'>> {
  const cond = keyCondition(groupKey);
  if (!cond) throw new NotFoundError();
  const [row] = await ctx.db
    .select()
    .from(notifications)
    .where(and(shownTo(viewerId, ctx.clock.now()), cond.where))
    .orderBy(sql`${notifications.id} desc`)
    .limit(1);
  if (!row) throw new NotFoundError();
  const described = await describeGroups(ctx, viewerId, cond.keyExpr, [{ key: groupKey, row }], false);
  if (described.items.length === 0) throw new NotFoundError();
  return described;
}

/** Every account in one of the viewer's groups, most recent first (at most `limit`). */
export async function listNotificationGroupAccounts(
  ctx: AppContext,
  viewerId: string,
  groupKey: string,
  limit: number,
): Promise<AccountRow[]> {
  const cond = keyCondition(groupKey);
  if (!cond) throw new NotFoundError();
  const senders = await ctx.db
    .select({ id: notifications.fromAccountId, last: sql`max(${notifications.id})` })
    .from(notifications)
    .where(and(shownTo(viewerId, ctx.clock.now()), cond.where))
    .groupBy(notifications.fromAccountId)
    .orderBy(sql`2 desc`)
    .limit(limit);
  if (senders.length === 0) throw new NotFoundError();
  const rows = await ctx.db
    .select()
    .from(accounts)
    .where(
      inArray(
        accounts.id,
        senders.map((s) => s.id),
      ),
    );
  const byId = new Map(rows.map((a) => [a.id, a]));
  return senders.flatMap((s) => byId.get(s.id) ?? []);
}

/** Deletes every notification of one of the viewer's groups. Idempotent, as Mastodon. */
export async function dismissNotificationGroup(
  ctx: AppContext,
  viewerId: string,
  groupKey: string,
): Promise<void> {
  const cond = keyCondition(groupKey);
  if (!cond) return;
  await ctx.db.delete(notifications).where(and(eq(notifications.accountId, viewerId), cond.where));
}

/** How many groups hold unread notifications (newer than the marker), counting at most `limit`. */
export async function countUnreadNotificationGroups(
  ctx: AppContext,
  viewerId: string,
  filter: GroupFilter,
  limit: number,
): Promise<number> {
  const unread = await unreadSql(ctx, viewerId);
  const groups = ctx.db
    .select({ key: groupKeySql(filter.groupedTypes) })
    .from(notifications)
    .where(and(shownTo(viewerId, ctx.clock.now()), filterSql(filter), unread))
    .groupBy(sql`1`)
    .limit(limit)
    .as('unread_groups');
  const [row] = await ctx.db.select({ n: count() }).from(groups);
  return row?.n ?? 0;
}
