import { and, asc, count, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId, isId } from '../../db/ids.ts';
import { type ListRepliesPolicy, type ListRow, listAccounts, lists } from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { guardText } from '../phi/gate.ts';

/** Mastodon's limits (List::TITLE_LENGTH_LIMIT, List::PER_ACCOUNT_LIMIT). */
export const LIST_TITLE_LIMIT = 256;
export const LISTS_PER_ACCOUNT = 50;

export const LIST_REPLIES_POLICIES = ['followed', 'list', 'none'] as const satisfies ListRepliesPolicy[];

export interface ListInput {
  title?: string | undefined;
  repliesPolicy?: ListRepliesPolicy | undefined;
  exclusive?: boolean | undefined;
}

/**
 * A title as stored: trimmed, present, within the limit, and through the PHI gate. Titles are
 * seen only by their owner, but they are stored text like any other.
 */
async function checkTitle(ctx: AppContext, ownerId: string, raw: string): Promise<string> {
  const title = raw.trim();
  if (title === '') throw new ValidationError("title: can't be blank", 'title');
  if (title.length > LIST_TITLE_LIMIT) {
    throw new ValidationError(`title: is too long (at most ${LIST_TITLE_LIMIT} characters)`, 'title');
  }
  const owner = await getAccount(ctx.db, ownerId);
  // NOTE: the gate has no 'list' surface; the surface only labels audit entries, and with no
  // decision (the Mastodon API has no way to send one) PHI is refused and nothing is audited.
  guardText('profile', { title }, undefined, {
    closedAudience: true,
    ownNames: [owner.displayName, owner.username],
  });
  return title;
}

/** The list `listId` if `ownerId` owns it, else null (another's list is as unknown as a missing one). */
export async function findOwnedList(db: DbOrTx, ownerId: string, listId: string): Promise<ListRow | null> {
  if (!isId(listId)) return null;
  const [row] = await db
    .select()
    .from(lists)
    .where(and(eq(lists.id, listId), eq(lists.accountId, ownerId)));
  return row ?? null;
}

/** The list `listId` of `ownerId`; NotFound when it does not exist or belongs to someone else. */
export async function getOwnedList(db: DbOrTx, ownerId: string, listId: string): Promise<ListRow> {
  const list = await findOwnedList(db, ownerId, listId);
  if (!list) throw new NotFoundError('Record not found');
  return list;
}

/** Every list `ownerId` has, oldest first (Mastodon answers them unpaged). */
export async function listOwnedLists(db: DbOrTx, ownerId: string): Promise<ListRow[]> {
  return db.select().from(lists).where(eq(lists.accountId, ownerId)).orderBy(asc(lists.id));
}

/**
 * Creates a list for `ownerId`: a title (required), which replies to show (default `list`) and
 * whether members leave the home timeline (default no). At most LISTS_PER_ACCOUNT lists each.
 */
export async function createList(ctx: AppContext, ownerId: string, input: ListInput): Promise<ListRow> {
  const title = await checkTitle(ctx, ownerId, input.title ?? '');
  const [{ n } = { n: 0 }] = await ctx.db
    .select({ n: count() })
    .from(lists)
    .where(eq(lists.accountId, ownerId));
  if (n >= LISTS_PER_ACCOUNT) {
    throw new ValidationError(`You can have at most ${LISTS_PER_ACCOUNT} lists; delete one first`);
  }
  const [row] = await ctx.db
    .insert(lists)
    .values({
      id: generateId(),
      accountId: ownerId,
      title,
      repliesPolicy: input.repliesPolicy ?? 'list',
      exclusive: input.exclusive ?? false,
      createdAt: ctx.clock.now(),
    })
    .returning();
  return row!;
}

/** Changes a list's title, replies policy or exclusivity; what is left out stays as it was. */
export async function updateList(
  ctx: AppContext,
  ownerId: string,
  listId: string,
  input: ListInput,
): Promise<ListRow> {
  const list = await getOwnedList(ctx.db, ownerId, listId);
  const changes = {
    ...(input.title !== undefined ? { title: await checkTitle(ctx, ownerId, input.title) } : {}),
    ...(input.repliesPolicy !== undefined ? { repliesPolicy: input.repliesPolicy } : {}),
    ...(input.exclusive !== undefined ? { exclusive: input.exclusive } : {}),
  };
  if (Object.keys(changes).length === 0) return list;
  const [row] = await ctx.db
    .update(lists)
    .set(changes)
    .where(and(eq(lists.id, list.id), eq(lists.accountId, ownerId)))
    .returning();
  if (!row) throw new NotFoundError('Record not found');
  return row;
}

/** Deletes a list and its memberships. NotFound for a list that is not the caller's. */
export async function deleteList(ctx: AppContext, ownerId: string, listId: string): Promise<void> {
  const list = await getOwnedList(ctx.db, ownerId, listId);
  await ctx.db.delete(lists).where(and(eq(lists.id, list.id), eq(lists.accountId, ownerId)));
}

/** The lists of `ownerId` that hold `accountId`, oldest first. NotFound for an unknown account. */
export async function listListsHolding(db: DbOrTx, ownerId: string, accountId: string): Promise<ListRow[]> {
  await getAccount(db, accountId);
  return db
    .select({ list: lists })
    .from(listAccounts)
    .innerJoin(lists, eq(lists.id, listAccounts.listId))
    .where(and(eq(listAccounts.accountId, accountId), eq(lists.accountId, ownerId)))
    .orderBy(asc(lists.id))
    .then((rows) => rows.map((r) => r.list));
}
