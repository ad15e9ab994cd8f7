import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { statuses } from '../../db/schema/index.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import type { Page } from '../pagination.ts';
import { orderPage, pageWindow } from '../pagination.ts';
import { clampPage, getVisibleProperRow, type StatusRecord } from './lookup.ts';
import { quotePermission } from './quote-policy.ts';
import { loadViewerRelations, visibleToSql } from './visibility.ts';

/**
 * Whether `accountId` may quote `quoted` (already known to be visible to them): never a direct
 * post; others' private posts never; otherwise the quoted status' policy decides
 * ('public' anyone, 'followers' its author's followers, 'nobody' its author only).
 */
export async function checkQuotable(db: DbOrTx, accountId: string, quoted: StatusRecord): Promise<void> {
  if (quoted.visibility === 'direct') {
    throw new ValidationError('quoted_status_id: private mentions cannot be quoted', 'quoted_status_id');
  }
  if (quoted.accountId === accountId) return;
  if (quoted.visibility === 'private') {
    throw new ForbiddenError('Followers-only posts can only be quoted by their author');
  }
  const rel = await loadViewerRelations(db, accountId, [quoted.accountId], [quoted.id]);
  if (quotePermission(quoted, rel) === 'automatic') return;
  throw new ForbiddenError(
    quoted.quotePolicy === 'followers'
      ? "This post's author allows quotes from their followers only"
      : "This post's author does not allow quotes",
  );
}

/**
 * Ids of the statuses quoting `id` that the viewer may see, newest first; the quoted status must
 * be visible to the viewer (404 otherwise).
 */
export async function listQuoteIds(
  ctx: AppContext,
  viewerId: string | null,
  id: string,
  unclamped: Page,
): Promise<string[]> {
  const page = clampPage(unclamped);
  const quoted = await getVisibleProperRow(ctx.db, viewerId, id);
  const window = pageWindow(statuses.id, page);
  const rows = await ctx.db
    .select({ id: statuses.id })
    .from(statuses)
    .where(and(eq(statuses.quoteOfId, quoted.id), visibleToSql(viewerId), window.where))
    .orderBy(window.orderBy)
    .limit(page.limit);
  return orderPage(rows, page).map((r) => r.id);
}
