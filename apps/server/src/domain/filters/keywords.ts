import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId, isId } from '../../db/ids.ts';
import { type FilterKeywordRow, type FilterRow, filterKeywords, filters } from '../../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { announceFiltersChanged, assertKeywordCount, DEFAULT_WHOLE_WORD, findOwnedFilter } from './manage.ts';
import { checkKeyword } from './validate.ts';

/** A keyword with the filter it belongs to. */
export interface OwnedKeyword {
  keyword: FilterKeywordRow;
  filter: FilterRow;
}

/** The account's keyword `keywordId`; NotFoundError for anyone else's, as for one that does not exist. */
export async function findOwnedKeyword(
  db: DbOrTx,
  accountId: string,
  keywordId: string,
): Promise<OwnedKeyword> {
  if (!isId(keywordId)) throw new NotFoundError();
  const [row] = await db
    .select({ keyword: filterKeywords, filter: filters })
    .from(filterKeywords)
    .innerJoin(filters, eq(filters.id, filterKeywords.filterId))
    .where(and(eq(filterKeywords.id, keywordId), eq(filters.accountId, accountId)));
  if (!row) throw new NotFoundError();
  return row;
}

/** The keywords of one of the account's filters, oldest first. */
export async function listFilterKeywords(
  ctx: AppContext,
  accountId: string,
  filterId: string,
): Promise<FilterKeywordRow[]> {
  const filter = await findOwnedFilter(ctx.db, accountId, filterId);
  return ctx.db
    .select()
    .from(filterKeywords)
    .where(eq(filterKeywords.filterId, filter.id))
    .orderBy(asc(filterKeywords.id));
}

/** Adds a keyword to one of the account's filters (whole-word unless told otherwise, as Mastodon). */
export async function addFilterKeyword(
  ctx: AppContext,
  accountId: string,
  filterId: string,
  input: { keyword?: string | undefined; wholeWord?: boolean | undefined },
): Promise<FilterKeywordRow> {
  const filter = await findOwnedFilter(ctx.db, accountId, filterId);
  const keyword = checkKeyword(input.keyword);
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(filterKeywords)
      .values({
        id: generateId(),
        filterId: filter.id,
        keyword,
        wholeWord: input.wholeWord ?? DEFAULT_WHOLE_WORD,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await assertKeywordCount(tx, filter.id);
    return inserted;
  });
  announceFiltersChanged(ctx, accountId);
  return row!;
}

/** One of the account's keywords. */
export async function getFilterKeyword(
  ctx: AppContext,
  accountId: string,
  keywordId: string,
): Promise<FilterKeywordRow> {
  return (await findOwnedKeyword(ctx.db, accountId, keywordId)).keyword;
}

/** Changes what is given of one of the account's keywords. */
export async function updateFilterKeyword(
  ctx: AppContext,
  accountId: string,
  keywordId: string,
  input: { keyword?: string | undefined; wholeWord?: boolean | undefined },
): Promise<FilterKeywordRow> {
  const set = {
    ...(input.keyword !== undefined ? { keyword: checkKeyword(input.keyword) } : {}),
    ...(input.wholeWord !== undefined ? { wholeWord: input.wholeWord } : {}),
  };
  const { keyword } = await findOwnedKeyword(ctx.db, accountId, keywordId);
  if (Object.keys(set).length === 0) return keyword;
  const [row] = await ctx.db
    .update(filterKeywords)
    .set(set)
    .where(eq(filterKeywords.id, keyword.id))
    .returning();
  announceFiltersChanged(ctx, accountId);
  return row ?? keyword;
}

/** Removes one of the account's keywords; its filter stays (with its other keywords and statuses). */
export async function deleteFilterKeyword(
  ctx: AppContext,
  accountId: string,
  keywordId: string,
): Promise<void> {
  const { keyword } = await findOwnedKeyword(ctx.db, accountId, keywordId);
  await ctx.db.delete(filterKeywords).where(eq(filterKeywords.id, keyword.id));
  announceFiltersChanged(ctx, accountId);
}
