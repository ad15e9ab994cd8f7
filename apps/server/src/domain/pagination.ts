import { and, asc, desc, gt, lt, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** Mastodon's id window. `minId` pages forward from a point; `sinceId` returns the newest after it. */
export interface Page {
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

export const DEFAULT_LIMIT = 20;

export function toPage(
  p: {
    max_id?: string | undefined;
    since_id?: string | undefined;
    min_id?: string | undefined;
    limit?: number | undefined;
  },
  max = 40,
  def = DEFAULT_LIMIT,
): Page {
  return { maxId: p.max_id, sinceId: p.since_id, minId: p.min_id, limit: Math.min(p.limit ?? def, max) };
}

/** WHERE and ORDER BY for a page over an id-like column. Results must go through `orderPage`. */
export function pageWindow(column: PgColumn, page: Page): { where: SQL | undefined; orderBy: SQL } {
  const conds: SQL[] = [];
  if (page.maxId) conds.push(lt(column, page.maxId));
  if (page.sinceId) conds.push(gt(column, page.sinceId));
  if (page.minId) conds.push(gt(column, page.minId));
  return {
    where: conds.length ? and(...conds) : undefined,
    orderBy: page.minId ? asc(column) : desc(column),
  };
}

/** Pages are always returned newest first, even when fetched oldest first for `min_id`. */
export function orderPage<T>(rows: T[], page: Page): T[] {
  return page.minId ? rows.reverse() : rows;
}
