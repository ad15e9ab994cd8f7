import { and, eq, inArray, ne, or } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import {
  accounts,
  blocks,
  follows,
  mentions,
  notifications,
  type StatusRow,
  statuses,
} from '../../db/schema/index.ts';
import type { DomainEvents } from '../events.ts';
import { notifyPollEnded } from '../polls/notify.ts';
import { canSeeRow } from '../statuses/visibility.ts';
import { notifyCorrectionShown } from '../trust/notify.ts';
import { createNotifications, type NotificationInput } from './create.ts';

async function findStatus(ctx: AppContext, id: string): Promise<StatusRow | null> {
  const [row] = await ctx.db.select().from(statuses).where(eq(statuses.id, id));
  return row ?? null;
}

/**
 * Which of `recipientIds` may see `row`, by the statuses domain's rule (`canSeeRow`), with the
 * follows, blocks and mentions between them and the author loaded in three queries in all.
 */
export async function recipientsWhoCanSee(
  ctx: AppContext,
  row: StatusRow,
  recipientIds: readonly string[],
): Promise<Set<string>> {
  const ids = [...new Set(recipientIds)];
  if (ids.length === 0) return new Set();
  const author = row.accountId;
  const [followRows, blockRows, mentionRows] = await Promise.all([
    ctx.db
      .select({ id: follows.accountId })
      .from(follows)
      .where(and(inArray(follows.accountId, ids), eq(follows.targetAccountId, author))),
    ctx.db
      .select({ from: blocks.accountId, to: blocks.targetAccountId })
      .from(blocks)
      .where(
        or(
          and(inArray(blocks.accountId, ids), eq(blocks.targetAccountId, author)),
          and(eq(blocks.accountId, author), inArray(blocks.targetAccountId, ids)),
        ),
      ),
    ctx.db
      .select({ id: mentions.accountId })
      .from(mentions)
      .where(and(eq(mentions.statusId, row.id), inArray(mentions.accountId, ids))),
  ]);
  const following = new Set(followRows.map((r) => r.id));
  const mentioned = new Set(mentionRows.map((r) => r.id));
  const blocking = new Set(blockRows.filter((b) => b.to === author).map((b) => b.from));
  const blockedBy = new Set(blockRows.filter((b) => b.from === author).map((b) => b.to));
  const visible = new Set<string>();
  for (const id of ids) {
    const isBlocking = blocking.has(id);
    const rel = {
      viewerId: id,
      following: following.has(id) ? new Set([author]) : new Set<string>(),
      blockedEither: isBlocking || blockedBy.has(id) ? new Set([author]) : new Set<string>(),
      blocking: isBlocking ? new Set([author]) : new Set<string>(),
      mentionedIn: mentioned.has(id) ? new Set([row.id]) : new Set<string>(),
    };
    if (canSeeRow(row, rel)) visible.add(id);
  }
  return visible;
}

/**
 * A new status: `mention` for every local account it mentions and `status` for followers who
 * asked to be notified (follows.notify). As Mastodon, `status` skips reblogs and replies to
 * someone else (a reply to yourself, the next post of a thread, counts), and a follower who is
 * mentioned gets only the mention. Everyone must be able to see the status.
 */
async function onStatusCreated(ctx: AppContext, e: DomainEvents['StatusCreated']): Promise<void> {
  const row = await findStatus(ctx, e.statusId);
  if (!row || row.reblogOfId !== null) return;
  const isOwnThread = row.inReplyToId === null || row.inReplyToAccountId === row.accountId;
  const [mentioned, subscribers] = await Promise.all([
    ctx.db.select({ id: mentions.accountId }).from(mentions).where(eq(mentions.statusId, row.id)),
    isOwnThread
      ? ctx.db
          .select({ id: follows.accountId })
          .from(follows)
          .where(and(eq(follows.targetAccountId, row.accountId), eq(follows.notify, true)))
      : [],
  ]);
  const mentionedIds = new Set(mentioned.map((m) => m.id));
  const subscriberIds = subscribers.map((s) => s.id).filter((id) => !mentionedIds.has(id));
  const visible = await recipientsWhoCanSee(ctx, row, [...mentionedIds, ...subscriberIds]);
  const inputs: NotificationInput[] = [
    ...[...mentionedIds].map((id) => ({ recipientId: id, type: 'mention' as const })),
    ...subscriberIds.map((id) => ({ recipientId: id, type: 'status' as const })),
  ]
    .filter((i) => visible.has(i.recipientId))
    .map((i) => ({ ...i, fromAccountId: row.accountId, statusId: row.id }));
  await createNotifications(ctx, inputs);
}

/**
 * An edit: `update` to everyone who reblogged the status and `quoted_update` (pointing at their
 * own quote) to everyone who quoted it, as Mastodon. Saves that changed nothing visible
 * (no edited_at) notify no one.
 */
async function onStatusUpdated(ctx: AppContext, e: DomainEvents['StatusUpdated']): Promise<void> {
  const row = await findStatus(ctx, e.statusId);
  if (!row || row.editedAt === null || row.reblogOfId !== null) return;
  const [rebloggers, quotes] = await Promise.all([
    ctx.db
      .select({ accountId: statuses.accountId })
      .from(statuses)
      .where(and(eq(statuses.reblogOfId, row.id), ne(statuses.accountId, row.accountId))),
    ctx.db
      .select({ id: statuses.id, accountId: statuses.accountId })
      .from(statuses)
      .where(and(eq(statuses.quoteOfId, row.id), ne(statuses.accountId, row.accountId))),
  ]);
  const visible = await recipientsWhoCanSee(
    ctx,
    row,
    rebloggers.map((r) => r.accountId),
  );
  await createNotifications(ctx, [
    ...rebloggers
      .filter((r) => visible.has(r.accountId))
      .map((r) => ({
        recipientId: r.accountId,
        fromAccountId: row.accountId,
        type: 'update' as const,
        statusId: row.id,
      })),
    ...quotes.map((q) => ({
      recipientId: q.accountId,
      fromAccountId: row.accountId,
      type: 'quoted_update' as const,
      statusId: q.id,
    })),
  ]);
}

async function onFavourited(ctx: AppContext, e: DomainEvents['StatusFavourited']): Promise<void> {
  const row = await findStatus(ctx, e.statusId);
  if (!row) return;
  await createNotifications(ctx, [
    { recipientId: row.accountId, fromAccountId: e.accountId, type: 'favourite', statusId: row.id },
  ]);
}

async function onReblogged(ctx: AppContext, e: DomainEvents['StatusReblogged']): Promise<void> {
  const row = await findStatus(ctx, e.statusId);
  if (!row) return;
  await createNotifications(ctx, [
    {
      recipientId: row.accountId,
      fromAccountId: e.accountId,
      type: 'reblog',
      statusId: e.reblogId,
      groupStatusId: row.id,
    },
  ]);
}

/** `quote` to the quoted author, pointing at the new post that quotes them (if they may see it). */
async function onQuoted(ctx: AppContext, e: DomainEvents['StatusQuoted']): Promise<void> {
  const [quoted, quote] = await Promise.all([findStatus(ctx, e.statusId), findStatus(ctx, e.quoteId)]);
  if (!quoted || !quote) return;
  const visible = await recipientsWhoCanSee(ctx, quote, [quoted.accountId]);
  if (!visible.has(quoted.accountId)) return;
  await createNotifications(ctx, [
    { recipientId: quoted.accountId, fromAccountId: e.accountId, type: 'quote', statusId: quote.id },
  ]);
}

/**
 * `follow`, except when the follow is an accepted request (the account is locked and had a request
 * notification from them): the recipient already saw the request and, as in Mastodon, where the
 * notification goes with the request, it is removed. Stale request notifications are cleared too.
 */
async function onFollowed(ctx: AppContext, e: DomainEvents['AccountFollowed']): Promise<void> {
  const [target] = await ctx.db
    .select({ locked: accounts.locked })
    .from(accounts)
    .where(eq(accounts.id, e.targetAccountId));
  if (!target) return;
  const requests = await ctx.db
    .delete(notifications)
    .where(
      and(
        eq(notifications.accountId, e.targetAccountId),
        eq(notifications.fromAccountId, e.accountId),
        eq(notifications.type, 'follow_request'),
      ),
    )
    .returning({ id: notifications.id });
  if (target.locked && requests.length > 0) return;
  await createNotifications(ctx, [
    { recipientId: e.targetAccountId, fromAccountId: e.accountId, type: 'follow', statusId: null },
  ]);
}

async function onFollowRequested(ctx: AppContext, e: DomainEvents['FollowRequested']): Promise<void> {
  await createNotifications(ctx, [
    { recipientId: e.targetAccountId, fromAccountId: e.accountId, type: 'follow_request', statusId: null },
  ]);
}

/** As Mastodon: blocking someone deletes the notifications they caused you; unblocking brings none back. */
async function onBlocked(ctx: AppContext, e: DomainEvents['AccountBlocked']): Promise<void> {
  await ctx.db
    .delete(notifications)
    .where(and(eq(notifications.accountId, e.accountId), eq(notifications.fromAccountId, e.targetAccountId)));
}

/**
 * Runs tasks one after another, in the order they were queued; a failed task does not stop the
 * ones after it (its error still reaches the caller, and so the event bus's error log).
 */
function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * Registers the handlers that turn domain events into notifications. Call once where the context
 * is built; returns a function that unregisters them.
 * NOTE: the handlers run one at a time, in event order. A notification's id is minted when it is
 * stored, and ids are what lists sort by: run concurrently, a slow handler could number a favourite
 * after the reblog that came later, and people would see their notifications out of order.
 */
export function subscribeNotifications(ctx: AppContext): () => void {
  const inOrder = serialQueue();
  const off = [
    ctx.events.on('StatusCreated', (e) => inOrder(() => onStatusCreated(ctx, e))),
    ctx.events.on('StatusUpdated', (e) => inOrder(() => onStatusUpdated(ctx, e))),
    ctx.events.on('StatusFavourited', (e) => inOrder(() => onFavourited(ctx, e))),
    ctx.events.on('StatusReblogged', (e) => inOrder(() => onReblogged(ctx, e))),
    ctx.events.on('StatusQuoted', (e) => inOrder(() => onQuoted(ctx, e))),
    ctx.events.on('PollEnded', (e) => inOrder(() => notifyPollEnded(ctx, e))),
    ctx.events.on('CorrectionNoteShown', (e) => inOrder(() => notifyCorrectionShown(ctx, e))),
    ctx.events.on('AccountFollowed', (e) => inOrder(() => onFollowed(ctx, e))),
    ctx.events.on('FollowRequested', (e) => inOrder(() => onFollowRequested(ctx, e))),
    ctx.events.on('AccountBlocked', (e) => inOrder(() => onBlocked(ctx, e))),
  ];
  return () => {
    for (const unsubscribe of off) unsubscribe();
  };
}
