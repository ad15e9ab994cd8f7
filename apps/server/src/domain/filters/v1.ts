import { and, asc, count, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type FilterContext, type FilterRow, filterKeywords, filters } from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import { findOwnedKeyword, type OwnedKeyword } from './keywords.ts';
import { announceFiltersChanged, createFilter } from './manage.ts';
import { checkContext, checkKeyword, checkTitle, expiryFrom } from './validate.ts';

/**
 * The v1 filters API over the same tables, as Mastodon 4 maps it: a v1 filter is one keyword
 * (its id is the keyword's id, its phrase the keyword) with its filter's context and expiry;
 * `irreversible` is the `hide` action.
 */
export interface V1FilterInput {
  phrase?: string | undefined;
  context?: readonly FilterContext[] | undefined;
  irreversible?: boolean | undefined;
  wholeWord?: boolean | undefined;
  /** Seconds from now; null: never expires; undefined: unchanged (on update). */
  expiresIn?: number | null | undefined;
}

/** Every keyword of every filter of the account, as v1 filters, oldest first. */
export async function listV1Filters(ctx: AppContext, accountId: string): Promise<OwnedKeyword[]> {
  return ctx.db
    .select({ keyword: filterKeywords, filter: filters })
    .from(filterKeywords)
    .innerJoin(filters, eq(filters.id, filterKeywords.filterId))
    .where(eq(filters.accountId, accountId))
    .orderBy(asc(filterKeywords.id));
}

/** One v1 filter (a keyword) of the account. */
export async function getV1Filter(ctx: AppContext, accountId: string, id: string): Promise<OwnedKeyword> {
  return findOwnedKeyword(ctx.db, accountId, id);
}

/**
 * POST /api/v1/filters: a new filter titled with the phrase, holding the phrase as its only
 * keyword (v1 keywords match anywhere unless `whole_word` is set, as the v1 API documents).
 */
export async function createV1Filter(
  ctx: AppContext,
  accountId: string,
  input: V1FilterInput,
): Promise<OwnedKeyword> {
  const phrase = checkKeyword(input.phrase, 'phrase');
  const detail = await createFilter(ctx, accountId, {
    title: checkTitle(phrase, 'phrase'),
    context: input.context,
    action: input.irreversible ? 'hide' : 'warn',
    expiresIn: input.expiresIn ?? null,
    keywords: [{ keyword: phrase, wholeWord: input.wholeWord ?? false }],
  });
  return { keyword: detail.keywords[0]!, filter: detail.filter };
}

type FilterChanges = Partial<Pick<FilterRow, 'title' | 'context' | 'action' | 'expiresAt'>>;

function sameContext(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}

/** The filter-level changes a v1 update asks for (the title is handled with the phrase). */
function filterChangesOf(ctx: AppContext, filter: FilterRow, input: V1FilterInput): FilterChanges {
  const changes: FilterChanges = {};
  if (input.context !== undefined) {
    const context = checkContext(input.context);
    if (!sameContext(context, filter.context)) changes.context = context;
  }
  if (input.irreversible !== undefined) {
    const action = input.irreversible ? 'hide' : 'warn';
    if (action !== filter.action) changes.action = action;
  }
  if (input.expiresIn !== undefined) {
    const expiresAt = expiryFrom(ctx.clock.now(), input.expiresIn);
    if (expiresAt !== null || filter.expiresAt !== null) changes.expiresAt = expiresAt;
  }
  return changes;
}

/**
 * PUT /api/v1/filters/:id. The phrase and whole_word change the keyword (and, for a filter of one
 * keyword, its title). Context, expiry and irreversible belong to the whole filter: like Mastodon,
 * changing them on a filter with several keywords is refused rather than applied to all of them.
 */
export async function updateV1Filter(
  ctx: AppContext,
  accountId: string,
  id: string,
  input: V1FilterInput,
): Promise<OwnedKeyword> {
  const owned = await findOwnedKeyword(ctx.db, accountId, id);
  const phrase = input.phrase === undefined ? undefined : checkKeyword(input.phrase, 'phrase');
  const changes = filterChangesOf(ctx, owned.filter, input);
  const [siblings] = await ctx.db
    .select({ n: count() })
    .from(filterKeywords)
    .where(eq(filterKeywords.filterId, owned.filter.id));
  const single = (siblings?.n ?? 0) <= 1;
  if (!single && Object.keys(changes).length > 0) {
    throw new ValidationError(
      'This filter has several keywords: change its context, expiry or irreversible setting with the v2 filters API (/api/v2/filters)',
    );
  }
  if (phrase !== undefined && single) changes.title = checkTitle(phrase, 'phrase');
  const keywordSet = {
    ...(phrase !== undefined ? { keyword: phrase } : {}),
    ...(input.wholeWord !== undefined ? { wholeWord: input.wholeWord } : {}),
  };
  const updated = await ctx.db.transaction(async (tx) => {
    const [filter] = Object.keys(changes).length
      ? await tx.update(filters).set(changes).where(eq(filters.id, owned.filter.id)).returning()
      : [owned.filter];
    const [keyword] = Object.keys(keywordSet).length
      ? await tx
          .update(filterKeywords)
          .set(keywordSet)
          .where(and(eq(filterKeywords.id, owned.keyword.id), eq(filterKeywords.filterId, owned.filter.id)))
          .returning()
      : [owned.keyword];
    return { filter: filter ?? owned.filter, keyword: keyword ?? owned.keyword };
  });
  announceFiltersChanged(ctx, accountId);
  return updated;
}
