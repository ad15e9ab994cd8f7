import { GROUPABLE_NOTIFICATION_TYPES, ROUNDS_ONLY_NOTIFICATION_TYPES } from '@rounds/contract';
import { and, desc, eq, inArray, isNull, like, or } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import {
  accounts,
  blocks,
  mutes,
  type NotificationRow,
  type NotificationType,
  notifications,
} from '../../db/schema/index.ts';
import { activeMute } from '../social/relationships.ts';

/** One notification to create: `fromAccountId` did something `recipientId` should hear about. */
export interface NotificationInput {
  recipientId: string;
  fromAccountId: string;
  type: NotificationType;
  /** The row the notification points at (for a reblog: the reblog row, so undoing it removes this). */
  statusId: string | null;
  /** The status a favourite or reblog group is about, when it differs from `statusId`. */
  groupStatusId?: string | undefined;
}

const HOUR_MS = 60 * 60 * 1000;
/** As Mastodon: a group keeps absorbing new notifications for at most 12 hours from its start. */
const MAX_GROUP_SPAN_HOURS = 12;
const GROUPABLE = new Set<string>(GROUPABLE_NOTIFICATION_TYPES);
const ROUNDS_ONLY = new Set<string>(ROUNDS_ONLY_NOTIFICATION_TYPES);

/** Whether /api/v2/notifications folds notifications of this type into groups. */
export function isGroupable(type: string): boolean {
  return GROUPABLE.has(type);
}

function groupPrefix(input: NotificationInput): string {
  if (input.type === 'follow') return 'follow';
  return `${input.type}-${input.groupStatusId ?? input.statusId}`;
}

/**
 * Mastodon's group key: `<type>[-<status id>]-<hour bucket>`, reusing the recipient's previous
 * bucket for the same prefix while that group is younger than 12 hours, so a burst of favourites
 * that crosses an hour boundary stays one group. Other types get `ungrouped-<id>`.
 */
async function groupKeyFor(db: DbOrTx, input: NotificationInput, id: string, now: Date): Promise<string> {
  if (!isGroupable(input.type)) return `ungrouped-${id}`;
  const prefix = groupPrefix(input);
  let bucket = Math.floor(now.getTime() / HOUR_MS);
  const [previous] = await db
    .select({ groupKey: notifications.groupKey, createdAt: notifications.createdAt })
    .from(notifications)
    .where(and(eq(notifications.accountId, input.recipientId), like(notifications.groupKey, `${prefix}-%`)))
    .orderBy(desc(notifications.id))
    .limit(1);
  if (previous && now.getTime() - previous.createdAt.getTime() < MAX_GROUP_SPAN_HOURS * HOUR_MS) {
    const previousBucket = Number(previous.groupKey.slice(prefix.length + 1));
    if (Number.isSafeInteger(previousBucket) && bucket < previousBucket + MAX_GROUP_SPAN_HOURS) {
      bucket = previousBucket;
    }
  }
  return `${prefix}-${bucket}`;
}

const pairKey = (a: string, b: string) => `${a}:${b}`;

/**
 * The inputs a recipient should really receive: never your own actions, only local recipients,
 * nothing across a block (either direction), nothing from an account the recipient muted with
 * notifications hidden. A `status` notification is also skipped for any active mute, because a
 * muted author's posts never reach the recipient's home feed either. Four queries in all.
 */
async function deliverable(ctx: AppContext, inputs: NotificationInput[]): Promise<NotificationInput[]> {
  // As Mastodon, a poll's author hears that their own poll ended; `correction_note` comes from the
  // post's author too (domain/trust/notify.ts).
  const candidates = inputs.filter(
    (i) => i.recipientId !== i.fromAccountId || i.type === 'poll' || i.type === 'correction_note',
  );
  if (candidates.length === 0) return [];
  const recipients = [...new Set(candidates.map((i) => i.recipientId))];
  const senders = [...new Set(candidates.map((i) => i.fromAccountId))];
  const [local, blockRows, muteRows] = await Promise.all([
    ctx.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(inArray(accounts.id, recipients), isNull(accounts.domain))),
    ctx.db
      .select({ from: blocks.accountId, to: blocks.targetAccountId })
      .from(blocks)
      .where(
        or(
          and(inArray(blocks.accountId, recipients), inArray(blocks.targetAccountId, senders)),
          and(inArray(blocks.accountId, senders), inArray(blocks.targetAccountId, recipients)),
        ),
      ),
    ctx.db
      .select({ from: mutes.accountId, to: mutes.targetAccountId, hide: mutes.hideNotifications })
      .from(mutes)
      .where(
        and(
          inArray(mutes.accountId, recipients),
          inArray(mutes.targetAccountId, senders),
          activeMute(ctx.clock.now()),
        ),
      ),
  ]);
  const localIds = new Set(local.map((r) => r.id));
  const blocked = new Set(blockRows.map((b) => pairKey(b.from, b.to)));
  const muted = new Map(muteRows.map((m) => [pairKey(m.from, m.to), m.hide]));
  return candidates.filter((i) => {
    if (!localIds.has(i.recipientId)) return false;
    if (blocked.has(pairKey(i.recipientId, i.fromAccountId))) return false;
    if (blocked.has(pairKey(i.fromAccountId, i.recipientId))) return false;
    const hide = muted.get(pairKey(i.recipientId, i.fromAccountId));
    return hide === undefined || (!hide && i.type !== 'status');
  });
}

const FOREIGN_KEY_VIOLATION = '23503';

function isForeignKeyViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 3; depth++) {
    if ((e as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Creates the notifications that survive the recipients' blocks and mutes, with their group keys,
 * and emits NotificationCreated for each. Returns the rows created.
 * NOTE: handlers run after the request that caused them; when the status or an account was deleted
 * in between, the insert hits a foreign key and there is simply nothing left to notify about.
 */
export async function createNotifications(
  ctx: AppContext,
  inputs: NotificationInput[],
): Promise<NotificationRow[]> {
  const wanted = await deliverable(ctx, inputs);
  if (wanted.length === 0) return [];
  const now = ctx.clock.now();
  const rows: NotificationRow[] = [];
  for (const input of wanted) {
    const id = generateId();
    rows.push({
      id,
      accountId: input.recipientId,
      fromAccountId: input.fromAccountId,
      type: input.type,
      statusId: input.statusId,
      groupKey: await groupKeyFor(ctx.db, input, id, now),
      createdAt: now,
    });
  }
  try {
    await ctx.db.insert(notifications).values(rows);
  } catch (error) {
    if (isForeignKeyViolation(error)) return [];
    throw error;
  }
  for (const row of rows) {
    // Rounds-only types are not streamed: a Mastodon app on the stream could not show them.
    if (ROUNDS_ONLY.has(row.type)) continue;
    ctx.events.emit('NotificationCreated', { notificationId: row.id, accountId: row.accountId });
  }
  return rows;
}
