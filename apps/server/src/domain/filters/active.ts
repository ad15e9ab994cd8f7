import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import { type FilterRow, filterKeywords, filterStatuses, filters } from '../../db/schema/index.ts';
import { type CompiledKeyword, compileAny, compileKeyword } from './match.ts';

/** A filter as a FilterResult shows it (without its keywords and statuses). */
export type FilterSummary = Pick<FilterRow, 'id' | 'title' | 'context' | 'action' | 'expiresAt'>;

/** One of a viewer's filters, ready to match. */
export interface ActiveFilter {
  filter: FilterSummary;
  keywords: readonly CompiledKeyword[];
  /** All keywords as one expression, or null when the filter has none. */
  any: RegExp | null;
  statusIds: ReadonlySet<string>;
}

/** A viewer's unexpired filters, compiled once and matched against any number of statuses. */
export interface ViewerFilters {
  accountId: string;
  filters: readonly ActiveFilter[];
}

const P = { account: sql.placeholder('account'), now: sql.placeholder('now') };

/**
 * The viewer's unexpired filters with their keywords and filtered statuses, in ONE statement:
 * both branches start from `filters_account_id_idx`, so a viewer without filters costs one index
 * probe that finds nothing.
 */
function buildActiveFiltersQuery(db: DbOrTx) {
  const active = and(
    eq(filters.accountId, P.account),
    or(isNull(filters.expiresAt), gt(filters.expiresAt, P.now)),
  );
  const head = {
    id: filters.id,
    title: filters.title,
    context: filters.context,
    action: filters.action,
    expiresAt: filters.expiresAt,
  };
  return unionAll(
    db
      .select({
        ...head,
        keyword: filterKeywords.keyword,
        wholeWord: filterKeywords.wholeWord,
        statusId: sql<string | null>`null::text`,
      })
      .from(filters)
      .leftJoin(filterKeywords, eq(filterKeywords.filterId, filters.id))
      .where(active),
    db
      .select({
        ...head,
        keyword: sql<string | null>`null::text`,
        wholeWord: sql<boolean | null>`null::boolean`,
        statusId: sql<string | null>`${filterStatuses.statusId}::text`,
      })
      .from(filters)
      .innerJoin(filterStatuses, eq(filterStatuses.filterId, filters.id))
      .where(active),
  ).prepare('rounds_active_filters');
}

const prepared = new WeakMap<DbOrTx, ReturnType<typeof buildActiveFiltersQuery>>();

function activeFiltersQuery(db: DbOrTx) {
  let query = prepared.get(db);
  if (!query) {
    query = buildActiveFiltersQuery(db);
    prepared.set(db, query);
  }
  return query;
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Loads and compiles the filters of `accountId` that have not expired at `now`. Matching checks
 * expiry again, so a compiled set may be kept for a while (the streaming hub does).
 */
export async function loadViewerFilters(db: DbOrTx, accountId: string, now: Date): Promise<ViewerFilters> {
  const rows = await activeFiltersQuery(db).execute({ account: accountId, now });
  if (rows.length === 0) return { accountId, filters: [] };
  const byId = new Map<
    string,
    {
      filter: FilterSummary;
      keywords: Array<{ keyword: string; wholeWord: boolean }>;
      statusIds: Set<string>;
    }
  >();
  for (const { keyword, wholeWord, statusId, ...filter } of rows) {
    let entry = byId.get(filter.id);
    if (!entry) {
      entry = { filter, keywords: [], statusIds: new Set() };
      byId.set(filter.id, entry);
    }
    if (keyword !== null) entry.keywords.push({ keyword, wholeWord: wholeWord ?? true });
    if (statusId !== null) entry.statusIds.add(statusId);
  }
  const compiled = [...byId.values()]
    .sort((a, b) => compareIds(a.filter.id, b.filter.id))
    .map((e) => ({
      filter: e.filter,
      keywords: e.keywords.map((k) => compileKeyword(k.keyword, k.wholeWord)),
      any: compileAny(e.keywords),
      statusIds: e.statusIds,
    }));
  return { accountId, filters: compiled };
}
