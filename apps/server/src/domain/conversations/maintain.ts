import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId } from '../../db/ids.ts';
import {
  accountConversations,
  accounts,
  conversationStatuses,
  mentions,
  statuses,
} from '../../db/schema/index.ts';
import { recipientsWhoCanSee } from '../notifications/index.ts';
import { canSeeRow, loadViewerRelations } from '../statuses/visibility.ts';

/** How far up a reply chain a new direct status looks for the conversation it continues. */
const MAX_CHAIN = 256;

interface ChainLink {
  id: string;
  visibility: string;
  conversationId: string | null;
}

/**
 * The reply chain from `statusId` upwards, itself first, ending at the first status that already
 * belongs to a conversation (or at the top of the chain).
 */
async function selectChainToConversation(db: DbOrTx, statusId: string): Promise<ChainLink[]> {
  const result = await db.execute(sql`
    with recursive chain (id, in_reply_to_id, visibility, depth) as (
      select s.id, s.in_reply_to_id, s.visibility, 0 from statuses s where s.id = ${statusId}
      union all
      select p.id, p.in_reply_to_id, p.visibility, c.depth + 1
      from statuses p join chain c on p.id = c.in_reply_to_id
      where c.depth < ${MAX_CHAIN}
        and not exists (select 1 from conversation_statuses m where m.status_id = c.id)
    )
    select c.id::text as id, c.visibility, m.conversation_id::text as conversation_id
    from chain c left join conversation_statuses m on m.status_id = c.id
    order by c.depth`);
  const rows = (result as { rows?: Array<Record<string, unknown>> }).rows ?? [];
  return rows.map((r) => ({
    id: String(r.id),
    visibility: String(r.visibility),
    conversationId: r.conversation_id == null ? null : String(r.conversation_id),
  }));
}

/**
 * The conversation a direct status belongs to: that of the nearest status up its reply chain which
 * has one (as Mastodon, a thread is one conversation), else a new one. Direct statuses met on the
 * way that have none yet (their own handler has not run, or they predate conversations) join too.
 */
async function claimConversation(db: DbOrTx, statusId: string, now: Date): Promise<string> {
  const chain = await selectChainToConversation(db, statusId);
  const conversationId =
    chain.find((l) => l.conversationId !== null)?.conversationId ?? generateId(now.getTime());
  const unclaimed = chain.filter((l) => l.conversationId === null && l.visibility === 'direct');
  if (unclaimed.length > 0) {
    await db
      .insert(conversationStatuses)
      .values(unclaimed.map((l) => ({ statusId: l.id, conversationId })))
      .onConflictDoNothing();
  }
  // NOTE: a concurrent handler may have claimed this status first; its answer is the one stored.
  const [own] = await db
    .select({ conversationId: conversationStatuses.conversationId })
    .from(conversationStatuses)
    .where(eq(conversationStatuses.statusId, statusId));
  return own?.conversationId ?? conversationId;
}

/** The status' author and mentioned accounts, with whether each is local. */
async function loadParticipants(db: DbOrTx, statusId: string, authorId: string) {
  return db
    .select({ id: accounts.id, domain: accounts.domain })
    .from(accounts)
    .where(
      or(
        eq(accounts.id, authorId),
        inArray(
          accounts.id,
          db.select({ id: mentions.accountId }).from(mentions).where(eq(mentions.statusId, statusId)),
        ),
      ),
    );
}

export interface ConversationUpdate {
  conversationId: string;
  /** The local accounts whose conversation row the status updated. */
  recipientIds: string[];
}

/**
 * Adds a new direct status to the conversation rows of its local participants: the author (marked
 * read) and every mentioned local account that may see it (marked unread). A row removed by its
 * owner comes back. Null when the status is not a direct post (or is already gone).
 */
export async function addStatusToConversations(
  ctx: AppContext,
  statusId: string,
): Promise<ConversationUpdate | null> {
  const [row] = await ctx.db.select().from(statuses).where(eq(statuses.id, statusId));
  if (row?.visibility !== 'direct' || row.reblogOfId !== null) return null;
  const [conversationId, people] = await Promise.all([
    claimConversation(ctx.db, row.id, ctx.clock.now()),
    loadParticipants(ctx.db, row.id, row.accountId),
  ]);
  const participantIds = people.map((p) => p.id);
  const mentionedLocal = people.filter((p) => p.domain === null && p.id !== row.accountId).map((p) => p.id);
  const visible = await recipientsWhoCanSee(ctx, row, mentionedLocal);
  const authorIsLocal = people.some((p) => p.id === row.accountId && p.domain === null);
  const recipientIds = [
    ...(authorIsLocal ? [row.accountId] : []),
    ...mentionedLocal.filter((id) => visible.has(id)),
  ];
  if (recipientIds.length === 0) return { conversationId, recipientIds };
  const t = accountConversations;
  await ctx.db
    .insert(t)
    .values(
      recipientIds.map((id) => ({
        accountId: id,
        conversationId,
        lastStatusId: row.id,
        participantAccountIds: participantIds.filter((p) => p !== id),
        unread: id !== row.accountId,
      })),
    )
    .onConflictDoUpdate({
      target: [t.accountId, t.conversationId],
      // NOTE: handlers of two messages may finish in either order: the newest status wins.
      set: {
        lastStatusId: sql`greatest(${t.lastStatusId}, excluded.last_status_id)`,
        unread: sql`case when excluded.last_status_id >= ${t.lastStatusId} then excluded.unread else ${t.unread} end`,
        participantAccountIds: sql`(select coalesce(jsonb_agg(distinct p.id), '[]'::jsonb) from jsonb_array_elements_text(${t.participantAccountIds} || excluded.participant_account_ids) as p(id))`,
      },
    });
  return { conversationId, recipientIds };
}

/**
 * After a status left `conversationId`, each remaining row points at the newest status of the
 * conversation its owner may still see, with the participants of those statuses; a row with none
 * left goes. Rows removed by their owners stay removed.
 */
async function refreshConversation(ctx: AppContext, conversationId: string): Promise<void> {
  const t = accountConversations;
  const rows = await ctx.db
    .select({ accountId: t.accountId, lastStatusId: t.lastStatusId })
    .from(t)
    .where(eq(t.conversationId, conversationId));
  if (rows.length === 0) return;
  const members = await ctx.db
    .select({
      id: statuses.id,
      accountId: statuses.accountId,
      visibility: statuses.visibility,
      reblogOfId: statuses.reblogOfId,
    })
    .from(conversationStatuses)
    .innerJoin(statuses, eq(statuses.id, conversationStatuses.statusId))
    .where(eq(conversationStatuses.conversationId, conversationId))
    .orderBy(desc(statuses.id));
  const memberIds = members.map((m) => m.id);
  const mentionRows = memberIds.length
    ? await ctx.db
        .select({ statusId: mentions.statusId, accountId: mentions.accountId })
        .from(mentions)
        .where(inArray(mentions.statusId, memberIds))
    : [];
  for (const owner of rows) {
    const rel = await loadViewerRelations(
      ctx.db,
      owner.accountId,
      members.map((m) => m.accountId),
      memberIds,
    );
    const seen = members.filter((m) => canSeeRow(m, rel));
    // NOTE: only if nothing moved the row meanwhile (a new message's handler wins over this one).
    const unchanged = and(
      eq(t.accountId, owner.accountId),
      eq(t.conversationId, conversationId),
      eq(t.lastStatusId, owner.lastStatusId),
    );
    const newest = seen[0];
    if (!newest) {
      await ctx.db.delete(t).where(unchanged);
      continue;
    }
    const seenIds = new Set(seen.map((m) => m.id));
    const participants = new Set([
      ...seen.map((m) => m.accountId),
      ...mentionRows.filter((m) => seenIds.has(m.statusId)).map((m) => m.accountId),
    ]);
    participants.delete(owner.accountId);
    await ctx.db
      .update(t)
      .set({ lastStatusId: newest.id, participantAccountIds: [...participants] })
      .where(unchanged);
  }
}

/** A deleted status leaves its conversation; the rows that showed it fall back to an earlier one. */
export async function removeStatusFromConversations(ctx: AppContext, statusId: string): Promise<void> {
  const [gone] = await ctx.db
    .delete(conversationStatuses)
    .where(eq(conversationStatuses.statusId, statusId))
    .returning({ conversationId: conversationStatuses.conversationId });
  if (gone) await refreshConversation(ctx, gone.conversationId);
}
