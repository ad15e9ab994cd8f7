import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { generateId, isId } from '../../db/ids.ts';
import {
  type FilterAction,
  type FilterContext,
  type FilterKeywordRow,
  type FilterRow,
  type FilterStatusRow,
  filterKeywords,
  filterStatuses,
  filters,
} from '../../db/schema/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { requestFilterCache } from './cache.ts';
import {
  checkContext,
  checkKeyword,
  checkTitle,
  expiryFrom,
  FILTER_KEYWORDS_PER_FILTER,
  FILTERS_PER_ACCOUNT,
} from './validate.ts';

/** One entry of `keywords_attributes[]`, as Rails' nested attributes take it. */
export interface KeywordAttributes {
  /** An existing keyword of this filter to change or remove (only when updating). */
  id?: string | undefined;
  keyword?: string | undefined;
  wholeWord?: boolean | undefined;
  /** Remove the keyword named by `id`; on a new entry, leave it out. */
  destroy?: boolean | undefined;
}

/** What a client sets on a filter; on update, undefined leaves a field as it is. */
export interface FilterInput {
  title?: string | undefined;
  context?: readonly FilterContext[] | undefined;
  action?: FilterAction | undefined;
  /** Seconds from now; null: never expires. */
  expiresIn?: number | null | undefined;
  keywords?: readonly KeywordAttributes[] | undefined;
}

/** A filter with its keywords and statuses, as the Filter entity shows it. */
export interface FilterDetail {
  filter: FilterRow;
  keywords: FilterKeywordRow[];
  statuses: FilterStatusRow[];
}

/** Mastodon's keywords match on word boundaries unless told otherwise. */
export const DEFAULT_WHOLE_WORD = true;

/** The account's filter `filterId`; NotFoundError for anyone else's, as for one that does not exist. */
export async function findOwnedFilter(db: DbOrTx, accountId: string, filterId: string): Promise<FilterRow> {
  if (!isId(filterId)) throw new NotFoundError();
  const [row] = await db
    .select()
    .from(filters)
    .where(and(eq(filters.id, filterId), eq(filters.accountId, accountId)));
  if (!row) throw new NotFoundError();
  return row;
}

/** Keywords and statuses of many filters in two queries, oldest first. */
async function withDetails(db: DbOrTx, rows: readonly FilterRow[]): Promise<FilterDetail[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [keywords, statuses] = await Promise.all([
    db
      .select()
      .from(filterKeywords)
      .where(inArray(filterKeywords.filterId, ids))
      .orderBy(asc(filterKeywords.id)),
    db
      .select()
      .from(filterStatuses)
      .where(inArray(filterStatuses.filterId, ids))
      .orderBy(asc(filterStatuses.id)),
  ]);
  return rows.map((filter) => ({
    filter,
    keywords: keywords.filter((k) => k.filterId === filter.id),
    statuses: statuses.filter((s) => s.filterId === filter.id),
  }));
}

async function detailOf(db: DbOrTx, row: FilterRow): Promise<FilterDetail> {
  const [detail] = await withDetails(db, [row]);
  return detail!;
}

/** Every filter of the account, expired ones included (clients show and renew them), oldest first. */
export async function listFilters(ctx: AppContext, accountId: string): Promise<FilterDetail[]> {
  const rows = await ctx.db
    .select()
    .from(filters)
    .where(eq(filters.accountId, accountId))
    .orderBy(asc(filters.id));
  return withDetails(ctx.db, rows);
}

/** One of the account's filters with its keywords and statuses. */
export async function getFilter(ctx: AppContext, accountId: string, filterId: string): Promise<FilterDetail> {
  return detailOf(ctx.db, await findOwnedFilter(ctx.db, accountId, filterId));
}

/**
 * Rails' `reject_if: :all_blank`: an entry with neither a keyword nor whole_word=true is ignored,
 * as is a new entry marked `_destroy`.
 */
function isIgnored(attrs: KeywordAttributes): boolean {
  const blank = (attrs.keyword ?? '').trim() === '' && attrs.wholeWord !== true;
  return attrs.id === undefined && (attrs.destroy === true || blank);
}

function field(index: number): string {
  return `keywords_attributes.${index}.keyword`;
}

interface KeywordPlan {
  create: Array<{ keyword: string; wholeWord: boolean }>;
  update: Array<{ id: string; keyword?: string; wholeWord?: boolean }>;
  destroy: string[];
}

/**
 * Checks every `keywords_attributes` entry before anything is written. An `id` must name one of
 * `existing` (a new filter has none, so any id is a 404, as in Mastodon).
 */
function planKeywords(
  attrs: readonly KeywordAttributes[],
  existing: readonly FilterKeywordRow[],
): KeywordPlan {
  const plan: KeywordPlan = { create: [], update: [], destroy: [] };
  const known = new Set(existing.map((k) => k.id));
  attrs.forEach((a, i) => {
    if (isIgnored(a)) return;
    if (a.id === undefined) {
      plan.create.push({
        keyword: checkKeyword(a.keyword, field(i)),
        wholeWord: a.wholeWord ?? DEFAULT_WHOLE_WORD,
      });
      return;
    }
    if (!known.has(a.id)) throw new NotFoundError();
    if (a.destroy) plan.destroy.push(a.id);
    else
      plan.update.push({
        id: a.id,
        ...(a.keyword !== undefined ? { keyword: checkKeyword(a.keyword, field(i)) } : {}),
        ...(a.wholeWord !== undefined ? { wholeWord: a.wholeWord } : {}),
      });
  });
  return plan;
}

/** Refuses a change that leaves a filter with more keywords than FILTER_KEYWORDS_PER_FILTER. */
export async function assertKeywordCount(tx: DbOrTx, filterId: string): Promise<void> {
  const [row] = await tx
    .select({ n: count() })
    .from(filterKeywords)
    .where(eq(filterKeywords.filterId, filterId));
  if ((row?.n ?? 0) > FILTER_KEYWORDS_PER_FILTER) {
    throw new ValidationError(
      `keywords_attributes: a filter holds at most ${FILTER_KEYWORDS_PER_FILTER} keywords`,
      'keywords_attributes',
    );
  }
}

async function applyKeywordPlan(tx: DbOrTx, filterId: string, plan: KeywordPlan, now: Date): Promise<void> {
  if (plan.destroy.length) {
    await tx
      .delete(filterKeywords)
      .where(and(eq(filterKeywords.filterId, filterId), inArray(filterKeywords.id, plan.destroy)));
  }
  for (const { id, ...set } of plan.update) {
    if (Object.keys(set).length) await tx.update(filterKeywords).set(set).where(eq(filterKeywords.id, id));
  }
  if (plan.create.length) {
    await tx
      .insert(filterKeywords)
      .values(plan.create.map((k) => ({ id: generateId(), filterId, ...k, createdAt: now })));
    await assertKeywordCount(tx, filterId);
  }
}

/** Tells the owner's live streams and caches that their filters changed. */
export function announceFiltersChanged(ctx: AppContext, accountId: string): void {
  requestFilterCache(ctx).invalidate(accountId);
  ctx.events.emit('FiltersChanged', { accountId });
}

/**
 * Creates a filter group (POST /api/v2/filters): a title, at least one context, an action
 * (warn by default) and an optional expiry, with the keywords given in one go.
 */
export async function createFilter(
  ctx: AppContext,
  accountId: string,
  input: FilterInput,
): Promise<FilterDetail> {
  const now = ctx.clock.now();
  const title = checkTitle(input.title);
  const context = checkContext(input.context);
  const expiresAt = expiryFrom(now, input.expiresIn ?? null);
  const plan = planKeywords(input.keywords ?? [], []);
  const detail = await ctx.db.transaction(async (tx) => {
    const [owned] = await tx.select({ n: count() }).from(filters).where(eq(filters.accountId, accountId));
    if ((owned?.n ?? 0) >= FILTERS_PER_ACCOUNT) {
      throw new ValidationError(
        `You have ${FILTERS_PER_ACCOUNT} filters, the most an account may keep: delete one first`,
      );
    }
    const [row] = await tx
      .insert(filters)
      .values({
        id: generateId(),
        accountId,
        title,
        context,
        action: input.action ?? 'warn',
        expiresAt,
        createdAt: now,
      })
      .returning();
    await applyKeywordPlan(tx, row!.id, plan, now);
    return detailOf(tx, row!);
  });
  announceFiltersChanged(ctx, accountId);
  return detail;
}

/**
 * Changes what is given of one of the account's filters (PUT /api/v2/filters/:id), keywords
 * included: entries with an `id` change or (`_destroy`) remove that keyword, others add one.
 */
export async function updateFilter(
  ctx: AppContext,
  accountId: string,
  filterId: string,
  input: FilterInput,
): Promise<FilterDetail> {
  const now = ctx.clock.now();
  const current = await findOwnedFilter(ctx.db, accountId, filterId);
  const changes: Partial<Pick<FilterRow, 'title' | 'context' | 'action' | 'expiresAt'>> = {};
  if (input.title !== undefined) changes.title = checkTitle(input.title);
  if (input.context !== undefined) changes.context = checkContext(input.context);
  if (input.action !== undefined) changes.action = input.action;
  if (input.expiresIn !== undefined) changes.expiresAt = expiryFrom(now, input.expiresIn);
  const existing = await ctx.db.select().from(filterKeywords).where(eq(filterKeywords.filterId, current.id));
  const plan = planKeywords(input.keywords ?? [], existing);
  const detail = await ctx.db.transaction(async (tx) => {
    const [row] = Object.keys(changes).length
      ? await tx.update(filters).set(changes).where(eq(filters.id, current.id)).returning()
      : [current];
    await applyKeywordPlan(tx, current.id, plan, now);
    return detailOf(tx, row ?? current);
  });
  announceFiltersChanged(ctx, accountId);
  return detail;
}

/** Deletes one of the account's filters with its keywords and statuses. */
export async function deleteFilter(ctx: AppContext, accountId: string, filterId: string): Promise<void> {
  const row = await findOwnedFilter(ctx.db, accountId, filterId);
  await ctx.db.delete(filters).where(eq(filters.id, row.id));
  announceFiltersChanged(ctx, accountId);
}
