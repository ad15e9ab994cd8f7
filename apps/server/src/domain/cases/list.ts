import type { BloomLevel, CaseState } from '@rounds/contract';
import { and, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { type CaseRow, cases, statuses, statusTags, tags } from '../../db/schema/index.ts';
import { orderPage, type Page } from '../pagination.ts';
import { clampPage } from '../statuses/lookup.ts';
import { normalizeTag } from '../text/parse.ts';
import { notMutedOrBlocked, statusIdWindow, visibleToViewer } from '../timelines/filters.ts';
import { countContributors } from './contributions.ts';

export interface CaseFilters {
  state?: CaseState | undefined;
  /** A hashtag of the case status (with or without #). */
  tag?: string | undefined;
  bloomLevel?: BloomLevel | undefined;
  accountId?: string | undefined;
}

function filterConditions(f: CaseFilters): SQL[] {
  const where: SQL[] = [];
  if (f.state === 'open') where.push(isNull(cases.acceptedStatusId));
  if (f.state === 'solved') where.push(isNotNull(cases.acceptedStatusId));
  if (f.bloomLevel) where.push(eq(cases.bloomLevel, f.bloomLevel));
  if (f.accountId) where.push(eq(cases.accountId, f.accountId));
  const tag = f.tag?.trim().replace(/^#/, '');
  if (tag) {
    where.push(sql`exists (select 1 from ${statusTags} join ${tags} on ${tags.id} = ${statusTags.tagId}
      where ${statusTags.statusId} = ${cases.statusId} and ${tags.name} = ${normalizeTag(tag)})`);
  }
  return where;
}

/**
 * Cases the viewer may see (their case status passes the statuses domain's visibility rules; for
 * a signed-in viewer, not by accounts they mute or block), newest first, one page of the
 * Mastodon id window over case ids, filtered by state, hashtag, Bloom level and author.
 */
export async function listCases(
  db: DbOrTx,
  viewerId: string | null,
  filters: CaseFilters,
  page: Page,
  now: Date,
): Promise<CaseRow[]> {
  const p = clampPage(page);
  const window = statusIdWindow(p, cases.id);
  const rows = await db
    .select({ c: cases })
    .from(cases)
    .innerJoin(statuses, eq(statuses.id, cases.statusId))
    .where(
      and(
        visibleToViewer(viewerId),
        ...(viewerId ? [notMutedOrBlocked(viewerId, now)] : []),
        ...filterConditions(filters),
        ...window.where,
      ),
    )
    .orderBy(window.orderBy)
    .limit(p.limit);
  return orderPage(
    rows.map((r) => r.c),
    p,
  );
}

/** A case as a viewer reads it; the answer and teaching points only once revealed or for the author. */
export interface CaseView {
  row: CaseRow;
  answer: string | null;
  teachingPoints: string[] | null;
  contributorsCount: number;
}

/**
 * What each viewer may read of already-visible cases. NOTE: this is the one place the hidden
 * answer is let out: before the reveal only the author gets `answer` and `teachingPoints`.
 */
export async function describeCases(
  db: DbOrTx,
  viewerId: string | null,
  rows: readonly CaseRow[],
): Promise<CaseView[]> {
  const counts = await countContributors(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const canRead = row.revealedAt !== null || (viewerId !== null && viewerId === row.accountId);
    return {
      row,
      answer: canRead ? row.answer : null,
      teachingPoints: canRead ? row.teachingPoints : null,
      contributorsCount: counts.get(row.id) ?? 0,
    };
  });
}
