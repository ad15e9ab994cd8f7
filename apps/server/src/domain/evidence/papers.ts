import { and, eq, gte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { statuses, statusReferences } from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import { orderPage, type Page } from '../pagination.ts';
import { notMutedOrBlocked, statusIdWindow, visibleToViewer } from '../timelines/filters.ts';
import { normalizeDoi, referenceUrl } from './normalize.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
export const PAPER_HISTORY_DAYS = 7;
export const PAPER_HISTORY_WEEKS = 12;

/** One period of citations, in Mastodon's Tag history shape (numbers as strings). */
export interface CitationPeriod {
  /** UNIX time of the UTC midnight the period starts. */
  day: string;
  uses: string;
  accounts: string;
}

export interface PaperCitations {
  doi: string;
  url: string;
  /** This page's citing status ids, newest first. */
  ids: string[];
  /** Citing statuses the viewer may see, all time. */
  count: number;
  /** Per UTC day, the last 7 days, today first. */
  history: CitationPeriod[];
  /** Per week (Monday to Sunday, UTC), the last 12 weeks, this week first. */
  weeklyHistory: CitationPeriod[];
}

/** The DOI in a paper page's path, in normal form, or a 422 naming `doi`. */
export function parsePaperDoi(raw: string): string {
  const doi = normalizeDoi(raw);
  if (!doi) {
    throw new ValidationError(
      'doi: is not a DOI (write 10.<registrant>/<suffix>, URL-encoded, e.g. 10.1056%2Fnejmoa2034577)',
      'doi',
    );
  }
  return doi;
}

/**
 * Statuses that cite `doi` and that the viewer may see: the statuses domain's visibility rules
 * (a followers-only post only for followers, blocks either way), and for a signed-in viewer not
 * by an account they mute, as on hashtag pages. The listing, the count and the history all use
 * this one condition, so the count is what the viewer could page through.
 */
function citing(doi: string, viewerId: string | null, now: Date): SQL {
  return and(
    eq(statusReferences.kind, 'doi'),
    eq(statusReferences.value, doi),
    visibleToViewer(viewerId),
    ...(viewerId ? [notMutedOrBlocked(viewerId, now)] : []),
  )!;
}

function utcMidnight(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** The UTC midnight of the Monday starting the week of `ms`. */
function weekStart(ms: number): number {
  const day = utcMidnight(ms);
  // 1970-01-01 was a Thursday: days since the epoch + 3, mod 7, counts days since Monday.
  return day - ((day / DAY_MS + 3) % 7) * DAY_MS;
}

function periods(
  starts: number[],
  rows: ReadonlyArray<{ day: number; accountId: string; uses: number }>,
  periodOf: (dayMs: number) => number,
): CitationPeriod[] {
  const uses = new Map<number, number>();
  const accounts = new Map<number, Set<string>>();
  for (const r of rows) {
    const p = periodOf(r.day);
    uses.set(p, (uses.get(p) ?? 0) + r.uses);
    const set = accounts.get(p) ?? new Set<string>();
    set.add(r.accountId);
    accounts.set(p, set);
  }
  return starts.map((p) => ({
    day: String(p / 1000),
    uses: String(uses.get(p) ?? 0),
    accounts: String(accounts.get(p)?.size ?? 0),
  }));
}

/**
 * The paper page for `rawDoi` (any DOI form; 422 naming `doi` otherwise): one page of the citing
 * statuses the viewer may see, newest first (`page` as the Mastodon list endpoints), how many
 * there are, and how many were posted per day and per week lately, with how many accounts posted
 * them (altmetrics). Three queries whatever the page size; a DOI nobody cited answers zeros.
 */
export async function listPaperCitations(
  db: DbOrTx,
  viewerId: string | null,
  rawDoi: string,
  page: Page,
  now: Date,
): Promise<PaperCitations> {
  const doi = parsePaperDoi(rawDoi);
  const where = citing(doi, viewerId, now);
  const window = statusIdWindow(page, statusReferences.statusId);
  const rows = await db
    .select({ id: statusReferences.statusId })
    .from(statusReferences)
    .innerJoin(statuses, eq(statuses.id, statusReferences.statusId))
    .where(and(where, ...window.where))
    .orderBy(window.orderBy)
    .limit(page.limit);
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(statusReferences)
    .innerJoin(statuses, eq(statuses.id, statusReferences.statusId))
    .where(where);

  const thisWeek = weekStart(now.getTime());
  const weekStarts = Array.from({ length: PAPER_HISTORY_WEEKS }, (_, i) => thisWeek - i * 7 * DAY_MS);
  const today = utcMidnight(now.getTime());
  const dayStarts = Array.from({ length: PAPER_HISTORY_DAYS }, (_, i) => today - i * DAY_MS);
  const since = new Date(Math.min(weekStarts.at(-1)!, dayStarts.at(-1)!));
  const dayExpr = sql`(floor(extract(epoch from ${statuses.createdAt}) / 86400)::bigint * 86400000)`;
  const perDay = await db
    .select({
      day: sql<number>`${dayExpr}`.mapWith(Number),
      accountId: sql<string>`${statuses.accountId}::text`,
      uses: sql<number>`count(*)::int`,
    })
    .from(statusReferences)
    .innerJoin(statuses, eq(statuses.id, statusReferences.statusId))
    .where(and(where, gte(statuses.createdAt, since)))
    .groupBy(dayExpr, statuses.accountId);

  return {
    doi,
    url: referenceUrl({ kind: 'doi', value: doi }),
    ids: orderPage(
      rows.map((r) => r.id),
      page,
    ),
    count: total?.n ?? 0,
    history: periods(dayStarts, perDay, (d) => d),
    weeklyHistory: periods(weekStarts, perDay, weekStart),
  };
}
