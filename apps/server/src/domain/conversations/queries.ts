import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { isId } from '../../db/ids.ts';
import {
  type AccountConversationRow,
  type AccountRow,
  accountConversations,
  blocks,
} from '../../db/schema/index.ts';
import { listAccountsByIds } from '../accounts/index.ts';
import { NotFoundError } from '../errors.ts';
import { orderPage, type Page, pageWindow } from '../pagination.ts';
import { type HydratedStatus, hydrateStatuses, type Paged } from '../statuses/index.ts';
import { clampPage } from '../statuses/lookup.ts';

/** One conversation as its owner sees it. */
export interface ConversationView {
  id: string;
  unread: boolean;
  /** The other participants (the owner alone when they wrote only to themselves, as Mastodon). */
  accounts: AccountRow[];
  /** Null when the owner may no longer see it (a block since). */
  lastStatus: HydratedStatus | null;
}

const t = accountConversations;

/** The viewer's rows, except conversations with someone the viewer blocks. */
function ownedAndShown(viewerId: string): SQL {
  return and(
    eq(t.accountId, viewerId),
    sql`not exists (select 1 from ${blocks} where ${blocks.accountId} = ${viewerId} and ${t.participantAccountIds} @> jsonb_build_array(${blocks.targetAccountId}::text))`,
  )!;
}

/** Numeric order of decimal id strings (participants are listed in account id order, as Mastodon). */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Hydrates rows in bulk: one status hydration and one account load for the whole page. */
async function hydrateConversations(
  ctx: AppContext,
  viewerId: string,
  rows: AccountConversationRow[],
): Promise<ConversationView[]> {
  if (rows.length === 0) return [];
  const [hydrated, people] = await Promise.all([
    hydrateStatuses(
      ctx,
      rows.map((r) => r.lastStatusId),
      viewerId,
    ),
    listAccountsByIds(ctx.db, [viewerId, ...rows.flatMap((r) => r.participantAccountIds)]),
  ]);
  const statusById = new Map(hydrated.map((h) => [h.row.id, h]));
  return rows.map((r) => {
    const others = [...r.participantAccountIds].sort(compareIds).flatMap((id) => people.get(id) ?? []);
    const self = people.get(viewerId);
    // As Mastodon: a conversation with no one else (notes to oneself) lists its owner.
    const accounts = others.length === 0 && self ? [self] : others;
    return {
      id: r.conversationId,
      unread: r.unread,
      accounts,
      lastStatus: statusById.get(r.lastStatusId) ?? null,
    };
  });
}

/**
 * The viewer's conversations, the one with the newest message first; pages (and cursors) go by the
 * id of each conversation's last status, as in Mastodon.
 */
export async function listConversations(
  ctx: AppContext,
  viewerId: string,
  unclamped: Page,
): Promise<Paged<ConversationView>> {
  const page = clampPage(unclamped);
  const window = pageWindow(t.lastStatusId, page);
  const rows = await ctx.db
    .select()
    .from(t)
    .where(and(ownedAndShown(viewerId), window.where))
    .orderBy(window.orderBy)
    .limit(page.limit);
  const ordered = orderPage(rows, page);
  return {
    items: await hydrateConversations(ctx, viewerId, ordered),
    cursors: ordered.map((r) => r.lastStatusId),
  };
}

function rowFilter(viewerId: string, id: string): SQL {
  if (!isId(id)) throw new NotFoundError();
  return and(ownedAndShown(viewerId), eq(t.conversationId, id))!;
}

/** One of the viewer's conversations; someone else's (or an unknown id) is not found. */
export async function getConversation(
  ctx: AppContext,
  viewerId: string,
  id: string,
): Promise<ConversationView> {
  const rows = await ctx.db.select().from(t).where(rowFilter(viewerId, id));
  const [view] = await hydrateConversations(ctx, viewerId, rows);
  if (!view) throw new NotFoundError();
  return view;
}

async function setConversationUnread(
  ctx: AppContext,
  viewerId: string,
  id: string,
  unread: boolean,
): Promise<ConversationView> {
  const rows = await ctx.db.update(t).set({ unread }).where(rowFilter(viewerId, id)).returning();
  const [view] = await hydrateConversations(ctx, viewerId, rows);
  if (!view) throw new NotFoundError();
  return view;
}

/** Marks one of the viewer's conversations read and returns it. */
export function markConversationRead(
  ctx: AppContext,
  viewerId: string,
  id: string,
): Promise<ConversationView> {
  return setConversationUnread(ctx, viewerId, id, false);
}

/** Marks one of the viewer's conversations unread again (Mastodon 4.2+) and returns it. */
export function markConversationUnread(
  ctx: AppContext,
  viewerId: string,
  id: string,
): Promise<ConversationView> {
  return setConversationUnread(ctx, viewerId, id, true);
}

/**
 * Removes a conversation from the viewer's list only; the other participants keep theirs, and a
 * new message in it brings it back.
 */
export async function removeConversation(ctx: AppContext, viewerId: string, id: string): Promise<void> {
  const removed = await ctx.db.delete(t).where(rowFilter(viewerId, id)).returning({ id: t.conversationId });
  if (removed.length === 0) throw new NotFoundError();
}
